"""The plain texts of which every match of a regex holds at least one.

``required_literals`` reads a pattern once, as a small algebra over its parts:
for each part it knows every text the part can match when there are few
(``Part.full``), the texts every match starts or ends with, and sets of texts
every match holds. A character is one text, a small class such as ``[”"»]``
one text per member, a lookaround or ``\\b`` the empty text, and a sequence the
products of its neighbours' texts. Anything else (``\\w``, ``\\p{L}``, a dot, a
back-reference) is unknown, which loses information but is always safe. Syntax
the reader does not know gives no literals at all.

``\\d`` is read as the ASCII digits: a caller must scan texts holding other
decimal digits in full (``uses_ascii_digits`` tells when).
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

#: The most texts a set may hold (three spaces between two digits are 300).
CAP = 512
#: A set of texts guards a pattern when each of them is this rare (see ``bits``).
MIN_BITS = 6
#: Escapes that stand for the character escaped (any other escaped letter is a class or an anchor).
_LITERAL_ESCAPES = frozenset(".^$*+?{}[]()|\\/-'\"#&~ ,:;!<>=@%`_")
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
CODE_ESCAPES = {"x": 2, "u": 4, "U": 8}
#: Escapes that match no character: word and text boundaries, \K.
_ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmMK")
#: Escapes of one character the reader does not enumerate (back-references are digits).
_UNKNOWN_ESCAPES = frozenset("wWsSDX0123456789")
_ASCII_DIGITS = frozenset(string.digits)
_EMPTY = frozenset({""})
#: Characters that start syntax outside a class.
_SYNTAX = frozenset("\\[(^$.*+?{|)")


@dataclass(frozen=True, slots=True)
class Part:
    """What the reader knows of one part of a pattern."""

    #: Every text the part can match, when there are at most CAP; else None.
    full: frozenset[str] | None
    #: Every match of the part starts with one of these ({""}: nothing known).
    prefix: frozenset[str]
    #: Every match of the part ends with one of these.
    suffix: frozenset[str]
    #: Sets of which every match of the part holds a member.
    required: tuple[frozenset[str], ...] = ()


_ZERO_WIDTH = Part(_EMPTY, _EMPTY, _EMPTY)
_UNKNOWN = Part(None, _EMPTY, _EMPTY)


def _texts(texts: Iterable[str]) -> Part:
    full = frozenset(texts)
    return Part(full, full, full)


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > CAP:
        return None
    return frozenset(a + b for a in left for b in right)


def concat(left: Part, right: Part) -> Part:
    """The part that matches ``left`` then ``right``."""
    join = _product(left.suffix, right.prefix)
    required = left.required + tuple(r for r in right.required if r not in left.required)
    if join is not None and join != _EMPTY and join not in required:
        required += (join,)
    full = _product(left.full, right.full) if left.full is not None and right.full is not None else None
    if full is not None:
        return Part(full, full, full, required)
    prefix = _product(left.full, right.prefix) if left.full is not None else None
    suffix = _product(left.suffix, right.full) if right.full is not None else None
    return Part(None, prefix or left.prefix, suffix or right.suffix, required)


def alternate(branches: list[Part]) -> Part:
    """The part that matches any one of ``branches``."""
    fulls = [b.full for b in branches]
    full = _union(fulls) if all(f is not None for f in fulls) else None  # type: ignore[arg-type]
    if full is not None:
        return _texts(full)
    best = [best_set(b) for b in branches]
    required = _union(best) if all(best) else None  # type: ignore[arg-type]
    return Part(None, _union([b.prefix for b in branches]) or _EMPTY,
                _union([b.suffix for b in branches]) or _EMPTY, (required,) if required else ())


def _union(sets: list[frozenset[str]]) -> frozenset[str] | None:
    out = frozenset().union(*sets)
    return out if len(out) <= CAP else None


def repeat(part: Part, low: int, high: int | None) -> Part:
    """``part`` repeated low to high times (None: no upper bound)."""
    if low == 0:
        if high == 1 and part.full is not None:
            return _texts(part.full | _EMPTY)
        return _UNKNOWN
    if low == high == 1:
        return part
    once = part.full
    required = part.required + ((once,) if once is not None else ())
    if once is not None and low == high:
        full: frozenset[str] | None = once
        for _ in range(low - 1):
            full = _product(full, once) if full is not None else None
        if full is not None:
            return Part(full, full, full, required)
    return Part(None, part.prefix, part.suffix, required)


@lru_cache(maxsize=65536)
def bits(text: str) -> int:
    """How rare a text is likely to be in English, as a rough count of bits: two for a
    lower-case letter, three for a capital or a digit, one for a space, four for any
    other ASCII mark and six for any other character ("the" 6, "framework" 18, "0 0" 7,
    "” —" 13). News text bears this out within a bit or two per character."""
    return sum(map(_char_bits, text))


@lru_cache(maxsize=4096)
def _char_bits(char: str) -> int:
    if char.isascii():
        if char.islower():
            return 2
        if char.isupper() or char.isdigit():
            return 3
        return 1 if char == " " else 4
    return 6


def best_set(part: Part) -> frozenset[str] | None:
    """The likely rarest set of texts every match of ``part`` holds, or None.

    Ranked by the bits of a set's most common text, less one for each doubling of
    their number (each adds its own occurrences), then fewer texts, then longer ones;
    a set whose most common text has fewer than MIN_BITS is no guard.
    """
    best: frozenset[str] | None = None
    best_rank: tuple[float, int, int] = (-math.inf, 0, 0)
    for texts in dict.fromkeys((*part.required, part.prefix, part.suffix)):
        if "" in texts:
            continue
        weakest = min(map(bits, texts))
        if weakest < MIN_BITS:
            continue
        rank = (weakest - math.log2(len(texts)), -len(texts), min(map(len, texts)))
        if best is None or rank > best_rank:
            best, best_rank = texts, rank
    return best


class Unsure(Exception):
    """The pattern uses syntax this reader does not follow."""


@lru_cache(maxsize=1024)
def required_literals(pattern: str) -> tuple[str, ...]:
    """Texts of which every match of ``pattern`` holds at least one, shortest first; () when unsure."""
    if regex.search(r"\(\?[a-zA-Z]*x", pattern):
        return ()  # verbose: spaces are no literal
    try:
        part = _Reader(pattern).read()
    except Unsure:
        return ()
    chosen = best_set(part)
    if chosen is None:
        return ()
    return tuple(sorted(_minimal(chosen), key=lambda s: (len(s), s)))


def uses_ascii_digits(pattern: str, literals: tuple[str, ...]) -> bool:
    """True when some literal holds a digit that may stand for ``\\d`` (any decimal digit)."""
    return "\\d" in pattern and any(c in _ASCII_DIGITS for literal in literals for c in literal)


def _minimal(texts: frozenset[str]) -> list[str]:
    """The texts that hold no other text of the set (a text holding one is found through it);
    a large set is kept whole (the search costs less than this quadratic sieve)."""
    if len(texts) > _SIEVE_MAX:
        return list(texts)
    kept: list[str] = []
    for text in sorted(texts, key=len):
        if not any(k in text for k in kept):
            kept.append(text)
    return kept


_SIEVE_MAX = 64


class _Reader:
    """A recursive reader of the pattern's syntax (the subset rule regexes use)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.i = 0

    def read(self) -> Part:
        part = self._alternation()
        if self.i != len(self.pattern):
            raise Unsure  # an unbalanced ')'
        return part

    def _alternation(self) -> Part:
        branches = [self._sequence()]
        while self._peek() == "|":
            self.i += 1
            branches.append(self._sequence())
        return branches[0] if len(branches) == 1 else alternate(branches)

    def _sequence(self) -> Part:
        part = _ZERO_WIDTH
        while self.i < len(self.pattern) and self._peek() not in "|)":
            part = concat(part, self._quantified(self._atom()))
        return part

    def _peek(self) -> str:
        return self.pattern[self.i : self.i + 1]

    def _atom(self) -> Part:
        p, i = self.pattern, self.i
        c = p[i]
        if c == "\\":
            return self._escape()
        if c == "[":
            end = class_end(p, i)
            self.i = end
            members = _class_members(p[i + 1 : end - 1])
            return _texts(members) if members is not None else _UNKNOWN
        if c == "(":
            return self._group()
        self.i += 1
        if c in "^$":
            return _ZERO_WIDTH
        if c == ".":
            return _UNKNOWN
        if c in "*+?{":
            raise Unsure  # a quantifier with nothing before it, or a literal brace
        # A run of plain characters is one text, but for a last one that a quantifier takes.
        end = i + 1
        while end < len(p) and p[end] not in _SYNTAX:
            end += 1
        if end < len(p) and p[end] in "*+?{" and end - i > 1:
            end -= 1
        self.i = end
        return _texts([p[i:end]])

    def _escape(self) -> Part:
        p, i = self.pattern, self.i
        kind = p[i + 1 : i + 2]
        self.i = i + 2
        if not kind:
            raise Unsure
        if kind in _LITERAL_ESCAPES or not kind.isalnum():
            return _texts([kind])  # an escaped mark stands for itself
        if kind in _CONTROL_ESCAPES:
            return _texts([_CONTROL_ESCAPES[kind]])
        if kind in CODE_ESCAPES:
            char = _code_point(p, i)
            self.i = i + 2 + CODE_ESCAPES[kind]
            return _texts([char])
        if kind == "d":
            return _texts(_ASCII_DIGITS)
        if kind in _ZERO_WIDTH_ESCAPES:
            return _ZERO_WIDTH
        if kind in _UNKNOWN_ESCAPES:
            while kind.isdigit() and p[self.i : self.i + 1].isdigit():
                self.i += 1
            return _UNKNOWN
        if kind in "pP" and p[self.i : self.i + 1] == "{":
            self.i = p.index("}", self.i) + 1
            return _UNKNOWN
        raise Unsure  # \N{...}, \g<...>, \L<...> and the rest

    def _group(self) -> Part:
        p, i = self.pattern, self.i
        opener = _GROUP_OPENER.match(p, i)
        if opener is None:
            raise Unsure  # conditionals, recursion, comments
        self.i = opener.end()
        flags = opener.group("flags")
        if flags is not None and opener.group(0).endswith(")"):
            if self._peek() in ("?", "*", "+", "{"):
                raise Unsure  # the regex engine gives a quantifier here to what stands before
            return _ZERO_WIDTH  # (?i): flags for what follows
        if opener.group("look"):
            self.i = group_end(p, self.i)  # it matches no text: what it reads does not matter
            return _ZERO_WIDTH
        inner = self._alternation()
        if self._peek() != ")":
            raise Unsure
        self.i += 1
        return inner

    def _quantified(self, part: Part) -> Part:
        p = self.pattern
        c = self._peek()
        if c in ("?", "*", "+"):
            self.i += 1
            low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[c]
        elif c == "{":
            m = _BOUNDS.match(p, self.i)
            if m is None:
                raise Unsure  # fuzzy constraints or a literal brace
            self.i = m.end()
            low = int(m.group(1) or 0)
            high = low if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
        else:
            return part
        if self._peek() in ("?", "+"):
            self.i += 1  # lazy or possessive: the same texts
        if self._peek() in ("?", "*", "+", "{"):
            raise Unsure
        return repeat(part, low, high)


_GROUP_OPENER = regex.compile(
    r"\((?:(?P<look>\?<?[=!])|\?[:>|]|\?P?<\w+>|\?(?P<flags>(?:[abefiLmprsuwx]|V[01])*(?:-(?:[abefiLmprsuwx]|V[01])+)?)[:)])?")
_BOUNDS = regex.compile(r"\{(\d*)(,(\d*))?\}")


def group_end(pattern: str, i: int) -> int:
    """The index after the ')' that closes the group whose body starts at i."""
    depth, j = 1, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
        elif c == "[":
            j = class_end(pattern, j)
        elif pattern.startswith("(?#", j):
            raise Unsure  # a comment may hold any bracket
        else:
            depth += {"(": 1, ")": -1}.get(c, 0)
            j += 1
            if depth == 0:
                return j
    raise Unsure


def _code_point(pattern: str, i: int) -> str:
    digits = pattern[i + 2 : i + 2 + CODE_ESCAPES[pattern[i + 1]]]
    if len(digits) != CODE_ESCAPES[pattern[i + 1]] or not all(c in string.hexdigits for c in digits):
        raise Unsure  # \x{...} and short forms
    return chr(int(digits, 16))


def class_end(pattern: str, i: int) -> int:
    """The index after the class that opens at i (a ']' first in it is a member)."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            raise Unsure  # nested sets and set operations
        if c == "]":
            return j + 1
        j += 1
    raise Unsure


_MAX_CLASS = 32


def _class_members(body: str) -> frozenset[str] | None:
    """The characters a plain class matches, or None (negated, \\p{..}, long ranges)."""
    if body.startswith("^") or "&&" in body or "--" in body or "||" in body or "~~" in body:
        return None
    members: set[str] = set()
    j = 0
    while j < len(body):
        c = body[j]
        if c == "\\":
            kind = body[j + 1 : j + 2]
            if kind == "d":
                members |= _ASCII_DIGITS
                j += 2
                continue
            if kind in CODE_ESCAPES:
                size = CODE_ESCAPES[kind]
                digits = body[j + 2 : j + 2 + size]
                if len(digits) != size or not all(h in string.hexdigits for h in digits):
                    return None
                char, j = chr(int(digits, 16)), j + 2 + size
            elif kind in _CONTROL_ESCAPES:
                char, j = _CONTROL_ESCAPES[kind], j + 2
            elif kind and not kind.isalnum():
                char, j = kind, j + 2
            else:
                return None  # \w, \s, \p{...} and the like
        else:
            char, j = c, j + 1
        if body[j : j + 1] == "-" and j + 1 < len(body):
            last = body[j + 1]
            if last == "\\" or ord(last) < ord(char) or ord(last) - ord(char) > _MAX_CLASS:
                return None
            members.update(map(chr, range(ord(char), ord(last) + 1)))
            j += 2
        else:
            members.add(char)
        if len(members) > _MAX_CLASS:
            return None
    return frozenset(members) if members else None
