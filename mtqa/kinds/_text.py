"""Small text helpers shared by the rule kinds."""

from __future__ import annotations

import regex

from mtqa.rule import OptionError


def compile_pattern(pattern: str, key: str, ignorecase: bool = False) -> regex.Pattern[str]:
    """Compile a rule's regex (the ``regex`` module: \\p{Cyrillic} and friends work)."""
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise OptionError(key, f"bad regex {pattern!r}: {exc}") from None


def phrase_pattern(phrase: str, ignorecase: bool = False) -> regex.Pattern[str]:
    """A literal phrase as a regex that only matches whole words (spaces may vary)."""
    parts = [regex.escape(p) for p in phrase.split()]
    body = r"\s+".join(parts)
    head = r"(?<![\w.])" if phrase[:1].isalnum() else ""
    tail = r"(?![\w])" if phrase[-1:].isalnum() or phrase.endswith(".") else ""
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    return regex.compile(head + body + tail, flags)


def match_case(template: str, found: str) -> str:
    """Give a suggestion the capital of the text it replaces ("About" -> "Upon")."""
    if found[:1].isupper() and template[:1].islower():
        return template[:1].upper() + template[1:]
    return template
