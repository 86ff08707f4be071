"""Findings to and from plain data, for the result cache and the baseline."""

from __future__ import annotations

from typing import Any

from mtqa.finding import Finding, Kind, Severity, Span


def to_data(f: Finding) -> list[Any]:
    return [
        f.rule, f.kind.value, f.severity.value, f.start, f.end, f.text, f.message, f.suggestion,
        [[s.start, s.end] for s in f.related], f.segment,
        None if f.source_span is None else [f.source_span.start, f.source_span.end],
    ]


def from_data(d: list[Any]) -> Finding:
    return Finding(
        rule=d[0], kind=Kind(d[1]), severity=Severity(d[2]), start=d[3], end=d[4], text=d[5], message=d[6],
        suggestion=d[7], related=tuple(Span(a, b) for a, b in d[8]), segment=d[9],
        source_span=None if d[10] is None else Span(*d[10]),
    )
