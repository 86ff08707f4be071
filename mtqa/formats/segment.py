"""Segments, and the documents built from them.

A segment is one unit of bilingual or parallel input: its target (the MT
output being checked), and where known its source, a reference and the
document it belongs to. The document checks work on ``Document`` values, so
the target segments of one ``doc_id`` are joined by ``"\\n"`` into one document
(each segment a line, and each line a paragraph), and findings on that
document are mapped back to (segment, offset in the segment's target).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from mtqa.document import Document
from mtqa.finding import Finding, Span


class FormatError(ValueError):
    """Input that cannot be read as segments; ``str()`` is one line naming file and place."""

    def __init__(self, path: str, line: int, message: str) -> None:
        place = f"{path}:{line}" if line else path
        super().__init__(f"{place}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit. ``id`` is the unit's own id, or its 1-based line in the input."""

    id: str
    source: str | None
    target: str
    ref: str | None = None
    doc_id: str = ""
    #: 1-based line of the input where the unit starts (0 when the format does not say).
    line: int = 0


@dataclass(frozen=True)
class SegmentedDocument:
    """The target segments of one ``doc_id`` as one document, with the way back to segments."""

    doc_id: str
    document: Document
    segments: tuple[Segment, ...]
    #: Offset of each segment's target in ``document.text``.
    starts: tuple[int, ...]

    def locate(self, offset: int) -> tuple[int, int]:
        """(index of the segment, offset in its target) for an offset into the document."""
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return index, offset - self.starts[index]

    def to_segment(self, finding: Finding) -> Finding | None:
        """The finding with offsets into its segment's target and ``segment`` set.

        A span that runs past the end of its segment is cut at that end; a
        span that starts on the line break between two segments is dropped
        (None). Related spans in other segments are dropped.
        """
        index, start = self.locate(finding.start)
        segment = self.segments[index]
        end = min(finding.end - self.starts[index], len(segment.target))
        if end <= start:
            return None
        related = []
        for span in finding.related:
            other, offset = self.locate(span.start)
            if other == index:
                related.append(Span(offset, min(span.end - self.starts[index], len(segment.target))))
        return replace(
            finding,
            start=start,
            end=end,
            text=segment.target[start:end],
            segment=segment.id,
            related=tuple(related),
        )


def group_by_document(segments: Iterable[Segment]) -> dict[str, list[Segment]]:
    """Segments per ``doc_id``, documents in order of first appearance, segments in input order."""
    groups: dict[str, list[Segment]] = {}
    for segment in segments:
        groups.setdefault(segment.doc_id, []).append(segment)
    return groups


def build_documents(path: str, segments: Sequence[Segment]) -> tuple[SegmentedDocument, ...]:
    """One document per ``doc_id``: its target segments joined by newlines.

    The document's path is ``path`` when all segments share one ``doc_id``,
    else ``path#doc_id``.
    """
    groups = group_by_document(segments)
    out = []
    for doc_id, members in groups.items():
        starts = []
        offset = 0
        for segment in members:
            starts.append(offset)
            offset += len(segment.target) + 1
        name = f"{path}#{doc_id}" if doc_id and len(groups) > 1 else path
        text = "\n".join(s.target for s in members)
        out.append(SegmentedDocument(doc_id, Document(name, text), tuple(members), tuple(starts)))
    return tuple(out)
