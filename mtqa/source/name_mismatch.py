"""name_mismatch: a Russian name of the source that the translation truncates or leaves out.

Source names are capitalised Cyrillic words (not all-capital abbreviations).
A name is compared with the target's capitalised Latin words through the
names work's romanization key (``mtqa.names.romanization``), which gives
Sergei, Sergey and Сергей one value; the source word is romanized with
iuliia first. Russian case endings are taken off the source word (Лаврова,
Лаврову -> Лавров; Зеленского -> Зеленск-), and a target word renders the
name when its key starts with the key of one of those stems, or is within
a small edit distance of it (Klitschko for Кличко).

Two findings:

- *truncated* (warning): the name is not rendered, and a target word is a
  proper prefix of it, two letters or more short (Колокольцев ->
  "Kolokolts"). Left alone: a cut before an adjective suffix (-ск-:
  Американская -> "American"), target words that no standard romanization
  writes (a translated "Micropack" for Микропакет), and first names, places,
  demonyms and common English words.
- *missing* (info): the name is a person's surname - a strong Russian surname
  ending, after a Russian first name (any case form) or next to initials - and no
  target word renders it or comes close. The finding spans the segment.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from mtqa.finding import Finding, Kind, Severity
from mtqa.formats.segment import Segment
from mtqa.source._finding import segment_finding, whole_target

RULE = "source.name-mismatch"
TRUNCATED_SEVERITY = Severity.WARNING
MISSING_SEVERITY = Severity.INFO

#: A capitalised Cyrillic word; each part of a hyphenated name counts alone ("Абу-Даби", "Милинкович-Савич").
_CYRILLIC_NAME_RE = re.compile(r"(?<![\w])[А-ЯЁ][а-яё]+(?![\w])")
#: A capitalised word of the target; letters with diacritics belong to it ("Nausėda", "Milinković").
_LATIN_WORD_RE = regex.compile(r"(?<![\w])\p{Lu}\p{L}+(?:['’-]\p{L}+)*", regex.V1)
_LATIN_RE = regex.compile(r"^\p{Latin}+$", regex.V1)
_INITIALS_RE = re.compile(r"(?:[А-ЯЁ]\.\s?){1,2}$")
_INITIALS_AFTER_RE = re.compile(r"^\s(?:[А-ЯЁ]\.\s?){1,2}")
#: Case endings taken off a Cyrillic name, longest first.
_CASE_ENDINGS = (
    "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями",
    "ой", "ей", "ым", "им", "ом", "ем", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ах", "ях",
    "а", "я", "у", "ю", "е", "ы", "и",
)  # fmt: skip
_MIN_STEM = 3
#: A truncation must lose at least this many key letters and keep at least this many.
_MIN_CUT = 2
_MIN_KEPT = 4
#: A key tail that makes a derived adjective, not a cut name: the suffixes -н-, -енск-, -овск-, -ск-, -цк-
#: (or its -к- after an -с- the target kept) and maybe an adjective ending ("американ|ская" -> American,
#: "континентал|ной" -> Kontinental, "лыунас|кой" -> Lyunas,
#: "городищ|енском" -> Gorodishche). A bare -ов/-ев is a surname's, and stays a cut ("Kolokolts|ев").
_DERIVATION_TAIL_RE = re.compile(
    r"^(?:(?:е?н|ов|ев|ин)?(?:ск|цк)|к|е?н)(?:и|ои|ая|ое|ую|ие|ого|ому|им|ими|их|ом|еи|ее|ои)?$"
)
#: English words at least this common are not truncated names.
_COMMON_ZIPF = 3.0
#: Similarity (0-100, rapidfuzz ratio of keys) from which a target word counts as the name, spelled another way.
_CLOSE = 75.0
#: ``russian_name_score`` of a strong surname ending (-ov, -ev, -sky, -enko, ...).
_STRONG_SURNAME = 0.9


@dataclass(frozen=True, slots=True)
class SourceName:
    start: int
    end: int
    text: str
    #: Keys of the word and of its stems without case endings, longest first.
    keys: tuple[str, ...]
    #: Romanization of the stem behind the longest key (for messages and suggestions).
    latin: str
    surname: bool


@lru_cache(maxsize=50_000)
def _latin_key(word: str) -> str:
    from mtqa.names.romanization import romanization_key

    return str(romanization_key(word))


@lru_cache(maxsize=50_000)
def _romanize(word: str) -> str:
    import iuliia

    return str(iuliia.WIKIPEDIA.translate(word))


def _stems(word: str) -> tuple[str, ...]:
    stems = [word]
    lower = word.lower()
    for ending in _CASE_ENDINGS:
        if lower.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            stems.append(word[: len(word) - len(ending)])
    return tuple(dict.fromkeys(stems))


def source_names(source: str) -> tuple[SourceName, ...]:
    """The capitalised Cyrillic words of a source text, with their keys."""
    from mtqa.names.morphology import russian_name_score

    words = list(_CYRILLIC_NAME_RE.finditer(source))
    out = []
    for i, m in enumerate(words):
        word = m.group()
        if len(word) < _MIN_KEPT:
            continue
        stems = _stems(word)
        keys = tuple(dict.fromkeys(_latin_key(_romanize(s)) for s in stems))
        latin = _romanize(word)
        # Plural adjectives (Святых Петра и Павла, "of Saints Peter and Paul") are not surnames.
        strong = russian_name_score(latin) >= _STRONG_SURNAME and not word.endswith(("ых", "их"))
        neighbour = _has_neighbour(source, words, i)
        out.append(SourceName(m.start(), m.end(), word, keys, latin, strong and neighbour))
    return tuple(out)


def _has_neighbour(source: str, words: list[re.Match[str]], i: int) -> bool:
    """Initials next to the word, or a first name right before it: it is a person's surname.

    A first name after it is not enough: "Слова Андрея" ("Andrei's words") puts a common noun there.
    """
    m = words[i]
    before = source[max(0, m.start() - 6) : m.start()]
    after = source[m.end() : m.end() + 6]
    if _INITIALS_RE.search(before) or _INITIALS_AFTER_RE.match(after):
        return True
    return i > 0 and source[words[i - 1].end() : m.start()] == " " and _first_name(words[i - 1].group())


@lru_cache(maxsize=20_000)
def _first_name(word: str) -> bool:
    """A Cyrillic word that is a Russian first name, in any case form (Сергей, Сергея, Софии)."""
    from mtqa.names.morphology import inflection_bases, is_russian_first_name

    latin = _romanize(word)
    return is_russian_first_name(latin) or any(is_russian_first_name(b) for b in inflection_bases(latin))


def _renders(key: str, name: SourceName) -> bool:
    return any(key.startswith(k) for k in name.keys if len(k) >= _MIN_STEM)


def _close(key: str, name: SourceName) -> bool:
    from rapidfuzz.fuzz import ratio

    return any(ratio(key, k) >= _CLOSE for k in name.keys)


def _truncates(key: str, word: str, name: SourceName) -> bool:
    """``word`` (key ``key``) is the name cut short."""
    if len(key) < _MIN_KEPT:
        return False
    full = name.keys[0]
    stems = [k for k in name.keys if k.startswith(key) and len(k) - len(key) >= _MIN_CUT]
    if not stems or not full.startswith(key):
        return False
    if _DERIVATION_TAIL_RE.match(full[len(key) :]):
        return False
    return romanizable(word) and not _ordinary_word(word)


def romanizable(word: str) -> bool:
    """The word could come out of a standard romanization ("Kolokolts" could, "Micropack" could not)."""
    from mtqa.names.romanization import romanizable as standard

    return bool(standard(word))


def _ordinary_word(word: str) -> bool:
    from mtqa.lexicon import zipf
    from mtqa.names.gazetteer import is_demonym, is_place
    from mtqa.names.morphology import is_first_name

    return is_first_name(word) or is_place(word) or is_demonym(word) or zipf(word) >= _COMMON_ZIPF


def check(segment: Segment) -> Iterator[Finding]:
    if not segment.source:
        return
    names = source_names(segment.source)
    if not names:
        return
    words = [
        (m, _latin_key(m.group()))
        for m in _LATIN_WORD_RE.finditer(segment.target)
        if _LATIN_RE.match(m.group().replace("-", "").replace("'", "").replace("’", ""))
    ]
    # A name the target writes as two words ("Quảng Bình" for Куангбинь) is rendered by the pair.
    pairs = [
        _latin_key(a.group() + b.group())
        for (a, _), (b, _) in itertools.pairwise(words)
        if segment.target[a.end() : b.start()] in (" ", "-")
    ]
    keys = [key for _, key in words] + pairs
    reported: set[str] = set()
    for name in names:
        if name.keys[0] in reported or any(_renders(key, name) for key in keys):
            continue
        cut = next((m for m, key in words if _truncates(key, m.group(), name)), None)
        if cut is not None:
            reported.add(name.keys[0])
            suggestion = _romanize(_nominative(name.text))
            message = f"'{cut.group()}' looks like a truncated '{suggestion}' (source: '{name.text}')."
            yield segment_finding(RULE, Kind.NAME_MISMATCH, TRUNCATED_SEVERITY, segment, cut.span(), message,
                                  suggestion, (name.start, name.end))
        elif name.surname and not any(_close(key, name) for key in keys):
            reported.add(name.keys[0])
            shown = _romanize(_nominative(name.text))
            message = f"The source's '{name.text}' ({shown}) is not in the translation."
            yield segment_finding(RULE, Kind.NAME_MISMATCH, MISSING_SEVERITY, segment, whole_target(segment),
                                  message, source_span=(name.start, name.end))


def _nominative(word: str) -> str:
    """A guess at the dictionary form of a surname or name: Лаврова -> Лавров, Зеленского -> Зеленский."""
    lower = word.lower()
    for ending, base in (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
                         ("ова", "ов"), ("ову", "ов"), ("овым", "ов"), ("ове", "ов"),
                         ("ева", "ев"), ("еву", "ев"), ("евым", "ев"), ("еве", "ев"),
                         ("ина", "ин"), ("ину", "ин"), ("иным", "ин"), ("ине", "ин")):
        if lower.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: len(word) - len(ending)] + base
    return word
