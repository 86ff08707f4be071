"""The word tables of one document that the four casing rules share.

The casing rules ask the same questions of a document: which words it
writes, which of them are lower-case, Title Case or in capitals, which
lower-case ones are no English word, and where the words they look at stand.
``words(doc)`` answers each once per document, each table on first use.

A document has about thirty times more tokens than distinct words, and
documents write mostly the same words. So each word is classified once per
process (``_classify``), a document's tables are C-level set operations on its
distinct words, and the tokens are passed over once, for all four rules
together (``Words.spots``); Python-level work is per new word or per token
picked out."""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import cached_property
from itertools import compress
from operator import itemgetter
from weakref import WeakKeyDictionary

from mtqa.document import Document, Tokens
from mtqa.lexicon import FUNCTION_WORDS, common_among

_FIRST = itemgetter(slice(0, 1))  # word[:1]
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
        return frozenset(self.texts)

    @cached_property
    def _classes(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """``rare_lower``, ``title`` and ``upper_alpha``: the document's words that the
        process-wide classes hold (``_classify``), three C-level set intersections."""
        return _classify(self.distinct)

    @property
    def rare_lower(self) -> frozenset[str]:
        """The all-lower-case words of letters only ("kabul", not "covid-19") that are no
        ordinary English word (the lexicon's ``is_common_word``; a lower-case word is its
        own lower-case form)."""
        return self._classes[0]

    @property
    def title(self) -> frozenset[str]:
        """The Title Case words of letters only: ``w[:1].isupper() and w[1:].islower() and w.isalpha()``."""
        return self._classes[1]

    @property
    def upper_alpha(self) -> frozenset[str]:
        """The words of letters only, all in capitals (``str.isupper``)."""
        return self._classes[2]

    @cached_property
    def _heads(self) -> dict[str, str]:
        """Each head and its lower-case form (see ``heads``)."""
        distinct = self.distinct
        title = tuple(self.title)
        return {
            head: low
            for head, low in zip(title, map(str.lower, title), strict=True)
            if low in distinct and low not in _NOT_STARTERS
        }

    @cached_property
    def heads(self) -> frozenset[str]:
        """Title Case words whose lower-case form the document also writes ("State" and
        "state"), when that form may start a mixed-case phrase: not a particle of a name
        nor a function word. Only these can start a phrase that matters to
        ``casing.phrases`` ("The" and "the" are left out: they start no mixed form)."""
        return frozenset(self._heads)

    @cached_property
    def starters(self) -> frozenset[str]:
        """The lower-case forms of the heads: the first words of mixed-case phrases."""
        return frozenset(self._heads.values())

    @cached_property
    def rare_words(self) -> frozenset[str]:
        """The rare lower-case words and the capitalised forms of them that the document writes."""
        rare = self.rare_lower
        return rare | self.distinct.intersection(map(str.capitalize, rare))

    @cached_property
    def _coded(self) -> tuple[dict[str, int], tuple[int, ...], tuple[int, ...]]:
        """The wanted words with a number each (from 1), the spots, and the number of each spot's word.

        The tokens' strings lie all over memory, so reading one (for its hash) is
        a cache miss: after this one pass over the tokens, spots are picked out by
        their word's number (``among``), and no token's string is read again.
        """
        wanted = self.heads | self.starters | self.rare_words
        number = dict(zip(wanted, range(1, len(wanted) + 1), strict=True))
        codes = list(map(number.get, self.texts))  # None for a token not wanted
        return number, tuple(compress(range(len(codes)), codes)), tuple(filter(None, codes))

    @property
    def spots(self) -> tuple[int, ...]:
        """Indices, in order, of the tokens written as a head, a starter or a rare word:
        every token that a casing rule looks at, found in one pass over the tokens."""
        return self._coded[1]

    def among(self, written: Iterable[str]) -> list[int]:
        """The spots, in order, whose token is written as one of ``written`` (words of
        ``spots`` only; others are never found): a C-level pass over the spots' numbers."""
        number, spots, codes = self._coded
        chosen = {number[w] for w in written if w in number}
        return list(compress(spots, map(chosen.__contains__, codes)))

    def count(self, word: str) -> int:
        """How many tokens are written ``word``.

        The text is searched for ``word`` (a C-level scan of the characters, several
        times faster than comparing every token), and each hit counts when a token
        starts there and is written so: a token is the text between its offsets.
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



def _classify(distinct: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The words of ``distinct`` that are rare lower-case words, Title Case words and
    words in capitals (see ``Words``), from classes kept for the whole process.

    Documents write mostly the same words (a benchmark of 36 documents writes
    215,000 distinct words per document summed, 22,000 in all), so each word is
    classified once, when it is first seen (``_learn``): a document costs one set
    difference (its new words) and three intersections, all C-level. The classes
    are dropped together when they have seen too many words.
    """
    if len(_SEEN) > _SEEN_MAX:
        forget_classes()
    new = distinct - _SEEN
    if new:
        _learn(tuple(new))
    return distinct & _RARE_LOWER, distinct & _TITLE, distinct & _UPPER_ALPHA


def _learn(new: tuple[str, ...]) -> None:
    """Classify words not seen before: C-level passes over them, each over the words
    left by the one before; the lexicon is asked about the lower-case words of letters only."""
    lower_flags = tuple(map(str.islower, new))
    lower = set(where(str.isalpha, tuple(compress(new, lower_flags))))
    if lower:
        _RARE_LOWER.update(lower - common_among(lower))
    # A word of letters not all lower-case may be Title Case or in capitals.
    cased = where(str.isalpha, tuple(compress(new, map(operator.not_, lower_flags))))
    capital = tuple(compress(cased, map(str.isupper, map(_FIRST, cased))))
    _TITLE.update(compress(capital, map(str.islower, map(_REST, capital))))
    _UPPER_ALPHA.update(where(str.isupper, cased))
    _SEEN.update(new)


def forget_classes() -> None:
    """Drop the process-wide classes of words (``_classify``)."""
    for table in (_SEEN, _RARE_LOWER, _TITLE, _UPPER_ALPHA):
        table.clear()


#: The words classified, and the classes (see ``_classify``).
_SEEN: set[str] = set()
_RARE_LOWER: set[str] = set()
_TITLE: set[str] = set()
_UPPER_ALPHA: set[str] = set()
_SEEN_MAX = 500_000

#: Words that start no mixed-case phrase (``Words.starters``).
_NOT_STARTERS = PARTICLES | FUNCTION_WORDS


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
    """Drop every document's tables and the classes of words (for a benchmark that times building them)."""
    _KEPT.clear()
    forget_classes()
