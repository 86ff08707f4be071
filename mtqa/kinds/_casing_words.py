"""The word tables of one document that the four casing rules share.

The casing rules ask the same questions of a document: which words it
writes, which of them are lower-case, Title Case or in capitals, which
lower-case ones are no English word, and where the words they look at stand.
``words(doc)`` answers each once per document, each table on first use.

A document has about thirty times more tokens than distinct words. So the
tables are built by C-level passes (``map``, ``compress``, set operations)
over the distinct words, and the tokens are passed over once, for all four
rules together (``Words.spots``); Python-level work is per distinct word or
per token picked out.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Set
from functools import cached_property
from itertools import compress, filterfalse
from operator import itemgetter
from weakref import WeakKeyDictionary

from mtqa.document import Document, Tokens, pick, token_numbers
from mtqa.lexicon import FUNCTION_WORDS, common_among

_HEAD = itemgetter(slice(0, 1))  # word[:1]
_REST = itemgetter(slice(1, None))  # word[1:]

#: Particles of a name: a mixed-case phrase never starts with one ("de Bruyne" beside "Kevin De Bruyne").
PARTICLES = frozenset({"de", "da", "di", "du", "del", "der", "den", "van", "von", "la", "le", "al", "el", "bin", "ibn"})


class Words:
    """One document's words; each table is computed on first use.

    It holds the document's text and tokens but not the document itself, so
    that ``words`` can keep it exactly as long as the document lives.
    """

    def __init__(self, text: str, tokens: Tokens) -> None:
        self.text = text
        self.tokens = tokens
        self.texts = tokens.texts

    @cached_property
    def distinct(self) -> frozenset[str]:
        """Every word the document writes, as written."""
        return frozenset(self.tokens.counts)

    @cached_property
    def split(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The distinct words all in lower case (``str.islower``) that are no ordinary English
        word, and the words that are not all in lower case (a capital, or no letter at all:
        "2021"). The lexical kinds read it too.

        Most words of a document are common lower-case words that earlier documents
        wrote too: one set difference with those (``_COMMON``) leaves the few others,
        which alone are tested for case and, when new, judged by the lexicon.
        """
        if len(_COMMON) + len(_RARE) > _JUDGED_MAX:
            _COMMON.clear()
            _RARE.clear()
        others = tuple(self.distinct.difference(_COMMON))
        lower = tuple(map(str.islower, others))
        rare = tuple(compress(others, lower))
        new = set(rare).difference(_RARE)  # lower-case words no earlier document wrote
        if new:
            common = common_among(new)
            _COMMON.update(common)
            _RARE.update(new - common)
            rare = tuple(filterfalse(common.__contains__, rare))
        return rare, tuple(compress(others, map(operator.not_, lower)))

    @cached_property
    def rare_lower(self) -> frozenset[str]:
        """The all-lower-case words of letters only ("kabul", not "covid-19") that are no
        ordinary English word (the lexicon's ``is_common_word``; a lower-case word is its
        own lower-case form). The lexicon rules out most, so letters are tested after."""
        return frozenset(where(str.isalpha, self.split[0]))

    @cached_property
    def _cased_alpha(self) -> tuple[str, ...]:
        """The words of letters only that are not all lower-case: those that may be
        Title Case or in capitals."""
        return where(str.isalpha, self.split[1])

    @cached_property
    def title(self) -> frozenset[str]:
        """The Title Case words of letters only: ``w[:1].isupper() and w[1:].islower() and w.isalpha()``.

        Each test is one C-level pass over the words left by the one before (a
        Title Case word is not all lower-case, so the lower-case ones are left out first).
        """
        other = self._cased_alpha
        capital = tuple(compress(other, map(str.isupper, map(_HEAD, other))))
        return frozenset(compress(capital, map(str.islower, map(_REST, capital))))

    @cached_property
    def upper_alpha(self) -> tuple[str, ...]:
        """The words of letters only, all in capitals (``str.isupper``)."""
        return where(str.isupper, self._cased_alpha)

    @cached_property
    def heads(self) -> frozenset[str]:
        """Title Case words whose lower-case form the document also writes ("State" and
        "state"): only these can start a phrase also written with its first word lower-case."""
        title = tuple(self.title)
        return frozenset(compress(title, map(self.distinct.__contains__, map(str.lower, title))))

    @cached_property
    def starters(self) -> frozenset[str]:
        """The lower-case forms of the heads that may start a mixed-case phrase: not a
        particle of a name nor a function word."""
        return frozenset(map(str.lower, self.heads)).difference(PARTICLES, FUNCTION_WORDS)

    @cached_property
    def rare_words(self) -> frozenset[str]:
        """The rare lower-case words and the capitalised forms of them that the document writes."""
        rare = self.rare_lower
        return rare | self.distinct.intersection(map(str.capitalize, rare))

    @cached_property
    def spots(self) -> tuple[int, ...]:
        """Indices, in order, of the tokens written as a head, a starter or a rare word:
        every token that a casing rule looks at, found in one pass over the tokens."""
        wanted = self.heads | self.starters | self.rare_words
        return tuple(compress(token_numbers(len(self.texts)), map(wanted.__contains__, self.texts)))

    @cached_property
    def spot_texts(self) -> tuple[str, ...]:
        """The word of each of ``spots``, in one C-level call (``pick``): the rules then pick the
        spots of a set of words by C-level passes over these (``at``)."""
        return pick(self.texts, self.spots)

    def at(self, written: Set[str]) -> Iterator[int]:
        """The spots, in order, whose token is written as one of ``written``: ``among(spots, written)``
        by one C-level pass over ``spot_texts``."""
        return compress(self.spots, map(written.__contains__, self.spot_texts))

    @cached_property
    def rare_spots(self) -> tuple[int, ...]:
        """The spots of the rare words."""
        return tuple(self.at(self.rare_words))

    def count(self, word: str) -> int:
        """How many tokens are written ``word``.

        The text is searched for ``word`` (a C-level scan of the characters, several
        times faster than comparing it with every token), and each hit counts when a
        token starts there and is written so: a token is the text between its offsets.
        """
        text, starts, texts = self.text, self.tokens.starts, self.texts
        found = 0
        at = text.find(word)
        while at >= 0:
            k = bisect_left(starts, at)
            if k < len(starts) and starts[k] == at and texts[k] == word:
                found += 1
            at = text.find(word, at + 1)
        return found

    def among(self, spots: Iterable[int], written: Set[str]) -> list[int]:
        """The indices of ``spots``, in order, whose token is written as one of ``written``.

        (A list comprehension: indexing in the loop is faster than ``map(texts.__getitem__)``.)
        """
        texts = self.texts
        return [i for i in spots if texts[i] in written]


#: Lower-case words judged so far in this process: the lexicon's common words, and the
#: others. Both are dropped together when they grow large.
_COMMON: set[str] = set()
_RARE: set[str] = set()
_JUDGED_MAX = 500_000


def where(test: Callable[[str], bool], items: tuple[str, ...]) -> tuple[str, ...]:
    """The items for which ``test`` (an unbound ``str`` method) is true, in one C-level pass."""
    return tuple(compress(items, map(test, items)))


_KEPT: WeakKeyDictionary[Document, Words] = WeakKeyDictionary()


def words(doc: Document) -> Words:
    """The tables of ``doc``, kept as long as the document lives.

    The engine runs every rule on a document before the next; a caller that
    runs one rule over many documents, then the next (a benchmark per rule),
    still reads each document once.
    """
    kept = _KEPT.get(doc)
    if kept is None:
        kept = _KEPT[doc] = Words(doc.text, doc.tokens)
    return kept


def forget() -> None:
    """Drop every document's tables and the words judged (for a benchmark that times building them)."""
    _KEPT.clear()
    _COMMON.clear()
    _RARE.clear()
