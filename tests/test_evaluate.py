"""The evaluation's matching and metrics, on hand-made gold and findings, with exact numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.cli import main
from mtqa.evaluate import (
    MAX_EXTRA,
    GoldFormatError,
    evaluate_document,
    judge,
    locate,
    points_at,
    report_dict,
    resolve_gold,
    summarize,
)
from mtqa.finding import Finding, Kind, Severity

TEXT = (
    "Petrov said the the plan failed in Omsk.\n"
    "The rate rose to 3,5 percent, said Petrov, and the bank in Omsk agreed with the the plan."
)
GOLD = {
    "file": "x.txt",
    "errors": [
        {"text": "the the", "occurrence": 1, "kind": "doubled_word", "must": True},
        {"text": "3,5", "occurrence": 1, "kind": "punctuation_convention", "canonical": "3.5", "must": True},
        {"text": "the the", "occurrence": 2, "kind": "doubled_word", "must": True},
        {"text": "failed", "occurrence": 1, "kind": "grammar", "must": False},
        {"text": "bank", "occurrence": 1, "kind": "mistranslation", "must": False},
    ],
    "clean": ["Petrov", "Omsk"],
}


def at(needle: str, occurrence: int = 1) -> tuple[int, int]:
    span = locate(TEXT, needle, occurrence)
    assert span is not None
    return span


def finding(rule: str, kind: Kind, start: int, end: int, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(rule, kind, severity, start, end, TEXT[start:end], "m")


def test_locate_counts_whole_words_when_the_text_is_a_word() -> None:
    text = "in in inland in"
    assert locate(text, "in", 1) == (0, 2)
    assert locate(text, "in", 3) == (13, 15)  # "inland" is not an occurrence
    assert locate(text, "in", 4) is None
    assert locate(text, "in in", 1) == (0, 5)
    # Not starting with a word character: a plain substring, so "in" inside "inland" counts.
    assert locate("a-b a-bc", "-b", 2) == (5, 7)
    assert locate("x, - y, - z", ", - ", 2) == (6, 10)
    assert locate(TEXT, "the the", 2) == (117, 124)


def test_resolve_gold_places_errors_and_clean_words() -> None:
    gold = resolve_gold(GOLD, TEXT, "x.txt")
    assert [(e.start, e.end, e.text) for e in gold.errors] == [
        (12, 19, "the the"), (58, 61, "3,5"), (117, 124, "the the"), (25, 31, "failed"), (92, 96, "bank"),
    ]
    assert gold.errors[1].canonical == "3.5" and gold.errors[1].must is True
    assert [(c.start, c.word) for c in gold.clean] == [(0, "Petrov"), (35, "Omsk"), (76, "Petrov"), (100, "Omsk")]


def test_start_end_win_over_occurrence_and_must_match_the_text() -> None:
    raw = {"errors": [{"text": "the the", "occurrence": 1, "start": 117, "end": 124,
                       "kind": "doubled_word", "must": True}]}
    assert resolve_gold(raw, TEXT, "x").errors[0].start == 117
    bad = {"errors": [{"text": "the the", "start": 116, "end": 123, "kind": "doubled_word", "must": True}]}
    with pytest.raises(GoldFormatError, match=r"text\[116:123\] is ' the th', not 'the the'"):
        resolve_gold(bad, TEXT, "x")


def test_clean_word_inside_an_error_is_not_clean() -> None:
    raw = {"errors": [{"text": "said Petrov", "occurrence": 1, "kind": "calque", "must": False}], "clean": ["Petrov"]}
    gold = resolve_gold(raw, TEXT, "x")
    assert [(c.start, c.end) for c in gold.clean] == [(0, 6)]  # the one at 76 lies inside the error


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"errors": [{"text": "plan", "kind": "typo", "must": True}]}, "unknown kind 'typo'"),
        ({"errors": [{"text": "plan", "kind": "grammar"}]}, "'must' must be true or false"),
        ({"errors": [{"text": "plan", "occurrence": 3, "kind": "grammar", "must": True}]},
         "occurrence 3 of 'plan' not found \\(2 in the text\\)"),
        ({"errors": [{"text": "plan", "kind": "grammar", "must": True, "sevrity": 1}]}, "unknown key 'sevrity'"),
        ({"errors": [{"kind": "grammar", "must": True}]}, "needs 'text'"),
        ({"errors": [], "clean": ["Moscow"]}, "clean word 'Moscow' does not occur"),
        ({"errors": [{"start": 5, "end": 500, "kind": "grammar", "must": True}]}, "'start'/'end' must be offsets"),
    ],
)
def test_malformed_gold_is_refused(raw: dict[str, object], message: str) -> None:
    with pytest.raises(GoldFormatError, match=message):
        resolve_gold(raw, TEXT, "x")


def test_a_finding_may_be_at_most_max_extra_code_points_wider() -> None:
    gold = resolve_gold({"errors": GOLD["errors"]}, TEXT, "x")  # no clean words in the way
    error = gold.errors[1]  # "3,5" at 58..61
    assert MAX_EXTRA == 40
    exact = finding("r", Kind.GRAMMAR, 58 - 20, 61 + 20)  # 40 wider: still points at it
    wide = finding("r", Kind.GRAMMAR, 58 - 20, 61 + 21)
    assert points_at(exact, error)
    assert not points_at(wide, error)
    assert judge(exact, gold) is None
    assert judge(wide, gold) == "too wide: 44 code points for an error of 3"
    touching = finding("r", Kind.GRAMMAR, 61, 62)  # end-exclusive: adjacent is not overlapping
    assert judge(touching, gold) == "no gold error here"
    empty = finding("r", Kind.GRAMMAR, 59, 59)
    assert judge(empty, gold) is None


def test_evaluate_and_summarize_give_exact_figures() -> None:
    gold = resolve_gold(GOLD, TEXT, "x.txt")
    findings = [
        finding("rep.doubled", Kind.DOUBLED_WORD, *at("the the", 1)),               # catches error 1
        finding("punct.decimal", Kind.PUNCTUATION_CONVENTION, *at("3,5")),          # catches error 2
        finding("names.odd", Kind.NAME_VARIANT, *at("Petrov", 2)),                  # clean word: FP
        finding("punct.decimal", Kind.PUNCTUATION_CONVENTION, *at("rose")),         # nothing there: FP
        finding("grammar.lt", Kind.GRAMMAR, *at("failed"), severity=Severity.INFO),  # below threshold
        finding("rep.doubled", Kind.DOUBLED_WORD, at("said Petrov, and")[0], at("the the", 2)[1]),  # too wide
    ]
    doc = evaluate_document(gold, TEXT, findings, words=30)
    assert [o.caught_by for o in doc.errors] == [("rep.doubled",), ("punct.decimal",), (), (), ()]
    assert [o.below for o in doc.errors] == [False, False, False, True, False]
    assert [j.reason for j in doc.findings] == [
        None, None, "clean word 'Petrov'", "no gold error here",
        "clean word 'Petrov'",  # the too-wide finding also covers the clean word at 76
    ]
    assert doc.below == 1

    report = summarize([doc])
    total = report.total
    assert (total.must, total.must_caught, total.optional, total.optional_caught) == (3, 2, 2, 0)
    assert (total.findings, total.false_positives) == (5, 3)
    assert total.recall_must == pytest.approx(2 / 3)
    assert total.recall_optional == 0.0
    assert total.precision == pytest.approx(2 / 5)
    assert report.fp_per_1000_words == pytest.approx(100.0)

    kinds = {s.name: s for s in report.by_kind}
    assert list(kinds) == ["name_variant", "punctuation_convention", "doubled_word", "grammar", "mistranslation"]
    assert (kinds["doubled_word"].must, kinds["doubled_word"].must_caught) == (2, 1)
    assert (kinds["doubled_word"].findings, kinds["doubled_word"].false_positives) == (2, 1)
    assert kinds["punctuation_convention"].precision == 0.5
    assert kinds["name_variant"].recall_must is None and kinds["name_variant"].precision == 0.0
    assert kinds["mistranslation"].recall_optional == 0.0

    rules = {s.name: s for s in report.by_rule}
    assert list(rules) == ["names.odd", "punct.decimal", "rep.doubled"]
    assert (rules["rep.doubled"].must, rules["rep.doubled"].must_caught, rules["rep.doubled"].precision) == (2, 1, 0.5)
    assert (rules["punct.decimal"].must, rules["punct.decimal"].must_caught) == (1, 1)
    assert rules["names.odd"].must == 0 and rules["names.odd"].recall_must is None


def test_min_severity_info_scores_the_info_findings() -> None:
    gold = resolve_gold(GOLD, TEXT, "x.txt")
    findings = [finding("grammar.lt", Kind.GRAMMAR, *at("failed"), severity=Severity.INFO)]
    warning = summarize([evaluate_document(gold, TEXT, findings, 30)])
    info = summarize([evaluate_document(gold, TEXT, findings, 30, Severity.INFO)], Severity.INFO)
    assert (warning.total.optional_caught, warning.total.findings) == (0, 0)
    assert (info.total.optional_caught, info.total.findings, info.total.precision) == (1, 1, 1.0)


def test_report_dict_lists_misses_and_false_positives_with_context() -> None:
    gold = resolve_gold(GOLD, TEXT, "x.txt")
    findings = [finding("punct.decimal", Kind.PUNCTUATION_CONVENTION, *at("rose"))]
    data = report_dict(summarize([evaluate_document(gold, TEXT, findings, 30)]))
    assert data["summary"]["must"] == 3 and data["summary"]["recall_must"] == 0.0
    assert data["summary"]["fp_per_1000_words"] == pytest.approx(33.333)
    assert [m["text"] for m in data["misses"]] == ["the the", "3,5", "the the", "failed", "bank"]
    miss = data["misses"][1]
    assert (miss["line"], miss["column"], miss["must"], miss["canonical"]) == (2, 18, True, "3.5")
    assert miss["context"] == ["The rate rose to ", "3,5", " percent, said Petrov, and the bank in O…"]
    [fp] = data["false_positives"]
    assert (fp["rule"], fp["text"], fp["line"], fp["column"], fp["reason"]) == (
        "punct.decimal", "rose", 2, 10, "no gold error here")
    assert data["by_rule"] == [{"rule": "punct.decimal", "kind": "punctuation_convention", "must": 1,
                                "must_caught": 0, "recall_must": 0.0, "optional": 0, "optional_caught": 0,
                                "recall_optional": None, "findings": 1, "false_positives": 1, "precision": 0.0,
                                "caught_other_kinds": 0}]


def test_a_rule_recall_counts_only_its_own_kind() -> None:
    gold = resolve_gold(GOLD, TEXT, "x.txt")
    findings = [
        finding("script.any", Kind.PUNCTUATION_CONVENTION, *at("3,5")),      # its own kind
        finding("script.any", Kind.PUNCTUATION_CONVENTION, *at("the the")),  # a doubled_word error
        finding("script.any", Kind.PUNCTUATION_CONVENTION, *at("bank")),     # an optional mistranslation
    ]
    [rule] = summarize([evaluate_document(gold, TEXT, findings, 30)]).by_rule
    assert (rule.must, rule.must_caught, rule.optional, rule.optional_caught) == (1, 1, 0, 0)
    assert (rule.other_caught, rule.findings, rule.false_positives, rule.recall_must) == (2, 3, 0, 1.0)


RULE = """id: test.doubled
kind: repetition
finding_kind: doubled_word
severity: warning
message: "'{found}': a word written twice."
examples:
  fail: [{text: "the the cat", expect: ["the the"]}]
  pass: ["the cat"]
"""


def test_eval_command_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Real engine, a rule folder of one rule, a gold file with start/end and one with text/occurrence."""
    rules = tmp_path / "rules" / "test"
    rules.mkdir(parents=True)
    (rules / "doubled.yaml").write_text(RULE, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    (docs / "a.gold.json").write_text(json.dumps(GOLD | {"file": "a.txt"}), encoding="utf-8")
    (docs / "b.txt").write_text("\ufeffHe had had enough of it.", encoding="utf-8")
    (docs / "b.gold.json").write_text(json.dumps({"errors": [], "clean": ["had"]}), encoding="utf-8")
    code = main(["eval", str(docs), "--no-builtin", "--rules", str(tmp_path / "rules"), "--format", "json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    data = json.loads(out)
    s = data["summary"]
    assert (s["documents"], s["must"], s["must_caught"], s["findings"], s["false_positives"]) == (2, 3, 2, 3, 1)
    [fp] = data["false_positives"]
    assert (fp["file"], fp["text"], fp["reason"]) == (str(docs / "b.txt"), "had had", "clean word 'had'")
    assert [d["file"] for d in data["documents"]] == [str(docs / "a.txt"), str(docs / "b.txt")]

    code = main(["eval", str(docs / "a.gold.json"), "--no-builtin", "--rules", str(tmp_path / "rules")])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "test.doubled" in out and "recall (must) 67% (2/3)" in out and "precision 100% (2/2)" in out


def test_eval_command_reports_bad_gold_and_still_measures_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("One two.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text(json.dumps({"errors": [{"text": "three", "kind": "grammar",
                                                                   "must": True}]}), encoding="utf-8")
    (tmp_path / "b.txt").write_text("One two.", encoding="utf-8")
    (tmp_path / "b.gold.json").write_text(json.dumps({"errors": [], "clean": ["two"]}), encoding="utf-8")
    (tmp_path / "c.gold.json").write_text(json.dumps({"wmt": {"year": "wmt99", "file": "hyp.X.en", "doc_id": "d"},
                                                      "errors": []}), encoding="utf-8")
    code = main(["eval", str(tmp_path), "--no-builtin", "--format", "json", "--wmt-data", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == [
        f"mtqa: {tmp_path / 'a.gold.json'}: {tmp_path / 'a.txt'}: errors[0]: occurrence 1 of 'three' not found (0 in the text)",
        f"mtqa: {tmp_path / 'c.gold.json'}: WMT file not found: {tmp_path / 'wmt99' / 'hyp.X.en'} (see --wmt-data)",
    ]
    assert json.loads(out)["summary"]["documents"] == 1
