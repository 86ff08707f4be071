"""Small text helpers shared by the rule kinds."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

import regex

from mtqa.kinds._guard import Guarded, guard, occurrences, register
from mtqa.rule import OptionError

_DEFER = contextvars.ContextVar("mtqa_defer_compile", default=False)


@contextmanager
def deferred_compilation() -> Iterator[None]:
    """Inside this block rule regexes compile on first use, not when loaded.

    For rule files already validated - the built-in rules, which the test suite
    loads and checks - so that a run that needs no check (a warm cache) does
    not pay for compiling them.
    """
    token = _DEFER.set(True)
    try:
        yield
    finally:
        _DEFER.reset(token)


def deferring() -> bool:
    """True inside ``deferred_compilation``: skip validations that would compile now."""
    return _DEFER.get()


class LazyPattern:
    """A regex compiled on first use; every attribute is the compiled pattern's."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags = source, flags
        self._compiled: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> str:
        return self._source

    @property
    def flags(self) -> int:
        """The flags asked for (the compiled pattern adds the implied ones)."""
        return self._flags

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self._source, self._flags)
        return getattr(self._compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self._source, self._flags))


def compile_pattern(pattern: str, key: str, ignorecase: bool = False) -> regex.Pattern[str]:
    """Compile a rule's regex (the ``regex`` module: \\p{Cyrillic} and friends work)."""
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    if _DEFER.get():
        return cast("regex.Pattern[str]", LazyPattern(pattern, flags))
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise OptionError(key, f"bad regex {pattern!r}: {exc}") from None


class LiteralMatch:
    """The part of a regex match object that the kinds use, for a ``Literal`` match."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self) -> str:
        return self._text[self._start : self._end]

    def expand(self, template: str) -> str:
        return template


class Literal:
    """A case-sensitive single-token phrase, found where the one pass over the text for
    every guarded literal (``occurrences``) saw it, then checked for word boundaries: the
    same matches as its ``phrase_pattern``, with no scan of its own."""

    __slots__ = ("head", "pattern", "tail")

    def __init__(self, phrase: str) -> None:
        self.pattern = phrase
        self.head = phrase[:1].isalnum()
        self.tail = phrase[-1:].isalnum() or phrase.endswith(".")
        register((phrase,))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Literal, (self.pattern,))  # through ``__init__``: a copy in another process registers it

    def finditer(self, text: str) -> Iterator[LiteralMatch]:
        end_of_text = len(text)
        size = len(self.pattern)
        for pos in occurrences(text, False).get(self.pattern, ()):
            end = pos + size
            before = text[pos - 1] if pos else ""
            after = text[end] if end < end_of_text else ""
            if not (self.head and before and (_word_char(before) or before == ".")) and not (
                self.tail and after and _word_char(after)
            ):
                yield LiteralMatch(text, pos, end)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


#: What the kinds scan a document with: each has ``finditer(text)``.
Matcher = regex.Pattern[str] | Literal | Guarded


def phrase_matcher(phrase: str, ignorecase: bool = False) -> Matcher:
    """A whole-word matcher for a literal phrase: a ``Literal`` when it can be one, else a
    guarded regex (``guard``)."""
    if not ignorecase and phrase and not any(c.isspace() for c in phrase):
        return Literal(phrase)
    pattern = phrase_pattern(phrase, ignorecase)
    return guard(pattern, pattern.pattern)


def phrase_pattern(phrase: str, ignorecase: bool = False) -> regex.Pattern[str]:
    """A literal phrase as a regex that only matches whole words (spaces may vary)."""
    parts = [regex.escape(p) for p in phrase.split()]
    body = r"\s+".join(parts)
    head = r"(?<![\w.])" if phrase[:1].isalnum() else ""
    tail = r"(?![\w])" if phrase[-1:].isalnum() or phrase.endswith(".") else ""
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    if _DEFER.get():  # escaped text: nothing to validate
        return cast("regex.Pattern[str]", LazyPattern(head + body + tail, flags))
    return regex.compile(head + body + tail, flags)


def match_case(template: str, found: str) -> str:
    """Give a suggestion the capital of the text it replaces ("About" -> "Upon")."""
    if found[:1].isupper() and template[:1].islower():
        return template[:1].upper() + template[1:]
    return template
