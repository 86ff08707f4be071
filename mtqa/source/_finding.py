"""Building findings on a segment: offsets into its target, ``source_span`` into its source."""

from __future__ import annotations

from mtqa.finding import Finding, Kind, Severity, Span
from mtqa.formats.segment import Segment


def segment_finding(
    rule: str,
    kind: Kind,
    severity: Severity,
    segment: Segment,
    span: tuple[int, int],
    message: str,
    suggestion: str | None = None,
    source_span: tuple[int, int] | None = None,
) -> Finding:
    start, end = span
    return Finding(
        rule=rule,
        kind=kind,
        severity=severity,
        start=start,
        end=end,
        text=segment.target[start:end],
        message=message,
        suggestion=suggestion,
        segment=segment.id,
        source_span=Span(*source_span) if source_span is not None else None,
    )


def whole_target(segment: Segment) -> tuple[int, int]:
    """The target without its leading and trailing white space (where something missing belongs)."""
    text = segment.target
    start = len(text) - len(text.lstrip())
    return start, max(start, len(text.rstrip()))
