"""mtqa.score on constructed data: metrics against sacrebleu's command line, chrF per document
and segment, worst segments with their findings, counts, selection of source checks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtqa.formats import Segment
from mtqa.score import (
    corpus_metrics,
    document_chrf,
    score_system,
    segment_chrf,
    select_source_rules,
    system_dict,
    system_name,
)

HYPS = ["The cat sat on the mat.  ", "Inflation reached 35 percent.", "It rained all day.", "Nothing here"]
REFS_A = ["The cat sat on the mat.", "Inflation reached 3.5 percent. ", "It rained all day long.", "Something else"]
REFS_B = ["A cat was sitting on the mat.", "Inflation hit 3.5%.", "It was raining the whole day.", "Nothing at all"]


def sacrebleu_cli(refs: list[Path], hyp: Path) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *map(str, refs), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "-b", "-w", "10"],
        check=True, capture_output=True, text=True,
    ).stdout
    return [float(x) for x in json.loads(out)]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("nrefs", [1, 2])
def test_corpus_metrics_equal_sacrebleu_command_line(tmp_path: Path, nrefs: int) -> None:
    hyp = write_lines(tmp_path / "hyp", HYPS)
    refs = [write_lines(tmp_path / "a", REFS_A), write_lines(tmp_path / "b", REFS_B)][:nrefs]
    metrics = corpus_metrics(HYPS, [REFS_A, REFS_B][:nrefs])
    assert [m.name for m in metrics] == ["BLEU", "chrF2", "TER"]
    assert [f"{m.score:.10f}" for m in metrics] == [f"{x:.10f}" for x in sacrebleu_cli(refs, hyp)]
    assert metrics[0].signature == f"nrefs:{nrefs}|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"
    assert metrics[0].verbose.startswith("BLEU = ")


def test_segment_and_document_chrf() -> None:
    assert segment_chrf(["same text", "abc"], [["same text", "xyz"]]) == [100.0, 0.0]
    segments = [
        Segment("1", None, "A perfect line.", doc_id="good"),
        Segment("2", None, "qqq", doc_id="bad"),
        Segment("3", None, "Another one.", doc_id="good"),
    ]
    refs = [["A perfect line.", "zzz", "Another one."]]
    assert [(d.doc_id, d.segments, d.chrf) for d in document_chrf(segments, refs)] == [("good", 2, 100.0), ("bad", 1, 0.0)]


def test_score_system_lists_worst_segments_with_their_findings() -> None:
    segments = [
        Segment("1", "Кошка сидела на коврике.", HYPS[0], doc_id="d1"),
        Segment("2", "Инфляция достигла 3,5 процента.", HYPS[1], doc_id="d1"),
        Segment("3", "Весь день шел дождь.", HYPS[2], doc_id="d2"),
        Segment("4", "Ничего.", HYPS[3], doc_id="d2"),
    ]
    system = score_system("sys.en", segments, [REFS_A], rules=(), worst=3)
    assert system.name == "sys"
    assert [(s.segment.id, round(s.chrf, 2)) for s in system.worst] == [("4", 26.46), ("3", 73.85), ("2", 85.85)]
    worst_number = system.worst[2]
    assert [(f.rule, f.segment, f.text) for f in worst_number.findings] == [("source.number-mismatch", "2", "35")]
    assert system.by_kind() == {"number_mismatch": 1}
    assert system.words == 16
    assert system.per_1k_words() == pytest.approx(1000 / 16)
    data = system_dict(system)
    assert data["findings"] == {
        "total": 1, "per_1k_words": pytest.approx(1000 / 16), "by_kind": {"number_mismatch": 1},
        "by_severity": {"warning": 1},
    }
    assert data["worst"][2]["findings"][0]["source_span"] == [18, 21]
    assert [s["segment"] for s in data["segment_scores"]] == ["1", "2", "3", "4"]
    assert [d["doc_id"] for d in data["documents"]] == ["d1", "d2"]


def test_source_checks_are_selected_like_rules() -> None:
    assert select_source_rules() == (
        "source.number-mismatch", "source.name-mismatch", "source.untranslated-segment", "source.omission"
    )
    assert select_source_rules(disable=["source"]) == ()
    assert select_source_rules(enable=["source.omission"]) == ("source.omission",)
    assert select_source_rules(enable=["punctuation"]) == ()
    assert select_source_rules(disable=["source.name-mismatch", "source.omission"]) == (
        "source.number-mismatch", "source.untranslated-segment"
    )


@pytest.mark.parametrize(
    ("path", "name"),
    [("wmt22/hyp.Online-A.en", "Online-A"), ("out/system.txt", "system"), ("mt", "mt"), ("-", "-")],
)
def test_system_name(path: str, name: str) -> None:
    assert system_name(path) == name
