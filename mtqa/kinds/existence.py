"""existence: flag every match of a list of phrases or regexes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mtqa.document import Document
from mtqa.finding import Finding
from mtqa.kinds._guard import guard
from mtqa.kinds._text import Matcher, compile_pattern, phrase_matcher
from mtqa.rule import OptionError, Rule, expect_type, string_list

KEYS = ("phrases", "patterns", "ignorecase")
PLACEHOLDERS = ("found",)


@dataclass(frozen=True, slots=True)
class Options:
    matchers: tuple[Matcher, ...]


def parse(raw: Mapping[str, Any]) -> Options:
    ignorecase = bool(expect_type(raw.get("ignorecase", False), "ignorecase", bool))
    phrases = string_list(raw, "phrases", ())
    patterns = string_list(raw, "patterns", ())
    if not phrases and not patterns:
        raise OptionError("phrases", "an existence rule needs 'phrases' or 'patterns'")
    matchers: list[Matcher] = [phrase_matcher(p, ignorecase) for p in phrases]
    matchers += [guard(compile_pattern(p, "patterns", ignorecase), p) for p in patterns]
    return Options(tuple(matchers))


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    for matcher in options.matchers:
        for m in matcher.finditer(doc.text):
            if m.end() > m.start():
                yield rule.finding(m.start(), m.end(), m.group())
