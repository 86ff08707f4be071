"""The lexical cases of tests/cases/lexical*.yaml: exact findings of all lexical.* rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from mtqa.document import Document
from mtqa.engine import check_document
from mtqa.rule import Rule
from mtqa.rulefile import builtin_rules_dir, load_rules

CASES_DIR = Path(__file__).parent / "cases"
RULES: tuple[Rule, ...] = tuple(
    r for r in load_rules([builtin_rules_dir()]).rules if r.id.startswith("lexical.") and r.enabled
)


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES_DIR.glob("lexical*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append((f"{path.name}::{case['name']}", case))
    return out


CASES = _cases()


def test_cases_exist_and_names_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)
    assert {r.id for r in RULES} == {
        "lexical.garbled-token",
        "lexical.garbled-lowercase",
        "lexical.random-capital",
        "lexical.lowercased-acronym",
    }
    flagged = {f["rule"] for _, c in CASES for f in c["findings"]}
    assert flagged == {r.id for r in RULES}, "every lexical rule has a case that it must flag"


@pytest.mark.parametrize("case", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_lexical_case(case: dict[str, Any]) -> None:
    text: str = case["text"]
    findings = check_document(Document("case", text), RULES)
    got = [(f.rule, f.text, f.severity.value, f.suggestion, f.start) for f in findings]
    want = []
    for exp in case["findings"]:
        start = exp.get("start")
        if start is None:
            pattern = r"(?<!\w)" + re.escape(exp["text"]) + r"(?!\w)"
            starts = [m.start() for m in re.finditer(pattern, text)]
            assert len(starts) == 1, f"{exp['text']!r} occurs {len(starts)}x as a word: give its start"
            start = starts[0]
        want.append((exp["rule"], exp["text"], exp["severity"], exp["suggestion"], start))
    assert sorted(got, key=lambda g: g[4]) == sorted(want, key=lambda w: w[4])
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.message.strip() and "{" not in f.message
