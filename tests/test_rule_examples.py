"""Every rule file loads, and its own fail/pass examples behave."""

from __future__ import annotations

import pytest

from mtqa.document import Document
from mtqa.engine import check_document
from mtqa.kinds import KINDS
from mtqa.rule import Rule
from mtqa.rulefile import builtin_rules_dir, load_rules

RULES = load_rules([builtin_rules_dir()])


def test_every_rule_file_loads() -> None:
    assert [str(e) for e in RULES.errors] == []
    files = sorted(builtin_rules_dir().rglob("*.yaml"))
    assert len(RULES.rules) == len(files)


def _cases() -> list[tuple[str, Rule, str, int]]:
    out = []
    for rule in RULES.rules:
        out += [(f"{rule.id}::fail{i}", rule, "fail", i) for i in range(len(rule.fail))]
        out += [(f"{rule.id}::pass{i}", rule, "pass", i) for i in range(len(rule.passes))]
    return out


CASES = _cases()


@pytest.mark.parametrize(("rule", "which", "index"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_example(rule: Rule, which: str, index: int) -> None:
    example = (rule.fail if which == "fail" else rule.passes)[index]
    if getattr(KINDS[rule.kind], "EXTERNAL", False):
        pytest.skip(f"{rule.kind} rules run in a batch outside the engine; their examples run in that kind's own tests")
    findings = [f for f in check_document(Document("example", example.text), [rule]) if f.rule == rule.id]
    for f in findings:
        assert example.text[f.start : f.end] == f.text
    if which == "pass":
        assert [f.text for f in findings] == []
    elif example.expect:
        assert [f.text for f in findings] == list(example.expect)
    else:
        assert findings, f"{rule.id}: fail example not flagged: {example.text!r}"
