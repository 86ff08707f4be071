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
from mtqa.datacache import Memo
from mtqa.kinds._literals import (
    CODE_ESCAPES,
    Unsure,
    class_end,
    group_end,
    required_literals,
    uses_ascii_digits,
)


def _skip_escape(pattern: str, i: int) -> int:
    """The index after the escape at i: ``\\p{L}``, ``\\N{...}``, ``\\g<name>``, ``\\x41``,
    ``\\u0041``, a group number or an octal escape included."""
    kind, j = pattern[i + 1 : i + 2], i + 2
    if pattern[j : j + 1] == "{" and kind in ("p", "P", "N", "X", "x"):
        return pattern.index("}", j) + 1
    if kind == "g" and pattern[j : j + 1] == "<":
        return pattern.index(">", j) + 1
    if kind in CODE_ESCAPES:
        return j + CODE_ESCAPES[kind]
    while kind.isdigit() and pattern[j : j + 1].isdigit():
        j += 1
    return j


@lru_cache(maxsize=4)
def casefolded(text: str) -> str:
    """``fold(text)``, kept for the few texts being checked (every guarded rule asks)."""
    return fold(text)


def fold(text: str) -> str:
    """``text.casefold()``, but for the Turkish İ and ı, read as 'i'.

    The regex engine matches them with 'i' and 'I' when it ignores case, where
    ``casefold`` keeps them apart (and makes two characters of 'İ'); these are
    the only letters on which the two disagree (the tests check every one).
    Reading both as 'i' keeps the text's offsets and finds a literal wherever
    a match of the regex could stand.
    """
    if "İ" in text or "ı" in text:
        text = text.replace("İ", "i").replace("ı", "i")  # str.translate is ten times slower
    return text.casefold()


class Guarded:
    """A regex scanned only on the lines that hold one of its ``literals``.

    Unless the pattern ignores case, the literals are looked for as written;
    otherwise casefolded, in the casefolded text. When a match might hold a
    line break (``stays_in_line`` is False), a text that holds a literal is
    scanned whole; so is every text when the pattern has no literals, or when
    its literals stand for ``\\d`` and the text has digits other than ASCII
    ones. Where the literals are is read from ``occurrences``: one pass over a
    text finds those of every guarded rule. The literals are read from the
    pattern on first use, those of every guard at once (``occurrences``), so a
    run that scans nothing does not pay for reading them.
    """

    __slots__ = ("_digits", "_in_line", "_literals", "flags", "fold", "pattern", "source")

    def __init__(self, pattern: regex.Pattern[str], source: str, flags: int) -> None:
        self.pattern, self.source, self.flags = pattern, source, flags
        # A pattern that switches case off with an unscoped (?-i) has no IGNORECASE in its
        # flags although what comes before still ignores case: any inline 'i' means folding.
        self.fold = bool(flags & regex.IGNORECASE) or regex.search(r"\(\?[\w-]*i", source) is not None
        self._literals: tuple[str, ...] | None = None
        self._digits = False
        self._in_line = False  # a whole-text scan until ``occurrences`` reads it with the literals
        _PENDING.append(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt through ``__init__``: a copy in another process reads its literals there.
        return (Guarded, (self.pattern, self.source, self.flags))

    @property
    def literals(self) -> tuple[str, ...]:
        """The texts one of which every match holds (casefolded when the pattern ignores case)."""
        if self._literals is None:
            literals = _literals_of(self.source)
            self._digits = uses_ascii_digits(self.source, literals)
            self._literals = tuple(map(fold, literals)) if self.fold else literals
            _LITERALS.add(self.fold, self._literals)
        return self._literals

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        literals = self.literals
        if not literals or (self._digits and other_digits(text)):
            return cast("Iterator[regex.Match[str]]", self.pattern.finditer(text))
        found = occurrences(text, self.fold)
        hits = [found[literal] for literal in literals if literal in found]
        if not hits:
            return iter(())
        # (``occurrences`` has read whether it stays in its line, with its literals.)
        # ``casefold`` never shortens a character: a folded text as long as the text has its offsets.
        if self._in_line and (not self.fold or len(casefolded(text)) == len(text)):
            # Even where the literals stand on most lines, scanning those lines beats one
            # scan of the text: the regex is tried at fewer offsets.
            return scan_lines(self.pattern, text, chain.from_iterable(hits))
        return cast("Iterator[regex.Match[str]]", self.pattern.finditer(text))


#: Guards whose literals are not read yet.
_PENDING: list[Guarded] = []


@lru_cache(maxsize=1)
def _memo() -> Memo[tuple[str, ...]]:
    """The literals of the regexes read in earlier runs (reading them all takes ~20 ms)."""
    return Memo("mtqa.kinds._literals")


@lru_cache(maxsize=1)
def _line_memo() -> Memo[bool]:
    """``stays_in_line`` of the regexes read in earlier runs (it compiles each atom)."""
    return Memo("mtqa.kinds._guard")


def in_line(source: str, flags: int) -> bool:
    """``stays_in_line``, from the memo of earlier runs when it has the answer (saved by the
    next ``occurrences`` that reads new guards)."""
    return _line_memo().answer(f"{int(flags)}:{source}", lambda _: stays_in_line(source, flags))


def _literals_of(source: str) -> tuple[str, ...]:
    return _memo().answer(source, required_literals)


#: A character outside ASCII that is a decimal digit (the class first: the scan skips ASCII at C speed).
_OTHER_DIGIT = regex.compile(r"[^\x00-\x7f](?<=\d)")


@lru_cache(maxsize=4)
def other_digits(text: str) -> bool:
    """True when ``text`` holds a decimal digit other than 0-9 (which ``\\d`` also matches)."""
    return _OTHER_DIGIT.search(text) is not None


def _windows(text: str, offsets: Iterable[int]) -> list[tuple[int, int]]:
    """The lines of ``text`` (with their line breaks) that hold ``offsets``, in order."""
    starts = document.line_starts(text)
    lines = sorted(set(map(bisect_right, repeat(starts), offsets)))  # 1 + the index of each line
    last = len(starts)
    return [(starts[i - 1], starts[i] if i < last else len(text)) for i in lines]


class _Literals:
    """Every guarded literal seen so far, as written and casefolded, each set searched
    with an Aho-Corasick automaton (ahocorasick_rs, a DFA), rebuilt when a literal is added."""

    def __init__(self) -> None:
        self.words: dict[bool, set[str]] = {False: set(), True: set()}
        self.automata: dict[bool, tuple[Any, list[str]]] = {}
        self.version = 0

    def add(self, fold: bool, literals: tuple[str, ...]) -> None:
        if not self.words[fold].issuperset(literals):
            self.words[fold].update(literals)
            self.automata.clear()
            self.version += 1

    def automaton(self, fold: bool) -> tuple[Any, list[str]]:
        """The automaton of one set and its literals, in the order of the automaton's indices."""
        if fold not in self.automata:
            import ahocorasick_rs

            words = sorted(self.words[fold])
            dfa = ahocorasick_rs.AhoCorasick(words, implementation=ahocorasick_rs.Implementation.DFA)
            self.automata[fold] = dfa, words
        return self.automata[fold]


_LITERALS = _Literals()


def register(literals: tuple[str, ...], fold: bool = False) -> None:
    """Have ``occurrences`` find these literals too (casefolded ones when ``fold``)."""
    _LITERALS.add(fold, literals)


def occurrences(text: str, fold: bool) -> dict[str, list[int]]:
    """Where each guarded literal starts in ``text`` (casefolded when ``fold``)."""
    if _PENDING:
        while _PENDING:
            pending = _PENDING.pop()
            _ = pending.literals  # each new literal rebuilds the automata: read them all first
            # Whether it stays in a line too, while the memos are open: an answer computed
            # after the last save of a run would be lost, and computed again by every run.
            pending._in_line = in_line(pending.source, pending.flags)
        _memo().save()
        _line_memo().save()
    return _occurrences(text, _LITERALS.version)[fold]


@lru_cache(maxsize=4)
def _occurrences(text: str, version: int) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Where each literal as written starts in the text, and each casefolded one in the
    casefolded text: a pass over each (``version`` names the set of literals)."""
    found: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
    for fold in (False, True):
        if not _LITERALS.words[fold]:
            continue  # an automaton without words cannot search
        automaton, words = _LITERALS.automaton(fold)
        where = found[fold]
        for index, start, _end in automaton.find_matches_as_indexes(casefolded(text) if fold else text,
                                                                     overlapping=True):
            literal = words[index]
            if literal in where:
                where[literal].append(start)
            else:
                where[literal] = [start]
    return found


def guard(pattern: regex.Pattern[str], source: str) -> Guarded:
    """``pattern`` (compiled from ``source``) behind the literals its matches hold."""
    return Guarded(pattern, source, pattern.flags)


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
    except Unsure:
        return False
    return not any(_matches_line_break(atom, flags & (regex.IGNORECASE | regex.V1)) for atom in atoms)


_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?|")


def _atoms(pattern: str) -> Iterator[str]:
    """Each character, class, escape and dot of ``pattern``, at any depth, but for those of
    lookbehinds: a scan from a line's start sees the text before it, as a scan of the whole
    text does, so what a lookbehind reads does not matter (unless it looks ahead itself)."""
    i, size = 0, len(pattern)
    while i < size:
        c = pattern[i]
        if pattern.startswith(("(?<=", "(?<!"), i):
            end = group_end(pattern, i + 1)
            body = pattern[i:end]
            # A line scanned on its own ends where the text would: an end anchor (or \G, the
            # scan's start) in a lookbehind reads differently there.
            if not any(mark in body for mark in ("(?=", "(?!", "$", "\\Z", "\\z", "\\G")):
                i = end
                continue
        if c == "\\":
            j = _skip_escape(pattern, i)
            if pattern[i + 1 : i + 2] in ("Z", "z", "G"):
                raise Unsure
            yield pattern[i:j]
            i = j
        elif c == "[":
            j = class_end(pattern, i)
            yield pattern[i:j]
            i = j
        elif c == "(":
            i = _skip_group_opener(pattern, i)
        elif c == "$":
            raise Unsure
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
    raise Unsure  # comments, conditionals, DOTALL or MULTILINE switched on inside


@lru_cache(maxsize=1024)
def _matches_line_break(atom: str, flags: int) -> bool:
    try:
        return regex.compile(atom, flags).fullmatch("\n") is not None
    except regex.error:
        return True  # an atom this reader split wrongly: assume the worst


