"""substitution: a known-bad form and the form English uses instead.

Each entry of ``replace`` is ``{pattern: REGEX, use: TEMPLATE}`` (groups as
``\\1`` or ``\\g<name>``) or ``{phrase: TEXT, use: TEXT}`` for a literal,
whole-word phrase. The match is the finding's span; the expanded template is
its suggestion, capitalised like the text it replaces.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from mtqa.document import Document
from mtqa.finding import Finding
from mtqa.kinds._guard import guard
from mtqa.kinds._text import Matcher, compile_pattern, deferring, match_case, phrase_matcher
from mtqa.rule import OptionError, Rule, expect_type

KEYS = ("replace", "ignorecase")
PLACEHOLDERS = ("found", "expected")
_ENTRY_KEYS = frozenset({"pattern", "phrase", "use"})


@dataclass(frozen=True, slots=True)
class Replacement:
    matcher: Matcher
    use: str


@dataclass(frozen=True, slots=True)
class Options:
    replacements: tuple[Replacement, ...]


def parse(raw: Mapping[str, Any]) -> Options:
    ignorecase = bool(expect_type(raw.get("ignorecase", False), "ignorecase", bool))
    entries = expect_type(raw.get("replace"), "replace", list)
    if not entries:
        raise OptionError("replace", "'replace' must list at least one entry")
    out = []
    for i, entry in enumerate(entries):
        key = f"replace[{i}]"
        entry = expect_type(entry, key, dict)
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise OptionError(key, f"unknown key '{sorted(unknown)[0]}' in {key}")
        use = expect_type(entry.get("use"), f"{key}.use", str)
        if ("pattern" in entry) == ("phrase" in entry):
            raise OptionError(key, f"{key} needs exactly one of 'pattern' or 'phrase'")
        matcher: Matcher
        if "pattern" in entry:
            source = expect_type(entry["pattern"], f"{key}.pattern", str)
            pattern = compile_pattern(source, key, ignorecase)
            if not deferring():
                try:
                    pattern.sub(use, "")
                    _check_template(pattern, use)
                except (regex.error, IndexError) as exc:
                    raise OptionError(key, f"bad 'use' template {use!r}: {exc}") from None
            matcher = guard(pattern, source)
        else:
            matcher = phrase_matcher(expect_type(entry["phrase"], f"{key}.phrase", str), ignorecase)
        out.append(Replacement(matcher, use))
    return Options(tuple(out))


def _check_template(matcher: regex.Pattern[str], use: str) -> None:
    """Expanding the template against a fake match must not fail on group numbers."""
    groups = regex.findall(r"\\(\d+)|\\g<(\w+)>", use)
    for number, name in groups:
        if number and int(number) > matcher.groups:
            raise IndexError(f"group \\{number} does not exist")
        if name and not name.isdigit() and name not in matcher.groupindex:
            raise IndexError(f"group <{name}> does not exist")


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    for rep in options.replacements:
        for m in rep.matcher.finditer(doc.text):
            if m.end() == m.start():
                continue
            found = m.group()
            suggestion = match_case(m.expand(rep.use), found)
            if suggestion != found:
                yield rule.finding(m.start(), m.end(), found, suggestion)
