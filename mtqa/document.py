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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from typing import NamedTuple, overload

#: A word: letters and digits, joined by inner hyphens or apostrophes
#: ("Deir-ez-Zor", "don't"). The s of a possessive ("Lavrov's") is no word of its own.
#: Words never cross a line, so one scan of the whole text finds those of every line.
WORD_RE = re.compile(r"(?<![^\W_]['’])[^\W_]+(?:[-'’](?![sS]\b)[^\W_]+)*")
_WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")

#: Abbreviations after which a full stop does not end a sentence.
_NO_BREAK_AFTER = frozenset(
    """mr mrs ms dr prof st gen lt col sgt capt cmdr adm maj gov sen rep rev
    jr sr no nos vol vs etc approx dept est fig inc corp ltd co jan feb mar
    apr jun jul aug sep sept oct nov dec mt ft pp ch art para""".split()
)
#: The word right before a full stop (looked for in the 12 characters before it).
_LAST_WORD_RE = re.compile(r"([^\W\d_]+)$")
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)")
_OPENING_QUOTES = "\"“«„‘'("
#: What a line's first word may follow: spaces, opening quotes, Markdown and bullet marks.
_LINE_HEAD_RE = re.compile(r"^(?:[^\S\n]|[\"“«„‘'(*#>\-–—•])*", re.MULTILINE)
#: After an opening quote, a colon, or a bullet, a capital is normal. (The lookahead
#: first lets the scan skip, at C speed, every character that can start no match.)
_OPENER_RE = re.compile(r"(?=[\"“«„‘(:•·–—-])(?:(?:^|(?<=\s))[\"“«„‘(]|:\s+|[•·–—-]\s+(?=[\"“«„]?[A-Z]))", re.MULTILINE)
_HEADLINE_MAX_WORDS = 20
_LINE_END_PUNCT = ".!?…:;,\"”’»)]"


def line_starts(text: str) -> tuple[int, ...]:
    """The offset of each line's first character: C-level passes (split, then a running sum
    of the lines' lengths, each with its line break)."""
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

    __slots__ = ("ends", "headline", "opening", "starts", "texts")

    def __init__(self, starts: tuple[int, ...], ends: tuple[int, ...], texts: tuple[str, ...],
                 opening: tuple[bool, ...], headline: tuple[bool, ...]) -> None:
        self.starts, self.ends, self.texts = starts, ends, texts
        #: ``Token.sentence_start`` of each token.
        self.opening = opening
        self.headline = headline

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
    def lines(self) -> tuple[Line, ...]:
        text = self.text
        starts = self.line_starts
        ends = [start - 1 for start in starts[1:]]
        ends.append(len(text))
        out = []
        for start, end in zip(starts, ends, strict=True):
            if end > start and text[end - 1] == "\r":
                end -= 1
            out.append(Line(start, end, _is_headline(text[start:end])))
        return tuple(out)

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        """Offsets where a sentence (or quotation) begins: a capital is expected there.

        Three scans of the whole text: the first word of each line, the word after
        each full stop that ends a sentence, and the word after an opening quote,
        a colon or a bullet. None of them looks past the end of its line.
        """
        text = self.text
        size = len(text)
        starts = {m.end() for m in _LINE_HEAD_RE.finditer(text) if m.end() < size and text[m.end()].isalnum()}
        for cut, end in self._sentence_ends:
            pos = _first_word(text, cut, end)
            if pos is not None:
                starts.add(pos)
        for m in _OPENER_RE.finditer(text):
            if "\n" in m.group():
                continue  # a colon or a bullet at the end of a line opens nothing on it
            end = _line_end(text, m.end())
            pos = _first_word(text, m.end(), end)
            if pos is not None and pos - m.end() <= 2:
                starts.add(pos)
        return frozenset(starts)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence; sentences never cross a line."""
        out: list[tuple[int, int]] = []
        text = self.text
        cuts = self._sentence_ends
        j, size = 0, len(cuts)
        for line in self.lines:
            begin = line.start
            while j < size and cuts[j][0] <= line.end:
                out.append((begin, cuts[j][0]))
                begin = _skip_space(text, cuts[j][0], line.end)
                j += 1
            if begin < line.end:
                out.append((begin, line.end))
        return tuple((s, e) for s, e in out if text[s:e].strip())

    @cached_property
    def _sentence_ends(self) -> tuple[tuple[int, int], ...]:
        """(end of the sentence, end of its line) for each full stop, ! or ? that ends a sentence."""
        text = self.text
        out = []
        for m in _SENTENCE_END_RE.finditer(text):
            end = _line_end(text, m.end())
            if _is_boundary(text, m, end):
                out.append((m.end(), end))
        return tuple(out)

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
        starts = [s for s, _ in sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and sentences[i][0] <= offset < sentences[i][1]:
            return sentences[i]
        line = self.line_of(offset)
        return line.start, line.end

    def is_sentence_start(self, offset: int) -> bool:
        return offset in self.sentence_starts


def _is_headline(line: str) -> bool:
    """A short line without closing punctuation, or a Markdown heading."""
    stripped = line.strip()
    if not stripped:
        return False
    if stripped.startswith("#"):
        return True
    if stripped[-1] in _LINE_END_PUNCT:
        return False
    return len(stripped.split()) <= _HEADLINE_MAX_WORDS


def _is_boundary(text: str, match: re.Match[str], line_end: int) -> bool:
    """A full stop ends a sentence unless it closes an abbreviation or an initial."""
    if text[match.start()] != ".":
        return True
    nxt = _skip_space(text, match.end(), line_end)
    if nxt >= line_end:
        return True
    if text[nxt].islower():
        return False
    word = _LAST_WORD_RE.search(text, max(0, match.start() - 12), match.start())
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


def _line_end(text: str, pos: int) -> int:
    """The end of the line that holds ``pos``, without its line break."""
    end = text.find("\n", pos)
    if end < 0:
        return len(text)
    return end - 1 if end > pos and text[end - 1] == "\r" else end


def _first_word(text: str, pos: int, end: int) -> int | None:
    """Offset of the first word character at or after pos, skipping spaces and quotes."""
    while pos < end and (text[pos].isspace() or text[pos] in _OPENING_QUOTES or text[pos] in "*#>-–—•"):
        pos += 1
    if pos < end and text[pos].isalnum():
        return pos
    return None
