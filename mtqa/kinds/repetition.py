"""repetition: a word written twice in a row ("the the")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import compress, islice
from operator import eq
from typing import Any

from mtqa.document import Document
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
    # Pairs of equal neighbours, found at C speed over the lower-cased texts; few are left to judge.
    lowered = list(map(str.lower, tokens.texts))
    for i in compress(range(len(lowered) - 1), map(eq, lowered, islice(lowered, 1, None))):
        word = tokens.texts[i]
        if not word[0].isalpha() or any(c.isdigit() for c in word):
            continue
        end, second_start, second_end = tokens.ends[i], tokens.starts[i + 1], tokens.ends[i + 1]
        gap = text[end:second_start]
        if not gap or gap.strip(" \t") or (second_end < len(text) and text[second_end] in "'’"):
            continue
        if lowered[i] in options.allow:
            continue
        start = tokens.starts[i]
        yield rule.finding(start, second_end, text[start:second_end], word, word=word)
