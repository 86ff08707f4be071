"""The word tables of one document that the casing rules share.

The four casing rules ask the same questions of a document: which words it
writes, which of them are lower-case or Title Case, and where a given set of
words stands. ``words(doc)`` answers each once per document, each table on
first use, so a rule pays only for what it reads.

A document has about thirty times more tokens than distinct words, so a pass
over the tokens is C-level (``map``, ``compress``) and the Python-level work
is per distinct word or per token already picked out.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence, Set
from functools import cached_property, lru_cache
from itertools import compress, filterfalse
from operator import itemgetter
from typing import Any

from mtqa.document import Document, Token
from mtqa.lexicon import common_among

_FIRST = itemgetter(slice(0, 1))  # word[:1]
_REST = itemgetter(slice(1, None))  # word[1:]

#: Up to this many words are found by searching the text for each (a few microseconds
#: a word) rather than by a pass over every token (about a millisecond a document).
_SEARCH_MAX = 32


class Words:
    """One document's tokens seen as words; each table is computed on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens: Sequence[Token] = doc.tokens

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """The text of each token."""
        return self._column("texts", 2)

    @cached_property
    def starts(self) -> tuple[int, ...]:
        """The start offset of each token."""
        return self._column("starts", 0)

    @cached_property
    def ends(self) -> tuple[int, ...]:
        """The end offset of each token."""
        return self._column("ends", 1)

    @cached_property
    def opening(self) -> tuple[bool, ...]:
        """Each token's ``sentence_start``."""
        return self._column("opening", 3)

    @cached_property
    def headline(self) -> tuple[bool, ...]:
        """Each token's ``headline``."""
        return self._column("headline", 4)

    def _column(self, name: str, field: int) -> tuple[Any, ...]:
        """One field of every token: the tokens' own column when they keep one
        (``document.Tokens``), else read from each token (``Token`` field ``field``)."""
        column = getattr(self.tokens, name, None)
        return tuple(map(itemgetter(field), self.tokens)) if column is None else tuple(column)

    @cached_property
    def distinct(self) -> frozenset[str]:
        """Every word the document writes, as written."""
        return frozenset(self.texts)

    @cached_property
    def ordered(self) -> tuple[str, ...]:
        """``distinct`` as a tuple, for passes that filter it (in no particular order)."""
        return tuple(self.distinct)

    @cached_property
    def _split(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The distinct words with no capital (``str.islower``), and the others."""
        ordered = self.ordered
        lower = tuple(map(str.islower, ordered))
        return tuple(compress(ordered, lower)), tuple(compress(ordered, map(operator.not_, lower)))

    @cached_property
    def rare_lower(self) -> frozenset[str]:
        """The all-lower-case words of letters only ("kabul", not "covid-19") that are no
        ordinary English word (the lexicon's ``is_common_word``; a lower-case word is its
        own lower-case form). The lexicon rules out most, so letters are tested after."""
        return frozenset(where(str.isalpha, _rare(self._split[0])))

    @cached_property
    def _cased_alpha(self) -> tuple[str, ...]:
        """The words of letters only that are not all lower-case: those that may be
        Title Case or in capitals."""
        return where(str.isalpha, self._split[1])

    @cached_property
    def title(self) -> frozenset[str]:
        """The Title Case words of letters only: ``w[:1].isupper() and w[1:].islower() and w.isalpha()``.

        Each test is one C-level pass over the words left by the one before (a
        Title Case word is not all lower-case, so the lower-case ones are left out first).
        """
        other = self._cased_alpha
        capital = tuple(compress(other, map(str.isupper, map(_FIRST, other))))
        return frozenset(compress(capital, map(str.islower, map(_REST, capital))))

    @cached_property
    def upper_alpha(self) -> tuple[str, ...]:
        """The words of letters only, all in capitals (``str.isupper``)."""
        return where(str.isupper, self._cased_alpha)

    def positions(self, words: Set[str]) -> list[int]:
        """The indices, in order, of the tokens written exactly as one of ``words``."""
        if not words:
            return []
        if len(words) <= _SEARCH_MAX:
            return self._search(words)
        return list(compress(range(len(self.texts)), map(words.__contains__, self.texts)))

    def _search(self, words: Iterable[str]) -> list[int]:
        """``positions`` for a few words: find each in the text, keep the places where a
        token starts and is that word (not a part of a longer one)."""
        text, texts, starts = self.doc.text, self.texts, self.starts
        n = len(texts)
        found = []
        for word in words:
            at = text.find(word)
            while at >= 0:
                i = bisect_left(starts, at)
                if i < n and starts[i] == at and texts[i] == word:
                    found.append(i)
                at = text.find(word, at + 1)
        found.sort()
        return found


def _rare(lower: tuple[str, ...]) -> tuple[str, ...]:
    """The words of ``lower`` (all lower-case) that the lexicon does not know as common words.

    Most words of a document came in earlier documents too, so the lexicon is
    asked only about words not seen before in this process: ``_JUDGED`` holds
    the words asked about, ``_RARE`` those of them it does not know. Both are
    dropped together when they grow large.
    """
    if len(_JUDGED) > _JUDGED_MAX:
        _JUDGED.clear()
        _RARE.clear()
    new = set(filterfalse(_JUDGED.__contains__, lower))
    if new:
        _RARE.update(new - common_among(new))
        _JUDGED.update(new)
    return tuple(filter(_RARE.__contains__, lower))


_JUDGED: set[str] = set()
_RARE: set[str] = set()
_JUDGED_MAX = 500_000


def where(test: Callable[[str], bool], items: tuple[str, ...]) -> tuple[str, ...]:
    """The items for which ``test`` (an unbound ``str`` method) is true, in one C-level pass."""
    return tuple(compress(items, map(test, items)))


@lru_cache(maxsize=8)
def words(doc: Document) -> Words:
    """The shared tables of ``doc``: the engine runs every rule on a document before the next."""
    return Words(doc)
