"""number_mismatch: a number of the source that the translation lost or changed.

Each source number (read the Russian way, see ``numbers``) must appear in the
target with the same value, in any usual English form. A source number with
no match is paired, in order, with a target number written in digits that
matches no source number: that is a *changed* number and the finding points
at it ("3,5" -> "35"). Without such a partner the number is *missing* and the
finding spans the whole target segment. A bare 1 is not checked ("a", "one",
"single"), and numbers the source spells out are not checked at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.finding import Finding, Kind, Severity
from mtqa.formats.segment import Segment
from mtqa.source._finding import segment_finding, whole_target
from mtqa.source.numbers import SourceNumber, TargetNumber, format_value, source_numbers, target_numbers

RULE = "source.number-mismatch"
SEVERITY = Severity.WARNING
#: Digits in groups, as phone numbers and codes are written ("+7 (495) 229 62 01").
_PHONE_RE = re.compile(r"\+?\(?[0-9][0-9()\s\u00a0-]{5,}[0-9](?![0-9])")
_PHONE_MIN_DIGITS = 7


def check(segment: Segment) -> Iterator[Finding]:
    if not segment.source:
        return
    sources = _without_codes(source_numbers(segment.source), segment.source, segment.target)
    if not sources:
        return
    targets = target_numbers(segment.target)
    atoms = frozenset(a for t in targets for a in t.atoms)
    missing: list[SourceNumber] = []
    seen: set[str] = set()
    for number in sources:
        key = " ".join(number.text.split())
        if number.rendered(atoms) or key in seen:
            continue
        seen.add(key)
        missing.append(number)
    if not missing:
        return
    source_atoms = frozenset(a for n in source_numbers(segment.source, ones=True) for a in n.atoms())
    # A partner stands on its own: not the digits of "CO2" or "MIR24".
    spare = [
        t for t in _digit_numbers(targets)
        if not t.atoms & source_atoms and not (t.start and segment.target[t.start - 1].isalpha())
    ]
    for number in missing:
        partner = spare.pop(0) if spare else None
        yield _finding(segment, number, partner)


def _without_codes(numbers: tuple[SourceNumber, ...], source: str, target: str) -> tuple[SourceNumber, ...]:
    """Leave out the parts of phone numbers and codes whose digits the target has, however grouped."""
    target_digits = re.sub(r"[^0-9]", "", target)
    spans = []
    for m in _PHONE_RE.finditer(source):
        digits = re.sub(r"[^0-9]", "", m.group())
        if len(digits) >= _PHONE_MIN_DIGITS and digits in target_digits:
            spans.append(m.span())
    return tuple(n for n in numbers if not any(s <= n.start and n.end <= e for s, e in spans))


def _digit_numbers(targets: tuple[TargetNumber, ...]) -> list[TargetNumber]:
    """Target numbers written with digits, without ones nested in a longer number ("10" of "10 000")."""
    digits = [t for t in targets if t.digits]
    return [t for t in digits if not any(o is not t and o.start <= t.start and t.end <= o.end for o in digits)]


def _finding(segment: Segment, number: SourceNumber, partner: TargetNumber | None) -> Finding:
    shown = format_value(number.value) if number.value is not None else number.text
    value = f" (= {shown})" if shown != number.text and not number.text.isdigit() else ""
    span = (number.start, number.end)
    if partner is None:
        message = f"'{number.text}'{value} in the source is missing from the translation."
        return segment_finding(RULE, Kind.NUMBER_MISMATCH, SEVERITY, segment, whole_target(segment), message,
                               source_span=span)
    suggestion = format_value(number.value) if number.value is not None and number.value < 1_000_000 else None
    message = f"'{partner.text}' here, but the source has '{number.text}'{value}."
    return segment_finding(RULE, Kind.NUMBER_MISMATCH, SEVERITY, segment, (partner.start, partner.end), message,
                           suggestion, span)
