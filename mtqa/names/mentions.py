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
from dataclasses import dataclass

from mtqa.document import Document, Token
from mtqa.lexicon import zipf
from mtqa.names.morphology import is_first_name, is_russian_first_name, is_title

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
#: A sentence-initial capitalised word at least this common in English is a word, not a mention.
_INITIAL_MAX_ZIPF = 3.0
_INITIAL_RE = re.compile(r"[A-Z]\.\s*$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name mention: one word, or a multi-word name (``words`` > 1)."""

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


def is_name_word(text: str) -> bool:
    """A capitalised word that is not an acronym ("Lavrov", "Deir-ez-Zor", "al-Assad"; not "NATO")."""
    if not text[:1].isalpha():
        return False
    if text[0].isupper():
        letters = [c for c in text if c.isalpha()]
        return len(letters) >= 2 and any(c.islower() for c in letters)
    return bool(_PARTICLE_LED_RE.match(text))


def _gap(text: str, left: Token, right: Token) -> str:
    return text[left.end : right.start]


def _given(text: str, tokens: Sequence[Token], i: int) -> str:
    """Up to two name words just before token i, over single spaces ("Natalia Radieana")."""
    j = i
    while j > 0 and i - j < 2 and _gap(text, tokens[j - 1], tokens[j]) == " ":
        prev = tokens[j - 1]
        if not is_name_word(prev.text) or is_title(prev.text):
            break
        j -= 1
    return text[tokens[j].start : tokens[i - 1].end] if j < i else ""


def _followed(text: str, tokens: Sequence[Token], i: int) -> bool:
    return (
        i + 1 < len(tokens)
        and _gap(text, tokens[i], tokens[i + 1]) == " "
        and is_name_word(tokens[i + 1].text)
    )


def _introduced(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Preceded by a first name (over one or two name words), an initial, or a title."""
    if any(is_first_name(w) for w in _given(text, tokens, i).split()):
        return True
    before = text[max(0, tokens[i].start - 4) : tokens[i].start]
    if _INITIAL_RE.search(before):
        return True
    if i == 0:
        return False
    prev = tokens[i - 1]
    gap = _gap(text, prev, tokens[i])
    if gap not in (" ", ". "):
        return False
    if is_title(prev.text):
        return True
    return gap == " " and prev.text[:1].isupper() and is_first_name(prev.text)


def _is_candidate(tok: Token) -> bool:
    if not is_name_word(tok.text):
        return False
    if tok.sentence_start or tok.headline:
        return zipf(tok.text.lower()) < _INITIAL_MAX_ZIPF or is_russian_first_name(tok.text)
    return True


def extract_mentions(doc: Document) -> tuple[Mention, ...]:
    """Single-word mentions, then multi-word ones, in text order within each group."""
    text = doc.text
    tokens = doc.tokens
    singles: list[Mention] = []
    candidate = [_is_candidate(t) for t in tokens]
    for i, tok in enumerate(tokens):
        if candidate[i]:
            mid = not tok.sentence_start and not tok.headline
            singles.append(
                Mention(
                    tok.start,
                    tok.end,
                    tok.text,
                    1,
                    mid,
                    _introduced(text, tokens, i),
                    _given(text, tokens, i),
                    _followed(text, tokens, i),
                    tokens[i + 1].text if _followed(text, tokens, i) else "",
                )
            )
    return tuple(singles) + _multiword(doc, candidate)


def _multiword(doc: Document, candidate: Sequence[bool]) -> tuple[Mention, ...]:
    text = doc.text
    tokens = doc.tokens
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not candidate[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and _gap(text, tokens[j], tokens[j + 1]) == " ":
            nxt = tokens[j + 1]
            if is_name_word(nxt.text):
                j += 1
            elif (
                nxt.text in PARTICLES
                and j + 2 < len(tokens)
                and _gap(text, nxt, tokens[j + 2]) == " "
                and is_name_word(tokens[j + 2].text)
            ):
                j += 2
            else:
                break
        if j > i and is_name_word(tokens[i].text):
            first = tokens[i]
            mid = not first.sentence_start and not first.headline
            out.append(
                Mention(first.start, tokens[j].end, text[first.start : tokens[j].end], j - i + 1, mid, False)
            )
        i = j + 1
    return tuple(out)
