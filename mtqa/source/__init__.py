"""Checks that compare a segment's target with its source (pure: a segment in, findings out).

Each check module has ``RULE`` (its id) and ``check(segment) -> Iterator[Finding]``;
findings carry the segment id, offsets into the target and, where they rest
on the source, ``source_span``. A check with no source to compare with yields
nothing, except ``untranslated_segment``, which also sees a mostly Cyrillic
target on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from mtqa.finding import Finding
from mtqa.formats.segment import Segment
from mtqa.source import name_mismatch, number_mismatch, omission, untranslated

Check = Callable[[Segment], Iterator[Finding]]

#: (rule id, check), in report order.
CHECKS: tuple[tuple[str, Check], ...] = (
    (number_mismatch.RULE, number_mismatch.check),
    (name_mismatch.RULE, name_mismatch.check),
    (untranslated.RULE, untranslated.check),
    (omission.RULE, omission.check),
)
RULES = tuple(rule for rule, _ in CHECKS)


def check_segment(segment: Segment, rules: Sequence[str] = RULES) -> tuple[Finding, ...]:
    """Findings of the named source checks on one segment, sorted by position.

    An untranslated segment gets that finding alone: its numbers and names
    are trivially "kept", and its length says nothing.
    """
    if untranslated.RULE in rules:
        alone = tuple(untranslated.check(segment))
        if alone:
            return alone
    found = [f for rule, run in CHECKS if rule in rules and rule != untranslated.RULE for f in run(segment)]
    return tuple(sorted(found, key=Finding.sort_key))


def check_segments(segments: Iterable[Segment], rules: Sequence[str] = RULES) -> Iterator[Finding]:
    for segment in segments:
        yield from check_segment(segment, rules)
