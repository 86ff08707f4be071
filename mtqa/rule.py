"""Rule: one validated rule file, ready to run. No YAML here (see rulefile.py)."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mtqa.finding import Finding, Kind, Severity, Span

#: A finding lists at most this many related places (the first ones).
MAX_RELATED = 10


class OptionError(ValueError):
    """A rule option is missing or malformed; ``key`` names it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True, slots=True)
class Example:
    """A text from a rule's ``examples``; ``expect`` lists the spans that must be flagged."""

    text: str
    expect: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as the engine runs it. ``options`` is the kind's own parsed options."""

    id: str
    kind: str
    finding_kind: Kind
    severity: Severity
    message: str
    options: Any
    path: str = ""
    description: str = ""
    fail: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()
    enabled: bool = True
    #: ``--fix`` may apply this rule's suggestions: they are certain.
    fix: bool = False

    def finding(
        self,
        start: int,
        end: int,
        text: str,
        suggestion: str | None = None,
        related: tuple[Span, ...] = (),
        **values: object,
    ) -> Finding:
        """Build a finding of this rule; the message's placeholders come from ``values``."""
        fields = {"found": text, "expected": suggestion or "", **values}
        return Finding(
            rule=self.id,
            kind=self.finding_kind,
            severity=self.severity,
            start=start,
            end=end,
            text=text,
            message=self.message.format_map(fields),
            suggestion=suggestion,
            related=related[:MAX_RELATED],
        )


def placeholders(message: str) -> tuple[str, ...]:
    """The named placeholders of a message template."""
    names = []
    for _, name, _, _ in string.Formatter().parse(message):
        if name is None:
            continue
        if not name.isidentifier():
            raise ValueError(f"placeholder {{{name}}} must be a name")
        names.append(name)
    return tuple(names)


def require(raw: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    """Fetch a required option of the given type, or raise OptionError."""
    if key not in raw:
        raise OptionError(key, f"missing required key '{key}'")
    return expect_type(raw[key], key, kind)


def expect_type(value: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if isinstance(value, bool) and kind in (int, float):
        raise OptionError(key, f"'{key}' must be a number")
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise OptionError(key, f"'{key}' must be a {names}, not {type(value).__name__}")
    return value


def string_list(raw: Mapping[str, Any], key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """A list of strings option (required unless a default is given)."""
    if key not in raw:
        if default is None:
            raise OptionError(key, f"missing required key '{key}'")
        return default
    value = expect_type(raw[key], key, list)
    for item in value:
        if not isinstance(item, str):
            raise OptionError(key, f"'{key}' must be a list of strings")
    return tuple(value)
