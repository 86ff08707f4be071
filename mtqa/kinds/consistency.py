"""consistency: one document should write a thing one way.

``variants`` lists the forms: a literal string (matched as a whole word,
case-sensitive) or ``{name, pattern, rewrite}`` where ``rewrite`` turns a match
into the other form (allowed when there are exactly two forms). Several
pattern entries may share a ``name``: they are one form written several ways,
each with its own ``rewrite`` ("28 March 2020" and "28 March" are both
day-month); where two entries match at the same offset the earlier one wins.
When a document uses more than one form, the most frequent wins
(``preferred`` wins a tie) and every occurrence of the others is flagged,
suggesting the winner. Headlines count like any other line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

import regex

from mtqa.document import Document
from mtqa.finding import Finding, Span
from mtqa.kinds._guard import guard
from mtqa.kinds._text import LiteralMatch, Matcher, compile_pattern, phrase_matcher
from mtqa.rule import OptionError, Rule, expect_type, require

KEYS = ("variants", "preferred", "ignorecase")
PLACEHOLDERS = ("found", "expected", "count", "variant", "winner")
_VARIANT_KEYS = frozenset({"name", "pattern", "rewrite"})


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    matcher: Matcher
    rewrite: str | None  # template for the other form
    literal: bool  # a plain string: its name is the text to suggest


@dataclass(frozen=True, slots=True)
class Options:
    variants: tuple[Variant, ...]
    preferred: str


def parse(raw: Mapping[str, Any]) -> Options:
    ignorecase = bool(expect_type(raw.get("ignorecase", False), "ignorecase", bool))
    entries = require(raw, "variants", list)
    if len(entries) < 2:
        raise OptionError("variants", "'variants' needs at least two forms")
    forms = len({str(e.get("name")) if isinstance(e, dict) else str(e) for e in entries})
    variants = [_parse_variant(entry, i, ignorecase, forms) for i, entry in enumerate(entries)]
    names = [v.name for v in variants]
    literals = [v.name for v in variants if v.literal]
    if len(set(literals)) != len(literals) or set(literals) & {v.name for v in variants if not v.literal}:
        raise OptionError("variants", "'variants' lists a form twice")
    if len(set(names)) < 2:
        raise OptionError("variants", "'variants' needs at least two forms")
    preferred = require(raw, "preferred", str)
    if preferred not in names:
        raise OptionError("preferred", f"'preferred' ({preferred!r}) is not one of the variants")
    return Options(tuple(variants), preferred)


def _parse_variant(entry: Any, i: int, ignorecase: bool, count: int) -> Variant:
    key = f"variants[{i}]"
    if isinstance(entry, str):
        return Variant(entry, phrase_matcher(entry, ignorecase), None, True)
    entry = expect_type(entry, key, (str, dict))
    unknown = set(entry) - _VARIANT_KEYS
    if unknown:
        raise OptionError(key, f"unknown key '{sorted(unknown)[0]}' in {key}")
    name = require(entry, "name", str)
    source = require(entry, "pattern", str)
    matcher = guard(compile_pattern(source, key, ignorecase), source)
    rewrite = entry.get("rewrite")
    if rewrite is not None:
        expect_type(rewrite, f"{key}.rewrite", str)
        if count != 2:
            raise OptionError(key, "'rewrite' needs exactly two forms")
    return Variant(name, matcher, rewrite, False)


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    scans = _Scans(options.variants, doc.text)
    if not _two_forms(options, scans):
        return
    found: dict[str, list[tuple[regex.Match[str] | LiteralMatch, Variant]]] = {}
    taken: set[int] = set()
    for k, variant in enumerate(options.variants):
        for m in scans.matches(k):
            if m.start() not in taken:
                taken.add(m.start())
                found.setdefault(variant.name, []).append((m, variant))
    yield from report(rule, options, found)


def report(rule: Rule, options: Options,
           found: dict[str, list[tuple[regex.Match[str] | LiteralMatch, Variant]]]) -> Iterator[Finding]:
    """The findings of a rule's variants once their matches are ``found`` (name -> matches,
    each start taken once): every form that is not the most written, beside the winner's."""
    if len(found) < 2:
        return
    order = [v.name for v in options.variants]
    winner = max(found, key=lambda n: (len(found[n]), n == options.preferred, -order.index(n)))
    related = tuple(Span(m.start(), m.end()) for m, _ in sorted(found[winner], key=lambda p: p[0].start()))
    literal_winner = any(v.literal for v in options.variants if v.name == winner)
    losers = sorted((p for name, pairs in found.items() if name != winner for p in pairs), key=lambda p: p[0].start())
    for m, variant in losers:
        suggestion = m.expand(variant.rewrite) if variant.rewrite else None
        if suggestion is None and literal_winner:
            suggestion = winner
        yield rule.finding(
            m.start(), m.end(), m.group(), suggestion, related,
            count=len(found[winner]), variant=variant.name, winner=winner,
        )


Match = regex.Match[str] | LiteralMatch


class _Scans:
    """The non-empty matches of each variant in a text, each scan started on first use
    and read only as far as asked: whether a variant matches at all needs its first match."""

    def __init__(self, variants: tuple[Variant, ...], text: str) -> None:
        self.variants, self.text = variants, text
        self.started: dict[int, tuple[Match | None, Iterator[Match]]] = {}

    def first(self, k: int) -> Match | None:
        """The first non-empty match of variant k, or None."""
        if k not in self.started:
            scan: Iterator[Match] = iter(self.variants[k].matcher.finditer(self.text))
            rest = filter(_non_empty, scan)
            self.started[k] = (next(rest, None), rest)
        return self.started[k][0]

    def matches(self, k: int) -> Iterator[Match]:
        """Every non-empty match of variant k, in order (the first one included)."""
        head = self.first(k)
        rest = self.started[k][1]
        return rest if head is None else chain((head,), rest)


def _non_empty(m: Match) -> bool:
    return m.end() > m.start()


def _two_forms(options: Options, scans: _Scans) -> bool:
    """False when at most one form of the rule has a match: then it finds nothing.

    A document usually writes one form or none, so the forms are asked about in
    turn, in the rule's order: once all but the last have no match, the last is
    never scanned.
    """
    forms: dict[str, list[int]] = {}  # the indices of each form's variants
    for k, variant in enumerate(options.variants):
        forms.setdefault(variant.name, []).append(k)
    present = 0
    for n, variants in enumerate(forms.values()):
        if n == len(forms) - 1 and not present:
            break
        present += any(scans.first(k) is not None for k in variants)
    return present >= 2
