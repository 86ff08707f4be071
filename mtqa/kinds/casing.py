"""casing: a name written lower-case.

No word list; two kinds of evidence, one per ``mode``:

- ``document``: the same word is capitalised mid-sentence elsewhere in the
  document, where a capital means a name, and its lower-case form is not an
  ordinary English word (the lexicon, case-aware, decides; wordfreq's
  frequency is a second guard). Its lower-case occurrences are then wrong,
  even when they are the majority ("kabul" beside "Kabul"). A capital that
  stands in a run of capitalised words only counts when the lexicon knows the
  word as a name: a product title ("Hydrogel Patches") is not evidence.
- ``lexicon``: English writes the word capitalised and never lower-case, so a
  lower-case occurrence mid-sentence is wrong even when the document never
  capitalises it. To stay exact this only takes words whose class is certain:
  country names and demonyms (the gazetteer: "russia", "syrian"), adjectives
  the lexicon knows only capitalised ("islamic", "soviet"), and the names of
  days and months (``calendar``). Other proper nouns the lexicon lists are
  too often also lower-case words it lacks ("eve", "burgundy", "canton").

- ``acronyms``: an acronym the document writes in capitals ("KHL") written
  lower-case elsewhere ("khl"), when the lower-case form is not an English word
  ("who" beside "WHO", "us" beside "US" are left to rules that read the grammar).
- ``phrases``: a name of several words written in Title Case mid-sentence
  ("State Duma", "Foreign Minister") appears elsewhere in the document with
  its first word lower-case and a later one capitalised ("state Duma",
  "foreign Minister"): the mixed form is wrong. An all-lower-case form is left
  alone ("the prime minister said" beside "Prime Minister Mishustin" is how
  English writes it), and so is a capital followed by lower case ("an Islamic
  state" may be generic).

A common English word written both ways ("state"/"State") is otherwise left
alone: its capital may be right (part of a longer name) or wrong, which other
rules judge with more context.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from itertools import compress
from typing import Any

from mtqa.document import Document, Token, pick
from mtqa.finding import Finding, Span
from mtqa.kinds._casing_words import Words, words
from mtqa.lexicon import is_proper_word, pos, zipf
from mtqa.names.gazetteer import is_country, is_demonym
from mtqa.rule import OptionError, Rule, expect_type

KEYS = ("mode", "max_zipf", "min_length")
PLACEHOLDERS = ("found", "expected", "count")


_MODES = ("document", "lexicon", "phrases", "acronyms")


@dataclass(frozen=True, slots=True)
class Options:
    mode: str
    max_zipf: float  # a lower-case form at least this common is an English word
    min_length: int


def parse(raw: Mapping[str, Any]) -> Options:
    mode = expect_type(raw.get("mode", "document"), "mode", str)
    if mode not in _MODES:
        raise OptionError("mode", f"'mode' must be one of {', '.join(_MODES)}, not {mode!r}")
    max_zipf = float(expect_type(raw.get("max_zipf", 3.5), "max_zipf", (int, float)))
    min_length = int(expect_type(raw.get("min_length", 3), "min_length", int))
    return Options(mode, max_zipf, min_length)


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    if options.mode == "phrases":
        return _check_phrases(rule, doc)
    if options.mode == "acronyms":
        return _check_acronyms(rule, doc)
    if options.mode == "lexicon":
        return _check_lexicon(rule, doc, options)
    return _check_document(rule, doc, options)


def _check_document(rule: Rule, doc: Document, options: Options) -> Iterator[Finding]:
    shared = words(doc)
    # Only a rare lower-case word whose capitalised form the document also writes
    # can be flagged: pick those out first, then ask wordfreq about them alone.
    # (wordfreq is a second guard: the lexicon misses some common words.)
    rare = tuple(shared.rare_lower)
    twins = compress(rare, map(shared.distinct.__contains__, map(str.capitalize, rare)))
    names = {w for w in twins if len(w) >= options.min_length and zipf(w) < options.max_zipf}
    if not names:
        return
    capitals = {w.capitalize(): w for w in names}
    tokens = shared.tokens
    capital: dict[str, list[Token]] = {}
    lows: dict[str, list[Token]] = {}
    for i in shared.among(shared.rare_spots, names | capitals.keys()):
        tok = tokens[i]
        word = tok.text
        if tok.sentence_start or tok.headline:
            continue
        if word in names:
            lows.setdefault(word, []).append(tok)
        elif word in capitals and (is_proper_word(word) or _isolated(doc.text, tokens, i)):
            capital.setdefault(capitals[word], []).append(tok)
    for word, found in lows.items():
        caps = capital.get(word)
        if not caps:
            continue
        related = tuple(Span(t.start, t.end) for t in caps)
        for tok in found:
            yield rule.finding(tok.start, tok.end, tok.text, caps[0].text, related, count=len(caps))


def _certain_names(words: frozenset[str]) -> frozenset[str]:
    """The words of ``words`` (lower-case) that English always capitalises (``_certain_name``).

    The same rare words come back in document after document, so each is judged
    once per process: two set differences (C-level) leave the words not judged
    yet. Both sets are dropped together when they grow large.
    """
    if len(_CERTAIN) + len(_UNCERTAIN) > _JUDGED_MAX:
        _CERTAIN.clear()
        _UNCERTAIN.clear()
    left = words.difference(_UNCERTAIN)
    for word in left.difference(_CERTAIN):
        (_CERTAIN if _certain_name(word) else _UNCERTAIN).add(word)
    return left.intersection(_CERTAIN)


_CERTAIN: set[str] = set()
_UNCERTAIN: set[str] = set()
_JUDGED_MAX = 100_000


def _certain_name(word: str) -> bool:
    """English always capitalises this lower-case word (see the module docstring)."""
    title = word.capitalize()
    if title in _CALENDAR or is_country(word) or is_demonym(word):
        return True
    return is_proper_word(title) and "adj" in pos(title)


_CALENDAR = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:])


def _check_acronyms(rule: Rule, doc: Document) -> Iterator[Finding]:
    """Lower-case forms of an acronym the document writes in capitals ("khl" beside "KHL")."""
    shared = words(doc)
    # The acronyms written: letters only, all capitals, of a plausible length.
    shouted = shared.upper_alpha
    capitals = frozenset(compress(shouted, map(_ACRONYM_LENGTHS.__contains__, map(len, shouted))))
    if not capitals:
        return
    # A lower-case form of a word of letters has only letters (tokens hold letters,
    # digits, hyphens and apostrophes, and no digit or mark is upper-cased to a letter).
    rare = tuple(shared.rare_lower)
    lows = set(compress(rare, map(capitals.__contains__, map(str.upper, rare))))
    if not lows:
        return
    tokens, text = shared.tokens, doc.text
    counts: dict[str, int] = {}
    for i in shared.among(shared.rare_spots, lows):
        tok = tokens[i]
        if not _in_address(text, tok.start, tok.end):
            upper = tok.text.upper()
            if upper not in counts:
                counts[upper] = shared.count(upper)  # the tokens written in those capitals
            yield rule.finding(tok.start, tok.end, tok.text, upper, count=counts[upper])


_ACRONYM_MIN, _ACRONYM_MAX = 2, 6
_ACRONYM_LENGTHS = range(_ACRONYM_MIN, _ACRONYM_MAX + 1)


def _in_address(text: str, start: int, end: int) -> bool:
    """Part of a web or mail address ("more.tv", "site.ru/tv"): lower case is right there."""
    before = text[start - 1] if start else ""
    after = text[end : end + 2]
    return before in "./@" or (after[:1] in "./" and after[1:].isalnum())


def _check_lexicon(rule: Rule, doc: Document, options: Options) -> Iterator[Finding]:
    shared = words(doc)
    # The lexicon alone decides here: frequencies fold case ("islamic" is as frequent as "Islamic").
    proper = {w for w in _certain_names(shared.rare_lower) if len(w) >= options.min_length}
    if not proper:
        return
    tokens = shared.tokens
    for i in shared.among(shared.rare_spots, proper):
        tok = tokens[i]
        if not tok.sentence_start and not tok.headline:
            yield rule.finding(tok.start, tok.end, tok.text, tok.text.capitalize(), count=0)


#: The lengths of a phrase in words, longest first (every length from the shortest to the longest).
_PHRASE_SIZES = (4, 3, 2)
_PHRASE_MIN, _PHRASE_MAX = min(_PHRASE_SIZES), max(_PHRASE_SIZES)


def _check_phrases(rule: Rule, doc: Document) -> Iterator[Finding]:
    """Title Case phrases mid-sentence, then their mixed-case forms ("state Duma").

    A mixed form is found by its first word, the lower-case form of the
    phrase's first word; so only a Title Case word whose lower-case form the
    document also writes can start a phrase that matters (a ``head``, see
    ``Words``). The pass over the tokens shared by the casing rules finds the
    heads and those lower-case words (``Words.spots``); only they are looked at,
    picked by C-level passes over their words (``Words.at``).

    A mixed form and the phrase it copies share their first two words (in lower
    case), so the phrases' first two words are read first (C-level passes), then
    the mixed forms' candidates, and only the phrases that start like a candidate
    are read whole: a document has a few hundred phrases and a handful of candidates.
    """
    shared = words(doc)
    tokens = shared.tokens
    text, texts, starts, ends = doc.text, tokens.texts, tokens.starts, tokens.ends
    n = len(texts)
    title = shared.title

    def spaced(k: int) -> bool:
        """One space, and nothing else, between tokens k and k+1."""
        return text[ends[k] : starts[k + 1]] == " "

    # The phrases' starts: a head mid-sentence followed by a Title Case word, one space apart.
    at_heads = _followed(shared, shared.heads, title)
    gaps = map(text.__getitem__, map(slice, pick(ends, at_heads), pick(starts, [i + 1 for i in at_heads])))
    at_heads = list(compress(at_heads, map(" ".__eq__, gaps)))
    head_pairs = _first_two(texts, at_heads)
    pairs = set(head_pairs)
    # Then the tokens that start a phrase's first two words with the first one lower-case.
    firsts = {pair[0] for pair in pairs} & shared.starters  # not a particle nor a function word
    at_firsts = _followed(shared, firsts, None)
    first_two = _first_two(texts, at_firsts)
    candidate = list(map(pairs.__contains__, first_two))
    wanted = set(compress(first_two, candidate))
    if not wanted:
        return
    # Each Title Case phrase that starts like a candidate, as its lower-case words, with
    # where it stands: a head followed by one to three more Title Case words, one space apart.
    titles: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for i in compress(at_heads, map(wanted.__contains__, head_pairs)):
        run = 2  # the tokens i .. i+run-1 are Title Case words one space apart
        while run < _PHRASE_MAX and i + run < n and texts[i + run] in title and spaced(i + run - 1):
            run += 1
        key = tuple(map(str.lower, texts[i : i + run]))
        for size in range(_PHRASE_MIN, run + 1):
            titles.setdefault(key[:size], []).append((i, i + size))
    # The mixed forms, the longest phrase first.
    taken: set[int] = set()
    for i in compress(at_firsts, candidate):
        if i in taken:
            continue
        lowers = tuple(map(str.lower, texts[i : i + _PHRASE_MAX]))
        for size in _PHRASE_SIZES:
            key = lowers[:size]
            if len(key) < size or key not in titles or texts[i + size - 1] not in title:
                continue
            if not all(map(spaced, range(i, i + size - 1))) or not all(map(str.isalpha, texts[i : i + size])):
                continue
            taken.update(range(i, i + size))
            start, end = starts[i], ends[i + size - 1]
            good = " ".join(w.capitalize() for w in key)
            related = tuple(Span(starts[a], ends[b - 1]) for a, b in titles[key])
            yield rule.finding(start, end, text[start:end], good, related, count=len(titles[key]))
            break


def _followed(shared: Words, written: Set[str], then: Set[str] | None) -> list[int]:
    """The spots mid-sentence (no sentence start, no headline) written as one of ``written``
    and followed by another token, one of ``then`` when given."""
    tokens = shared.tokens
    opening, headline, texts = tokens.opening, tokens.headline, tokens.texts
    found = [i for i in shared.at(written) if not opening[i] and not headline[i]]
    if found and found[-1] == len(texts) - 1:
        found.pop()  # the last token starts no phrase
    if then is None:
        return found
    return list(compress(found, map(then.__contains__, pick(texts, [i + 1 for i in found]))))


def _first_two(texts: Sequence[str], at: Sequence[int]) -> list[tuple[str, str]]:
    """The words of the tokens at ``at`` and of the tokens after them, in lower case (C-level passes)."""
    return list(zip(map(str.lower, pick(texts, at)), map(str.lower, pick(texts, [i + 1 for i in at])), strict=True))


_LINKS = frozenset({"of", "and", "the", "for", "de", "on", "in"})


def _isolated(text: str, tokens: Sequence[Token], i: int) -> bool:
    """A capital between lower-case words: a name, not part of a longer capitalised
    name ("Ministry of Tourism and Antiques"), a Title Case run or a product title."""
    for step in (-1, 1):
        j = i + step
        if 0 <= j < len(tokens) and tokens[j].text in _LINKS:
            j += step  # look past one linking word
        if 0 <= j < len(tokens) and _adjacent(text, tokens, i, j) and tokens[j].text[:1].isupper():
            return False
    return True


def _adjacent(text: str, tokens: Sequence[Token], i: int, j: int) -> bool:
    """Tokens i and j are in one run of words: only spaces and words between them."""
    lo, hi = (tokens[i], tokens[j]) if i < j else (tokens[j], tokens[i])
    between = text[lo.end : hi.start]
    return all(c == " " or c.isalpha() for c in between)
