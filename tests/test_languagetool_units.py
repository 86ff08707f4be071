"""LanguageTool settings, offsets, batching, caching and filtering: the parts that need no server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mtqa.finding import Finding, Kind, Severity
from mtqa.kinds import KINDS
from mtqa.kinds import languagetool as kind
from mtqa.languagetool import server
from mtqa.languagetool.client import (
    LtMatch,
    ResultCache,
    _batches,
    advance_utf16,
    paragraph_key,
    request_settings,
)
from mtqa.languagetool.findings import drop_explained, is_typo
from mtqa.rule import OptionError
from mtqa.rulefile import RuleSet


def settings_rule(ruleset: RuleSet) -> Any:
    (rule,) = [r for r in ruleset.rules if r.kind == "languagetool"]
    return rule


def test_the_kind_is_registered_and_runs_outside_the_engine() -> None:
    assert KINDS["languagetool"] is kind
    assert kind.EXTERNAL is True


def test_the_settings_rule_loads_with_its_lists(ruleset: RuleSet) -> None:
    rule = settings_rule(ruleset)
    assert rule.id == "languagetool.settings"
    options: kind.Options = rule.options
    assert options.mother_tongue == "ru"
    assert options.language == "en-US"
    assert options.level == "default"
    assert "PUNCTUATION" in [s.id for s in options.disabled_categories]
    assert "EN_DATE_WEEKDAY_CURRENTYEAR" in [s.id for s in options.disabled_rules]
    # every switch says why
    assert all(s.why for s in (*options.disabled_rules, *options.disabled_categories))
    settings = request_settings(options)
    assert settings["motherTongue"] == "ru"
    assert "level" not in settings


def test_style_advice_is_info_and_grammar_is_warning(ruleset: RuleSet) -> None:
    options = settings_rule(ruleset).options
    assert kind.classify(options, "EXTREME_ADJECTIVES", "STYLE", "style") == (Kind.STYLE, Severity.INFO)
    assert kind.classify(options, "WHETHER", "REDUNDANCY", "style") == (Kind.STYLE, Severity.INFO)
    assert kind.classify(options, "HE_VERB_AGR", "GRAMMAR", "grammar") == (Kind.GRAMMAR, Severity.WARNING)
    assert kind.classify(options, "EN_A_VS_AN", "MISC", "misspelling") == (Kind.GRAMMAR, Severity.WARNING)
    assert kind.classify(options, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling") == (Kind.SPELLING, Severity.WARNING)
    assert kind.classify(options, "CONSECUTIVE_SPACES", "TYPOGRAPHY", "whitespace") == (Kind.GRAMMAR, Severity.INFO)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"level": "loud"}, "level"),
        ({"disabled_rules": ["lower_case"]}, "disabled_rules"),
        ({"disabled_rules": ["A_B", {"id": "A_B"}]}, "disabled_rules"),
        ({"disabled_categories": [{"id": "X", "because": "no"}]}, "disabled_categories"),
        ({"classify": [{"type": "grammar"}]}, "classify"),
        ({"classify": [{"type": "grammar", "kind": "nonsense"}]}, "classify"),
        ({"classify": [{"typ": "grammar", "kind": "grammar"}]}, "classify"),
        ({"batch_chars": 10}, "batch_chars"),
        ({"timeout": 0}, "timeout"),
        ({"typo_max_edits": 0}, "typo_max_edits"),
        ({"language": ""}, "language"),
    ],
)
def test_bad_options_name_their_key(raw: dict[str, Any], key: str) -> None:
    with pytest.raises(OptionError) as caught:
        kind.parse(raw)
    assert caught.value.key == key


def test_check_inside_the_engine_yields_nothing(ruleset: RuleSet) -> None:
    from mtqa.document import Document

    assert list(kind.check(settings_rule(ruleset), Document("x", "He go to school."))) == []


@pytest.mark.parametrize(
    ("text", "start", "units", "end"),
    [
        ("abc", 0, 2, 2),
        ("😀 go", 0, 2, 1),  # an emoji is two UTF-16 units, one code point
        ("😀 go", 2, 2, 4),
        ("a😀😀b", 1, 5, 4),
        ("ab", 1, 9, 2),  # never past the end
    ],
)
def test_utf16_lengths_become_code_points(text: str, start: int, units: int, end: int) -> None:
    assert advance_utf16(text, start, units) == end


def test_batches_join_paragraphs_up_to_the_limit() -> None:
    paragraphs = ["a" * 40, "b" * 40, "c" * 40, "d" * 200, "e"]
    assert _batches(paragraphs, 100) == [[0, 1], [2], [3], [4]]
    assert _batches(paragraphs, 10_000) == [[0, 1, 2, 3, 4]]


def test_cache_keys_change_with_version_settings_and_text() -> None:
    base = paragraph_key("6.8", {"language": "en-US"}, "He go.")
    assert base == paragraph_key("6.8", {"language": "en-US"}, "He go.")
    assert base != paragraph_key("6.9", {"language": "en-US"}, "He go.")
    assert base != paragraph_key("6.8", {"language": "en-GB"}, "He go.")
    assert base != paragraph_key("6.8", {"language": "en-US"}, "He goes.")


def test_result_cache_round_trip(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "r.sqlite3")
    match = LtMatch(3, 5, "HE_VERB_AGR", "GRAMMAR", "grammar", "Agreement.", ("goes", "went"))
    cache.put({"k1": (match,), "k2": ()})
    cache.close()
    again = ResultCache(tmp_path / "r.sqlite3")
    assert again.get(["k1", "k2", "k3"]) == {"k1": (match,), "k2": ()}
    assert ResultCache(None).get(["k1"]) == {}


def test_cache_dir_follows_mtqa_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path))
    assert server.cache_dir() == tmp_path / "languagetool"
    monkeypatch.delenv("MTQA_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert server.cache_dir() == tmp_path / "xdg" / "mtqa" / "languagetool"


def test_the_pom_pins_a_version() -> None:
    assert server.pinned_version() == "6.8"


def _spelling(start: int, text: str, suggestion: str | None, rule: str = "MORFOLOGIK_RULE_EN_US") -> Finding:
    return Finding(f"languagetool.{rule}", Kind.SPELLING, Severity.WARNING, start, start + len(text), text, "m", suggestion)


@pytest.mark.parametrize(
    ("word", "suggestion", "typo"),
    [
        ("recieve", "receive", True),
        ("definitley", "definitely", True),
        ("colour", "color", False),  # a word the lexicon knows (British)
        ("fo", "for", False),  # too short to tell
        ("anticorruption", "anti-corruption", False),  # only a hyphen apart
        ("superyachts", "super yachts", False),  # a compound
        ("ulitsa", "units", False),  # two edits: a transliteration
        ("zxqwv", None, False),  # no suggestion
        ("blorpt", "Blort", False),  # a capitalised suggestion is a name
    ],
)
def test_typo_filter(ruleset: RuleSet, word: str, suggestion: str | None, typo: bool) -> None:
    assert is_typo(settings_rule(ruleset).options, word, suggestion) is typo


def test_names_and_explained_tokens_are_dropped(ruleset: RuleSet) -> None:
    options = settings_rule(ruleset).options
    grammar = Finding("languagetool.HE_VERB_AGR", Kind.GRAMMAR, Severity.WARNING, 3, 5, "go", "m", "goes")
    name = _spelling(10, "Ivanovsky", None)
    typo = _spelling(30, "recieve", "receive")
    garbled = _spelling(50, "wrogn", "wrong")
    repeat = Finding("languagetool.ENGLISH_WORD_REPEAT_RULE", Kind.GRAMMAR, Severity.WARNING, 70, 77, "the the", "m")
    others = [
        Finding("lexical.garbled-token", Kind.GARBLED_TOKEN, Severity.WARNING, 50, 55, "wrogn", "m"),
        Finding("repetition.doubled", Kind.DOUBLED_WORD, Severity.WARNING, 70, 77, "the the", "m"),
        Finding("calques.x", Kind.CALQUE, Severity.INFO, 0, 9, "He go to", "m"),
    ]
    kept = drop_explained(options, [typo, garbled, repeat, name, grammar], others)
    assert kept == (grammar, typo)
    loose = replace(options, skip_name_spelling=False, typo_max_edits=None)
    assert drop_explained(loose, [name, typo], []) == (name, typo)


def test_one_finding_per_span(ruleset: RuleSet) -> None:
    options = settings_rule(ruleset).options
    a = Finding("languagetool.HIS_HE_S", Kind.GRAMMAR, Severity.WARNING, 4, 8, "he's", "m")
    b = Finding("languagetool.THAT_S_YOU_RE", Kind.GRAMMAR, Severity.WARNING, 4, 8, "he's", "m")
    assert drop_explained(options, [b, a], []) == (a,)
