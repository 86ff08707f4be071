"""untranslated_segment: a target that is its source, or mostly Cyrillic.

A segment is flagged when at least half of its target's letters (and three
or more) are Cyrillic. A target identical to a source that holds no Cyrillic
(a product code, a URL, an English quotation) is fine: there was nothing to
translate. Runs of Cyrillic inside English are the ``untranslated_cyrillic``
rule's business, not this one's.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mtqa.finding import Finding, Kind, Severity
from mtqa.formats.segment import Segment
from mtqa.source._finding import segment_finding, whole_target

RULE = "source.untranslated-segment"
SEVERITY = Severity.ERROR
#: Share of the target's letters that are Cyrillic from which the segment counts as untranslated.
MIN_SHARE = 0.5
MIN_LETTERS = 3
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LETTER = regex.compile(r"\p{L}")


def check(segment: Segment) -> Iterator[Finding]:
    target = segment.target
    cyrillic = len(_CYRILLIC.findall(target))
    if cyrillic < MIN_LETTERS:
        return
    share = cyrillic / len(_LETTER.findall(target))
    if share < MIN_SHARE:
        return
    same = segment.source is not None and " ".join(segment.source.split()) == " ".join(target.split())
    if same:
        message = "The translation is the source text, left untranslated."
    else:
        message = f"The translation is mostly in Cyrillic ({share:.0%} of its letters): it looks untranslated."
    source_span = (0, len(segment.source)) if segment.source else None
    yield segment_finding(RULE, Kind.UNTRANSLATED_SEGMENT, SEVERITY, segment, whole_target(segment), message,
                          source_span=source_span)
