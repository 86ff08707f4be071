"""Corpus workflow: --fix and --diff, baselines, inline suppression, the result cache, -j."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from mtqa.cli import main
from mtqa.document import Document
from mtqa.engine import drop_suppressed
from mtqa.finding import Finding, Kind, Severity
from mtqa.fix import apply_fixes

TEXT = "The U.S. army left. The U.S. navy stayed.\r\nLater the US said: “We are ready”, — he said.\r\nAnd “again”, — here.\r\n"
FIXED = "The U.S. army left. The U.S. navy stayed.\r\nLater the U.S. said: “We are ready,” he said.\r\nAnd “again,” here.\r\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))


def finding(rule: str, start: int, end: int, text: str, suggestion: str | None) -> Finding:
    return Finding(rule, Kind.STYLE, Severity.WARNING, start, end, text, "m", suggestion)


def test_apply_fixes_skips_overlaps_and_unfixable_rules() -> None:
    text = "a bb ccc dddd"
    fixes = [
        finding("r.fix", 2, 4, "bb", "B"),
        finding("r.fix", 3, 8, "b ccc", "X"),  # overlaps the first: waits for the next run
        finding("r.other", 9, 13, "dddd", "D"),  # rule not fixable
        finding("r.fix", 5, 8, "ccc", None),  # no suggestion
    ]
    result = apply_fixes(text, fixes, {"r.fix"})
    assert result.text == "a B ccc dddd"
    assert [f.start for f in result.applied] == [2]


def test_fix_rewrites_atomically_keeping_bom_crlf_and_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    os.chmod(path, 0o640)
    inode_before = path.stat().st_ino
    code, out, err = run(["check", "--fix", "--format", "json", "--enable", "punctuation.quote-dash",
                          "--enable", "abbreviations.us", str(path)], capsys)
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode_before  # replaced by rename, not written in place
    assert code == 0 and json.loads(out)["files"][0]["findings"] == []
    assert err == f"mtqa: fixed 3 in {path}\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["news.txt"]
    code, _, err = run(["check", "--fix", str(path)], capsys)  # a second run changes nothing
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode() and "fixed" not in err


def test_diff_shows_fixes_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(TEXT.encode())
    code, out, _ = run(["check", "--diff", "--enable", "abbreviations.us", str(path)], capsys)
    assert path.read_bytes() == TEXT.encode()
    assert code == 1
    assert out.splitlines(keepends=True)[2:] == [
        "@@ -1,3 +1,3 @@\n",
        " The U.S. army left. The U.S. navy stayed.\r\n",
        "-Later the US said: “We are ready”, — he said.\r\n",
        "+Later the U.S. said: “We are ready”, — he said.\r\n",
        " And “again”, — here.\r\n",
    ]


def test_baseline_reports_only_new_findings_and_survives_edits_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(TEXT, encoding="utf-8")
    code, _, err = run(["baseline", "write", "a.txt"], capsys)
    assert code == 0 and err == "mtqa: wrote 3 findings to .mtqa-baseline.json\n"
    assert run(["check", "--baseline", ".mtqa-baseline.json", "a.txt"], capsys)[0] == 0
    # An edit elsewhere moves every offset: the baseline still holds.
    Path("a.txt").write_text("A new first line.\n" + TEXT, encoding="utf-8")
    assert run(["check", "--baseline", ".mtqa-baseline.json", "a.txt"], capsys)[0] == 0
    # A new error is reported, and only it.
    Path("a.txt").write_text(TEXT + "Then the US army came”, — they said.\n", encoding="utf-8")
    code, out, _ = run(["check", "--format", "json", "--baseline", ".mtqa-baseline.json", "a.txt"], capsys)
    assert code == 1
    assert [(f["rule"], f["text"], f["line"]) for f in json.loads(out)["files"][0]["findings"]] == [
        ("abbreviations.us", "US", 4), ("punctuation.quote-dash", "”, —", 4),
    ]


def test_inline_suppression() -> None:
    text = "One.\n<!-- mtqa-disable-next-line abbreviations -->\nUS here.\nUS there.\n<!-- mtqa-disable -->\nUS off.\n"
    doc = Document("f.md", text)
    findings = [finding("abbreviations.us", text.index(w), text.index(w) + 2, "US", "U.S.")
                for w in ("US here", "US there", "US off")]
    assert [f.start for f in drop_suppressed(doc, findings)] == [text.index("US there")]


def test_cache_and_parallel_runs_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text((TEXT * 2000) if i % 2 else "Clean text here.\n", encoding="utf-8")
    only = ["--enable", "abbreviations.us", "--enable", "punctuation.quote-dash"]
    first = run(["check", "--format", "json", "-j", "2", *only, str(tmp_path)], capsys)
    assert any((tmp_path / "cache").rglob("*.json"))
    warm = run(["check", "--format", "json", "-j", "1", *only, str(tmp_path)], capsys)
    cold = run(["check", "--format", "json", "--no-cache", "-j", "1", *only, str(tmp_path)], capsys)
    assert first == warm == cold
    assert json.loads(first[1])["summary"]["findings"] == 3 * 2000 * 3
