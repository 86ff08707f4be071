"""What checking one file produced: its document and findings, or why it could not be read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mtqa.document import Document
from mtqa.finding import Finding, Severity


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    document: Document | None
    findings: tuple[Finding, ...] = ()
    #: One-line message when the file could not be checked.
    error: str | None = None
    #: Segment-based input: each segment's target text by id, for showing context.
    segments: Mapping[str, str] | None = None


def count_at_least(results: tuple[FileResult, ...] | list[FileResult], level: Severity) -> int:
    return sum(1 for r in results for f in r.findings if f.severity.rank >= level.rank)
