"""repetition: a word written twice in a row ("the the")."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
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
    for first, second in itertools.pairwise(tokens):
        word = first.text
        if word.lower() != second.text.lower() or not word[0].isalpha() or any(c.isdigit() for c in word):
            continue
        gap = text[first.end : second.start]
        if not gap or gap.strip(" \t") or (second.end < len(text) and text[second.end] in "'’"):
            continue
        if word.lower() in options.allow:
            continue
        yield rule.finding(first.start, second.end, text[first.start : second.end], word, word=word)
