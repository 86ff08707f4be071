"""What a Latin-script word says about itself as a (Russian) personal name.

- First names come from the ``gender-guesser`` package's name dictionary
  (about 45,000 given names with their frequency in some 50 countries,
  Russia, Ukraine and Belarus among them); nothing is hand-listed.
- Surnames are judged by their shape: a Russian surname suffix (-ov, -ev,
  -in, -sky, -enko, -vich, ...) on a word that the standard romanization
  systems can produce (see ``romanization.romanizable``).
- ``TITLES`` are the words that introduce a person in news text.
- ``inflection_bases`` undoes the Russian case endings MT leaves on names.

The API (``TITLES``, ``is_title``, ``is_first_name``, ``is_male_first_name``, ``is_russian_first_name``,
``russian_name_score``, ``has_surname_ending``, ``looks_like_russian_surname``, ``inflection_bases``)
is stable: other modules import it. Frequency as an English word is not
judged here: weigh it with ``mtqa.lexicon.zipf``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from mtqa.datacache import persistent
from mtqa.names.romanization import romanizable
from mtqa.names.wordset import WordSet, pack

__all__ = [
    "TITLES",
    "has_surname_ending",
    "inflection_bases",
    "is_first_name",
    "is_male_first_name",
    "is_russian_first_name",
    "is_title",
    "looks_like_russian_surname",
    "russian_name_score",
]

#: Lower-case words that stand before a person's name in news text ("Deputy
#: Foreign Minister Oleg ...", "President ...", "Mr ..."). Kept small and
#: limited to titles and offices common in Russian and international news;
#: a word here makes the following capitalised word a name, so common nouns
#: that merely may precede a name ("leader", "head") are left out.
TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "madam",
        "president",
        "vice-president",
        "premier",
        "prime",
        "minister",
        "deputy",
        "ambassador",
        "envoy",
        "secretary",
        "chancellor",
        "governor",
        "mayor",
        "senator",
        "congressman",
        "congresswoman",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chairman",
        "chairwoman",
        "chairperson",
        "general",
        "colonel",
        "lieutenant",
        "major",
        "captain",
        "sergeant",
        "admiral",
        "marshal",
        "commander",
        "patriarch",
        "metropolitan",
        "bishop",
        "archbishop",
        "pope",
        "cardinal",
        "father",
        "king",
        "queen",
        "prince",
        "princess",
        "tsar",
        "emperor",
        "sheikh",
        "emir",
        "judge",
        "prosecutor",
        "ombudsman",
        "speaker",
        "director",
    ]
)

#: Surname endings by strength. Strong ones are rare outside Russian
#: (and Ukrainian/Belarusian) names; weak ones also end English words.
#: (Read by ``str.endswith``, one C call, so an ending that a shorter one covers, "-yov" by
#: "-ov" or "-tskiy" by "-kiy", adds nothing there: the lists name the endings as they are known.)
_STRONG_ENDINGS = (
    *("ov", "ev", "yov", "ova", "eva", "kiy", "kii", "sky", "skaya", "tskiy", "tsky"),
    *("ovich", "evich", "vich", "yevich", "enko", "chuk", "yuk", "shin", "tsev", "tsov", "nykh", "ykh", "ikh"),
)
_WEAK_ENDINGS = ("in", "yn", "ina", "yna", "uk", "ko", "ets", "ny", "nyy", "niy", "oy", "oi", "ak", "ich", "itch", "off", "ova", "ski")
#: Russian words do not hold these letter groups in any standard romanization.
_FOREIGN_RE = re.compile(r"w|q|x|th|ph|ee|oo|ou|ea|aw|ow|[^s]c(?!h)|^c(?!h)")
_MIN_SURNAME = 4


@persistent(("gender-guesser",), formats=("mtqa.names.wordset",))
def _male_first_names() -> dict[str, str]:
    """Given names gender-guesser calls male or mostly male, and never female (a ``WordSet``'s strings)."""
    from gender_guesser.detector import Detector  # type: ignore[import-untyped]

    names = Detector(case_sensitive=True).names
    male = {"male", "mostly_male"}
    return pack(n for n, genders in names.items() if set(genders) <= male)


@persistent(("gender-guesser",), formats=("mtqa.names.wordset",))
def _first_names() -> tuple[dict[str, str], dict[str, str]]:
    """gender-guesser's given names, and those of them used in Russia, Ukraine or Belarus
    (its columns), as the strings of two ``WordSet``: a run asks a few thousand
    questions of these 61,000 names, which load as a ``frozenset`` in 15 ms, as
    strings in one."""
    from gender_guesser.detector import Detector

    detector = Detector(case_sensitive=True)
    columns = [detector.COUNTRIES.index(c) for c in ("russia", "ukraine", "belarus")]
    every: list[str] = []
    russian: list[str] = []
    for name, genders in detector.names.items():
        if not name[:1].isupper():
            continue
        every.append(name)
        if any(len(v) > i and v[i] != " " for v in genders.values() for i in columns):
            russian.append(name)
    return pack(every), pack(russian)


@cache
def _first_name_sets() -> tuple[WordSet, WordSet]:
    """Every given name, and the Russian ones (``_first_names``)."""
    every, russian = _first_names()
    return WordSet(every), WordSet(russian)


@cache
def _male_first_name_set() -> WordSet:
    return WordSet(_male_first_names())


def _title_case(word: str) -> str:
    if "-" not in word:  # the usual case: one part
        return word[:1].upper() + word[1:].lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


@lru_cache(maxsize=200_000)
def is_title(word: str) -> bool:
    """True when ``word`` (any case, a trailing full stop allowed) is one of ``TITLES``."""
    return word.lower().rstrip(".") in TITLES


@lru_cache(maxsize=200_000)
def is_first_name(word: str) -> bool:
    """True when ``word`` is a given name in gender-guesser's dictionary (any country).

    The dictionary holds the usual romanizations ("Sergey", "Sergei",
    "Yevgeny", "Evgeny", "Aleksey") but also names that are English words
    ("Will", "May", "Mark") and some places ("Georgia"): weigh it with the
    word's frequency and context. Case is ignored ("SERGEY", "sergey").
    """
    return _title_case(word) in _first_name_sets()[0]


@lru_cache(maxsize=200_000)
def is_male_first_name(word: str) -> bool:
    """True when gender-guesser knows ``word`` only as a male (or mostly male) given name ("Sergey", "Pyotr")."""
    return _title_case(word) in _male_first_name_set()


@lru_cache(maxsize=200_000)
def is_russian_first_name(word: str) -> bool:
    """True when ``word`` is a given name that gender-guesser records in Russia, Ukraine or Belarus."""
    return _title_case(word) in _first_name_sets()[1]


@lru_cache(maxsize=200_000)
def russian_name_score(word: str) -> float:
    """How much ``word`` looks like a romanized Russian surname, from 0.0 to 1.0.

    - 0.0: too short, not alphabetic, or holding letter groups that no
      Russian romanization writes (w, q, th, ph, ee, oo, ou, a lone c);
    - 0.2: romanizable but without a surname ending ("Shoigu", "Trump");
    - 0.5: a weak ending shared with English words (-in, -ko, -ny, -ski);
    - 0.9: a strong ending (-ov/-ev/-ova, -sky/-skiy, -vich, -enko, -ykh);
    - 1.0: a strong ending on a word the standard systems can produce
      ("Bortnikov", "Lavrov", "Zelenskiy").

    A known first name ("Ivan", "Sergey") scores as its shape says: it is not
    a surname, so callers check ``is_first_name`` first when that matters.
    """
    ending = _surname_ending(word)
    if ending < 0:
        return 0.0
    standard = romanizable(word)
    if ending == _STRONG:
        return 1.0 if standard else 0.9
    if ending == _WEAK:
        return 0.5
    return 0.2 if standard else 0.0


def has_surname_ending(word: str) -> bool:
    """``russian_name_score(word) >= 0.5``: a weak or strong surname ending (no romanization test needed)."""
    return _surname_ending(word) >= _WEAK


def looks_like_russian_surname(word: str) -> bool:
    """True when ``word`` is capitalised and has a strong Russian surname shape (score >= 0.9)."""
    return word[:1].isupper() and _surname_ending(word) == _STRONG


_WEAK, _STRONG = 1, 2


@lru_cache(maxsize=200_000)
def _surname_ending(word: str) -> int:
    """-1: too short, not letters, or letter groups no romanization writes; else 0, ``_WEAK`` or ``_STRONG``."""
    if len(word) < _MIN_SURNAME or not word.replace("-", "").isalpha():
        return -1
    lower = word.lower()
    if _FOREIGN_RE.search(lower):
        return -1
    if lower.endswith(_STRONG_ENDINGS):
        return _STRONG
    if lower.endswith(_WEAK_ENDINGS):
        return _WEAK
    return 0


#: Russian case endings MT leaves on a name, as (ending, what replaces it in
#: the base form). Noun-like surnames and first names (Lavrov, Putin, Ivan):
#: genitive -a, dative -u, instrumental -ym/-im/-om, prepositional -e; after
#: -y (Sergey): -ya, -yu, -yem.
#: Adjective-like surnames (Navalny, Zelensky): -ogo/-ovo, -omu, -ym/-im, -om.
_NOUN_ENDINGS = (
    ("yem", "y"),
    ("yom", "y"),
    ("ya", "y"),
    ("yu", "y"),
    ("ym", ""),
    ("im", ""),
    ("om", ""),
    ("a", ""),
    ("u", ""),
    ("e", ""),
)
_NOUN_STEM_RE = re.compile(r"(?:ov|ev|yov|in|yn)$")
_ADJECTIVE_ENDINGS = ("ogo", "ovo", "omu", "ym", "im", "om", "oy", "oi", "ovo")
_ADJECTIVE_BASES = ("y", "iy", "yy", "i", "ii", "oy")
_MIN_BASE = 3
#: The last letter of every ending above.
_ENDING_LAST_LETTERS = frozenset(e[-1] for e, _ in _NOUN_ENDINGS) | frozenset(e[-1] for e in _ADJECTIVE_ENDINGS)
#: The endings above by their last letter, each list in the order above: a word is tried
#: only against the endings that end with its own last letter (the others cannot match).
_NOUN_ENDINGS_BY_LAST = {c: [(e, r) for e, r in _NOUN_ENDINGS if e[-1] == c] for c in _ENDING_LAST_LETTERS}
_ADJECTIVE_ENDINGS_BY_LAST = {c: [e for e in _ADJECTIVE_ENDINGS if e[-1] == c] for c in _ENDING_LAST_LETTERS}


@lru_cache(maxsize=200_000)
def inflection_bases(word: str) -> tuple[str, ...]:
    """Base forms that ``word`` may be an inflected (Russian case) form of.

    "Lavrova" -> ("Lavrov",); "Lavrovym" -> ("Lavrov",); "Putinu" ->
    ("Putin",); "Navalnogo" -> ("Navalny", "Navalniy", "Navalnyy",
    "Navalni", "Navalnii", "Navalnoy"); "Zelenskogo" -> ("Zelensky", ...).
    Only surname-shaped stems (-ov, -ev, -in) and Russian first names
    ("Sergeya" -> "Sergey", "Vladimira" -> "Vladimir") take the noun
    endings, so "Maria" gives nothing. The candidates still have to be found in the
    document: this function only spells them out, in a stable order.
    """
    out: list[str] = []
    if len(word) < _MIN_BASE + 2 or not word.isalpha():
        return ()
    lower = word.lower()
    last = lower[-1]
    if last not in _ENDING_LAST_LETTERS:
        return ()  # no case ending ends so (most names: "Putin", "Lavrov")
    for ending, replacement in _NOUN_ENDINGS_BY_LAST[last]:
        if lower.endswith(ending):
            stem = word[: len(word) - len(ending)] + replacement
            if len(stem) >= _MIN_BASE and (_NOUN_STEM_RE.search(stem.lower()) or is_russian_first_name(stem)):
                out.append(stem)
    for ending in _ADJECTIVE_ENDINGS_BY_LAST[last]:
        if lower.endswith(ending):
            stem = word[: len(word) - len(ending)]
            if len(stem) >= _MIN_BASE and stem.lower()[-1] not in "aeiouy":
                out.extend(stem + base for base in _ADJECTIVE_BASES)
    return tuple(dict.fromkeys(b for b in out if b != word))
