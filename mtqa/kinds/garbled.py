"""garbled: a non-word that MT left behind ("Probably not Zorvu a secret", a mangled verb).

A spell checker flags every rare name; this kind asks what else the token
could be, and flags it only when nothing but garbling is left:

1. it is no English word: no lexicon knows it in any case and it is rare
   even as a string on the web (``max_zipf``);
2. the document does not make it a name: it occurs once, shares no stem
   with another capitalised word, stands in no Title-Case run, after no
   title, in no quotes; it has no given-name or Russian-surname shape and
   is no known place (``_lexical.name_evidence``);
3. its neighbours leave no room for a name. A name stands after a
   preposition, an article or a verb; a word between "not" and "a" stands
   where only a verb, adjective or adverb can. The more of the context
   says so, the higher the severity.

Besides, a capitalised non-word in a phrase that the document also writes
with an English word ("Samit for Democracy" beside "Summit for Democracy")
is a mangled form of that word, whatever its count or capital.

``case: title`` judges capitalised tokens mid-sentence (the usual MT
leftover); ``case: lower`` judges lower-case tokens, which have no name
reading, so it keeps only those that are no compound of known words, no
one-letter typo of a common word, and stand among English words, and either
hold letters rare in English or read as a Russian word in Latin letters
(``mtqa.russian``: a word MT left untranslated).

The rule's severity is the top one: it goes to the strongest context, and
each weaker level of evidence takes one step off (never below info).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache, lru_cache
from itertools import compress, repeat
from operator import add, itemgetter
from typing import Any, NamedTuple

from mtqa.document import Document, pick
from mtqa.finding import Finding, Severity
from mtqa.kinds._lexical import Context, context, is_titlecase, name_evidence
from mtqa.lexicon import (
    ADV,
    AUX,
    FUNCTION_WORDS,
    NOUN,
    PARTICLES,
    PREPOSITIONS,
    VERB,
    common_among,
    english_shape,
    frequent_starts,
    is_common_word,
    is_known,
    is_proper_word,
    known_among,
    pos,
    zipf,
)
from mtqa.names.morphology import is_first_name, russian_name_score
from mtqa.rule import OptionError, Rule, expect_type
from mtqa.russian import russian_reading

KEYS = ("case", "max_zipf", "min_length", "max_shape")
PLACEHOLDERS = ("found", "expected", "why")
CASES = ("title", "lower", "typo")

#: Words after which a name does not stand: adverbs that modify a verb or an
#: adjective, modal verbs, subject pronouns ("not X", "could X", "he X"); any
#: word the lexicon knows only as an adverb ("quickly X") counts too.
NO_NAME_AFTER = (PARTICLES - {"only", "even", "also", "just", "still"}) | frozenset(
    "can could will would shall should may might must he she we they i".split()
)
#: Words before which a name does not stand tight (no comma): an indefinite article.
NO_NAME_BEFORE = frozenset({"a", "an"})
#: Weaker: a name may follow a form of "be" or "have", or precede "the" when a comma is missing.
WEAK_AFTER = frozenset("am is are was were be been being has have had".split())
WEAK_BEFORE = frozenset("the this these those his her its their our my your".split())

_STEP = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO, Severity.INFO: Severity.INFO}
_TOP = 3
#: Prefixes and suffixes that make compounds of known words ("anticorruption", "springless").
_PREFIXES = frozenset(
    """anti auto bio co counter cyber de dis eco electro extra geo giga hydro hyper infra inter
    intra macro mega meta micro mini multi nano neo neuro non over para photo poly post pre pro
    proto pseudo psycho quasi radio re semi sub super tele thermo trans tri ultra un under uni""".split()
)
_SUFFIXES = frozenset(
    """able ably er ers ful ism isms ist ists ization less like ly ness ology ologist ologists
    ship ships ward wards wise""".split()
)
_TYPO_MIN_LENGTH = 6
_TYPO_TARGET_ZIPF = 3.0
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Options:
    case: str
    max_zipf: float  # a string at least this common on the web is a word
    min_length: int
    max_shape: int  # lower case: the rarest letter triple is seen at most this often in English


def parse(raw: Mapping[str, Any]) -> Options:
    case = expect_type(raw.get("case", "title"), "case", str)
    if case not in CASES:
        raise OptionError("case", f"'case' must be one of: {', '.join(CASES)}")
    max_zipf = float(expect_type(raw.get("max_zipf", 3.0), "max_zipf", (int, float)))
    min_length = int(expect_type(raw.get("min_length", 3), "min_length", int))
    if min_length < 2:
        raise OptionError("min_length", "'min_length' must be 2 or more")
    max_shape = int(expect_type(raw.get("max_shape", 2), "max_shape", int))
    if max_shape < 0:
        raise OptionError("max_shape", "'max_shape' must be 0 or more")
    return Options(case, max_zipf, min_length, max_shape)


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    ctx = context(doc)
    if options.case == "title":
        candidates, twins = _title_candidates(ctx, options)
    else:
        candidates, twins = _lower_candidates(ctx, options), _NO_TWINS
    judge = {"title": _judge_title, "lower": _judge_lower, "typo": _judge_typo}[options.case]
    for i in candidates:
        verdict = judge(ctx, i, options, twins)
        if verdict is None:
            continue
        level, why, suggestion = verdict
        severity = rule.severity
        for _ in range(_TOP - level):
            severity = _STEP[severity]
        start, end = ctx.tokens.starts[i], ctx.tokens.ends[i]
        finding = rule.finding(start, end, ctx.texts[i], suggestion, why="; ".join(why))
        yield replace(finding, severity=severity)


def _title_candidates(ctx: Context, options: Options) -> tuple[list[int], _Twins]:
    """The unknown tokens that ``_judge_title`` may flag, in order (it says None for every
    other), and the index of possible phrase twins it needs (``_twin_index``).

    The word must be an unknown title-case non-word (judged once per word).
    Then either it occurs once (a repeated word is a name: ``name_evidence``)
    or a capitalised English word with its first letter stands before the
    same next word somewhere (the condition of a phrase twin).
    """
    words = _rare_words(ctx, options, str.istitle)  # unknown words are ASCII: istitle() is is_titlecase()
    if not words:
        return [], _NO_TWINS
    tokens = ctx.capital_positions(words)
    once = {w for w in words if ctx.count(w.lower()) == 1}
    texts = ctx.texts
    # Each token's next word (C-level passes over the tokens picked: some 500 per document).
    inner = tokens[:-1] if tokens and tokens[-1] == len(texts) - 1 else tokens  # the last token has none
    nexts = pick(texts, [i + 1 for i in inner])
    # A token before a word that is not lower-case has no phrase twin (``_phrase_twin``), nor
    # does a given name or a surname shape: that costlier test waits for a twin to be found.
    lower = list(map(str.islower, nexts))
    pairs = set(zip(map(_FIRST, compress(pick(texts, inner), lower)), compress(nexts, lower), strict=True))
    index = _twin_index(ctx, pairs) if pairs else {}
    twins = _Twins(index, {nxt: frozenset(map(_FIRST, pick(texts, at))) for nxt, at in index.items()})
    # A phrase twin may stand elsewhere: only a token before a word that ``twins`` holds may have one.
    out = [
        i for i in compress(inner, map(index.__contains__, nexts))
        if _twin_before(texts[i], twins.initials[texts[i + 1]]) and not _name_shaped(texts[i])
    ]
    # Or the neighbours may leave no room for a name, around a word found once (so in one token).
    opening, headline = ctx.tokens.opening, ctx.tokens.headline
    chosen = set(out)
    out.extend(
        i for i in compress(tokens, map(once.__contains__, pick(texts, tokens)))
        if i not in chosen and not opening[i] and not headline[i] and _may_slot(texts, i, texts[i])
    )
    out.sort()
    return out, twins


class _Twins(NamedTuple):
    """The possible phrase twins of a document: next word -> indices, in order, of the capitalised
    common words right before it (``_twin_index``), and next word -> their first letters."""

    at: dict[str, list[int]]
    initials: dict[str, frozenset[str]]


_NO_TWINS = _Twins({}, {})


def _twin_before(word: str, initials: frozenset[str] | None) -> bool:
    """One of the twin-like tokens before a word, whose first letters are ``initials`` (None: no such
    token), starts with the first letter of ``word``."""
    return initials is not None and word[0] in initials


def _may_slot(texts: tuple[str, ...], i: int, word: str) -> bool:
    """A quick test that ``_judge_title`` needs to find no slot for a name around token i: it
    holds for every token where the judge finds one (the raw neighbours stand for the
    lower-case ones of ``_lower``: each is the raw text, its lower-case form or '')."""
    if i and _slot_after(texts[i - 1]):
        return True
    if i + 1 < len(texts) and texts[i + 1].lower() in NO_NAME_BEFORE:
        return True
    return len(word) <= _FRAGMENT_MAX and english_shape(word) == 0  # ``_foreign_fragment``'s word test


@lru_cache(maxsize=4096)
def _slot_after(text: str) -> bool:
    """After ``text`` (as written or in lower case), ``_judge_title`` may find a strong or weak slot."""
    return any(
        before in NO_NAME_AFTER or before in WEAK_AFTER or (before != "" and pos(before) == {ADV})
        for before in (text, text.lower())
    )


def _lower_candidates(ctx: Context, options: Options) -> list[int]:
    """The tokens that ``_judge_lower`` and ``_judge_typo`` may flag (``_lone_lowers``) of
    ``options.min_length`` letters or more."""
    texts, least = ctx.texts, options.min_length
    return [i for i in _lone_lowers(ctx, options.max_zipf) if len(texts[i]) >= least]


def _lone_lowers(ctx: Context, max_zipf: float) -> list[int]:
    """The lower-case non-words found once (rarer on the web than ``max_zipf``), among
    English words, not quoted and in no address, in order; kept in the context's memo, as
    the two lower-case rules ask for the same tokens of a document."""
    key = ("garbled.lone_lowers", max_zipf)
    found: list[int] | None = ctx.memo.get(key)
    if found is None:
        options = Options("lower", max_zipf, 2, 0)
        words = {w for w in _rare_words(ctx, options, str.islower) if ctx.count(w) <= 1}
        at = ctx.unknown_positions(words) if words else []
        found = ctx.memo[key] = [
            i for i in at if _among_english(ctx, i) and not ctx.quoted(i) and not ctx.in_address(i)
        ]
    return found


def _rare_words(ctx: Context, options: Options, shape: Callable[[str], bool]) -> set[str]:
    """The unknown words of the document of the given shape, long enough and rare even as strings
    (``_not_a_word``), found with C-level filters."""
    words = list(ctx.unknown_words)
    words = list(compress(words, map(shape, words)))
    words = list(compress(words, map(options.min_length.__le__, map(len, words))))
    return set(compress(words, map(options.max_zipf.__gt__, map(zipf, map(str.lower, words)))))


def _not_a_word(word: str, options: Options) -> bool:
    """An unknown token (see ``Context.unknown_words``) that is rare even as a string."""
    return zipf(word.lower()) < options.max_zipf


def _judge_title(
    ctx: Context, i: int, options: Options, twins: _Twins
) -> tuple[int, list[str], str | None] | None:
    texts = ctx.texts
    word = texts[i]
    if not is_titlecase(word) or not _not_a_word(word, options):
        return None
    twin = _phrase_twin(ctx, i, twins)
    if twin is not None:
        phrase = f"{twin} {texts[i + 1]}"
        return _TOP - 1, [f"no English word, standing where the document writes '{phrase}' elsewhere"], twin
    if ctx.tokens.opening[i] or ctx.tokens.headline[i]:
        return None  # a sentence start or a headline: the capital says nothing
    # The tight neighbours (only spaces between), by index: -1 for none.
    prev = i - 1 if ctx.tight_before(i) else -1
    nxt = i + 1 if ctx.tight_after(i) else -1
    before = _lower(ctx, prev)
    after = _lower(ctx, nxt)
    strong_before = before in NO_NAME_AFTER or (before != "" and pos(before) == {ADV})
    strong_after = after in NO_NAME_BEFORE and not _adverbial(ctx, i + 1)
    weak_before = before in WEAK_AFTER
    weak_after = after in WEAK_BEFORE
    if strong_before and (strong_after or weak_after):
        level = 3
    elif strong_before or strong_after:
        level = 2
    elif (weak_before and weak_after) or _foreign_fragment(word, before, texts[nxt] if nxt >= 0 else None):
        level = 1
    else:
        return None
    if name_evidence(ctx, i) is not None:
        return None
    why = [
        "no English word in any dictionary here",
        "capitalised mid-sentence but found once in this document, with no name shape, title, "
        "known place or capitalised neighbour",
    ]
    slots = []
    if prev >= 0 and (strong_before or weak_before):
        slots.append(f"after '{texts[prev]}'")
    if nxt >= 0 and (strong_after or weak_after):
        slots.append(f"before '{texts[nxt]}'")
    why.append(" and ".join(slots) + ", where a name does not stand")
    return level, why, None


def _judge_lower(
    ctx: Context, i: int, options: Options, twins: _Twins = _NO_TWINS
) -> tuple[int, list[str], str | None] | None:
    tok = ctx.tokens[i]  # one of ``_lone_lowers``
    word = tok.text
    whole = _lost_head(word)
    if whole is not None:
        where = "starts a sentence in lower case and " if tok.sentence_start else ""
        why = [f"no English word: it {where}reads as '{whole}' with its first letters lost"]
        if tok.sentence_start or not is_common_word(whole):
            whole = whole[0].upper() + whole[1:]  # a sentence start, or a name ("ealand")
        return _TOP, why, whole
    if _glossed(ctx, i):
        return None
    reading = russian_reading(word)
    if reading is not None and not _compound(word) and not _typo_of(word):
        why = [
            "no English word in any dictionary here",
            "found once in this document",
            f"it reads as a Russian word in Latin letters (roughly '{reading}'), left untranslated",
        ]
        return _TOP, why, None
    shape = english_shape(word)
    if shape > options.max_shape:
        return None  # tested first: a look-up, where the tests below build hundreds of strings
    if _compound(word) or _typo_of(word):
        return None
    triple = "a letter sequence English never spells" if shape == 0 else "a letter sequence rare in English"
    why = [
        "no English word in any dictionary here",
        "found once in this document",
        f"{triple}, and no compound of known words or one-letter slip of a common word",
    ]
    return (_TOP if shape == 0 else _TOP - 1), why, None


#: Words before a term that the text then explains ("a soup called okroshka").
_GLOSS_BEFORE = frozenset({"called", "named", "so-called", "dubbed", "as"})
_GLOSS_AFTER_RE = re.compile(r"(?:,|\s+-|\s+—)\s+(?:an?|i\.e\.)\s|\s*\(")


def _glossed(ctx: Context, i: int) -> bool:
    """Token i is a term the text names or explains ("okroshka, a cold soup", "called
    okroshka", "okroshka (cold soup)"): a loanword kept on purpose, not one left untranslated."""
    if i and ctx.texts[i - 1].lower() in _GLOSS_BEFORE:
        return True
    end = ctx.tokens.ends[i]
    return _GLOSS_AFTER_RE.match(ctx.text, end) is not None


def _inner_slip(word: str, fix: str) -> bool:
    """``fix`` differs from ``word`` inside it, by its last or first two letters swapped, or
    by a plural "s" no dictionary knows ("admirations", "fashionables"): any other letter
    added, dropped or changed at either end is as often another word of its own ("journald"
    and "journal", "upscaler" and "upscale", "kqueue" and "queue")."""
    if word == fix + "s":
        return True
    if len(word) == len(fix) and (
        (word[:-2] == fix[:-2] and word[-2:] == fix[-1:-3:-1]) or (word[2:] == fix[2:] and word[:2] == fix[1::-1])
    ):
        return True
    return word[0] == fix[0] and word[-1] == fix[-1]


def _judge_typo(
    ctx: Context, i: int, options: Options, twins: _Twins = _NO_TWINS
) -> tuple[int, list[str], str | None] | None:
    """A lower-case non-word one letter away from a common word (``_typo_of``), which ``case:
    lower`` leaves alone: a spelling error. A word with its first letters lost, or one that
    reads as Russian and is no slip, is ``case: lower``'s."""
    word = ctx.texts[i]
    if len(word) < _TYPO_MIN_LENGTH or _lost_head(word) is not None:  # i is one of ``_lone_lowers``
        return None
    if _compound(word):
        return None
    fixes = [fix for fix in _corrections(word) if _inner_slip(word, fix)]
    if not fixes:
        return None
    why = [f"one letter away from the common word{'s' if len(fixes) > 1 else ''} "
           + ", ".join(f"'{w}'" for w in fixes)]
    return _TOP, why, fixes[0] if len(fixes) == 1 else None


@lru_cache(maxsize=8192)
def _corrections(word: str) -> tuple[str, ...]:
    """The common words (``_TYPO_TARGET_ZIPF``) a one-letter slip away from ``word``, in order
    (remembered: both lower-case rules ask, and the same slips come back across documents)."""
    return tuple(sorted(c for c in common_among(_edits(word)) if zipf(c) >= _TYPO_TARGET_ZIPF))


_TWIN_RATIO = 0.6


def _phrase_twin(ctx: Context, i: int, twins: _Twins) -> str | None:
    """The English word that the document puts in the same phrase ("Samit for Democracy" beside
    "Summit for Democracy"): a mangled or transliterated form of it, not a name.

    The shared words after it must start lower-case and hold a content word ("for Democracy";
    not "of the", not "Combi"), and a given name or a surname shape is left to the name rules
    ("Sylvain" beside "Sylvan"). ``twins`` holds the capitalised words that may be a twin
    (``_twin_index``).
    """
    texts = ctx.texts
    word = texts[i]
    if i + 1 == len(texts) or not _twin_before(word, twins.initials.get(texts[i + 1])):
        return None  # no capitalised common word with its initial before its next word: a quick test first
    after = _following(ctx, i)
    if after is None or not after[0].islower():
        return None  # "Monolit Combi" beside "Monolith Combi": a brand, for the name rules
    if ctx.forms[after[-1]] < 2:
        return None  # the phrase occurs once: no twin (a quick test before the scan)
    if _name_shaped(word):
        return None
    initial = word[0]
    # The twin starts with the same capital and stands right before the phrase's first word.
    for j in twins.at.get(after[0], ()):
        text = texts[j]
        if text[0] != initial or text == word or not is_common_word(text) or is_proper_word(text):
            continue
        if _similar(word.lower(), text.lower()) and _following(ctx, j) == after:
            return text
    return None


@lru_cache(maxsize=4096)
def _similar(word: str, other: str) -> bool:
    """Close enough in spelling to be a mangled form of the other (``difflib``'s ratio)."""
    return SequenceMatcher(None, word, other).ratio() >= _TWIN_RATIO


def _following(ctx: Context, i: int) -> tuple[str, ...] | None:
    """The next word, or two when the first is a function word; None without a content word."""
    words: list[str] = []
    for j in (i, i + 1):
        if not ctx.tight_after(j):
            return None
        text = ctx.texts[j + 1]
        words.append(text)
        if text.lower() not in FUNCTION_WORDS:
            return tuple(words)
    return None


_SURNAME_SCORE = 0.5


def _name_shaped(word: str) -> bool:
    """A given name or a Russian surname shape: the name rules judge those ("Sylvain" beside "Sylvan")."""
    return is_first_name(word) or russian_name_score(word) >= _SURNAME_SCORE


def _twin_index(ctx: Context, pairs: set[tuple[str, str]]) -> dict[str, list[int]]:
    """Next word -> indices, in order, of the capitalised common words right before it, which
    ``_phrase_twin`` may take for a twin: only those whose first letter and next word are
    one of ``pairs`` (a candidate token's).

    A twin is written as English writes no name: its lower-case form is a common word
    and the lexicon does not list it capitalised ("Summit", not "Moscow").
    """
    texts = ctx.texts
    # Only the capitalised words the lexicon does not list as written (no proper words) and that
    # are no unknown words (whose lower-case form no dictionary knows: no common word) may be
    # twins: their tokens, picked first by a C-level pass, are about half the capitalised ones.
    plain_words = ctx.unlisted - ctx.unknown_words
    caps = list(compress(ctx.caps, map(plain_words.__contains__, ctx.cap_texts)))
    if caps and caps[-1] == len(texts) - 1:
        caps = caps[:-1]  # the last token has no next word
    # The capitalised tokens before a candidate's next word, then with its first letter (C-level:
    # ``pick`` at the indices shifted by one gives each token's next word; a copy of the texts
    # shifted by one would touch every token).
    nexts = {nxt for _, nxt in pairs}
    at = list(compress(caps, map(nexts.__contains__, pick(texts, tuple(map(add, caps, repeat(1)))))))
    words = pick(texts, at)
    keep = list(map(pairs.__contains__, zip(map(_FIRST, words), pick(texts, [j + 1 for j in at]), strict=True)))
    at = list(compress(at, keep))
    words = tuple(compress(words, keep))
    plain = set(words)
    common = common_among({w.lower() for w in plain})
    twins = {w for w in plain if w.lower() in common}
    index: dict[str, list[int]] = {}
    for j in compress(at, map(twins.__contains__, words)):
        index.setdefault(texts[j + 1], []).append(j)
    return index


_FIRST = itemgetter(0)


#: "a day later", "a year ago": after these an article opens an adverbial, which may follow a name.
_MEASURES = frozenset(
    "day days week weeks month months year years decade century time minute minutes hour hours moment "
    "while bit lot little few couple second".split()
)


#: Words after which a name often stands: prepositions, conjunctions, name particles.
_NAME_BEFORE = PREPOSITIONS | frozenset("and or nor de da di del della von van der le la al bin ibn".split())
_FRAGMENT_MAX = 6


def _foreign_fragment(word: str, before: str, nxt: str | None) -> bool:
    """A short token spelled as no English word is ("Zhyr"), in a slot that is no usual place for a name.

    Such a slot: after a lower-case word that is no preposition, conjunction,
    name particle, plain noun (an apposition: "the corvette X") or verb (an
    object: "invited X"); and before no lower-case noun ("the X material").
    """
    if len(word) > _FRAGMENT_MAX or not before or before in _NAME_BEFORE:
        return False
    classes = pos(before)
    if before not in FUNCTION_WORDS and (not classes or classes <= {NOUN, VERB} or classes == {AUX, VERB}):
        return False  # after a noun (the lexicon lacks many: "corvette") or a verb, a name is at home
    if nxt is not None and nxt.islower() and (NOUN in pos(nxt) or not pos(nxt)):
        return False
    return english_shape(word) == 0


def _adverbial(ctx: Context, article: int) -> bool:
    return ctx.tight_after(article) and ctx.texts[article + 1] in _MEASURES


def _lower(ctx: Context, j: int) -> str:
    """Token j (-1: none) as a lower-case common word ("Perhaps" starting the sentence counts), or ''."""
    if j < 0:
        return ""
    text = ctx.texts[j]
    if text.islower():
        return text
    if ctx.tokens.opening[j] and text.lower() in _OPENING_WORDS:
        return text.lower()
    return ""


_OPENING_WORDS = FUNCTION_WORDS | PARTICLES


def _among_english(ctx: Context, i: int) -> bool:
    """No neighbour is an unknown word: a run of those is a foreign phrase ("Lietuvos rytas").

    Numbers and acronyms are fine neighbours, but a short word after a number
    is a unit ("5 mln"), and a word with an apostrophe or hyphen is judged as
    unknown only when its parts are.
    """
    for j in (i - 1, i + 1):
        if 0 <= j < len(ctx.tokens):
            near = ctx.texts[j]
            if near.isdigit():
                if j < i and len(ctx.texts[i]) <= _UNIT_MAX:
                    return False
                continue
            if near.isupper():
                continue
            parts = [p for p in re.split(r"[-'’]", near) if p]
            if not all(p.lower() in FUNCTION_WORDS or is_known(p) for p in parts):
                return False
    return True


_UNIT_MAX = 5


@lru_cache(maxsize=4096)  # a word only: the same odd words recur across documents
def _compound(word: str) -> bool:
    """'superyachts' = super + yachts, 'springless' = spring + less, 'bookshelf' = book + shelf."""
    for k in range(2, len(word) - 2):
        head, tail = word[:k], word[k:]
        if (head in _PREFIXES or (len(head) > 2 and is_common_word(head))) and (
            tail in _SUFFIXES or (len(tail) > 2 and is_common_word(tail))
        ):
            return True
    return False


@lru_cache(maxsize=4096)  # a word only: the same odd words recur across documents
def _lost_head(word: str) -> str | None:
    """The common word that ``word`` is the tail of, one or two first letters lost ("nstability")."""
    if len(word) < _HEAD_MIN_LENGTH:
        return None
    wholes = [head + word for head in _heads_before(word[:4])]
    if not wholes:
        return None
    known = known_among(set(wholes))
    for whole in wholes:
        if whole in known and zipf(whole) >= _HEAD_WORD_ZIPF:
            return whole
    return None


@cache
def _heads_before(start: str) -> tuple[str, ...]:
    """The heads (one letter, then two, each in alphabetical order) that make ``start``, a word's
    first four letters, the start of a known word common enough (``lexicon.frequent_starts``,
    five letters): only those are worth a look-up.

    A one-letter head ``h`` makes the five letters ``h + start``, whose first two letters
    ``h + start[0]`` stand before ``start[1:]``: so the two-letter heads of three letters
    (``_two_letter_heads``) serve both.
    """
    one = tuple(head[0] for head in _two_letter_heads(start[1:]) if head[1] == start[0])
    return one + _two_letter_heads(start[:3])


def _two_letter_heads(three: str) -> tuple[str, ...]:
    """The first two letters, in alphabetical order, of the frequent starts whose last three are ``three``."""
    rotated = _rotated_starts()
    first = bisect_left(rotated, three)
    last = bisect_left(rotated, three + "{", first)  # "{" follows "z": past every start that ``three`` begins
    return tuple(map(_AFTER_THREE, rotated[first:last]))


@cache
def _rotated_starts() -> list[str]:
    """Each frequent start (five letters of a-z) with its first two letters moved to its end, sorted:
    the starts that share their last three letters stand together, their first two in
    alphabetical order. Built once per run by C-level passes over 16,000 starts and a sort
    (a dictionary of them took a Python loop, twice the time)."""
    starts = frequent_starts(_HEAD_WORD_ZIPF)
    rotated = list(map(add, map(itemgetter(slice(2, None)), starts), map(itemgetter(slice(0, 2)), starts)))
    rotated.sort()
    return rotated


_AFTER_THREE = itemgetter(slice(3, None))
_HEAD_MIN_LENGTH = 4  # at least four letters: ``_heads_before`` reads the first four
_HEAD_WORD_ZIPF = 2.5


@lru_cache(maxsize=4096)  # a word only: the same odd words recur across documents
def _typo_of(word: str) -> bool:
    """A one-letter slip (drop, swap, change, extra) away from a common word: a spelling error.

    ``word`` is lower-case: so are its edits, looked up in the lexicon at once.
    """
    return len(word) >= _TYPO_MIN_LENGTH and bool(_corrections(word))


def _edits(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, change or insertion of a letter away."""
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    edits = {head + tail[1:] for head, tail in splits if tail}
    edits.update(head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1)
    edits.update(head + c + tail[1:] for head, tail in splits if tail for c in _LETTERS)
    edits.update(head + c + tail for head, tail in splits for c in _LETTERS)
    return edits
