"""``mtqa score`` end to end: the same BLEU, chrF and TER as sacrebleu's command line on WMT22
systems, the comparison table, JSON, standard input and input errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtqa.cli import main
from tests.shared_data import WMT, need

SYSTEMS = ("hyp.Online-A.en", "hyp.ALMAnaCH-Inria.en")


def sacrebleu_cli(ref: Path, hyp: Path) -> list[dict[str, str]]:
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "-w", "10"],
        check=True, capture_output=True, text=True,
    ).stdout
    result: list[dict[str, str]] = json.loads(out)
    return result


def test_wmt22_scores_equal_sacrebleu_command_line(tmp_path: Path) -> None:
    folder = need(WMT / "wmt22")
    ref = folder / "ref.A.en"
    out = tmp_path / "score.json"
    code = main(["score", *(str(folder / s) for s in SYSTEMS), "--ref", str(ref), "--no-checks",
                 "--format", "json", "-o", str(out)])
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [s["name"] for s in report["systems"]] == ["Online-A", "ALMAnaCH-Inria"]
    for system, name in zip(report["systems"], SYSTEMS, strict=True):
        expected = sacrebleu_cli(ref, folder / name)
        got = [(m["name"], f"{m['score']:.10f}", m["signature"]) for m in system["metrics"]]
        assert got == [(e["name"], f"{float(e['score']):.10f}", e["signature"]) for e in expected]
        assert system["segments"] == 2016
        assert len(system["documents"]) == 227  # one chrF per doc_id of docs.tsv
        assert len(system["segment_scores"]) == 2016


def write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def small(tmp_path: Path) -> dict[str, str]:
    src = ["Инфляция составила 3,5%.", "Выступил Андрей Колокольцев.", "Погода хорошая."]
    return {
        "src": write(tmp_path / "src.ru", src),
        "ref": write(tmp_path / "ref.en", ["Inflation was 3.5%.", "Andrei Kolokoltsev spoke.", "The weather is fine."]),
        "good": write(tmp_path / "hyp.good.en", ["Inflation was 3.5%.", "Andrei Kolokoltsev spoke.", "The weather is good."]),
        "bad": write(tmp_path / "hyp.bad.en", ["Inflation was 35%.", "Andrei Kolokolts spoke.", "The weather is good."]),
    }


def test_comparison_table_and_counts(small: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "table.txt"
    code = main(["score", small["good"], small["bad"], "--ref", small["ref"], "--source", small["src"],
                 "--enable", "source", "-o", str(out)])
    assert code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split()
    assert header == ["system", "BLEU", "chrF2", "TER", "findings", "per", "1k", "words"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:4]}
    assert rows["good"][3:] == ["0", "0.00"]
    assert rows["bad"][3:] == ["2", "200.00"]  # 2 findings in 10 words
    assert float(rows["good"][0]) > float(rows["bad"][0])
    kinds = {line.split()[0]: line.split()[1:] for line in lines if line.startswith(" name_") or line.startswith(" number_")}
    assert kinds == {"name_mismatch": ["0", "1"], "number_mismatch": ["0", "1"]}


def test_json_for_one_system_lists_worst_segments_with_findings(small: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "one.json"
    assert main(["score", small["bad"], "--ref", small["ref"], "--source", small["src"], "--enable", "source",
                 "--worst", "3", "--format", "json", "-o", str(out)]) == 0
    (system,) = json.loads(out.read_text(encoding="utf-8"))["systems"]
    assert [(w["segment"], [(f["rule"], f["text"], f["start"], f["end"]) for f in w["findings"]]) for w in system["worst"]] == [
        ("3", []),
        ("2", [("source.name-mismatch", "Kolokolts", 7, 16)]),
        ("1", [("source.number-mismatch", "35", 14, 16)]),
    ]
    assert [round(w["chrf"], 2) for w in system["worst"]] == [66.01, 78.72, 79.25]
    assert system["worst"][1]["source"] == "Выступил Андрей Колокольцев."
    assert system["worst"][1]["ref"] == "Andrei Kolokoltsev spoke."


def test_text_report_for_one_system_from_standard_input(small: dict[str, str]) -> None:
    hyp = Path(small["bad"]).read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mtqa", "score", "-", "--ref", small["ref"], "--source", small["src"],
         "--enable", "source", "--worst", "2"],
        input=hyp, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "-: 3 segments, 1 documents, 10 words"
    assert [line.split()[0] for line in lines[1:4]] == ["BLEU", "chrF2", "TER"]
    assert lines[1].endswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0")
    assert "  segment 2: Andrei Kolokolts spoke." in done.stdout
    assert "[warning] source.name-mismatch: 'Kolokolts' looks like a truncated 'Kolokoltsev'" in done.stdout
    assert lines[-1] == "findings: 2 (200.00 per 1,000 words): name_mismatch 1, number_mismatch 1"


def test_misaligned_reference_is_an_input_error(small: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    short = write(tmp_path / "short.en", ["one line"])
    assert main(["score", small["good"], "--ref", short, "--no-checks"]) == 2
    assert capsys.readouterr().err == f"mtqa: {short}: 1 lines, but {small['good']} has 3: the files are not aligned\n"
    assert main(["score", small["good"], "--no-checks"]) == 2
    assert capsys.readouterr().err == f"mtqa: {small['good']}: no reference: give --ref REF (one line per MT line)\n"


def test_tsv_input_carries_its_references(tmp_path: Path) -> None:
    table = tmp_path / "run.tsv"
    table.write_text("id\tsrc\tmt\tref\nx\tПривет, мир.\tHello, world.\tHello, world.\n", encoding="utf-8")
    out = tmp_path / "t.json"
    assert main(["score", str(table), "--no-checks", "--format", "json", "-o", str(out)]) == 0
    (system,) = json.loads(out.read_text(encoding="utf-8"))["systems"]
    assert [m["score"] for m in system["metrics"]][1] == 100.0
    assert system["segment_scores"] == [{"segment": "x", "doc_id": "", "chrf": 100.0}]
