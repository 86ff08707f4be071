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

A document holds thousands of mentions and the names checks read the
occurrences of a few forms, so ``DocumentMentions`` finds them all (which
tokens, which forms) and builds a mention, context included, only when it is
asked for; ``extract_mentions`` builds them all.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import compress, filterfalse, repeat
from operator import is_, not_, or_
from typing import Any, NamedTuple, cast

from mtqa.document import Document, pick, token_numbers
from mtqa.names.morphology import is_first_name, is_russian_first_name, is_title
from mtqa.names.words import is_common_word

__all__ = ["PARTICLES", "Mention", "extract_mentions", "is_name_word", "missing_indices"]


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
        if text.isalpha():  # the usual case, at C speed
            return len(text) >= 2 and any(map(str.islower, text))
        letters = [c for c in text if c.isalpha()]
        return len(letters) >= 2 and any(c.islower() for c in letters)
    return "-" in text and bool(_PARTICLE_LED_RE.match(text))


@lru_cache(maxsize=200_000)
def _initial_name(text: str) -> bool:
    """A name word first in its sentence or in a headline is a mention when it is rare or a Russian first name."""
    return not is_common_word(text) or is_russian_first_name(text)


class _Columns(NamedTuple):
    """A document's tokens as columns (``Token`` fields, one tuple each)."""

    starts: Sequence[int]
    ends: Sequence[int]
    texts: Sequence[str]
    opening: Sequence[bool]
    headline: Sequence[bool]


def _columns(doc: Document) -> _Columns:
    """The token columns of ``doc``: read as they are kept, or transposed from ``Token`` tuples once."""
    tokens: Any = doc.tokens
    if hasattr(tokens, "texts"):
        return _Columns(tokens.starts, tokens.ends, tokens.texts, tokens.opening, tokens.headline)
    if not tokens:
        return _Columns((), (), (), (), ())
    return _Columns(*zip(*tokens, strict=True))


#: Words judged by ``is_name_word`` so far (those not all in lower case), with its answer. Only a
#: document's distinct words are looked up, and only those not all in lower case: a name word
#: has a capital (its first letter, or the one after a particle's hyphen: "al-Assad"), so a
#: word that ``str.islower`` accepts never is one, and most words are ruled out by that C-level
#: test without a lookup (each lookup compares the word with the string of an earlier document).
_NAME_WORD: dict[str, bool] = {}
#: Forget the words seen when there are this many (a long run over many corpora).
_NAME_WORD_MAX = 200_000


def missing_indices(found: Sequence[object]) -> list[int]:
    """The indices of the Nones of ``found`` (the words a table does not know yet), by C-level passes."""
    return list(compress(token_numbers(len(found)), map(is_, found, repeat(None))))


def _name_words(distinct: Iterable[str]) -> set[str]:
    """The words of ``distinct`` (a document's distinct words) that are name words (``is_name_word``)."""
    return _judged_name_words(list(filterfalse(str.islower, distinct)))


def _judged_name_words(maybe: Sequence[str]) -> set[str]:
    """The words of ``maybe`` (distinct words, none all in lower case) that are name words."""
    found = list(map(_NAME_WORD.get, maybe))
    if None in found:
        if len(_NAME_WORD) > _NAME_WORD_MAX:
            _NAME_WORD.clear()
        for k in missing_indices(found):
            found[k] = _NAME_WORD[maybe[k]] = _judge_name_word(maybe[k])
    # The words of this document, not the equal strings of ``_NAME_WORD``: each token's lookup
    # below then compares it with a string of its own document.
    return set(compress(maybe, found))


def _judge_name_word(word: str) -> bool:
    """``is_name_word`` (no lru cache: ``_NAME_WORD`` is the cache), at once for a word of ASCII
    letters, most of them: it is one when it starts with a capital and is not all in capitals
    (ASCII letters all have a case, so "not all in capitals" is "some letter in lower case",
    which also makes two letters or more)."""
    if word.isascii() and word.isalpha():
        return word[0].isupper() and not word.isupper()
    return is_name_word.__wrapped__(word)


def _flags(n: int, named: Iterable[int]) -> list[bool]:
    """``n`` flags, true at the token numbers ``named``: the checks below ask about single tokens."""
    flags = [False] * n
    for i in named:
        flags[i] = True
    return flags


class Capitals(NamedTuple):
    """What the lexical kinds have read of a document's words already (``mtqa.kinds._lexical.Context``).

    With it, the name words are found without a pass over the document's distinct
    words (a name word is never all in lower case: it is one of ``unlowered``)
    nor one over its tokens: the tokens of name words that start with a capital
    are among ``caps``, a sixth of the tokens; the few others ("al-Assad") are
    located by their counts.
    """

    #: The distinct words written otherwise than all lower case (``str.islower`` is false).
    unlowered: Collection[str]
    #: Those of them whose first character is a capital (``str.isupper``).
    capital_forms: AbstractSet[str]
    #: The tokens whose word is one of ``capital_forms``, in order, and the word of each.
    caps: Sequence[int]
    cap_texts: Sequence[str]


def _named(texts: Sequence[str], counts: Mapping[str, int] | None, capitals: Capitals | None) -> list[int]:
    """The tokens that are name words (``is_name_word``), in order.

    Without ``capitals``, the distinct words (``counts``, or made here) are judged
    and then every token is looked up (one C-level pass); with them, only the
    capitalised tokens are, and the tokens of a name word led by a lower-case
    particle ("al-Assad", a few a corpus) are found by ``tuple.index``, a C-level
    scan that stops at the word's last occurrence.
    """
    if capitals is None or counts is None:
        here = _name_words(set(texts) if counts is None else counts)
        return list(compress(token_numbers(len(texts)), map(here.__contains__, texts)))
    here = _judged_name_words(list(capitals.unlowered))
    named = list(compress(capitals.caps, map(here.__contains__, capitals.cap_texts)))
    others = here.difference(capitals.capital_forms)
    if others:
        for word in others:
            k = -1
            for _ in range(counts[word]):
                k = texts.index(word, k + 1)
                named.append(k)
        named.sort()
    return named


def _candidates(cols: _Columns, named: list[int]) -> list[int]:
    """The tokens that are single-word mentions: name words (``named``), but first in a
    sentence or in a headline only when ``_initial_name`` says so.

    Only the name words (a tenth of the tokens) are looked at, by C-level maps: which
    stand first or in a headline, which of those ``_initial_name`` bars.
    """
    texts = cols.texts
    placed = map(or_, pick(cols.opening, named), pick(cols.headline, named))
    first = list(compress(named, placed))
    barred = set(compress(first, map(not_, _initial_flags(pick(texts, first)))))
    if not barred:
        return named
    return list(filterfalse(barred.__contains__, named))


#: Name words judged by ``_initial_name`` so far, with its answer. The words first in a sentence
#: or in a headline are mostly the same few hundred ("The", "But", "He"), whose strings here stay
#: in the processor's cache: each token's word is looked up directly (no set of them first).
_INITIAL: dict[str, bool] = {}


def _initial_flags(words: Sequence[str]) -> list[bool]:
    """``_initial_name`` of each word, judged once per process."""
    found: list[bool | None] = list(map(_INITIAL.get, words))
    if None in found:
        if len(_INITIAL) > _NAME_WORD_MAX:
            _INITIAL.clear()
        judge = _initial_name.__wrapped__  # no lru cache needed: ``_INITIAL`` is the cache
        for k in missing_indices(found):
            word = words[k]
            known = _INITIAL.get(word)
            found[k] = _INITIAL[word] = judge(word) if known is None else known
    return cast("list[bool]", found)  # no None is left


def _given(text: str, cols: _Columns, i: int, name: Sequence[bool]) -> str:
    """Up to two name words just before token i, over single spaces ("Natalia Radieana")."""
    starts, ends, texts = cols.starts, cols.ends, cols.texts
    j = i
    while j > 0 and i - j < 2 and text[ends[j - 1] : starts[j]] == " ":
        if not name[j - 1] or is_title(texts[j - 1]):
            break
        j -= 1
    return text[starts[j] : ends[i - 1]] if j < i else ""


def _introduced(text: str, cols: _Columns, i: int, given: str) -> bool:
    """Preceded by a first name (over one or two name words), an initial, or a title."""
    if given and any(is_first_name(w) for w in given.split()):
        return True
    start = cols.starts[i]
    before = text[max(0, start - 4) : start]
    if "." in before and _INITIAL_RE.search(before):
        return True
    if i == 0:
        return False
    prev = cols.texts[i - 1]
    gap = text[cols.ends[i - 1] : start]
    if gap not in (" ", ". "):
        return False
    if is_title(prev):
        return True
    return gap == " " and prev[:1].isupper() and is_first_name(prev)


@lru_cache(maxsize=200_000)
def _introduces(word: str) -> bool:
    """A word that, one space before a name word, introduces it as a person: a title or a first name."""
    return is_title(word) or (word[:1].isupper() and is_first_name(word))


class DocumentMentions:
    """A document's name mentions; a single-word one is built when it is first asked for.

    Finding the mentions is cheap: which tokens they are, and their forms.
    Building one is not (its context: given name, introduction, the word
    after it), and the checks look at the occurrences of a few forms only
    (``mtqa.names.cluster.index_document``). ``all()`` builds every mention,
    as ``extract_mentions`` returns them.
    """

    __slots__ = ("_cols", "_name", "_text", "candidates", "run_ends", "runs")

    def __init__(self, doc: Document, capitals: Capitals | None = None) -> None:
        text = doc.text
        cols = _columns(doc)
        named = _named(cols.texts, getattr(doc.tokens, "counts", None), capitals)
        name = _flags(len(cols.texts), named)
        self._text, self._cols, self._name = text, cols, name
        #: The tokens that are single-word mentions, in text order.
        self.candidates = _candidates(cols, named)
        #: The first and last token of each multi-word mention, in text order.
        self.runs, self.run_ends = _multiword(text, cols, self.candidates, name)

    @property
    def texts(self) -> Sequence[str]:
        """The text of every token (a candidate's form is ``texts[i]``)."""
        return self._cols.texts

    def all(self) -> tuple[Mention, ...]:
        """Single-word mentions, then multi-word ones, in text order within each group."""
        return tuple(map(self.single, self.candidates)) + tuple(map(self.multiword, range(len(self.runs))))

    def multiword_forms(self) -> list[str]:
        """The text of each multi-word mention."""
        starts, ends = self._cols.starts, self._cols.ends
        # ``text[starts[i]:ends[j]]`` of each run, by C-level maps.
        return list(map(self._text.__getitem__, map(slice, pick(starts, self.runs), pick(ends, self.run_ends))))

    def multiword(self, k: int) -> Mention:
        """The k-th multi-word mention."""
        i, j = self.runs[k], self.run_ends[k]
        starts, ends, opening, headline = self._cols.starts, self._cols.ends, self._cols.opening, self._cols.headline
        mid = not opening[i] and not headline[i]
        return Mention(starts[i], ends[j], self._text[starts[i] : ends[j]], j - i + 1, mid, False)

    def single(self, i: int) -> Mention:
        """The single-word mention of the candidate at token i."""
        text, cols, name = self._text, self._cols, self._name
        starts, ends, texts, opening, headline = cols
        start = starts[i]
        end = ends[i]
        # What ``_given`` and ``_introduced`` say, read off the gap before the word in the usual
        # cases: only a single space or a full stop there can make a given name or an
        # introduction (an initial's full stop is followed by spaces alone, so it is in the gap).
        given = ""
        introduced = False
        p = i - 1
        if p < 0:
            given = _given(text, cols, i, name)
            introduced = _introduced(text, cols, i, given)
        elif start - ends[p] == 1 and text[start - 1] == " ":
            prev = texts[p]
            if name[p] and not is_title(prev):
                # A name word before: it is the given name, with the name word before it
                # over one more space, unless that is a title (``_given``); one of them
                # being a first name introduces the word (``_introduced``).
                j = p
                spaced = p and ends[p - 1] + 1 == starts[p] and text[starts[p] - 1] == " "
                if spaced and name[p - 1] and not is_title(texts[p - 1]):
                    j = p - 1
                given = text[starts[j] : ends[p]]
                introduced = any(map(is_first_name, texts[j:i]))
            else:
                # One space after a title or a first name (``_introduced``).
                introduced = _introduces(prev)
        elif "." in text[ends[p] : start]:
            given = _given(text, cols, i, name)
            introduced = _introduced(text, cols, i, given)
        after = i + 1
        followed = after < len(texts) and name[after] and starts[after] == end + 1 and text[end] == " "
        mid = not (opening[i] or headline[i])
        return Mention(start, end, texts[i], 1, mid, introduced, given, followed, texts[after] if followed else "")


def extract_mentions(doc: Document, capitals: Capitals | None = None) -> tuple[Mention, ...]:
    """Single-word mentions, then multi-word ones, in text order within each group."""
    return DocumentMentions(doc, capitals).all()


def _multiword(
    text: str, cols: _Columns, candidates: Sequence[int], name: Sequence[bool]
) -> tuple[list[int], list[int]]:
    """Runs of name words over single spaces (with joining particles), each led by a candidate.

    Returns the first and the last token of each run.
    """
    starts, ends, texts = cols.starts, cols.ends, cols.texts
    n = len(texts)
    runs: list[tuple[int, int]] = []
    done = -1  # the last token of the previous run
    for i in _heads(texts, candidates, name):
        if i <= done:
            continue
        j = i
        while j + 1 < n and starts[j + 1] == ends[j] + 1 and text[ends[j]] == " ":
            if name[j + 1]:
                j += 1
            elif texts[j + 1] in PARTICLES and j + 2 < n and text[ends[j + 1] : starts[j + 2]] == " " and name[j + 2]:
                j += 2
            else:
                break
        if j > i:
            runs.append((i, j))
        done = j
    if not runs:
        return [], []
    firsts, lasts = zip(*runs, strict=True)
    return list(firsts), list(lasts)


def _heads(texts: Sequence[str], candidates: Sequence[int], name: Sequence[bool]) -> Iterator[int]:
    """The candidates followed by a name word or a particle: only they can lead a run of words.

    Picked by C-level passes over the token after each candidate (most candidates
    stand alone), so ``_multiword``'s loop visits the few that may lead a run; a
    candidate it skips would have made no run and moved its ``done`` mark by nothing
    that a later (larger) candidate could notice.
    """
    if candidates and candidates[-1] == len(texts) - 1:
        candidates = candidates[:-1]  # the last token is followed by none
    after = list(map(_NEXT, candidates))
    named_after = pick(name, after)
    particle_after = map(PARTICLES.__contains__, pick(texts, after))
    return compress(candidates, map(or_, named_after, particle_after))


#: ``k + 1``, at C level.
_NEXT = (1).__add__
