"""Small text helpers shared by the rule kinds."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, cast

import regex

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

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self._source, self._flags)
        return getattr(self._compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self._source, self._flags))


#: Escapes that stand for one literal character (any other escaped letter is a class or an anchor).
_LITERAL_ESCAPES = frozenset(".^$*+?{}[]()|\\/-'\"#&~ ,:;!<>=@%`")
_QUANTIFIERS = "?*{"
_MIN_LITERAL = 3


def required_literal(pattern: str) -> str | None:
    """The longest run of plain characters that every match of ``pattern`` holds, casefolded.

    Read from the top level of the pattern only: groups, classes, escapes such as
    ``\\b`` and anything a quantifier makes optional end a run; an alternation at
    the top level, verbose mode or a run shorter than three characters gives None.
    A text whose casefolded form lacks the literal has no match (see ``Guarded``).
    """
    if regex.search(r"\(\?[a-zA-Z]*x", pattern):
        return None  # verbose: spaces are no literal
    runs: list[str] = []
    run: list[str] = []
    i, size = 0, len(pattern)

    def close() -> None:
        if run:
            runs.append("".join(run))
            run.clear()

    while i < size:
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt and nxt in _LITERAL_ESCAPES:
                run.append(nxt)
                i += 2
            else:
                close()
                i = _skip_escape(pattern, i)
                continue
        elif c == "(":
            close()
            i = _skip_group(pattern, i)
            continue
        elif c == "[":
            close()
            i = _skip_class(pattern, i)
            continue
        elif c == "|":
            return None
        elif c in ".^$":
            close()
            i += 1
            continue
        elif c in _QUANTIFIERS:
            if run:
                run.pop()  # the character before an optional quantifier may be absent
            close()
            i = _skip_quantifier(pattern, i)
            continue
        elif c == "+":
            close()
            i = _skip_quantifier(pattern, i)
            continue
        else:
            run.append(c)
            i += 1
    close()
    best = max(runs, key=len, default="")
    return best.casefold() if len(best) >= _MIN_LITERAL else None


_ESCAPE_DIGITS = {"x": 2, "u": 4, "U": 8}


def _skip_escape(pattern: str, i: int) -> int:
    """The index after the escape at i: ``\\p{L}``, ``\\N{...}``, ``\\g<name>``, ``\\x41``,
    ``\\u0041``, a group number or an octal escape included."""
    kind, j = pattern[i + 1 : i + 2], i + 2
    if pattern[j : j + 1] == "{" and kind in ("p", "P", "N", "X", "x"):
        return pattern.index("}", j) + 1
    if kind == "g" and pattern[j : j + 1] == "<":
        return pattern.index(">", j) + 1
    if kind in _ESCAPE_DIGITS:
        return j + _ESCAPE_DIGITS[kind]
    while kind.isdigit() and pattern[j : j + 1].isdigit():
        j += 1
    return j


def _skip_class(pattern: str, i: int) -> int:
    """The index after the character class at i (nested sets of the V1 syntax included)."""
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
            j += 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1  # a ']' first in a class is a literal
            continue
        if c == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return j


def _skip_group(pattern: str, i: int) -> int:
    """The index after the group that opens at i."""
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _skip_class(pattern, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return j


def _skip_quantifier(pattern: str, i: int) -> int:
    """The index after the quantifier at i and its lazy or possessive mark."""
    j = pattern.index("}", i) + 1 if pattern[i] == "{" and "}" in pattern[i:] else i + 1
    if pattern[j : j + 1] in ("?", "+"):
        j += 1
    return j


@lru_cache(maxsize=4)
def casefolded(text: str) -> str:
    """``text.casefold()``, kept for the few texts being checked (every guarded rule asks)."""
    return text.casefold()


class Guarded:
    """A regex scanned only where a literal that every match holds occurs (``required_literal``).

    ``str.__contains__`` runs at memory speed, and most rules' literals are absent
    from most documents, so most regex scans are skipped. When no part of the
    pattern can match a line break (``stays_in_line``), every match lies inside a
    line that holds the literal: only those lines are scanned. Either way the
    matches are exactly those of ``pattern.finditer(text)``.
    """

    __slots__ = ("_in_line", "flags", "literal", "pattern", "source")

    def __init__(self, pattern: regex.Pattern[str], literal: str, source: str, flags: int) -> None:
        self.pattern, self.literal, self.source, self.flags = pattern, literal, source, flags
        self._in_line: bool | None = None

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        folded = casefolded(text)
        if self.literal not in folded:
            return iter(())
        if self._in_line is None:
            self._in_line = stays_in_line(self.source, self.flags)
        if not self._in_line or len(folded) != len(text):
            return cast("Iterator[regex.Match[str]]", self.pattern.finditer(text))
        return self._in_lines(text, folded)

    def _in_lines(self, text: str, folded: str) -> Iterator[regex.Match[str]]:
        """Scan each line that holds the literal (``casefold`` never shortens a character,
        so a folded text as long as the text has the same offsets)."""
        finditer = self.pattern.finditer
        at = folded.find(self.literal)
        while at >= 0:
            start, end = line_window(text, at)
            yield from finditer(text, start, end)
            at = folded.find(self.literal, end)


def line_window(text: str, offset: int) -> tuple[int, int]:
    """The line that holds ``offset``, with its line break, so that lookarounds see it."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end + 1


def scan_lines(pattern: regex.Pattern[str], text: str, offsets: Iterable[int]) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern`` in the lines that hold ``offsets``, each line scanned once.

    For a pattern that ``stays_in_line`` these are exactly the matches of a scan of
    the whole text that lie on those lines.
    """
    windows = sorted({line_window(text, offset) for offset in offsets})
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def guard(pattern: regex.Pattern[str], source: str) -> regex.Pattern[str] | Guarded:
    """``pattern`` (compiled from ``source``) behind its required literal, when it has one."""
    literal = required_literal(source)
    return pattern if literal is None else Guarded(pattern, literal, source, pattern.flags)


@lru_cache(maxsize=256)
def stays_in_line(pattern: str, flags: int) -> bool:
    """True when no match of ``pattern`` can hold a line break or see past one.

    Every atom (a character, a class, an escape, a dot) is tried on a line break
    alone; end anchors, DOTALL, MULTILINE or verbose mode, and conditional groups
    answer False.
    """
    if flags & (regex.DOTALL | regex.MULTILINE | regex.VERBOSE):
        return False
    try:
        atoms = set(_atoms(pattern))
    except _Unsure:
        return False
    return not any(_matches_line_break(atom, flags & (regex.IGNORECASE | regex.V1)) for atom in atoms)


class _Unsure(Exception):
    """The pattern uses syntax that ``_atoms`` does not read."""


_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?|")


def _atoms(pattern: str) -> Iterator[str]:
    """Each character, class, escape and dot of ``pattern``, at any depth."""
    i, size = 0, len(pattern)
    while i < size:
        c = pattern[i]
        if c == "\\":
            j = _skip_escape(pattern, i)
            if pattern[i + 1 : i + 2] in ("Z", "z", "G"):
                raise _Unsure
            yield pattern[i:j]
            i = j
        elif c == "[":
            j = _skip_class(pattern, i)
            yield pattern[i:j]
            i = j
        elif c == "(":
            i = _skip_group_opener(pattern, i)
        elif c == "$":
            raise _Unsure
        elif c == "{" and regex.match(r"\{\d*,?\d*\}", pattern[i:]):
            i = pattern.index("}", i) + 1
        elif c in ")|*+?^":
            i += 1
        else:
            yield c
            i += 1


def _skip_group_opener(pattern: str, i: int) -> int:
    if not pattern.startswith("(?", i):
        return i + 1
    for opener in _GROUP_OPENERS:
        if pattern.startswith(opener, i):
            return i + len(opener)
    named = regex.match(r"\(\?P?<\w+>", pattern[i:])
    if named:
        return i + named.end()
    scoped = regex.match(r"\(\?([a-zA-Z]*)(?:-[a-zA-Z]+)?[:)]", pattern[i:])
    if scoped and not set(scoped.group(1)) & set("smx"):
        return i + scoped.end()
    raise _Unsure  # comments, conditionals, DOTALL or MULTILINE switched on inside


@lru_cache(maxsize=1024)
def _matches_line_break(atom: str, flags: int) -> bool:
    try:
        return regex.compile(atom, flags).fullmatch("\n") is not None
    except regex.error:
        return True  # an atom this reader split wrongly: assume the worst


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
    """A case-sensitive single-token phrase found with ``str.find`` and boundary checks:
    the same matches as its ``phrase_pattern``, many times faster than a regex scan."""

    __slots__ = ("head", "pattern", "tail")

    def __init__(self, phrase: str) -> None:
        self.pattern = phrase
        self.head = phrase[:1].isalnum()
        self.tail = phrase[-1:].isalnum() or phrase.endswith(".")

    def finditer(self, text: str) -> Iterator[LiteralMatch]:
        phrase = self.pattern
        size = len(phrase)
        find = text.find
        pos = find(phrase)
        while pos >= 0:
            end = pos + size
            before = text[pos - 1] if pos else ""
            after = text[end] if end < len(text) else ""
            if not (self.head and before and (_word_char(before) or before == ".")) and not (
                self.tail and after and _word_char(after)
            ):
                yield LiteralMatch(text, pos, end)
            pos = find(phrase, pos + 1)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


#: What the kinds scan a document with: each has ``finditer(text)``.
Matcher = regex.Pattern[str] | Literal | Guarded


def phrase_matcher(phrase: str, ignorecase: bool = False) -> Matcher:
    """A whole-word matcher for a literal phrase: a ``Literal`` when it can be one, else a
    regex guarded by the phrase's longest word."""
    if not ignorecase and phrase and not any(c.isspace() for c in phrase):
        return Literal(phrase)
    pattern = phrase_pattern(phrase, ignorecase)
    longest = max(phrase.split(), key=len, default="")
    if len(longest) < _MIN_LITERAL:
        return pattern
    return Guarded(pattern, longest.casefold(), pattern.pattern, pattern.flags)


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
