"""casing: a name written lower-case.

No word list; two kinds of evidence, one per ``mode``:

- ``document``: the same word is capitalised mid-sentence elsewhere in the
  document, where a capital means a name, and its lower-case form is not an
  ordinary English word (the lexicon, case-aware, decides; wordfreq's
  frequency is a second guard). Its lower-case occurrences are then wrong,
  even when they are the majority ("kabul" beside "Kabul"). A capital that
  stands in a run of capitalised words only counts when the lexicon knows the
  word as a name: a product title ("Hydrogel Patches") is not evidence.
- ``lexicon``: English writes the word capitalised and never lower-case, so a
  lower-case occurrence mid-sentence is wrong even when the document never
  capitalises it. To stay exact this only takes words whose class is certain:
  country names and demonyms (the gazetteer: "russia", "syrian"), adjectives
  the lexicon knows only capitalised ("islamic", "soviet"), and the names of
  days and months (``calendar``). Other proper nouns the lexicon lists are
  too often also lower-case words it lacks ("eve", "burgundy", "canton").

- ``acronyms``: an acronym the document writes in capitals ("KHL") written
  lower-case elsewhere ("khl"), when the lower-case form is not an English word
  ("who" beside "WHO", "us" beside "US" are left to rules that read the grammar).
- ``phrases``: a name of several words written in Title Case mid-sentence
  ("State Duma", "Foreign Minister") appears elsewhere in the document with
  its first word lower-case and a later one capitalised ("state Duma",
  "foreign Minister"): the mixed form is wrong. An all-lower-case form is left
  alone ("the prime minister said" beside "Prime Minister Mishustin" is how
  English writes it), and so is a capital followed by lower case ("an Islamic
  state" may be generic).

A common English word written both ways ("state"/"State") is otherwise left
alone: its capital may be right (part of a longer name) or wrong, which other
rules judge with more context.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mtqa.document import Document, Token
from mtqa.finding import Finding, Span
from mtqa.lexicon import is_common_word, is_function_word, is_proper_word, pos, zipf
from mtqa.names.gazetteer import is_country, is_demonym
from mtqa.rule import OptionError, Rule, expect_type

KEYS = ("mode", "max_zipf", "min_length")
PLACEHOLDERS = ("found", "expected", "count")


_MODES = ("document", "lexicon", "phrases", "acronyms")


@dataclass(frozen=True, slots=True)
class Options:
    mode: str
    max_zipf: float  # a lower-case form at least this common is an English word
    min_length: int


def parse(raw: Mapping[str, Any]) -> Options:
    mode = expect_type(raw.get("mode", "document"), "mode", str)
    if mode not in _MODES:
        raise OptionError("mode", f"'mode' must be one of {', '.join(_MODES)}, not {mode!r}")
    max_zipf = float(expect_type(raw.get("max_zipf", 3.5), "max_zipf", (int, float)))
    min_length = int(expect_type(raw.get("min_length", 3), "min_length", int))
    return Options(mode, max_zipf, min_length)


def _lower_names(doc: Document, options: Options) -> set[str]:
    """Lower-case words of the document that are not ordinary English words.

    In ``document`` mode wordfreq's frequency is a second guard (the lexicon
    misses some common words); in ``lexicon`` mode the lexicon alone decides,
    since frequencies fold case ("islamic" is as frequent as "Islamic").
    """
    return {
        w for w in _lower_words(doc)
        if len(w) >= options.min_length and not is_common_word(w)
        and (options.mode == "lexicon" or zipf(w) < options.max_zipf)
    }


@lru_cache(maxsize=8)
def _lower_words(doc: Document) -> frozenset[str]:
    """The document's all-lower-case alphabetic words, shared by the casing rules of one run."""
    return frozenset(w for w in {t.text for t in doc.tokens} if w.islower() and w.isalpha())


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    tokens = doc.tokens
    if options.mode == "phrases":
        yield from _check_phrases(rule, doc)
        return
    if options.mode == "acronyms":
        yield from _check_acronyms(rule, doc)
        return
    names = _lower_names(doc, options)
    if not names:
        return
    if options.mode == "lexicon":
        yield from _check_lexicon(rule, tokens, names)
        return
    capitals = {w.capitalize(): w for w in names}
    capital: dict[str, list[Token]] = {}
    lows: dict[str, list[Token]] = {}
    for i, tok in enumerate(tokens):
        word = tok.text
        if tok.sentence_start or tok.headline:
            continue
        if word in names:
            lows.setdefault(word, []).append(tok)
        elif word in capitals and (is_proper_word(word) or _isolated(doc.text, tokens, i)):
            capital.setdefault(capitals[word], []).append(tok)
    for word, found in lows.items():
        caps = capital.get(word)
        if not caps:
            continue
        related = tuple(Span(t.start, t.end) for t in caps)
        for tok in found:
            yield rule.finding(tok.start, tok.end, tok.text, caps[0].text, related, count=len(caps))


def _certain_name(word: str) -> bool:
    """English always capitalises this lower-case word (see the module docstring)."""
    title = word.capitalize()
    if title in _CALENDAR or is_country(word) or is_demonym(word):
        return True
    return is_proper_word(title) and "adj" in pos(title)


_CALENDAR = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:])


def _check_acronyms(rule: Rule, doc: Document) -> Iterator[Finding]:
    """Lower-case forms of an acronym the document writes in capitals ("khl" beside "KHL")."""
    words = {t.text for t in doc.tokens}
    capitals: dict[str, int] = {}
    for t in doc.tokens:
        if t.text.isupper() and t.text.isalpha() and _ACRONYM_MIN <= len(t.text) <= _ACRONYM_MAX:
            capitals[t.text] = capitals.get(t.text, 0) + 1
    lows = {
        w for w in words
        if w.islower() and w.upper() in capitals and not is_common_word(w)
    }
    text = doc.text
    for tok in doc.tokens:
        if tok.text in lows and not _in_address(text, tok.start, tok.end):
            upper = tok.text.upper()
            yield rule.finding(tok.start, tok.end, tok.text, upper, count=capitals[upper])


_ACRONYM_MIN, _ACRONYM_MAX = 2, 6


def _in_address(text: str, start: int, end: int) -> bool:
    """Part of a web or mail address ("more.tv", "site.ru/tv"): lower case is right there."""
    before = text[start - 1] if start else ""
    after = text[end : end + 2]
    return before in "./@" or (after[:1] in "./" and after[1:].isalnum())


def _check_lexicon(rule: Rule, tokens: tuple[Token, ...], names: set[str]) -> Iterator[Finding]:
    proper = {w for w in names if _certain_name(w)}
    for tok in tokens:
        if tok.text in proper and not tok.sentence_start and not tok.headline:
            yield rule.finding(tok.start, tok.end, tok.text, tok.text.capitalize(), count=0)


_PHRASE_SIZES = (4, 3, 2)
_PARTICLES = frozenset({"de", "da", "di", "du", "del", "der", "den", "van", "von", "la", "le", "al", "el", "bin", "ibn"})


def _check_phrases(rule: Rule, doc: Document) -> Iterator[Finding]:
    tokens, text = doc.tokens, doc.text
    n = len(tokens)
    spaced = [text[a.end : b.start] == " " for a, b in itertools.pairwise(tokens)]
    title = [t.text[:1].isupper() and t.text[1:].islower() and t.text.isalpha() for t in tokens]

    def joined(i: int, size: int) -> bool:
        return i + size <= n and all(spaced[i : i + size - 1])

    titles: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    starts = [a and b for a, b in itertools.pairwise(title)]  # a Title word before a Title word
    for i in itertools.compress(range(n), starts):
        if tokens[i].sentence_start or tokens[i].headline:
            continue
        for size in _PHRASE_SIZES:
            if joined(i, size) and all(title[i : i + size]):
                titles.setdefault(tuple(t.text.lower() for t in tokens[i : i + size]), []).append((i, i + size))
    firsts = {key[0] for key in titles}
    taken: set[int] = set()
    for i in itertools.compress(range(n), [t.text in firsts for t in tokens]):
        first = tokens[i].text
        if i in taken or tokens[i].sentence_start or tokens[i].headline:
            continue
        if first in _PARTICLES or is_function_word(first):
            continue
        for size in _PHRASE_SIZES:
            window = tokens[i : i + size]
            key = tuple(t.text.lower() for t in window)
            if key not in titles or not joined(i, size) or not title[i + size - 1]:
                continue
            if not all(t.text.isalpha() for t in window):
                continue
            taken.update(range(i, i + size))
            start, end = window[0].start, window[-1].end
            good = " ".join(w.capitalize() for w in key)
            related = tuple(Span(tokens[a].start, tokens[b - 1].end) for a, b in titles[key])
            yield rule.finding(start, end, text[start:end], good, related, count=len(titles[key]))
            break


_LINKS = frozenset({"of", "and", "the", "for", "de", "on", "in"})


def _isolated(text: str, tokens: tuple[Token, ...], i: int) -> bool:
    """A capital between lower-case words: a name, not part of a longer capitalised
    name ("Ministry of Tourism and Antiques"), a Title Case run or a product title."""
    for step in (-1, 1):
        j = i + step
        if 0 <= j < len(tokens) and tokens[j].text in _LINKS:
            j += step  # look past one linking word
        if 0 <= j < len(tokens) and _adjacent(text, tokens, i, j) and tokens[j].text[:1].isupper():
            return False
    return True


def _adjacent(text: str, tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """Tokens i and j are in one run of words: only spaces and words between them."""
    lo, hi = (tokens[i], tokens[j]) if i < j else (tokens[j], tokens[i])
    between = text[lo.end : hi.start]
    return all(c == " " or c.isalpha() for c in between)
