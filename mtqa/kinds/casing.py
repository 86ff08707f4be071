"""casing: the same word written Capitalised and lower-case mid-sentence.

No word list: the document's own evidence decides. A word whose capitalised
form appears mid-sentence (where a capital means a name) and whose lower-case
form is rare in English is a name, so its lower-case occurrences are wrong,
even when they are the majority ("kabul" beside "Kabul"). A common English
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
    tokens = doc.tokens
    words = {t.text for t in tokens}
    # Only words seen both ways are worth a closer look: a set intersection first, then the tokens.
    lower = {w for w in words if len(w) >= options.min_length and w.islower() and w.isalpha()}
    both = {w for w in words if w[:1].isupper() and w[1:].islower() and w.lower() in lower and w.isalpha()}
    names = {w for w in both if zipf(w.lower()) < options.max_zipf}
    if not names:
        return
    wanted = names | {w.lower() for w in names}
    capital: dict[str, list[Token]] = {}
    lows: dict[str, list[Token]] = {}
    for i, tok in enumerate(tokens):
        word = tok.text
        if word not in wanted or tok.sentence_start or tok.headline:
            continue
        if word.islower():
            lows.setdefault(word, []).append(tok)
        elif _isolated(doc.text, tokens, i):
            capital.setdefault(word.lower(), []).append(tok)
    for word, found in lows.items():
        caps = capital.get(word)
        if not caps:
            continue
        name = caps[0].text
        related = tuple(Span(t.start, t.end) for t in caps)
        for tok in found:
            yield rule.finding(tok.start, tok.end, tok.text, name, related, count=len(caps))


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
