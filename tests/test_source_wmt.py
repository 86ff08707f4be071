"""Source-aware checks on real WMT ru->en segments (read from ../shared, never copied here).

On the human references every finding was read by hand: each one below is a
real disagreement between the source and the reference (a slip of the
translator, or of the source), so any new finding is a false positive and
fails the test. On MT output, a few known errors must be found exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.finding import Severity
from mtqa.formats import Segment, read_segments
from mtqa.source import check_segment
from tests.shared_data import WMT, need

#: (reference file, segment, rule) -> what the reference really does there.
REFERENCE_FINDINGS = {
    ("wmt21/ref.A.en", "255", "source.number-mismatch"): "the source's '1,5 военнослужащих' lost 'тыс.'; ref says 1500",
    ("wmt21/ref.A.en", "299", "source.number-mismatch"): "0,3-0,6 translated as 0.3-0.5",
    ("wmt21/ref.A.en", "391", "source.name-mismatch"): "the official's name is left out",
    ("wmt21/ref.A.en", "473", "source.number-mismatch"): "24 April translated as April 14",
    ("wmt21/ref.A.en", "739", "source.number-mismatch"): "the year 2020 of the date range is dropped",
    ("wmt21/ref.A.en", "972", "source.number-mismatch"): "postcode 350000 written 35000",
    ("wmt21/ref.B.en", "3", "source.name-mismatch"): "the acting governor's name is left out",
    ("wmt21/ref.B.en", "203", "source.number-mismatch"): "'from 27 July' is dropped",
    ("wmt21/ref.B.en", "255", "source.number-mismatch"): "the source's '1,5 военнослужащих' lost 'тыс.'; ref says 1,500",
    ("wmt21/ref.B.en", "437", "source.number-mismatch"): "'(6,2 процента)' is dropped",
    ("wmt21/ref.B.en", "803", "source.number-mismatch"): "the date '7 августа' is dropped",
    ("wmt21/ref.B.en", "940", "source.name-mismatch"): "the singer's name is left out",
    ("wmt23/ref.refA.en", "642", "source.number-mismatch"): "'(25,3 млрд руб.)' is dropped",
    ("wmt23/ref.refA.en", "794", "source.number-mismatch"): "the year 2023 is dropped",
    ("wmt23/ref.refA.en", "801", "source.number-mismatch"): "16 тысяч translated as 26,000",
    ("wmt23/ref.refA.en", "858", "source.name-mismatch"): "the head of the district's name is left out",
    ("wmt23/ref.refA.en", "1042", "source.number-mismatch"): "'39.6 млн' written '39.6 min'",
    **{
        ("wmt23/ref.refA.en", str(n), "source.untranslated-segment"): "a whole document left in Russian"
        for n in range(745, 760)
    },
}


def reference_files() -> list[Path]:
    files = sorted(need(WMT).glob("*/ref.*.en"))
    assert len(files) == 4
    return files


def test_every_finding_on_the_references_is_a_known_slip_of_the_reference() -> None:
    found = {}
    for ref in reference_files():
        for segment in read_segments(str(ref), source=str(ref.parent / "src.ru")):
            for f in check_segment(segment):
                found[(f"{ref.parent.name}/{ref.name}", segment.id, f.rule)] = f
    assert sorted(found) == sorted(REFERENCE_FINDINGS)
    # None of the name findings on references is above info: left-out names are the translator's choice.
    assert {f.severity for key, f in found.items() if key[2] == "source.name-mismatch"} == {Severity.INFO}


def line(folder: str, file: str, number: int) -> Segment:
    path = need(WMT / folder / file)
    segments = read_segments(str(path), source=str(path.parent / "src.ru"))
    return segments[number - 1]


@pytest.mark.parametrize(
    ("system", "number", "rule", "text", "suggestion"),
    [
        ("hyp.ALMAnaCH-Inria.en", 46, "source.number-mismatch", "2002", "2022"),
        ("hyp.ALMAnaCH-Inria.en", 198, "source.number-mismatch", "5 million", None),
        ("hyp.ALMAnaCH-Inria.en", 308, "source.name-mismatch", "Lermont", "Lermontov"),
        ("hyp.SRPOL.en", 1834, "source.omission", "she will never be an Olympic champion.", None),
    ],
)
def test_known_errors_of_wmt22_systems(system: str, number: int, rule: str, text: str, suggestion: str | None) -> None:
    segment = line("wmt22", system, number)
    findings = [f for f in check_segment(segment) if f.rule == rule]
    assert [(f.text, f.suggestion, f.segment) for f in findings] == [(text, suggestion, str(number))]
    assert segment.target[findings[0].start : findings[0].end] == text
