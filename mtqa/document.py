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
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

#: A word: letters and digits, joined by inner hyphens or apostrophes
#: ("Deir-ez-Zor", "don't"). A trailing possessive 's is matched but left out of group 1.
WORD_RE = re.compile(r"([^\W_]+(?:[-'’](?![sS]\b)[^\W_]+)*)(?:['’][sS]\b)?")

#: Abbreviations after which a full stop does not end a sentence.
_NO_BREAK_AFTER = frozenset(
    """mr mrs ms dr prof st gen lt col sgt capt cmdr adm maj gov sen rep rev
    jr sr no nos vol vs etc approx dept est fig inc corp ltd co jan feb mar
    apr jun jul aug sep sept oct nov dec mt ft pp ch art para""".split()
)
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)")
_OPENING_QUOTES = "\"“«„‘'("
_HEADLINE_MAX_WORDS = 20
_LINE_END_PUNCT = ".!?…:;,\"”’»)]"


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


@dataclass(frozen=True, slots=True)
class Line:
    """One line (= paragraph) without its line break."""

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
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", self.text))
        return tuple(starts)

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        out = []
        text = self.text
        starts = self.line_starts
        for i, start in enumerate(starts):
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
            if end > start and text[end - 1] == "\r":
                end -= 1
            out.append(Line(start, end, _is_headline(text[start:end])))
        return tuple(out)

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        """Offsets where a sentence (or quotation) begins: a capital is expected there."""
        starts: set[int] = set()
        text = self.text
        for line in self.lines:
            _add_sentence_starts(text, line.start, line.end, starts)
        return frozenset(starts)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence; sentences never cross a line."""
        out: list[tuple[int, int]] = []
        text = self.text
        for line in self.lines:
            begin = line.start
            for m in _SENTENCE_END_RE.finditer(text, line.start, line.end):
                if _is_boundary(text, m, line.end):
                    out.append((begin, m.end()))
                    begin = _skip_space(text, m.end(), line.end)
            if begin < line.end:
                out.append((begin, line.end))
        return tuple((s, e) for s, e in out if text[s:e].strip())

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        starts = self.sentence_starts
        out: list[Token] = []
        new = tuple.__new__
        text = self.text
        finditer = WORD_RE.finditer
        for line in self.lines:
            headline = line.headline
            out.extend([
                new(Token, (m.start(1), m.end(1), m.group(1), m.start(1) in starts, headline))
                for m in finditer(text, line.start, line.end)
            ])
        return tuple(out)

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
    word = re.search(r"([^\W\d_]+)$", text[max(0, match.start() - 12) : match.start()])
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


def _add_sentence_starts(text: str, start: int, end: int, starts: set[int]) -> None:
    """Record the first letter of the line, of each sentence, and of each quotation."""
    begin = _first_word(text, start, end)
    if begin is not None:
        starts.add(begin)
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        if _is_boundary(text, m, end):
            pos = _first_word(text, m.end(), end)
            if pos is not None:
                starts.add(pos)
    # After an opening quote, a colon, or a bullet, a capital is normal.
    for m in re.finditer(r"(?:^|(?<=\s))[\"“«„‘(]|:\s+|[•·–—-]\s+(?=[\"“«„]?[A-Z])", text[start:end]):
        pos = _first_word(text, start + m.end(), end)
        if pos is not None and pos - (start + m.end()) <= 2:
            starts.add(pos)


def _first_word(text: str, pos: int, end: int) -> int | None:
    """Offset of the first word character at or after pos, skipping spaces and quotes."""
    while pos < end and (text[pos].isspace() or text[pos] in _OPENING_QUOTES or text[pos] in "*#>-–—•"):
        pos += 1
    if pos < end and text[pos].isalnum():
        return pos
    return None
