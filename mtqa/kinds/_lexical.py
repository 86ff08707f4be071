"""Token context shared by the lexical kinds (garbled, capitalisation, acronym).

``context(doc)`` reads a document once: the document's own evidence about
each word (how often it occurs, how often it is written capitalised or
lower-case where a capital is not expected), where its capitalised and its
unknown words stand, and each token's tight neighbours (the words next to it
with only spaces between). The kinds look tokens up in it instead of scanning
the document again.

Speed: a document of 160 KB holds some 27,000 tokens but only some 6,000
distinct words, and one Python step per token costs as much as the whole
C-level pass below. So each pass over the tokens is C-level (``Counter``,
``map``, ``compress`` over the columns of ``Document.tokens``), the judging
is per distinct word, and only the tokens of the few words that survive are
looked at one by one.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from operator import itemgetter, not_, or_
from typing import Any
from weakref import WeakKeyDictionary

from mtqa.document import Document, Line, Token, Tokens, pick, token_numbers
from mtqa.kinds._casing_words import words as casing_words
from mtqa.lexicon import is_common_word, listing
from mtqa.names.gazetteer import is_demonym, is_place_word
from mtqa.names.morphology import is_first_name, is_title, russian_name_score

#: Opening and closing quotes and brackets around a title or a name.
OPENERS = "\"“«„‘'("
CLOSERS = "\"”»’')"
_OPENERS = tuple(OPENERS)
_CLOSERS = tuple(CLOSERS)
#: Quotes that open and close alike.
_STRAIGHT = "\"'"


@dataclass(frozen=True)
class Context:
    """One document's tokens and the counts the lexical kinds weigh.

    It holds the document's text, lines and tokens but not the document
    itself, so that ``context`` can keep it exactly as long as the document lives.
    What only some kinds need is computed on first use (``cached_property``).
    """

    text: str
    lines: tuple[Line, ...]
    line_starts: tuple[int, ...]
    tokens: Tokens
    #: The text of each token (``tokens.texts``).
    texts: tuple[str, ...]
    #: Occurrences of each word exactly as written.
    forms: Counter[str]
    #: The words whose first letter is a capital.
    capital_forms: frozenset[str]
    #: The words written otherwise than all lower-case (capitals, digits...): the only ones
    #: whose lower-case form differs from them (``str.islower`` implies ``lower() == self``).
    unlowered: frozenset[str]
    #: The judged words (see ``_judged``) that the lexicon does not list exactly as written
    #: (``lexicon.unlisted_words``): no capitalised one among them is a proper word.
    unlisted: frozenset[str]
    #: The judged words of Latin letters that no dictionary knows in any case.
    unknown_words: frozenset[str]
    #: Indices of the capitalised tokens (a capital first letter), in order, and the text of each.
    caps: tuple[int, ...]
    cap_texts: tuple[str, ...]
    #: Indices of the capitalised and the unknown tokens, in order, and the text of each.
    found: tuple[int, ...]
    found_texts: tuple[str, ...]
    #: The words of ``track`` that the document holds: their tokens are in ``found`` too.
    tracked: frozenset[str]
    #: What a kind computes once per document for several of its rules, by a key of its own
    #: (``garbled``'s lone lower-case tokens): gone with the context.
    memo: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    # --- counts ------------------------------------------------------------------------

    def count(self, lower: str) -> int:
        """Occurrences of a word in any case; ``lower`` is the word in lower case.

        The lexical kinds mostly ask about unknown words, whose every spelling is
        an unknown word too: those are counted from the few unknown words; the
        counts of all the words are folded only when another word is asked about.
        """
        unknown = self._unknown_folded.get(lower)
        if unknown is not None:
            return unknown
        return self.forms.get(lower, 0) + self._folded.get(lower, 0)

    @cached_property
    def _unknown_folded(self) -> dict[str, int]:
        """Lower-case form of an unknown word -> occurrences of all its spellings.

        A spelling of an unknown word is unknown (that depends on the lower-case
        form alone) unless it is not ASCII: a letter like the Kelvin sign, whose
        lower-case form is ASCII, is looked for among the other words. The
        lower-case spelling is unknown too, but judged only when found once
        (``_judged``): its count is read from ``forms``.
        """
        folded: dict[str, int] = {}
        forms = self.forms
        unknown = self.unknown_words
        for word in unknown:
            lower = word.lower()
            folded[lower] = folded.get(lower, 0) + forms[word]
        for lower in folded:
            if lower not in unknown:
                folded[lower] += forms.get(lower, 0)
        others = list(self.unlowered)
        for word in compress(others, map(not_, map(str.isascii, others))):
            lower = word.lower()
            if lower in folded:
                folded[lower] += forms[word]
        return folded

    def lowered_count(self, word: str) -> int:
        """Occurrences written all lower-case (0 for a word that is not lower-case)."""
        return self.forms.get(word, 0) if word.islower() else 0

    def capitalised(self, lower: str) -> int:
        """Occurrences written capitalised where no capital is expected (mid-sentence, not a headline)."""
        return self._capitalised.get(lower, 0)

    @cached_property
    def _folded(self) -> dict[str, int]:
        """Lower-case word -> occurrences of its forms that are not lower-case ("The", "THE")."""
        folded: dict[str, int] = {}
        forms = self.forms
        for word in self.unlowered:
            lower = word.lower()
            if lower != word:
                folded[lower] = folded.get(lower, 0) + forms[word]
        return folded

    @cached_property
    def _capitalised(self) -> Counter[str]:
        return Counter(map(str.lower, self.titled_texts))

    # --- where words stand ----------------------------------------------------------------

    @cached_property
    def titled_texts(self) -> tuple[str, ...]:
        """The text of each token of ``titled``."""
        return pick(self.texts, self.titled)

    @cached_property
    def capital_lines(self) -> str:
        """The words of ``capital_forms``, each after a line break (which no word holds) and the
        last before one: a search for a line break and a start finds the words with that start."""
        return "\n" + "\n".join(self.capital_forms) + "\n"

    @cached_property
    def titled(self) -> tuple[int, ...]:
        """Indices of the tokens capitalised where no capital is expected (no sentence start, no headline)."""
        caps = self.caps
        marked = map(or_, pick(self.tokens.opening, caps), pick(self.tokens.headline, caps))
        return tuple(compress(caps, map(not_, marked)))


    def capital_positions(self, words: Collection[str]) -> list[int]:
        """Indices, in order, of the tokens written as one of ``words`` (capitalised words only)."""
        return list(compress(self.caps, map(words.__contains__, self.cap_texts)))

    def unknown_positions(self, words: Collection[str]) -> list[int]:
        """Indices, in order, of the tokens written as one of ``words`` (capitalised or unknown words only)."""
        return list(compress(self.found, map(words.__contains__, self.found_texts)))

    def positions(self, word: str) -> list[int]:
        """Indices, in order, of the tokens written ``word``: picked from ``found`` for a tracked
        word, else found by a C-level scan per occurrence."""
        if word in self.tracked:
            return list(self._tracked_positions.get(word, ()))
        out: list[int] = []
        n = self.forms.get(word, 0)
        at = -1
        index = self.texts.index
        for _ in range(n):
            at = index(word, at + 1)
            out.append(at)
        return out

    @cached_property
    def _tracked_positions(self) -> dict[str, list[int]]:
        """Tracked word -> indices, in order, of its tokens: one pass over ``found`` for all the
        tracked words (some 4,000 tokens), where a pass per word would compare each token with it."""
        texts = self.texts
        at: dict[str, list[int]] = {}
        for i in compress(self.found, map(self.tracked.__contains__, self.found_texts)):
            at.setdefault(texts[i], []).append(i)
        return at

    # --- neighbours -------------------------------------------------------------------------

    def gap_before(self, i: int) -> str | None:
        """The text between token i-1 and token i, or None at the start of a line."""
        if i == 0:
            return None
        gap = self.text[self.tokens.ends[i - 1] : self.tokens.starts[i]]
        return None if "\n" in gap else gap

    def gap_after(self, i: int) -> str | None:
        return self.gap_before(i + 1) if i + 1 < len(self.texts) else None

    def tight_before(self, i: int) -> bool:
        """Only spaces stand between token i-1 and token i (no line break).

        (``gap_before`` read in place, the usual gap of one space first: the judges
        ask this some 35,000 times over the benchmark corpus.)
        """
        if i == 0:
            return False
        gap = self.text[self.tokens.ends[i - 1] : self.tokens.starts[i]]
        return gap == " " or ("\n" not in gap and gap.isspace())

    def tight_after(self, i: int) -> bool:
        return i + 1 < len(self.texts) and self.tight_before(i + 1)

    def tight_prev(self, i: int) -> Token | None:
        """The previous word when only spaces stand between it and token i."""
        return self.tokens[i - 1] if self.tight_before(i) else None

    def tight_next(self, i: int) -> Token | None:
        return self.tokens[i + 1] if self.tight_after(i) else None

    def line_of(self, offset: int) -> Line:
        return self.lines[bisect.bisect_right(self.line_starts, offset) - 1]

    def quoted(self, i: int) -> bool:
        """Token i stands right after an opening quote or right before a closing one. A
        straight quote apart from the token (a space between) that touches a word on its
        other side belongs to that word: one after a word closes its quote, one before a
        word opens its own (in the "X" hall)."""
        before = self.gap_before(i)
        after = self.gap_after(i)
        start, end = self.tokens.starts[i], self.tokens.ends[i]
        if before is None:
            before = self.text[self.line_of(start).start : start]
        if after is None:
            after = self.text[end : self.line_of(start).end]
        text = self.text
        at = start - (len(before) - len(before.rstrip())) - 1  # the last character before, spaces aside
        opened = before.strip() != "" and text[at] in _OPENERS and not (
            text[at] in _STRAIGHT and at < start - 1 and text[at - 1 : at].isalnum()
        )
        at = end + len(after) - len(after.lstrip())  # the first character after, spaces aside
        closed = after.strip() != "" and text[at] in _CLOSERS and not (
            text[at] in _STRAIGHT and at > end and text[at + 1 : at + 2].isalnum()
        )
        return opened or closed

    def in_address(self, i: int) -> bool:
        """Token i is part of a web or e-mail address ("europa.eu", "site.rf", "un.org")."""
        start, end = self.tokens.starts[i], self.tokens.ends[i]
        text = self.text
        before = text[start - 1 : start] if start else ""
        after = text[end : end + 2]
        return before in ("/", "@", ".", "_") or (after[:1] in "./@_" and after[1:2].isalnum())

    def possessive(self, i: int) -> bool:
        """Token i is followed by a possessive 's (stripped from the token by Document)."""
        end = self.tokens.ends[i]
        return self.text[end : end + 2] in ("'s", "’s")


def is_titlecase(word: str) -> bool:
    """'Zorvu', 'Eastern': one capital, then lower-case letters only."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha()


class _Contexts:
    """``context(doc)``: one ``Context`` per document, kept as long as the document lives.

    The engine runs every rule on one document before the next; a caller that
    runs one rule over many documents, then the next (``engine.check_corpus``,
    a benchmark per kind), still reads each document once. ``cache_clear``
    forgets them all (for a benchmark that times the reading).
    """

    def __init__(self) -> None:
        self._kept: WeakKeyDictionary[Document, Context] = WeakKeyDictionary()

    def __call__(self, doc: Document) -> Context:
        ctx = self._kept.get(doc)
        if ctx is None:
            ctx = self._kept[doc] = _read(doc)
        return ctx

    def cache_clear(self) -> None:
        self._kept.clear()


context = _Contexts()


def _read(doc: Document) -> Context:
    """Read a document once for all the lexical kinds (see the module's docstring)."""
    tokens = doc.tokens
    texts = tokens.texts
    forms = tokens.counts  # shared with the other checks: read, never changed
    # The casing tables' split of the document's words (made once per document, by whichever
    # kind asks first): those not all lower-case, and the lower-case ones the lexicon does not
    # list (``_judged``). The names kind reads this context in turn (kinds.names._capitals).
    rare_lower, others = casing_words(doc).split
    unlowered = frozenset(others)
    capital_forms = frozenset(compress(unlowered, map(str.isupper, map(_FIRST, unlowered))))
    unlisted, strange = listing(_judged(forms, unlowered, rare_lower))
    # One pass over the tokens finds the capitalised and the unknown ones together.
    tracked = frozenset(filter(forms.__contains__, _TRACKED))  # a look-up per tracked word, not per form
    wanted = capital_forms | strange | tracked
    found = tuple(compress(token_numbers(len(texts)), map(wanted.__contains__, texts)))
    found_texts = pick(texts, found)
    capital = list(map(capital_forms.__contains__, found_texts))
    caps = tuple(compress(found, capital))
    cap_texts = tuple(compress(found_texts, capital))
    return Context(
        doc.text, doc.lines, doc.line_starts, tokens, texts, forms, capital_forms, unlowered, unlisted, strange,
        caps, cap_texts, found, found_texts, tracked,
    )


_FIRST = itemgetter(0)


#: Words whose tokens the kinds look for in every document (``track``).
_TRACKED: set[str] = set()


def track(words: Iterable[str]) -> None:
    """Have ``Context.positions`` of these words (a kind's fixed words, such as lower-case
    acronyms) picked from ``found``: the pass that finds the capitalised and unknown tokens
    finds theirs at no extra cost, where a scan of the tokens per word costs some 0.3 ms per
    document of 160 KB. A document read before a word was tracked still scans for it."""
    _TRACKED.update(words)


def _judged(forms: Counter[str], unlowered: frozenset[str], rare_lower: Sequence[str]) -> frozenset[str]:
    """The words whose listing in the lexicon and knownness the kinds may need: those written
    otherwise than all lower-case (``unlowered``), and those found once, less the lower-case
    words that the lexicon lists as written (their verdict is known: listed, hence known).

    A lower-case word found more than once is no candidate of any kind: the
    lower-case garbling is found once, and the counts of an unknown word's
    spellings (``Context.count``) take its lower-case spelling from ``forms``.
    So of the lower-case words, only those of ``rare_lower`` (the lower-case words
    the lexicon does not list, from the casing checks' tables: a few hundred) found
    once are judged; the verdicts on the common ones (some 2,000 per document) are not asked.
    """
    once = compress(rare_lower, map((1).__eq__, map(forms.__getitem__, rare_lower)))
    return unlowered.union(once)


def shares_stem(ctx: Context, word: str) -> str | None:
    """Another capitalised form of the document with the same stem ("Lavrova" / "Lavrov").

    Five shared letters, or the whole of a word of four or more ("Kryvolap"
    inside "Kryvolapov"), make an inflected or truncated name: the name
    rules judge those, and the word is no garbling.

    Either way the two share at least their first four letters, so only the
    forms that start with those are compared: found by a search of the forms
    joined by line breaks (``Context.capital_lines``), in the order of the set.
    """
    if len(word) < _STEM - 1:
        return None
    lines = ctx.capital_lines
    needle = "\n" + word[: _STEM - 1]
    at = lines.find(needle)
    while at >= 0:
        end = lines.find("\n", at + 1)
        form = lines[at + 1 : end]
        at = lines.find(needle, end)
        if form == word:
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
    occurrences = ctx.count(word.lower())
    if occurrences > 1:
        return f"it occurs {occurrences} times in this document"
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

