"""repetition: a word written twice in a row ("the the")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from mtqa.document import Document
from mtqa.finding import Finding
from mtqa.rule import Rule, string_list

KEYS = ("allow",)
PLACEHOLDERS = ("found", "expected", "word")
# Two equal words separated by spaces or tabs only (never a line break or punctuation).
_DOUBLED = regex.compile(r"(?<![\w'’-])(\p{L}[\p{L}'’-]*)([ \t]+)(\1)(?![\w'’-])", regex.IGNORECASE | regex.V1)


@dataclass(frozen=True, slots=True)
class Options:
    allow: frozenset[str]


def parse(raw: Mapping[str, Any]) -> Options:
    return Options(frozenset(w.lower() for w in string_list(raw, "allow", ())))


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    for m in _DOUBLED.finditer(doc.text):
        word = m.group(1)
        if word.lower() in options.allow:
            continue
        yield rule.finding(m.start(), m.end(), m.group(), word, word=word)
