"""Name mentions with offsets: capitalised words and multi-word names.

A *name word* is a token that starts with a capital and is not written all in
capitals (acronyms are another rule's business), or a particle-led token such
as "al-Assad" or "ez-Zor". Runs of name words separated by one space, with the
particles that join names ("bin", "al", "de", "van", ...) inside them, make a
multi-word mention ("Deir ez-Zor", "Osama bin Laden", "Sergey Lavrov").

Each single-word mention records its context:

- ``mid``: the capital stands where English does not expect one (not first in
  a sentence, line or quotation, not in a headline), so the capital itself
  says "name";
- ``introduced``: the word is preceded by a first name, an initial or a title
  ("Oleg X", "A. X", "Minister X", "Ms X"): it is a person's surname.

A sentence-initial capitalised word that is a common English word, and not a
Russian first name ("The",
"Meanwhile") is not a mention; a rare one ("Bortnikov said") is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from mtqa.document import Document, Token
from mtqa.names.morphology import is_first_name, is_russian_first_name, is_title
from mtqa.names.words import is_common_word

__all__ = ["PARTICLES", "Mention", "extract_mentions", "is_name_word"]

#: Lower-case words that join the parts of a multi-word name.
PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "at",
        "az",
        "ez",
        "bin",
        "ibn",
        "bint",
        "de",
        "del",
        "della",
        "der",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "y",
        "ul",
    }
)
_PARTICLE_LED_RE = re.compile(r"(?:al|el|ad|as|ash|at|az|ez|ad|bin|ibn|abu|de|di|da|du|la|le|van|von)-[A-Z]")
_TEXT = attrgetter("text")
_INITIAL_RE = re.compile(r"[A-Z]\.\s*$")


class Mention(NamedTuple):
    """A name mention: one word, or a multi-word name (``words`` > 1).

    A named tuple rather than a dataclass: one is made for every capitalised
    word of every document, and in corpus mode it is also the row a cached
    index stores (``Mention(*row)``), so it is plain data and cheap to build.
    """

    start: int
    end: int
    text: str
    words: int
    mid: bool
    introduced: bool
    #: The capitalised name words just before it ("Anna" in "Anna Ivanova"), or "".
    given: str = ""
    #: Followed by another name word: part of a longer name ("Igora Drive").
    followed: bool = False
    #: That following name word ("Lavrov" after "Sergey"), or "".
    next_word: str = ""
    #: The document it stands in, when mentions of several documents are pooled (corpus mode).
    doc: int = 0


@lru_cache(maxsize=200_000)
def is_name_word(text: str) -> bool:
    """A capitalised word that is not an acronym ("Lavrov", "Deir-ez-Zor", "al-Assad"; not "NATO")."""
    if not text[:1].isalpha():
        return False
    if text[0].isupper():
        letters = [c for c in text if c.isalpha()]
        return len(letters) >= 2 and any(c.islower() for c in letters)
    return "-" in text and bool(_PARTICLE_LED_RE.match(text))


@lru_cache(maxsize=200_000)
def _initial_name(text: str) -> bool:
    """A name word first in its sentence or in a headline is a mention when it is rare or a Russian first name."""
    return not is_common_word(text) or is_russian_first_name(text)


def _given(text: str, tokens: Sequence[Token], i: int, name: Sequence[bool]) -> str:
    """Up to two name words just before token i, over single spaces ("Natalia Radieana")."""
    j = i
    while j > 0 and i - j < 2 and text[tokens[j - 1].end : tokens[j].start] == " ":
        if not name[j - 1] or is_title(tokens[j - 1].text):
            break
        j -= 1
    return text[tokens[j].start : tokens[i - 1].end] if j < i else ""


def _introduced(text: str, tokens: Sequence[Token], i: int, given: str) -> bool:
    """Preceded by a first name (over one or two name words), an initial, or a title."""
    if given and any(is_first_name(w) for w in given.split()):
        return True
    start = tokens[i].start
    before = text[max(0, start - 4) : start]
    if "." in before and _INITIAL_RE.search(before):
        return True
    if i == 0:
        return False
    prev = tokens[i - 1]
    gap = text[prev.end : start]
    if gap not in (" ", ". "):
        return False
    if is_title(prev.text):
        return True
    return gap == " " and prev.text[:1].isupper() and is_first_name(prev.text)


def extract_mentions(doc: Document) -> tuple[Mention, ...]:
    """Single-word mentions, then multi-word ones, in text order within each group."""
    text = doc.text
    tokens = doc.tokens
    n = len(tokens)
    # Most tokens are lower-case words: judge them all at C speed (memoized), then look at the names only.
    name = list(map(is_name_word, map(_TEXT, tokens)))
    candidates = [
        i
        for i in compress(range(n), name)
        if not (tokens[i].sentence_start or tokens[i].headline) or _initial_name(tokens[i].text)
    ]
    singles: list[Mention] = []
    for i in candidates:
        tok = tokens[i]
        given = _given(text, tokens, i, name)
        followed = i + 1 < n and name[i + 1] and text[tok.end : tokens[i + 1].start] == " "
        singles.append(
            Mention(
                tok.start,
                tok.end,
                tok.text,
                1,
                not tok.sentence_start and not tok.headline,
                _introduced(text, tokens, i, given),
                given,
                followed,
                tokens[i + 1].text if followed else "",
            )
        )
    return tuple(singles) + _multiword(doc, candidates, name)


def _multiword(doc: Document, candidates: Sequence[int], name: Sequence[bool]) -> tuple[Mention, ...]:
    """Runs of name words over single spaces (with joining particles), each led by a candidate."""
    text = doc.text
    tokens = doc.tokens
    n = len(tokens)
    out: list[Mention] = []
    done = -1  # the last token of the previous run
    for i in candidates:
        if i <= done:
            continue
        j = i
        while j + 1 < n and text[tokens[j].end : tokens[j + 1].start] == " ":
            nxt = tokens[j + 1]
            if name[j + 1]:
                j += 1
            elif (
                nxt.text in PARTICLES
                and j + 2 < n
                and text[nxt.end : tokens[j + 2].start] == " "
                and name[j + 2]
            ):
                j += 2
            else:
                break
        if j > i:
            first = tokens[i]
            mid = not first.sentence_start and not first.headline
            out.append(
                Mention(first.start, tokens[j].end, text[first.start : tokens[j].end], j - i + 1, mid, False)
            )
        done = j
    return tuple(out)
