"""Kind features the rule packs rely on: consistency forms written several ways; script codes and exceptions."""

from __future__ import annotations

from typing import Any

import pytest

from mtqa.document import Document
from mtqa.finding import Kind, Severity
from mtqa.kinds import consistency, script
from mtqa.rule import OptionError, Rule


def _rule(kind: str, module: Any, raw: dict[str, Any], message: str = "{found}") -> Rule:
    return Rule(
        id=f"test.{kind}", kind=kind, finding_kind=Kind.STYLE, severity=Severity.WARNING,
        message=message, options=module.parse(raw),
    )


def _found(rule: Rule, module: Any, text: str) -> list[tuple[str, str | None, int]]:
    return sorted(((f.text, f.suggestion, f.start) for f in module.check(rule, Document("t", text))), key=lambda t: t[2])


DATES = {
    "variants": [
        {"name": "dm", "pattern": r"\b(\d{1,2}) (March|May),? (\d{4})\b", "rewrite": r"\2 \1, \3"},
        {"name": "dm", "pattern": r"\b(\d{1,2}) (March|May)\b", "rewrite": r"\2 \1"},
        {"name": "md", "pattern": r"\b(March|May) (\d{1,2}), (\d{4})\b", "rewrite": r"\2 \1 \3"},
        {"name": "md", "pattern": r"\b(March|May) (\d{1,2})\b", "rewrite": r"\2 \1"},
    ],
    "preferred": "md",
}


def test_consistency_entries_sharing_a_name_are_one_form_each_with_its_rewrite() -> None:
    rule = _rule("consistency", consistency, DATES, "{found} is {variant}; {winner} wins ({count}x)")
    text = "On 28 March 2020 and on 2 May it rained; on March 13 and March 14 it did not."
    assert _found(rule, consistency, text) == [("28 March 2020", "March 28, 2020", 3), ("2 May", "May 2", 24)]
    messages = [f.message for f in consistency.check(rule, Document("t", text))]
    assert messages == ["28 March 2020 is dm; md wins (2x)", "2 May is dm; md wins (2x)"]


def test_consistency_counts_a_form_over_all_its_entries() -> None:
    rule = _rule("consistency", consistency, DATES)
    # dm: two matches from two different entries; md: one. dm wins and md is flagged.
    text = "On 1 March 2020, on 3 May, and on May 9, 2021."
    assert _found(rule, consistency, text) == [("May 9, 2021", "9 May 2021", 34)]


def test_consistency_earlier_entry_wins_at_the_same_offset() -> None:
    rule = _rule("consistency", consistency, DATES)
    found = list(consistency.check(rule, Document("t", "On 5 May 2020 and on March 1.")))
    assert [(f.text, f.suggestion) for f in found] == [("5 May 2020", "May 5, 2020")]


def test_consistency_literal_variants_keep_their_old_behaviour() -> None:
    rule = _rule("consistency", consistency, {"variants": ["U.S.", "US"], "preferred": "U.S."})
    assert _found(rule, consistency, "The U.S. army. Later the US said no, let us go.") == [("US", "U.S.", 25)]


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"variants": ["US", "US"], "preferred": "US"}, "variants"),
        ({"variants": ["US", {"name": "US", "pattern": "US"}], "preferred": "US"}, "variants"),
        ({"variants": [{"name": "a", "pattern": "a"}, {"name": "a", "pattern": "b"}], "preferred": "a"}, "variants"),
        (
            {"variants": [{"name": "a", "pattern": "a", "rewrite": "b"}, "b", "c"], "preferred": "a"},
            "variants[0]",
        ),
    ],
)
def test_consistency_rejects_bad_forms(raw: dict[str, Any], key: str) -> None:
    with pytest.raises(OptionError) as err:
        consistency.parse(raw)
    assert err.value.key == key


LOOKALIKES = ["оo", "хx", "СC", "МM", "НH", "ТT"]


def test_script_codes_flag_lookalike_letters_in_numbers_and_codes() -> None:
    rule = _rule("script", script, {"mode": "mixed", "lookalikes": LOOKALIKES, "codes": True})
    text = "Mattress 90х190х27, it is 22°С, flight МН17, the Т-34; 5млн rubles; WНO data."
    assert _found(rule, script, text) == [
        ("90х190х27", "90x190x27", 9),
        ("22°С", "22°C", 26),
        ("МН17", "MH17", 39),
        ("Т-34", "T-34", 49),
        ("WНO", "WHO", 68),
    ]


def test_script_codes_are_off_unless_asked_and_only_for_mixed() -> None:
    rule = _rule("script", script, {"mode": "mixed", "lookalikes": LOOKALIKES})
    assert _found(rule, script, "Mattress 90х190, flight МН17.") == []
    with pytest.raises(OptionError) as err:
        script.parse({"mode": "runs", "codes": True})
    assert err.value.key == "codes"


def test_script_exceptions_drop_findings_inside_their_matches() -> None:
    raw = {"mode": "runs", "exceptions": [r"(?<=\d )млн", r"[\p{Cyrillic}]+\.рф"]}
    rule = _rule("script", script, raw)
    text = "The fine is 5 млн rubles, see стопкоронавирус.рф and ТАСС, but млн alone stays."
    assert _found(rule, script, text) == [("ТАСС", None, 53), ("млн", None, 63)]
    with pytest.raises(OptionError) as err:
        script.parse({"mode": "runs", "exceptions": ["(unclosed"]})
    assert err.value.key == "exceptions"


def test_script_runs_keep_an_abbreviation_stop_but_not_a_sentence_stop() -> None:
    rule = _rule("script", script, {"mode": "runs"})
    text = "It costs 5 тыс. руб. now. The plan was called Гроза. Then it began."
    assert _found(rule, script, text) == [("тыс. руб.", None, 11), ("Гроза", None, 46)]
