"""Token context shared by the lexical kinds (garbled, capitalisation, acronym).

``context(doc)`` reads a document once: every token with its tight neighbours
(the words next to it with only spaces between) and the document's own
evidence about each word: how often it occurs, and how often it is written
capitalised or lower-case where a capital is not expected. The kinds then
look tokens up in it instead of scanning the document again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from mtqa.document import Document, Token, Tokens
from mtqa.lexicon import is_common_word, unknown_words
from mtqa.names.gazetteer import is_demonym, is_place_word
from mtqa.names.morphology import is_first_name, is_title, russian_name_score

#: Opening and closing quotes and brackets around a title or a name.
OPENERS = "\"“«„‘'("
CLOSERS = "\"”»’')"


@dataclass(frozen=True, slots=True)
class Context:
    """One document's tokens and the counts the lexical kinds weigh."""

    doc: Document
    tokens: Tokens
    #: The text of each token.
    texts: tuple[str, ...]
    #: Occurrences of each word, folded to lower case.
    counts: Mapping[str, int]
    #: Occurrences written capitalised where no capital is expected (mid-sentence, not a headline).
    capitalised: Mapping[str, int]
    #: Occurrences written all lower-case.
    lowered: Mapping[str, int]
    #: The capitalised forms written anywhere (for stems shared between inflected names).
    capital_forms: frozenset[str]
    #: Indices of tokens capitalised where no capital is expected.
    titled: tuple[int, ...]
    #: Indices of Latin-letter tokens that no dictionary knows in any case.
    unknown: tuple[int, ...]
    #: Word -> indices of the capitalised tokens right before it, filled on first use
    #: (``capitalised_before``; the key '' marks it built); not part of the value.
    before: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def capitalised_before(self, word: str) -> tuple[int, ...]:
        """The indices, in order, of the capitalised tokens followed by a token written ``word``.

        The index is built once, from the capitalised tokens only (a fraction of all).
        """
        if "" not in self.before:
            built: dict[str, list[int]] = {}
            texts = self.texts
            for j in compress(range(len(texts) - 1), map(self.capital_forms.__contains__, texts)):
                built.setdefault(texts[j + 1], []).append(j)
            self.before.update((text, tuple(at)) for text, at in built.items())
            self.before[""] = ()
        return self.before.get(word, ())

    def gap_before(self, i: int) -> str | None:
        """The text between token i-1 and token i, or None at the start of a line."""
        if i == 0:
            return None
        prev, tok = self.tokens[i - 1], self.tokens[i]
        gap = self.doc.text[prev.end : tok.start]
        return None if "\n" in gap else gap

    def gap_after(self, i: int) -> str | None:
        return self.gap_before(i + 1) if i + 1 < len(self.tokens) else None

    def tight_prev(self, i: int) -> Token | None:
        """The previous word when only spaces stand between it and token i."""
        gap = self.gap_before(i)
        return self.tokens[i - 1] if gap is not None and _is_space(gap) else None

    def tight_next(self, i: int) -> Token | None:
        gap = self.gap_after(i)
        return self.tokens[i + 1] if gap is not None and _is_space(gap) else None

    def quoted(self, i: int) -> bool:
        """Token i stands right after an opening quote or right before a closing one."""
        before = self.gap_before(i)
        after = self.gap_after(i)
        tok = self.tokens[i]
        if before is None:
            line = self.doc.line_of(tok.start)
            before = self.doc.text[line.start : tok.start]
        if after is None:
            after = self.doc.text[tok.end : self.doc.line_of(tok.start).end]
        opened = before.rstrip()[-1:] in tuple(OPENERS) if before.strip() else False
        closed = after.lstrip()[:1] in tuple(CLOSERS) if after.strip() else False
        return opened or closed

    def in_address(self, i: int) -> bool:
        """Token i is part of a web or e-mail address ("europa.eu", "site.rf", "un.org")."""
        tok = self.tokens[i]
        text = self.doc.text
        before = text[tok.start - 1 : tok.start] if tok.start else ""
        after = text[tok.end : tok.end + 2]
        return before in ("/", "@", ".", "_") or (after[:1] in "./@_" and after[1:2].isalnum())

    def possessive(self, i: int) -> bool:
        """Token i is followed by a possessive 's (stripped from the token by Document)."""
        tok = self.tokens[i]
        return self.doc.text[tok.end : tok.end + 2] in ("'s", "’s")


def _is_space(gap: str) -> bool:
    return gap != "" and gap.isspace()


def expects_capital(tok: Token) -> bool:
    """A capital is normal here: a sentence start or a headline."""
    return tok.sentence_start or tok.headline


def is_titlecase(word: str) -> bool:
    """'Zorvu', 'Eastern': one capital, then lower-case letters only."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha()


@lru_cache(maxsize=16)
def context(doc: Document) -> Context:
    """Read a document once for all the lexical kinds.

    The engine runs every rule on one document before the next; a caller that
    runs one rule over many documents, then the next (a benchmark per kind),
    still reads each of the last 16 documents once.

    Each pass over the tokens is C-level (``map``, ``Counter``, ``compress``);
    the Python-level work is per distinct word, or per capitalised token.
    """
    tokens = doc.tokens
    texts = tuple(map(_TEXT, tokens))
    forms: Counter[str] = Counter(texts)
    counts: dict[str, int] = {}
    lowered: dict[str, int] = {}
    capitals = set()
    seen = counts.get
    for word, n in forms.items():
        lower = word.lower()
        counts[lower] = seen(lower, 0) + n
        if word[0].isupper():
            capitals.add(word)
        elif word.islower():
            lowered[word] = n
    starts = compress(range(len(texts)), map(capitals.__contains__, texts))
    titled = tuple(i for i in starts if not tokens[i][_SENTENCE_START] and not tokens[i][_HEADLINE])
    capitalised = Counter(map(str.lower, map(texts.__getitem__, titled)))
    strange = unknown_words(forms)
    unknown = tuple(compress(range(len(texts)), map(strange.__contains__, texts))) if strange else ()
    return Context(
        doc, tokens, texts, Counter(counts), capitalised, Counter(lowered), frozenset(capitals), titled, unknown
    )


_TEXT = itemgetter(2)
_SENTENCE_START = 3
_HEADLINE = 4


def shares_stem(ctx: Context, word: str) -> str | None:
    """Another capitalised form of the document with the same stem ("Lavrova" / "Lavrov").

    Five shared letters, or the whole of a word of four or more ("Kryvolap"
    inside "Kryvolapov"), make an inflected or truncated name: the name
    rules judge those, and the word is no garbling.
    """
    for form in ctx.capital_forms:
        if form == word or form[:1] != word[:1]:
            continue
        shared = 0
        for a, b in zip(form, word, strict=False):
            if a != b:
                break
            shared += 1
        if shared >= _STEM or (shared == min(len(form), len(word)) and shared >= _STEM - 1):
            return form
    return None


_STEM = 5


def name_evidence(ctx: Context, i: int) -> str | None:
    """Why the capitalised token i is a name, or None when nothing says so.

    The document's own evidence comes first (it is cheap and strongest):
    repetition, a shared stem, a capitalised neighbour (a Title-Case run),
    a title before it, quotes, a possessive. Then the name model: a given
    name, a Russian surname shape, a known place or demonym.
    """
    tok = ctx.tokens[i]
    word = tok.text
    if ctx.counts[word.lower()] > 1:
        return f"it occurs {ctx.counts[word.lower()]} times in this document"
    stem = shares_stem(ctx, word)
    if stem is not None:
        return f"it shares its stem with '{stem}'"
    prev = ctx.tight_prev(i)
    if prev is not None and prev.text[:1].isupper() and not (prev.sentence_start and is_common_word(prev.text)):
        return f"it follows the capitalised '{prev.text}'"
    nxt = ctx.tight_next(i)
    if nxt is not None and nxt.text[:1].isupper():
        return f"it precedes the capitalised '{nxt.text}'"
    if prev is not None and is_title(prev.text):
        return f"it follows the title '{prev.text}'"
    if ctx.quoted(i):
        return "it is quoted"
    if ctx.possessive(i):
        return "it takes a possessive 's"
    if is_first_name(word):
        return "it is a given name"
    if russian_name_score(word) >= _SURNAME_SCORE:
        return "it has the shape of a Russian surname"
    if is_place_word(word) or is_demonym(word):
        return "it is a known place name"
    return None


_SURNAME_SCORE = 0.5
