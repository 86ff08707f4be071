"""The shortcuts of the consistency and script kinds against plain whole-text scans.

consistency asks about a rule's forms one at a time and never scans the last
one when the others are absent; script scans its runs only on the lines that
hold a Cyrillic letter or a combining mark. Both must find exactly what a scan
of every variant over the whole text finds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import regex

from mtqa.config import Config
from mtqa.document import Document
from mtqa.engine import select_rules
from mtqa.finding import Finding, Kind, Severity
from mtqa.kinds import consistency, script
from mtqa.rule import Rule
from mtqa.rulefile import builtin_rules_dir, load_rules
from tests.shared_data import WMT, need

RULES = select_rules(load_rules([builtin_rules_dir()]).rules, Config())


def _plain_consistency(rule: Rule, doc: Document) -> Iterator[Finding]:
    """The consistency check as first written: every variant scanned over the whole text."""
    options: consistency.Options = rule.options
    found: dict[str, list[tuple[Any, consistency.Variant]]] = {}
    taken: set[int] = set()
    for variant in options.variants:
        for m in variant.matcher.finditer(doc.text):
            if m.start() not in taken and m.end() > m.start():
                taken.add(m.start())
                found.setdefault(variant.name, []).append((m, variant))
    yield from consistency.report(rule, options, found)


MADE_UP = (
    "No forms at all here.",
    "The U.S. and the US, the U.K. and the UK, the EU and the E.U., 5 percent and 6 per cent.",
    "On 28 March 2020 at 14:30, and on March 29 at 2 p.m.; the U.N. met on 3 May.",
    "Only the US and the USSR, at 10:15 and 11:45.",
)


def _consistency_rules() -> list[Rule]:
    return [r for r in RULES if r.kind == "consistency"]


def test_consistency_finds_what_whole_text_scans_find_in_any_learnt_order() -> None:
    docs = [Document(str(p), p.read_text(encoding="utf-8")) for p in sorted(need(WMT).glob("*/*.en"))[:8]]
    docs += [Document(f"t{i}", text) for i, text in enumerate(MADE_UP)]
    for rule in _consistency_rules():
        for doc in docs + docs[::-1]:  # the order of the forms is learnt as the documents come
            assert list(consistency.check(rule, doc)) == list(_plain_consistency(rule, doc)), (rule.id, doc.path)
    fired = {r.id for r in _consistency_rules() for d in docs if list(consistency.check(r, d))}
    assert {"abbreviations.us", "locale.dates", "locale.times", "locale.percent"} <= fired


def _test_rule(raw: dict[str, Any]) -> Rule:
    return Rule(id="test.forms", kind="consistency", finding_kind=Kind.STYLE, severity=Severity.WARNING,
                message="{found}", options=consistency.parse(raw))


def test_consistency_empty_matches_and_three_forms() -> None:
    rule = _test_rule({"variants": [{"name": "a", "pattern": "x*"}, {"name": "b", "pattern": "yy"},
                                    {"name": "c", "pattern": "zz"}], "preferred": "b"})
    for text in ("yy only", "yy and zz", "x yy", "zz zz x", "yy zz zz", "", "q"):
        doc = Document("t", text)
        assert list(consistency.check(rule, doc)) == list(_plain_consistency(rule, doc)), text
    assert [f.text for f in consistency.check(rule, Document("t", "yy zz zz x"))] == ["yy", "x"]


def test_consistency_never_scans_the_last_form_when_the_others_have_no_match(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rule = _test_rule({"variants": [{"name": "a", "pattern": "xx"}, {"name": "a", "pattern": "ww"},
                                    {"name": "b", "pattern": "yy"}, {"name": "c", "pattern": "zz"}],
                       "preferred": "b"})
    asked: list[int] = []
    first = consistency._Scans.first

    def spy(self: consistency._Scans, k: int) -> Any:
        asked.append(k)
        return first(self, k)

    monkeypatch.setattr(consistency._Scans, "first", spy)
    assert list(consistency.check(rule, Document("t", "zz zz"))) == []
    assert asked == [0, 1, 2]  # a (both variants), b: no match, so c is never scanned
    asked.clear()
    assert [f.text for f in consistency.check(rule, Document("t", "ww zz yy"))] == ["ww", "zz"]
    assert asked[:4] == [0, 1, 2, 3]  # every form asked about, then read for its matches


def _plain_runs(rule: Rule, doc: Document) -> list[tuple[int, int, str]]:
    """script's runs from a scan of the whole text (exceptions left out)."""
    pattern = regex.compile(script._RUN.pattern, regex.V1)
    out = []
    for m in pattern.finditer(doc.text):
        before = doc.text[m.start() - 1] if m.start() else ""
        after = doc.text[m.end()] if m.end() < len(doc.text) else ""
        if script._LATIN.match(before) or script._LATIN.match(after):
            continue
        text = m.group().rstrip(" -–—,:;(")
        if text.endswith(".") and script._last_word_length(text[:-1]) > script._ABBREVIATION_MAX:
            text = text[:-1]
        out.append((m.start(), m.start() + len(text), text))
    return out


def test_script_runs_are_those_of_a_whole_text_scan() -> None:
    rule = Rule(id="test.runs", kind="script", finding_kind=Kind.UNTRANSLATED_CYRILLIC, severity=Severity.ERROR,
                message="{found}", options=script.parse({"mode": "runs"}))
    # Combining marks start runs too (alone, after a digit, at a line's start, after a Latin letter).
    made_up = "Cafe\u0301 and 5\u0301 ok.\n\u0301\u0301 then ТАСС said: «Гроза» (тыс.)\nNothing here.\nлишь\u0301 so"
    texts = [made_up] + [p.read_text(encoding="utf-8") for p in sorted(need(WMT).glob("*/*.en"))]
    runs = 0
    for i, text in enumerate(texts):
        doc = Document(f"t{i}", text)
        found = [(f.start, f.end, f.text) for f in script.check(rule, doc)]
        plain = _plain_runs(rule, doc) if script._CYRILLIC.search(text) else []
        assert found == plain, i
        runs += len(found)
    assert runs > 20
    marks = [(f.start, f.end, f.text) for f in script.check(rule, Document("t", made_up))][:2]
    assert marks == [(11, 12, "\u0301"), (17, 19, "\u0301\u0301")]


def test_script_exceptions_spare_what_whole_text_scans_spare() -> None:
    rule = next(r for r in RULES if r.id == "script.untranslated")
    exceptions = [regex.compile(p.pattern if isinstance(p, regex.Pattern) else p.source, regex.V1)
                  for p in rule.options.exceptions]
    assert any(not isinstance(p, regex.Pattern) for p in rule.options.exceptions)  # one is guarded
    made_up = "It cost 5 млн\nрублей, then 7 млн. Later 3 тыс. and ТАСС."
    texts = [made_up] + [p.read_text(encoding="utf-8") for p in sorted(need(WMT).glob("*/*.en"))]
    spared_any = 0
    for i, text in enumerate(texts):
        doc = Document(f"t{i}", text)
        plain = _plain_runs(rule, doc) if script._CYRILLIC.search(text) else []
        spared = [m.span() for p in exceptions for m in p.finditer(text)]
        kept = [f for f in plain if not any(s <= f[0] and f[1] <= e for s, e in spared)]
        assert [(f.start, f.end, f.text) for f in script.check(rule, doc)] == kept, i
        spared_any += len(plain) - len(kept)
    assert spared_any > 3
    # "млн" before a Cyrillic word on the next line is not spared (the lookahead reads across the line break)
    assert [f.text for f in script.check(rule, Document("t", made_up))] == ["млн", "рублей", "ТАСС."]
