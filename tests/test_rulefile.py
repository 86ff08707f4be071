"""Malformed rule files: each problem is one line naming the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.rulefile import load_rules

GOOD = """id: house.rule
kind: substitution
finding_kind: calque
severity: warning
message: "'{found}': write '{expected}'."
replace:
  - {pattern: 'on the territory of', use: 'in'}
examples:
  fail: ["It happened on the territory of Russia."]
  pass: ["It happened in Russia."]
"""

CASES = [
    ("unknown key", GOOD.replace("severity: warning", "severity: warning\nseverty: info"), 5,
     "key 'severty': unknown key (a 'substitution' rule takes:"),
    ("bad regex", GOOD.replace("'on the territory of'", "'on the (territory of'"), 6, "key 'replace[0]': bad regex"),
    ("bad template", GOOD.replace("use: 'in'", "use: '\\\\2'"), 6, "key 'replace[0]': bad 'use' template"),
    ("wrong id", GOOD.replace("id: house.rule", "id: house.other"), 1,
     "key 'id': id must be 'house.rule' (its path), not 'house.other'"),
    ("unknown placeholder", GOOD.replace("write '{expected}'", "write '{wanted}'"), 5,
     "key 'message': unknown placeholder {wanted}"),
    ("unknown kind", GOOD.replace("kind: substitution", "kind: replace"), 2, "key 'kind': unknown rule kind 'replace'"),
    ("bad severity", GOOD.replace("severity: warning", "severity: fatal"), 4,
     "key 'severity': 'severity' must be one of: info, warning, error (got 'fatal')"),
    ("no pass example", GOOD.replace('  pass: ["It happened in Russia."]', "  pass: []"), 8,
     "key 'examples': every rule needs at least one 'fail' and one 'pass' example"),
    ("pass not a list", GOOD.replace('  pass: ["It happened in Russia."]\n', ""), 8,
     "key 'examples.pass': 'examples.pass' must be a list"),
    ("not YAML", GOOD.replace("replace:\n", "replace: [\n"), 7, "not valid YAML"),
]


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_rule_file(tmp_path: Path, text: str, line: int, message: str) -> None:
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "rule.yaml").write_text(text, encoding="utf-8")
    (folder / "fine.yaml").write_text(GOOD.replace("id: house.rule", "id: house.fine"), encoding="utf-8")
    ruleset = load_rules([tmp_path])
    assert [r.id for r in ruleset.rules] == ["house.fine"]  # one bad file never stops the others
    assert len(ruleset.errors) == 1
    error = str(ruleset.errors[0])
    assert error.startswith(f"{folder / 'rule.yaml'}:{line}: "), error
    assert message in error
    assert "\n" not in error


def test_good_rule_file_loads(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rule.yaml").write_text(GOOD, encoding="utf-8")
    ruleset = load_rules([tmp_path])
    assert ruleset.errors == () and [r.id for r in ruleset.rules] == ["house.rule"]


def test_missing_rules_folder(tmp_path: Path) -> None:
    ruleset = load_rules([tmp_path / "nope"])
    assert [str(e) for e in ruleset.errors] == [f"{tmp_path / 'nope'}:0: rules folder not found"]
