"""The document model: text, lines, paragraphs, sentences and tokens with offsets.

Offsets are code points into the decoded text (Python ``str`` indices). A UTF-8
BOM is dropped on decoding; CRLF line ends are kept, so offsets match the file.
Each line is a paragraph: MT corpora keep one segment or paragraph per line,
and a line start is always treated as a sentence start.

This module imports nothing from mtqa. Everything derived from the text is
computed on first use and kept, so checks that only need regexes over the text
do not pay for tokenisation.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, compress, repeat
from operator import add, itemgetter, methodcaller, not_, sub
from typing import NamedTuple, TypeVar, overload

#: A word: letters and digits, joined by inner hyphens or apostrophes
#: ("Deir-ez-Zor", "don't"). The s of a possessive ("Lavrov's") is no word of its own.
#: Words never cross a line, so one scan of the whole text finds those of every line.
#: (The test that no letter and apostrophe stand before the word is made after its first
#: letter: a pattern that starts with a class lets the scan skip non-letters at C speed. The
#: joined parts are tried behind an alternation with an empty branch, which the engine tries
#: more cheaply than a repeat that matches nothing, as it does after most words.)
WORD_RE = re.compile(
    r"[^\W_](?<![^\W_]['’][^\W_])[^\W_]*(?:[-'’](?![sS]\b)[^\W_]+(?:[-'’](?![sS]\b)[^\W_]+)*|)"
)
_WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")

#: Abbreviations after which a full stop does not end a sentence.
_NO_BREAK_AFTER = frozenset(
    """mr mrs ms dr prof st gen lt col sgt capt cmdr adm maj gov sen rep rev
    jr sr no nos vol vs etc approx dept est fig inc corp ltd co jan feb mar
    apr jun jul aug sep sept oct nov dec mt ft pp ch art para""".split()
)
#: The word right before a full stop (looked for in the 12 characters before it).
_LAST_WORD_RE = re.compile(r"([^\W\d_]+)$")
#: A full stop, ! or ? (or a run of them) and the quotes or brackets closing with it, before a
#: space; then, on its line, the next character that is no space (group 2, '' at the line's
#: end) and the first word after spaces, quotes and marks (group 3, when there is one).
_SENTENCE_END_RE = re.compile(
    r"([.!?…])[.!?…]*[\"”’»)\]]*(?=\s)(?=[^\S\n]*(\S?))(?=(?:[^\S\n]|[\"“«„‘'(*#>\-–—•])*([^\W_])?)"
)
#: Every space but the line break (each character ``str.isspace`` and ``\\s`` accept: none is
#: above U+3000, which the tests check over all of Unicode).
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")
#: What a line's first word may follow: spaces, opening quotes, Markdown and bullet marks.
_LINE_HEAD_CHARS = _SPACES + "\"“«„‘'(*#>-–—•"
#: After an opening quote, a colon, or a bullet, a capital is normal: the word that starts
#: at most two spaces, quotes or marks further on the line (group 1 ends where it starts).
#: The pattern starts with a class, which lets the scan skip every other character at C
#: speed; what stands before the opener is then read behind it (a quote opens after a
#: space or at a line's start, a bullet's spaces must lead to a capital).
_OPENER_RE = re.compile(
    r"[\"“«„‘(:•·–—-](?:(?<=[\"“«„‘(])(?<!\S.)|(?<=:)[^\S\n]+|(?<=[•·–—-])[^\S\n]+(?=[\"“«„]?[A-Z]))"
    r"(?=((?:[^\S\n]|[\"“«„‘'(*#>\-–—•]){0,2}+)[^\W_])"
)
_HEADLINE_MAX_WORDS = 20
_LINE_END_PUNCT = tuple(".!?…:;,\"”’»)]")


@lru_cache(maxsize=4)
def line_starts(text: str) -> tuple[int, ...]:
    """The offset of each line's first character: C-level passes (split, then a running sum
    of the lines' lengths, each with its line break). Kept for the few texts being checked:
    a document and the guarded regexes scanning it ask for the same."""
    return tuple(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))[:-1]


class DecodeError(ValueError):
    """The bytes of a file are not valid UTF-8."""

    def __init__(self, path: str, byte_offset: int, reason: str) -> None:
        super().__init__(f"{path}: byte {byte_offset}: not valid UTF-8 ({reason})")
        self.path = path
        self.byte_offset = byte_offset


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8, dropping a BOM; raise DecodeError naming the byte offset."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(path, exc.start, exc.reason) from None
    return text[1:] if text.startswith("\ufeff") else text


class Token(NamedTuple):
    """A word with its offsets and where it stands (a named tuple: documents hold
    hundreds of thousands, and a tuple is built three times faster than a frozen dataclass)."""

    start: int
    end: int
    text: str
    #: First word of a sentence, a line, or a quotation: a capital is expected.
    sentence_start: bool
    #: The token stands in a headline line, where Title Case is normal.
    headline: bool


class Tokens(Sequence[Token]):
    """A document's tokens, kept as columns: ``tokens[i]`` builds one ``Token``.

    A document of 150,000 words would spend most of its tokenising on building
    the tuples; checks that scan every word read the columns instead
    (``texts``, ``starts``, ``ends``, ``opening``, ``headline``).
    """

    __slots__ = ("_counts", "ends", "headline", "opening", "starts", "texts")

    def __init__(self, starts: tuple[int, ...], ends: tuple[int, ...], texts: tuple[str, ...],
                 opening: tuple[bool, ...], headline: tuple[bool, ...]) -> None:
        self.starts, self.ends, self.texts = starts, ends, texts
        #: ``Token.sentence_start`` of each token.
        self.opening = opening
        self.headline = headline
        self._counts: Counter[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        """How often each word is written, as written: one pass over the texts that every
        check asking for the document's distinct words shares. Read it, never change it."""
        if self._counts is None:
            self._counts = Counter(self.texts)
        return self._counts

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Token, ...]: ...

    def __getitem__(self, index: int | slice) -> Token | tuple[Token, ...]:
        if isinstance(index, slice):
            return tuple(self._build(zip(self.starts[index], self.ends[index], self.texts[index],
                                         self.opening[index], self.headline[index], strict=True)))
        return _new_tuple(Token, (self.starts[index], self.ends[index], self.texts[index],
                                  self.opening[index], self.headline[index]))

    def __iter__(self) -> Iterator[Token]:
        return self._build(zip(self.starts, self.ends, self.texts, self.opening, self.headline, strict=True))

    @staticmethod
    def _build(rows: Iterator[tuple[int, int, str, bool, bool]]) -> Iterator[Token]:
        return map(_new_tuple, repeat(Token), rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            return self.starts == other.starts and self.texts == other.texts
        return tuple(self) == other if isinstance(other, tuple) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


_new_tuple = tuple.__new__


def token_numbers(n: int) -> list[int]:
    """A list that starts 0, 1, ..., n - 1 and may go on, kept for the process: ``compress``
    over it picks the numbers of the tokens a column of flags marks (it stops at its shorter
    input). ``compress(range(n), flags)`` would make an int object for every token, picked
    or not: a quarter of a pass over a document's tokens. The list is shared: never change
    it, and never read its length as a document's."""
    if len(_TOKEN_NUMBERS) < n:
        _TOKEN_NUMBERS.extend(range(len(_TOKEN_NUMBERS), n))
    return _TOKEN_NUMBERS


_TOKEN_NUMBERS: list[int] = []

_T = TypeVar("_T")


def pick(items: Sequence[_T], indices: Sequence[int]) -> tuple[_T, ...]:
    """``items[i]`` for each of ``indices``, in order: one C call of ``operator.itemgetter``,
    some three times as fast as a ``map`` of ``items.__getitem__`` over thousands of indices."""
    if len(indices) > 1:
        return itemgetter(*indices)(items)  # type: ignore[no-any-return]
    return tuple(items[i] for i in indices)  # itemgetter of one index gives the item itself, of none fails


class Line(NamedTuple):
    """One line (= paragraph) without its line break (a named tuple, like ``Token``)."""

    start: int
    end: int
    headline: bool


@dataclass(frozen=True)
class Document:
    """A text to check. ``path`` is how reports name it."""

    path: str
    text: str

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        return line_starts(self.text)

    @cached_property
    def _line_texts(self) -> list[str]:
        """Each line's text with its '\\r' but not its line break (``lines`` and
        ``sentence_starts`` both read them)."""
        return self.text.split("\n")

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        # C-level passes over the lines' texts: a line ends before its '\r' (CRLF keeps
        # the file's offsets); only lines without closing punctuation may be headlines.
        texts = self._line_texts
        starts = self.line_starts
        ends = map(sub, map(add, starts, map(len, texts)), map(str.endswith, texts, repeat("\r")))
        # A headline: a Markdown heading, or a short line without closing punctuation.
        stripped = list(map(str.strip, texts))
        headline = list(map(str.startswith, stripped, repeat("#")))
        closed = map(str.endswith, stripped, repeat(_LINE_END_PUNCT))
        for i in compress(range(len(texts)), map(not_, closed)):
            if stripped[i] and not headline[i]:
                headline[i] = len(stripped[i].split()) <= _HEADLINE_MAX_WORDS
        return tuple(map(_new_tuple, repeat(Line), zip(starts, ends, headline, strict=True)))

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        """Offsets where a sentence (or quotation) begins: a capital is expected there.

        The first word of each line, the word after each full stop that ends a
        sentence, and the word right after an opening quote, a colon or a bullet.
        None of them looks past the end of its line.
        """
        text = self.text
        # A line's first word: its text once spaces, quotes and Markdown or bullet marks are stripped.
        texts = self._line_texts
        rests = list(map(str.lstrip, texts, repeat(_LINE_HEAD_CHARS)))
        heads = map(sub, map(add, self.line_starts, map(len, texts)), map(len, rests))
        starts = set(compress(heads, map(str.isalnum, map(itemgetter(slice(0, 1)), rests))))
        starts.update(self._sentence_breaks[1])
        # Group 1 of an opener's lookahead ends where its word starts.
        starts.update(map(methodcaller("end", 1), _OPENER_RE.finditer(text)))
        return frozenset(starts)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence; sentences never cross a line."""
        out: list[tuple[int, int]] = []
        text = self.text
        cuts = self._sentence_breaks[0]
        j, size = 0, len(cuts)
        for line in self.lines:
            begin = line.start
            while j < size and cuts[j] <= line.end:
                out.append((begin, cuts[j]))
                begin = _skip_space(text, cuts[j], line.end)
                j += 1
            if begin < line.end:
                out.append((begin, line.end))
        return tuple((s, e) for s, e in out if text[s:e].strip())

    @cached_property
    def _sentence_firsts(self) -> tuple[int, ...]:
        """The start of each of ``sentences`` (``sentence_of`` looks offsets up in them)."""
        return tuple(map(itemgetter(0), self.sentences))

    @cached_property
    def _sentence_breaks(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Where each sentence that a full stop, ! or ? ends stops, and where the first
        word after each of those stops starts."""
        text = self.text
        cuts: list[int] = []
        words: list[int] = []
        for m in _SENTENCE_END_RE.finditer(text):
            stop, nxt, word = m.group(1, 2, 3)
            if stop == "." and nxt and not _full_stop_ends(text, m.start(), nxt):
                continue
            cuts.append(m.end())
            if word:
                words.append(m.start(3))
        return tuple(cuts), tuple(words)

    @cached_property
    def tokens(self) -> Tokens:
        """Every word, in order (see ``Tokens``: a ``Token`` is built only when one is read)."""
        # One C-level pass: split() alternates gaps and words, and the running sum of
        # their lengths gives every word's start and end.
        parts = _WORD_SPLIT_RE.split(self.text)
        offsets = tuple(accumulate(map(len, parts)))
        texts = tuple(parts[1::2])
        starts = offsets[0:-1:2]
        ends = offsets[1::2]
        opening = tuple(map(self.sentence_starts.__contains__, starts))
        headline = [False] * len(starts)
        for line in self.lines:
            if line.headline:
                first = bisect.bisect_left(starts, line.start)
                last = bisect.bisect_left(starts, line.end, first)
                headline[first:last] = [True] * (last - first)
        return Tokens(starts, ends, texts, opening, tuple(headline))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_of(self, offset: int) -> Line:
        return self.lines[bisect.bisect_right(self.line_starts, offset) - 1]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence that holds ``offset``; its line when it falls between sentences."""
        sentences = self.sentences
        i = bisect.bisect_right(self._sentence_firsts, offset) - 1
        if i >= 0 and sentences[i][0] <= offset < sentences[i][1]:
            return sentences[i]
        line = self.line_of(offset)
        return line.start, line.end


def _full_stop_ends(text: str, stop: int, nxt: str) -> bool:
    """A full stop at ``stop``, with ``nxt`` next on its line, ends a sentence unless a
    lower-case word follows or it closes an abbreviation or an initial."""
    if nxt.islower():
        return False
    word = _LAST_WORD_RE.search(text, max(0, stop - 12), stop)
    if word is None:
        return True
    prev = word.group(1)
    if prev.lower() in _NO_BREAK_AFTER:
        return False
    # A single capital letter before the stop is an initial ("A. Ivanov").
    return not (len(prev) == 1 and prev.isupper())


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos
