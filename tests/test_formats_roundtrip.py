"""PO, XLIFF and TMX round trip: a file is read, checked, and each finding points at the right segment.

The three fixtures hold the same five constructed units (and one untranslated
one that is skipped): a clean one, a changed number, a truncated name, a unit
left in Russian, and a doubled word that only a document rule sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.config import Config
from mtqa.engine import select_rules
from mtqa.formats import read_segments
from mtqa.rule import Rule
from mtqa.rulefile import RuleSet
from mtqa.score import check_segments

FIXTURES = Path(__file__).parent / "fixtures" / "formats"

# (file, segment ids in order, documents)
CASES = [
    ("bilingual.po", ("7", "11", "15", "19", "24"), ("", "", "", "", "")),
    ("bilingual.xlf", ("a1", "a2", "a3", "w1", "w2"), ("economy.txt",) * 3 + ("weather.txt",) * 2),
    ("bilingual.tmx", ("e1", "e2", "e3", "19", "e5"), ("", "", "", "", "")),
]


@pytest.fixture(scope="module")
def doubled_rules(ruleset: RuleSet) -> tuple[Rule, ...]:
    rules = select_rules(ruleset.rules, Config(), enable=("repetition.doubled",))
    assert [r.id for r in rules] == ["repetition.doubled"]
    return rules


@pytest.mark.parametrize(("name", "ids", "docs"), CASES, ids=[c[0] for c in CASES])
def test_segments_are_read_with_ids_and_documents(name: str, ids: tuple[str, ...], docs: tuple[str, ...]) -> None:
    segments = read_segments(str(FIXTURES / name))
    assert tuple(s.id for s in segments) == ids
    assert tuple(s.doc_id for s in segments) == docs
    assert segments[1].source == "Инфляция в марте составила 7,5%."
    assert segments[1].target == "Inflation in March was 75%."  # XLIFF's <g> markup flattened


@pytest.mark.parametrize(("name", "ids", "docs"), CASES, ids=[c[0] for c in CASES])
def test_findings_point_at_the_right_segment(
    name: str, ids: tuple[str, ...], docs: tuple[str, ...], doubled_rules: tuple[Rule, ...]
) -> None:
    segments = read_segments(str(FIXTURES / name))
    findings = check_segments(name, segments, doubled_rules)
    got = [
        (f.segment, f.rule, f.start, f.end, f.text, (f.source_span.start, f.source_span.end) if f.source_span else None)
        for f in findings
    ]
    assert got == [
        (ids[1], "source.number-mismatch", 23, 25, "75", (27, 30)),
        (ids[2], "source.name-mismatch", 16, 25, "Kolokolts", (40, 51)),
        (ids[3], "source.untranslated-segment", 0, 40, "Завтра в городе ожидается сильный дождь.", (0, 40)),
        (ids[4], "repetition.doubled", 27, 34, "the the", None),
    ]
    by_id = {s.id: s for s in segments}
    for f in findings:
        segment = by_id[f.segment or ""]
        assert segment.target[f.start : f.end] == f.text
        if f.source_span is not None:
            assert segment.source is not None
    assert segments[1].source is not None and segments[1].source[27:30] == "7,5"
    assert segments[2].source is not None and segments[2].source[40:51] == "Колокольцев"
