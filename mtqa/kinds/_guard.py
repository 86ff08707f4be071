"""Regexes guarded by the literals their matches must hold.

A rule's regex is scanned over a whole document; most of them can only match
where some plain text occurs ("told about", one of the month names). Reading
the pattern once tells which text that is (``required_literals``), and whether
a match can ever hold a line break (``stays_in_line``). ``Guarded`` then skips
a document that lacks the literals (``str.__contains__`` runs at memory speed)
and scans only the lines that hold them. The matches are always exactly those
of ``pattern.finditer(text)``: the tests compare both on every built-in rule.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, repeat
from typing import Any, cast

import regex

from mtqa import document

#: Escapes that stand for one literal character (any other escaped letter is a class or an anchor).
_LITERAL_ESCAPES = frozenset(".^$*+?{}[]()|\\/-'\"#&~ ,:;!<>=@%`")
_QUANTIFIERS = "?*{"


def required_literals(pattern: str) -> tuple[str, ...]:
    """Texts of which every match of ``pattern`` holds at least one; () when unsure.

    Read from the top level of the pattern only. The longest run of plain
    characters wins (groups, classes, escapes such as ``\\b`` and anything a
    quantifier makes optional end a run); without a run of three characters, a
    group of plain alternatives that is not optional ("(January|February|...)").
    An alternation at the top level or verbose mode gives ().
    """
    if regex.search(r"\(\?[a-zA-Z]*x", pattern):
        return ()  # verbose: spaces are no literal
    runs: list[str] = []
    choices: list[tuple[str, ...]] = []
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
        elif c == "(":
            close()
            end = _skip_group(pattern, i)
            alternatives = _plain_alternatives(pattern[i:end])
            optional = pattern[end : end + 1] in ("?", "*") or pattern.startswith("{0", end)
            if alternatives and not optional:
                choices.append(alternatives)
            i = end
        elif c == "[":
            close()
            i = _skip_class(pattern, i)
        elif c == "|":
            return ()
        elif c in ".^$":
            close()
            i += 1
        elif c in _QUANTIFIERS:
            if run:
                run.pop()  # the character before an optional quantifier may be absent
            close()
            i = _skip_quantifier(pattern, i)
        elif c == "+":
            close()
            i = _skip_quantifier(pattern, i)
        else:
            run.append(c)
            i += 1
    close()
    candidates = [c for c in [(run,) for run in runs] + choices if _weakest(c) >= _MIN_WORD]
    return max(candidates, key=_rarity, default=())


#: A candidate is worth a look-up when each of its alternatives has a word this long.
_MIN_WORD = 2
_WORD = regex.compile(r"\w+")


def _rarity(candidate: tuple[str, ...]) -> tuple[int, int, int]:
    """How rare a candidate's text is likely to be, for ``max``: the length of the longest
    word of its weakest alternative ("the" is common, "framework" rare), less two when there
    are alternatives (each is one more search), then fewer alternatives, then more characters."""
    weakest = _weakest(candidate)
    penalty = _ALTERNATIVES_PENALTY if len(candidate) > 1 else 0
    return (weakest - penalty, -len(candidate), min(map(len, candidate)))


_ALTERNATIVES_PENALTY = 2


def _weakest(candidate: tuple[str, ...]) -> int:
    """The length of the longest word of the candidate's weakest alternative."""
    return min(max(map(len, _WORD.findall(alt)), default=0) for alt in candidate)


_PLAIN_GROUP = regex.compile(r"\((?:\?[a-zA-Z]*(?:-[a-zA-Z]+)?:|\?P?<\w+>)?([\w '’,-]+(?:\|[\w '’,-]+)*)\)")


def _plain_alternatives(group: str) -> tuple[str, ...]:
    """The alternatives of a group of plain text ("(?:May|June)"), or ()."""
    m = _PLAIN_GROUP.fullmatch(group)
    if m is None:
        return ()
    parts = m.group(1).split("|")
    return tuple(parts) if all(parts) else ()


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
    """A regex scanned only on the lines that hold one of its ``literals``.

    Unless the pattern ignores case, the literals are looked for as written;
    otherwise casefolded, in the casefolded text. When a match might hold a
    line break (``stays_in_line`` is False), a text that holds a literal is
    scanned whole. Where the literals are is read from ``occurrences``: one
    pass over a text finds those of every guarded rule.
    """

    __slots__ = ("_in_line", "flags", "fold", "literals", "pattern", "source")

    def __init__(self, pattern: regex.Pattern[str], literals: tuple[str, ...], source: str, flags: int) -> None:
        self.pattern, self.source, self.flags = pattern, source, flags
        self.fold = bool(flags & regex.IGNORECASE) or regex.search(r"\(\?[a-zA-Z]*i", source) is not None
        self.literals = tuple(lit.casefold() for lit in literals) if self.fold else literals
        self._in_line: bool | None = None
        _LITERALS.add(self.fold, self.literals)  # before any search: each new literal rebuilds the automata

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt through ``__init__``, so that a copy in another process registers its literals.
        return (Guarded, (self.pattern, self.literals, self.source, self.flags))

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        found = occurrences(text, self.fold)
        hits = [found[literal] for literal in self.literals if literal in found]
        if not hits:
            return iter(())
        if self._in_line is None:
            self._in_line = stays_in_line(self.source, self.flags)
        # ``casefold`` never shortens a character: a folded text as long as the text has its offsets.
        if self._in_line and (not self.fold or len(casefolded(text)) == len(text)):
            # Even where the literals stand on most lines, scanning those lines beats one
            # scan of the text: the regex is tried at fewer offsets.
            return scan_lines(self.pattern, text, chain.from_iterable(hits))
        return cast("Iterator[regex.Match[str]]", self.pattern.finditer(text))


def _windows(text: str, offsets: Iterable[int]) -> list[tuple[int, int]]:
    """The lines of ``text`` (with their line breaks) that hold ``offsets``, in order."""
    starts = line_starts(text)
    lines = sorted(set(map(bisect_right, repeat(starts), offsets)))  # 1 + the index of each line
    last = len(starts)
    return [(starts[i - 1], starts[i] if i < last else len(text)) for i in lines]


class _Literals:
    """Every guarded literal seen so far, as written and casefolded, each set searched
    with one Aho-Corasick automaton (pyahocorasick), rebuilt when a literal is added."""

    def __init__(self) -> None:
        self.words: dict[bool, set[str]] = {False: set(), True: set()}
        self.automata: dict[bool, Any] = {}
        self.version = 0

    def add(self, fold: bool, literals: tuple[str, ...]) -> None:
        if not self.words[fold].issuperset(literals):
            self.words[fold].update(literals)
            self.automata.pop(fold, None)
            self.version += 1

    def automaton(self, fold: bool) -> Any:
        if fold not in self.automata:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for literal in self.words[fold]:
                automaton.add_word(literal, (len(literal) - 1, literal))
            automaton.make_automaton()
            self.automata[fold] = automaton
        return self.automata[fold]


_LITERALS = _Literals()


def occurrences(text: str, fold: bool) -> dict[str, list[int]]:
    """Where each guarded literal starts in ``text`` (casefolded when ``fold``)."""
    return _occurrences(text, fold, _LITERALS.version)


@lru_cache(maxsize=8)
def _occurrences(text: str, fold: bool, version: int) -> dict[str, list[int]]:
    """One pass over the text for all the literals (``version`` names the set of literals)."""
    found: dict[str, list[int]] = {}
    if not _LITERALS.words[fold]:
        return found
    hay = casefolded(text) if fold else text
    for end, (back, literal) in _LITERALS.automaton(fold).iter(hay):
        found.setdefault(literal, []).append(end - back)
    return found


@lru_cache(maxsize=4)
def line_starts(text: str) -> tuple[int, ...]:
    """``document.line_starts``, kept for the few texts being checked."""
    return document.line_starts(text)


def guard(pattern: regex.Pattern[str], source: str) -> regex.Pattern[str] | Guarded:
    """``pattern`` (compiled from ``source``) behind its required literals, when it has some."""
    literals = required_literals(source)
    return Guarded(pattern, literals, source, pattern.flags) if literals else pattern


def scan_lines(pattern: regex.Pattern[str], text: str, offsets: Iterable[int]) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern`` in the lines that hold ``offsets``, each line scanned once.

    For a pattern that ``stays_in_line`` these are exactly the matches of a scan of
    the whole text that lie on those lines.
    """
    for start, end in _windows(text, offsets):
        yield from pattern.finditer(text, start, end)


@lru_cache(maxsize=256)
def stays_in_line(pattern: str, flags: int) -> bool:
    """True when no match of ``pattern`` can hold a line break or look ahead past one.

    Every atom (a character, a class, an escape, a dot) outside lookbehinds is
    tried on a line break alone; end anchors, DOTALL, MULTILINE or verbose mode,
    and conditional groups answer False.
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
    """Each character, class, escape and dot of ``pattern``, at any depth, but for those of
    lookbehinds: a scan from a line's start sees the text before it, as a scan of the whole
    text does, so what a lookbehind reads does not matter (unless it looks ahead itself)."""
    i, size = 0, len(pattern)
    while i < size:
        c = pattern[i]
        if pattern.startswith(("(?<=", "(?<!"), i):
            end = _skip_group(pattern, i)
            if "(?=" not in pattern[i:end] and "(?!" not in pattern[i:end]:
                i = end
                continue
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


