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
one-letter typo of a common word, and stand among English words.

The rule's severity is the top one: it goes to the strongest context, and
each weaker level of evidence takes one step off (never below info).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from mtqa.document import Document, Token
from mtqa.finding import Finding, Severity
from mtqa.kinds._lexical import Context, context, expects_capital, is_titlecase, name_evidence
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
    is_common_word,
    is_known,
    is_proper_word,
    known_among,
    known_starts,
    pos,
    zipf,
)
from mtqa.names.morphology import is_first_name, russian_name_score
from mtqa.rule import OptionError, Rule, expect_type

KEYS = ("case", "max_zipf", "min_length", "max_shape")
PLACEHOLDERS = ("found", "expected", "why")
CASES = ("title", "lower")

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
    judge = _judge_title if options.case == "title" else _judge_lower
    for i in ctx.unknown:
        tok = ctx.tokens[i]
        word = tok.text
        if len(word) < options.min_length:
            continue
        verdict = judge(ctx, i, options)
        if verdict is None:
            continue
        level, why, suggestion = verdict
        severity = rule.severity
        for _ in range(_TOP - level):
            severity = _STEP[severity]
        finding = rule.finding(tok.start, tok.end, word, suggestion, why="; ".join(why))
        yield replace(finding, severity=severity)


def _not_a_word(word: str, options: Options) -> bool:
    """An unknown token (see ``Context.unknown``) that is rare even as a string."""
    return zipf(word.lower()) < options.max_zipf


def _judge_title(ctx: Context, i: int, options: Options) -> tuple[int, list[str], str | None] | None:
    tok = ctx.tokens[i]
    word = tok.text
    if not is_titlecase(word) or not _not_a_word(word, options):
        return None
    twin = _phrase_twin(ctx, i)
    if twin is not None:
        phrase = f"{twin} {ctx.tokens[i + 1].text}"
        return _TOP - 1, [f"no English word, standing where the document writes '{phrase}' elsewhere"], twin
    if expects_capital(tok):
        return None  # a sentence start or a headline: the capital says nothing
    prev, nxt = ctx.tight_prev(i), ctx.tight_next(i)
    before = _lower(prev)
    after = _lower(nxt)
    strong_before = before in NO_NAME_AFTER or (before != "" and pos(before) == {ADV})
    strong_after = after in NO_NAME_BEFORE and not _adverbial(ctx, i + 1)
    weak_before = before in WEAK_AFTER
    weak_after = after in WEAK_BEFORE
    if strong_before and (strong_after or weak_after):
        level = 3
    elif strong_before or strong_after:
        level = 2
    elif (weak_before and weak_after) or _foreign_fragment(word, before, nxt):
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
    if prev is not None and (strong_before or weak_before):
        slots.append(f"after '{prev.text}'")
    if nxt is not None and (strong_after or weak_after):
        slots.append(f"before '{nxt.text}'")
    why.append(" and ".join(slots) + ", where a name does not stand")
    return level, why, None


def _judge_lower(ctx: Context, i: int, options: Options) -> tuple[int, list[str], str | None] | None:
    tok = ctx.tokens[i]
    word = tok.text
    if not word.islower() or not _not_a_word(word, options) or ctx.counts[word] > 1:
        return None
    if not _among_english(ctx, i) or ctx.quoted(i) or ctx.in_address(i):
        return None
    whole = _lost_head(word)
    if whole is not None:
        where = "starts a sentence in lower case and " if tok.sentence_start else ""
        why = [f"no English word: it {where}reads as '{whole}' with its first letters lost"]
        if tok.sentence_start or not is_common_word(whole):
            whole = whole[0].upper() + whole[1:]  # a sentence start, or a name ("ealand")
        return _TOP, why, whole
    if _compound(word) or _typo_of(word):
        return None
    shape = english_shape(word)
    if shape > options.max_shape:
        return None
    triple = "a letter sequence English never spells" if shape == 0 else "a letter sequence rare in English"
    why = [
        "no English word in any dictionary here",
        "found once in this document",
        f"{triple}, and no compound of known words or one-letter slip of a common word",
    ]
    return (_TOP if shape == 0 else _TOP - 1), why, None


_TWIN_RATIO = 0.6


def _phrase_twin(ctx: Context, i: int) -> str | None:
    """The English word that the document puts in the same phrase ("Samit for Democracy" beside
    "Summit for Democracy"): a mangled or transliterated form of it, not a name.

    The shared words after it must start lower-case and hold a content word ("for Democracy";
    not "of the", not "Combi"), and a given name or a surname shape is left to the name rules
    ("Sylvain" beside "Sylvan").
    """
    word = ctx.tokens[i].text
    after = _following(ctx, i)
    if after is None or not after[0].islower():
        return None  # "Monolit Combi" beside "Monolith Combi": a brand, for the name rules
    if ctx.counts[after[-1].lower()] < 2:
        return None  # the phrase occurs once: no twin (a quick test before the scan)
    if is_first_name(word) or russian_name_score(word) >= _SURNAME_SCORE:
        return None
    initial = word[0]
    # The twin starts with the same capital and stands right before the phrase's first word.
    for j in ctx.capitalised_before(after[0]):
        text = ctx.texts[j]
        if text[0] != initial or text == word or not is_common_word(text):
            continue
        other = ctx.tokens[j]
        if is_proper_word(other.text) or _following(ctx, j) != after:
            continue
        if SequenceMatcher(None, word.lower(), other.text.lower()).ratio() >= _TWIN_RATIO:
            return other.text
    return None


def _following(ctx: Context, i: int) -> tuple[str, ...] | None:
    """The next word, or two when the first is a function word; None without a content word."""
    words: list[str] = []
    j = i
    for _ in range(2):
        nxt = ctx.tight_next(j)
        if nxt is None:
            return None
        words.append(nxt.text)
        if nxt.text.lower() not in FUNCTION_WORDS:
            return tuple(words)
        j += 1
    return None


_SURNAME_SCORE = 0.5


#: "a day later", "a year ago": after these an article opens an adverbial, which may follow a name.
_MEASURES = frozenset(
    "day days week weeks month months year years decade century time minute minutes hour hours moment "
    "while bit lot little few couple second".split()
)


#: Words after which a name often stands: prepositions, conjunctions, name particles.
_NAME_BEFORE = PREPOSITIONS | frozenset("and or nor de da di del della von van der le la al bin ibn".split())
_FRAGMENT_MAX = 6


def _foreign_fragment(word: str, before: str, nxt: Token | None) -> bool:
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
    if nxt is not None and nxt.text.islower() and (NOUN in pos(nxt.text) or not pos(nxt.text)):
        return False
    return english_shape(word) == 0


def _adverbial(ctx: Context, article: int) -> bool:
    after = ctx.tight_next(article)
    return after is not None and after.text in _MEASURES


def _lower(tok: Token | None) -> str:
    """A neighbour as a lower-case common word ("Perhaps" starting the sentence counts), or ''."""
    if tok is None:
        return ""
    if tok.text.islower():
        return tok.text
    if tok.sentence_start and tok.text.lower() in FUNCTION_WORDS | PARTICLES:
        return tok.text.lower()
    return ""


def _among_english(ctx: Context, i: int) -> bool:
    """No neighbour is an unknown word: a run of those is a foreign phrase ("Lietuvos rytas").

    Numbers and acronyms are fine neighbours, but a short word after a number
    is a unit ("5 mln"), and a word with an apostrophe or hyphen is judged as
    unknown only when its parts are.
    """
    for j in (i - 1, i + 1):
        if 0 <= j < len(ctx.tokens):
            near = ctx.tokens[j].text
            if near.isdigit():
                if j < i and len(ctx.tokens[i].text) <= _UNIT_MAX:
                    return False
                continue
            if near.isupper():
                continue
            parts = [p for p in re.split(r"[-'’]", near) if p]
            if not all(p.lower() in FUNCTION_WORDS or is_known(p) for p in parts):
                return False
    return True


_UNIT_MAX = 5


def _compound(word: str) -> bool:
    """'superyachts' = super + yachts, 'springless' = spring + less, 'bookshelf' = book + shelf."""
    for k in range(2, len(word) - 2):
        head, tail = word[:k], word[k:]
        if (head in _PREFIXES or (len(head) > 2 and is_common_word(head))) and (
            tail in _SUFFIXES or (len(tail) > 2 and is_common_word(tail))
        ):
            return True
    return False


def _lost_head(word: str) -> str | None:
    """The common word that ``word`` is the tail of, one or two first letters lost ("nstability")."""
    if len(word) < _HEAD_MIN_LENGTH:
        return None
    wholes = [head + word for head in _heads_before(word[:2])]
    known = known_among(set(wholes))
    for whole in wholes:
        if whole in known and zipf(whole) >= _HEAD_WORD_ZIPF:
            return whole
    return None


@cache
def _heads_before(start: str) -> tuple[str, ...]:
    """The heads (one or two letters, in order) that some known word has before ``start``, its
    first two letters: only those are worth a look-up."""
    starts = known_starts()
    return tuple(head for head in _HEADS if (head + start)[:3] in starts)


_HEAD_MIN_LENGTH = 4
_HEAD_WORD_ZIPF = 2.5
_HEADS = tuple(_LETTERS) + tuple(a + b for a in _LETTERS for b in _LETTERS)


def _typo_of(word: str) -> bool:
    """A one-letter slip (drop, swap, change, extra) away from a common word: a spelling error.

    ``word`` is lower-case: so are its edits, looked up in the lexicon at once.
    """
    if len(word) < _TYPO_MIN_LENGTH:
        return False
    return any(zipf(candidate) >= _TYPO_TARGET_ZIPF for candidate in common_among(_edits(word)))


def _edits(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, change or insertion of a letter away."""
    splits = [(word[:k], word[k:]) for k in range(len(word) + 1)]
    edits = {head + tail[1:] for head, tail in splits if tail}
    edits.update(head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1)
    edits.update(head + c + tail[1:] for head, tail in splits if tail for c in _LETTERS)
    edits.update(head + c + tail for head, tail in splits for c in _LETTERS)
    return edits
