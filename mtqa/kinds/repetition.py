"""repetition: a word written twice in a row ("the the")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import compress, islice
from operator import eq
from typing import Any

from mtqa.document import Document, pick
from mtqa.finding import Finding
from mtqa.rule import Rule, string_list

KEYS = ("allow",)
PLACEHOLDERS = ("found", "expected", "word")


@dataclass(frozen=True, slots=True)
class Options:
    allow: frozenset[str]


def parse(raw: Mapping[str, Any]) -> Options:
    return Options(frozenset(w.lower() for w in string_list(raw, "allow", ())))


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    """Two equal words (any case) separated by spaces or tabs only, never a line break or punctuation."""
    options: Options = rule.options
    text = doc.text
    tokens = doc.tokens
    texts = tokens.texts
    for i in _equal_neighbours(texts, text):
        word = texts[i]
        if not word[0].isalpha() or any(c.isdigit() for c in word):
            continue
        end, second_start, second_end = tokens.ends[i], tokens.starts[i + 1], tokens.ends[i + 1]
        gap = text[end:second_start]
        if not gap or gap.strip(" \t") or (second_end < len(text) and text[second_end] in "'’"):
            continue
        if word.lower() in options.allow:
            continue
        start = tokens.starts[i]
        yield rule.finding(start, second_end, text[start:second_end], word, word=word)


def _equal_neighbours(texts: tuple[str, ...], text: str) -> list[int]:
    """The indices i, in order, of the words equal to the next one in any case
    (``texts[i].lower() == texts[i + 1].lower()``); ``text`` is the document's.

    C-level passes: lower-casing every word costs most, so only neighbours of
    the same length (a tenth of them) are lower-cased. Words equal in lower
    case have the same length unless lower-casing changes a length: it does so
    for one character only, "İ" (two characters in lower case; the tests check
    every character), and a text that holds it has every word lower-cased.
    """
    if len(texts) < 2:
        return []
    if _LONGER_IN_LOWER_CASE in text:
        return _equal_pairs(list(map(str.lower, texts)))
    same = _same_lengths(texts)
    firsts = pick(texts, same)  # one C-level call each, where mapping __getitem__ makes one per word
    seconds = pick(texts, list(map((1).__add__, same)))
    return list(compress(same, map(eq, map(str.lower, firsts), map(str.lower, seconds))))


def _equal_pairs(values: list[Any]) -> list[int]:
    """The indices i, in order, of the values equal to the next one."""
    return list(compress(range(len(values) - 1), map(eq, values, islice(values, 1, None))))


def _same_lengths(texts: tuple[str, ...]) -> list[int]:
    """The indices i, in order, of the words as long as the next one (``len(texts) >= 2``).

    The lengths are written one per byte, and the bytes XOR the same bytes shifted
    by one word (both read as one integer: a single C-level operation), so a zero
    byte marks two neighbours of one length: no list of lengths, no comparison per
    pair (0.035 s instead of 0.052 s over the benchmark corpus). A word of 256
    characters or more does not fit in a byte: then the lengths are compared as a list.
    """
    try:
        lengths = bytes(map(len, texts))
    except ValueError:
        return _equal_pairs(list(map(len, texts)))
    differ = int.from_bytes(lengths[:-1], "little") ^ int.from_bytes(lengths[1:], "little")
    return [m.start() for m in _ZERO.finditer(differ.to_bytes(len(lengths) - 1, "little"))]


_ZERO = re.compile(b"\0")

#: The only character whose lower-case form is longer than itself ("İ" -> "i̇").
_LONGER_IN_LOWER_CASE = "\u0130"
