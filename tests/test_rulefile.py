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


def _kept(data: Path) -> list[Path]:
    return sorted(data.glob("mtqa.rulefile.*.pickle"))


def test_trusted_folder_is_kept_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mtqa.rulefile

    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "rules" / "house").mkdir(parents=True)
    path = tmp_path / "rules" / "house" / "rule.yaml"
    path.write_text(GOOD, encoding="utf-8")
    first = load_rules([tmp_path / "rules"], trusted=[tmp_path / "rules"])
    assert [(r.id, r.severity.value, r.path) for r in first.rules] == [("house.rule", "warning", str(path))]
    assert len(_kept(tmp_path / "data")) == 1
    with monkeypatch.context() as m:  # read back: no rule file is parsed
        m.setattr(mtqa.rulefile, "load_rule_file", lambda *_: pytest.fail("parsed a kept rule file"))
        again = load_rules([tmp_path / "rules"], trusted=[tmp_path / "rules"])
    assert [(r.id, r.severity.value, r.message) for r in again.rules] == [
        (r.id, r.severity.value, r.message) for r in first.rules]
    assert again.errors == ()
    path.write_text(GOOD.replace("severity: warning", "severity: error"), encoding="utf-8")  # edited: parsed again
    edited = load_rules([tmp_path / "rules"], trusted=[tmp_path / "rules"])
    assert [(r.id, r.severity.value) for r in edited.rules] == [("house.rule", "error")]
    assert len(_kept(tmp_path / "data")) == 1  # in place of the old one


def test_trusted_folder_with_an_error_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "rules" / "house").mkdir(parents=True)
    (tmp_path / "rules" / "house" / "rule.yaml").write_text(GOOD.replace("kind: substitution", "kind: replace"),
                                                            encoding="utf-8")
    for _ in range(2):  # reported on every run
        ruleset = load_rules([tmp_path / "rules"], trusted=[tmp_path / "rules"])
        assert ruleset.rules == ()
        assert [e.line for e in ruleset.errors] == [2]
    assert _kept(tmp_path / "data") == []


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong type"])
def test_damaged_kept_rules_are_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    import pickle

    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "rules" / "house").mkdir(parents=True)
    (tmp_path / "rules" / "house" / "rule.yaml").write_text(GOOD, encoding="utf-8")
    first = load_rules([tmp_path / "rules"], trusted=[tmp_path / "rules"])
    [kept] = _kept(tmp_path / "data")
    data = kept.read_bytes()
    kept.write_bytes({"truncated": data[: len(data) // 2], "garbage": bytes(range(256)),
                      "wrong type": pickle.dumps(["house.rule"])}[damage])
    again = load_rules([tmp_path / "rules"], trusted=[tmp_path / "rules"])
    assert [(r.id, r.message) for r in again.rules] == [(r.id, r.message) for r in first.rules]
    assert again.errors == ()
    assert kept.read_bytes() == data  # kept afresh


def test_kept_builtin_rules_hold_no_compiled_regex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only regex sources are kept: a compiled pattern pickles as the regex module's own code,
    which that module replays unchecked (a damaged file could crash the run)."""
    import io
    import pickle

    import regex

    from mtqa.rulefile import builtin_rules_dir

    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path / "data"))
    rules = load_rules([builtin_rules_dir()], trusted=[builtin_rules_dir()]).rules
    compiled: list[str] = []

    class Watch(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            if isinstance(obj, regex.Pattern):
                compiled.append(obj.pattern)
            return NotImplemented

    Watch(io.BytesIO(), protocol=pickle.HIGHEST_PROTOCOL).dump(list(rules))
    assert compiled == []
    assert len(_kept(tmp_path / "data")) == 1


def test_two_trusted_folders_keep_one_entry_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two checkouts sharing a data folder do not undo each other's kept rules."""
    import mtqa.rulefile

    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path / "data"))
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        (folder / "house").mkdir(parents=True)
        (folder / "house" / "rule.yaml").write_text(GOOD, encoding="utf-8")
        load_rules([folder], trusted=[folder])
    assert len(_kept(tmp_path / "data")) == 2
    monkeypatch.setattr(mtqa.rulefile, "load_rule_file", lambda *_: pytest.fail("parsed a kept rule file"))
    for folder in folders:
        assert [r.id for r in load_rules([folder], trusted=[folder]).rules] == ["house.rule"]


def test_unreadable_file_in_trusted_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "rules" / "house" / "odd.yaml").mkdir(parents=True)  # a folder where a file should be
    (tmp_path / "rules" / "house" / "rule.yaml").write_text(GOOD, encoding="utf-8")
    ruleset = load_rules([tmp_path / "rules"], trusted=[tmp_path / "rules"])
    assert [r.id for r in ruleset.rules] == ["house.rule"]
    assert [str(e).split(": cannot read rule file")[0] for e in ruleset.errors] == [
        f"{tmp_path / 'rules' / 'house' / 'odd.yaml'}:0"]
    assert _kept(tmp_path / "data") == []
