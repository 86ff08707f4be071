"""Regression gate: recall on must errors and precision on corpus/ never fall below tests/eval_baseline.json.

The figures are those of the built-in rules at warning or above. After a change
that improves them, ``python bench/update_eval_baseline.py`` records the new ones.
"""

from __future__ import annotations

import json

from mtqa.commands.eval import gold_files, measure
from mtqa.evaluate import figures, regressions
from mtqa.finding import Severity
from mtqa.rule import Rule
from tests.shared_data import REPO, WMT

BASELINE = REPO / "tests" / "eval_baseline.json"


def test_corpus_figures_do_not_fall_below_the_baseline(default_rules: tuple[Rule, ...]) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))["corpus"]
    problems: list[str] = []
    report, load_problems = measure(gold_files([str(REPO / "corpus")], problems), default_rules, WMT, Severity.WARNING)
    assert problems + load_problems == []
    current = figures(report)
    assert current["documents"] == baseline["documents"]
    assert current["must"] == baseline["must"]
    assert regressions(baseline, current) == []


def test_regressions_names_each_drop() -> None:
    base = {"min_severity": "warning", "recall_must": 0.5, "precision": 0.9,
            "by_kind": {"homoglyph": {"recall_must": 1.0, "precision": 1.0},
                        "calque": {"recall_must": None, "precision": 0.5}}}
    now = {"min_severity": "warning", "recall_must": 0.5, "precision": 0.8,
           "by_kind": {"calque": {"recall_must": None, "precision": None}}}
    assert regressions(base, now) == [
        "all: precision 0.8000 < baseline 0.9000",
        "homoglyph: recall_must 0.0000 < baseline 1.0000",
    ]
    assert regressions(base, base) == []
    assert regressions(base, {**base, "min_severity": "info"}) == ["measured at info, baseline at warning"]
