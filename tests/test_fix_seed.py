"""`--fix` on the seed article: exactly the expected safe fixes, nothing else, and idempotent.

The expected result is kept as a unified diff against the seed
(tests/fixtures/seed-fix.diff), so the seed's text itself is not copied here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mtqa.cli import main
from mtqa.fix import unified_diff
from tests.shared_data import SEED, need

EXPECTED = Path(__file__).parent / "fixtures" / "seed-fix.diff"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))


def test_fix_on_the_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = need(SEED).read_text(encoding="utf-8")
    path = tmp_path / "seed.txt"
    shutil.copyfile(SEED, path)
    main(["check", "--format", "json", str(path)])
    before = json.loads(capsys.readouterr()[0])["files"][0]["findings"]

    main(["check", "--fix", "--format", "json", str(path)])
    after = json.loads(capsys.readouterr()[0])["files"][0]["findings"]
    fixed = path.read_text(encoding="utf-8")
    diff = unified_diff("seed.txt", original, fixed)
    assert diff == EXPECTED.read_text(encoding="utf-8")

    # The fixed findings are gone; every other finding is still reported (its text may hold a fix).
    fixable = {r["id"] for r in _rules(capsys) if r["fix"]}
    assert [f for f in after if f["rule"] in fixable] == []
    assert sorted(f["rule"] for f in after) == sorted(f["rule"] for f in before if f["rule"] not in fixable)

    main(["check", "--fix", str(path)])  # a second run changes nothing
    capsys.readouterr()
    assert path.read_text(encoding="utf-8") == fixed


def _rules(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    main(["rules", "--format", "json"])
    rules: list[dict[str, object]] = json.loads(capsys.readouterr()[0])
    return rules
