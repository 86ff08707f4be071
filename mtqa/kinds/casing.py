"""casing: the same word written Capitalised and lower-case mid-sentence.

No word list: the document's own evidence decides. A word whose capitalised
form appears mid-sentence (where a capital means a name) and whose lower-case
form is rare in English is a name, so its lower-case occurrences are wrong,
even when they are the majority ("raqqa" beside "Raqqa"). A common English
word written both ways is left alone here: its capital may be right (part of
a longer name) or wrong, which other rules judge with more context.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mtqa.document import Document, Token
from mtqa.finding import Finding, Span
from mtqa.lexicon import zipf
from mtqa.rule import Rule, expect_type

KEYS = ("max_zipf", "min_length")
PLACEHOLDERS = ("found", "expected", "count")


@dataclass(frozen=True, slots=True)
class Options:
    max_zipf: float  # a lower-case form at least this common is an English word
    min_length: int


def parse(raw: Mapping[str, Any]) -> Options:
    max_zipf = float(expect_type(raw.get("max_zipf", 3.5), "max_zipf", (int, float)))
    min_length = int(expect_type(raw.get("min_length", 3), "min_length", int))
    return Options(max_zipf, min_length)


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    capital: dict[str, list[Token]] = {}
    lower: dict[str, list[Token]] = {}
    for tok in doc.tokens:
        word = tok.text
        if len(word) < options.min_length or not word.isalpha():
            continue
        if word.islower():
            if not tok.sentence_start and not tok.headline:
                lower.setdefault(word, []).append(tok)
        elif word[0].isupper() and (len(word) == 1 or word[1:].islower()):
            if not tok.sentence_start and not tok.headline:
                capital.setdefault(word.lower(), []).append(tok)
    for word, lows in lower.items():
        caps = capital.get(word)
        if not caps or zipf(word) >= options.max_zipf:
            continue
        name = caps[0].text
        related = tuple(Span(t.start, t.end) for t in caps)
        for tok in lows:
            yield rule.finding(tok.start, tok.end, tok.text, name, related, count=len(caps))
