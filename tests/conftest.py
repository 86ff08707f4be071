"""Shared fixtures: the built-in rules, loaded once per session."""

from __future__ import annotations

import pytest

from mtqa.config import Config
from mtqa.engine import select_rules
from mtqa.rule import Rule
from mtqa.rulefile import RuleSet, builtin_rules_dir, load_rules


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_rules([builtin_rules_dir()])


@pytest.fixture(scope="session")
def default_rules(ruleset: RuleSet) -> tuple[Rule, ...]:
    return select_rules(ruleset.rules, Config())
