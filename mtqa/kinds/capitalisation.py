"""capitalisation: a common word capitalised mid-sentence ("Stressing that", "the Southern part").

A capital mid-sentence is right on a name, a title or a word of a
capitalised phrase ("Eastern Europe", "Ministry of Foreign Affairs"), and
wrong on a common word standing alone. The lexicon says which words English
writes lower-case (``eastern``, ``pentagon``) and which it capitalises
(``Russian``, ``July``); the document says the rest:

- a word in a Title-Case run, after a title word, in quotes, or capitalised
  every time the document uses it ("the Kremlin ... the Kremlin") is left
  alone;
- the evidence that the capital is wrong, strongest first: the document
  writes the same word lower-case elsewhere; the word is a function word, a
  verb form or an adverb, which no name is; an adjective capitalised before
  a lower-case word ("the Eastern part"); a noun with nothing around it that
  makes it a name (info only).

The suggestion is the lower-case form. The rule's severity goes to the
strongest evidence; each weaker level takes one step off (never below info).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import compress, filterfalse, repeat
from operator import is_, or_
from typing import Any

from mtqa.document import Document, Token
from mtqa.finding import Finding, Severity
from mtqa.kinds._lexical import Context, context, is_titlecase
from mtqa.lexicon import (
    ADJ,
    ADV,
    AUX,
    AUXILIARIES,
    CONJUNCTIONS,
    FUNCTION_WORDS,
    NOUN,
    PART,
    PREPOSITIONS,
    VERB,
    is_common_word,
    is_known,
    is_proper_word,
    pos,
    zipf,
)
from mtqa.names.gazetteer import is_demonym, is_place_word
from mtqa.names.morphology import is_first_name, is_title, russian_name_score
from mtqa.rule import OptionError, Rule, expect_type

KEYS = ("min_zipf", "min_length")
PLACEHOLDERS = ("found", "expected", "why")

#: Lower-case words that join the words of a capitalised name ("Bank of Russia").
CONNECTORS = frozenset("of the and for de la du von van der on in at to & y".split())
_STEP = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO, Severity.INFO: Severity.INFO}
_TOP = 3


@dataclass(frozen=True, slots=True)
class Options:
    min_zipf: float  # only words at least this common are judged
    min_length: int


def parse(raw: Mapping[str, Any]) -> Options:
    min_zipf = float(expect_type(raw.get("min_zipf", 3.0), "min_zipf", (int, float)))
    min_length = int(expect_type(raw.get("min_length", 2), "min_length", int))
    if min_length < 1:
        raise OptionError("min_length", "'min_length' must be 1 or more")
    return Options(min_zipf, min_length)


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    ctx = context(doc)
    # What depends on the word alone is judged once per distinct word, then only its tokens are looked at.
    eligible = {w for w in _eligible_words(ctx, options) if not _name_here(ctx, w)}
    if not eligible:
        return
    tokens = ctx.tokens
    for i in _off_capitals(ctx, compress(ctx.titled, map(eligible.__contains__, ctx.titled_texts))):
        verdict = _judge(ctx, i)
        if verdict is None:
            continue
        level, why = verdict
        severity = rule.severity
        for _ in range(_TOP - level):
            severity = _STEP[severity]
        word = ctx.texts[i]
        # When the fix may go either way ("foreign Ministry"), no single suggestion is offered.
        suggestion = None if why.endswith("capitalise both)") else word.lower()
        finding = rule.finding(tokens.starts[i], tokens.ends[i], word, suggestion, why=why)
        yield replace(finding, severity=severity)


def _eligible_words(ctx: Context, options: Options) -> set[str]:
    """The words capitalised mid-sentence in the document that ``_eligible`` accepts.

    Most of them are names, which C-level filters drop in bulk first: a word
    the lexicon lists capitalised is proper, and an eligible word is frequent
    (or a function word). ``_eligible`` judges the few left.
    """
    present = set(ctx.titled_texts) & ctx.unlisted
    judged = _ELIGIBLE.get(options)
    if judged is None or len(judged) > _ELIGIBLE_MAX:
        judged = _ELIGIBLE[options] = {}  # the verdicts are the lexicon's: kept across documents
    # One look-up per present word (a word of an earlier document: a comparison with its string there).
    words = list(present)
    verdicts = list(map(judged.get, words))
    new = list(compress(words, map(is_, verdicts, repeat(None))))
    if new:
        judged.update(dict.fromkeys(new, False))
        new = list(compress(new, map(options.min_length.__le__, map(len, new))))
        new = list(filter(str.isalpha, new))  # ``is_titlecase``
        # ``zipf`` of words of ASCII letters is a look-up; of the others it may ask wordfreq,
        # which ``_eligible`` avoids: it judges those alone.
        plain = list(filter(str.isascii, new))
        lowers = list(map(str.lower, plain))
        frequent = map(options.min_zipf.__le__, map(zipf, lowers))
        function = map(FUNCTION_WORDS.__contains__, lowers)
        judged.update((w, _eligible(w, options)) for w in compress(plain, map(or_, frequent, function)))
        judged.update((w, _eligible(w, options)) for w in filterfalse(str.isascii, new))
        now = {w: judged[w] for w in new}  # the new words' verdicts (a small table of this document's strings)
        verdicts = list(map(now.get, words, verdicts))
    return set(compress(words, verdicts))


_ELIGIBLE: dict[Options, dict[str, bool]] = {}
_ELIGIBLE_MAX = 500_000


def _eligible(word: str, options: Options) -> bool:
    """A title-case common word, frequent enough, that English does not capitalise and no name is."""
    if len(word) < options.min_length or not is_titlecase(word):
        return False
    lower = word.lower()
    classes = pos(lower)
    if is_proper_word(word) or is_title(word):
        return False
    if not classes and (not (is_known(lower) and zipf(lower) >= options.min_zipf) or _name_shaped(word)):
        return False
    return not (classes and lower not in FUNCTION_WORDS and zipf(lower) < options.min_zipf)


def _name_here(ctx: Context, word: str) -> bool:
    """The document capitalises the word every time it is written mid-sentence, more than once:
    a name here, wherever it stands (``_judge`` says None for each of its tokens, since only an
    auxiliary or a conjunction closing a name run is judged before that test)."""
    lower = word.lower()
    return lower not in _CLOSERS and ctx.capitalised(lower) > 1 and not ctx.lowered_count(lower)


def _judge(ctx: Context, i: int) -> tuple[int, str] | None:
    """Token i, an ``_eligible`` word capitalised mid-sentence: why the capital is wrong here, or None."""
    word = ctx.texts[i]
    lower = word.lower()
    if lower not in _CLOSERS and _in_name(ctx, i):
        return None  # tested first, being the usual case: any test below gives None too (``_closing_run``)
    classes = pos(lower)
    gap = ctx.gap_before(i)
    if gap is None or gap.strip(" ,"):
        return None  # after a full stop, colon, bracket, quote or dash a capital may start something new
    if _abbreviation(ctx, i) or ctx.quoted(i) or _after_number_or_address(ctx, i):
        return None
    if lower in _CLOSERS and _in_name(ctx, i):  # the others' run was tested first
        return _closing_run(ctx, i)
    lowered = ctx.lowered_count(lower)
    if ctx.capitalised(lower) > 1 and not lowered:
        return None  # the document capitalises it every time: a name here
    elsewhere = f"the document writes '{lower}' lower-case elsewhere ({lowered}x)"
    if lower in FUNCTION_WORDS:
        return None if _in_title_of_work(ctx, i) else (3, f"'{lower}' is a function word, never a name on its own")
    prev = ctx.tight_prev(i)
    noun_slot = prev is not None and prev.text in _NOUN_SLOT
    named = VERB in classes and _subject_or_apposition(ctx, i)
    if classes and classes <= {VERB, ADV, AUX} and not noun_slot and not named:
        # after a preposition or an article a noun is due: "on Mars", "via Zoom" are names
        kind = "a verb form" if VERB in classes else "an adverb"
        return 3, f"'{lower}' is {kind}, which no name is"
    nxt = ctx.tight_next(i)
    if ADJ in classes and nxt is not None and nxt.text.islower() and NOUN in pos(nxt.text):
        level = 3 if lowered and classes == {ADJ} else 2
        reason = f"'{lower}' is an adjective here, capitalised before the lower-case noun '{nxt.text}'"
        return level, reason + ("; " + elsewhere if lowered else "")
    return _judge_noun(ctx, i, elsewhere if lowered else "")


_CLOSERS = AUXILIARIES | CONJUNCTIONS


def _closing_run(ctx: Context, i: int) -> tuple[int, str] | None:
    """'Krasnodar Krai Has become', 'President And supreme': an auxiliary or a conjunction
    capitalised after a name and before a lower-case verb or adjective belongs to no name."""
    lower = ctx.tokens[i].text.lower()
    if lower not in _CLOSERS:
        return None  # a capitalised verb, noun or pronoun may end a name ("Amber Heard", "Formula One")
    prev, nxt = ctx.tight_prev(i), ctx.tight_next(i)
    if prev is None or not prev.text[:1].isupper() or nxt is None or not nxt.text.islower():
        return None
    following = pos(nxt.text)
    if nxt.text in FUNCTION_WORDS or not following or following == {NOUN}:
        return None  # "Gone With the Wind", "Despicable Me is", "the Not That portal": a title may go on
    return 3, f"'{lower}' closes the name '{prev.text}' but is no part of one: the next word is lower-case"


#: A noun after these is a common noun: names take no quantifier ("some kind of X", "any X").
QUANTIFIERS = frozenset("some any such much many several numerous various every each enough another whatever".split())
#: "kind of X", "sort of X": the X is a kind of thing, not a name.
CLASSIFIER_NOUNS = frozenset("kind kinds sort sorts type types lot lots form piece bit sense feeling".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())
_NOUN_SLOT = PREPOSITIONS | _DETERMINERS


def _judge_noun(ctx: Context, i: int, elsewhere: str) -> tuple[int, str] | None:
    """A capitalised common noun alone: flagged (info) only where no name can stand."""
    prev = ctx.tight_prev(i)
    if prev is None or not prev.text.islower():
        return None
    if prev.text in QUANTIFIERS:
        return 1, f"a common noun after '{prev.text}', which a name does not take"
    if prev.text == "of":
        before = ctx.tight_prev(i - 1)
        if before is not None and before.text.lower() in CLASSIFIER_NOUNS:
            return 1, f"a common noun after '{before.text} of', which a name does not take"
    if elsewhere and prev.text not in _DETERMINERS:
        return 1, elsewhere
    nxt = ctx.tight_next(i)
    closed = nxt is None or nxt.text in FUNCTION_WORDS
    if prev.text in ("a", "an") and closed and NOUN in pos(ctx.tokens[i].text.lower()):
        return 1, f"a common noun after '{prev.text}', which a name does not take"
    if pos(prev.text) == {ADJ} and closed and pos(ctx.tokens[i].text.lower()) == {NOUN}:
        noun = ctx.tokens[i].text
        both = f"{prev.text[:1].upper()}{prev.text[1:]} {noun}"
        return 1, f"a common noun after the lower-case adjective '{prev.text}' (or, if '{both}' is a name, capitalise both)"
    return None


def _subject_or_apposition(ctx: Context, i: int) -> bool:
    """'Grew dances' (a subject before its verb), 'the villain Grew' (a name after its noun)."""
    prev = ctx.tight_prev(i)
    if prev is not None and prev.text.islower() and pos(prev.text) == {NOUN}:
        return True
    nxt = ctx.tight_next(i)
    return (
        nxt is not None
        and nxt.text.islower()
        and nxt.text not in FUNCTION_WORDS
        and VERB in pos(nxt.text)
        and nxt.text.endswith(("s", "ed"))
    )


def _after_number_or_address(ctx: Context, i: int) -> bool:
    """'2 The cashier ...' (a numbered item), 'site.ru He said' (a line that lost its break)."""
    prev = ctx.tight_prev(i)
    if prev is None:
        return False
    if ctx.in_address(i - 1):
        return True
    if not prev.text.isdigit():
        return False
    gap = ctx.gap_before(i - 1)
    return gap is None or bool(gap.strip())  # the number opens the line or follows punctuation


def _abbreviation(ctx: Context, i: int) -> bool:
    """'No. 127', 'Art. 5', 'St.': a capitalised abbreviation (short, or before a number)."""
    end = ctx.tokens.ends[i]
    text = ctx.text
    if text[end : end + 1] != ".":
        return False
    return len(ctx.texts[i]) <= _ABBREVIATION_MAX or text[end + 1 : end + 3].strip()[:1].isdigit()


_ABBREVIATION_MAX = 3


def _in_title_of_work(ctx: Context, i: int) -> bool:
    """'Just Go with It', 'Horton Hears a Who': a function word closing a Title-Case run."""
    prev = ctx.tight_prev(i)
    if prev is None or not prev.text.islower() or prev.text not in FUNCTION_WORDS:
        return False
    before = ctx.tight_prev(i - 1)
    return before is not None and before.text[:1].isupper()


def _name_shaped(word: str) -> bool:
    """A word the lexicon lacks may still be a name: a given name, a surname shape, a place."""
    if pos(word.lower()):
        return False
    return (
        is_first_name(word)
        or russian_name_score(word) >= _SURNAME_SCORE
        or is_place_word(word)
        or is_demonym(word)
    )


_SURNAME_SCORE = 0.5


def _off_capitals(ctx: Context, indices: Iterable[int]) -> Iterator[int]:
    """The tokens of ``indices`` that ``_judge`` must look at, in order: all but those that stand
    next to a capitalised word with one space between, as in a name.

    Such a token, unless an auxiliary or a conjunction (or a particle after a sentence's
    opening word), is in a Title-Case run (``_in_name`` holds) and ``_judge`` would say None
    (``_closing_run``): the usual case, settled first and with less work (a capitalised word
    of the document, a gap of one space) than ``_in_name`` does. One loop with the
    document's columns at hand, rather than a call per token.
    """
    texts, capitals, text = ctx.texts, ctx.capital_forms, ctx.text
    starts, ends, opening = ctx.tokens.starts, ctx.tokens.ends, ctx.tokens.opening
    last = len(texts) - 1
    for i in indices:
        lower = texts[i].lower()
        if i < last and texts[i + 1] in capitals and text[ends[i] : starts[i + 1]] == " ":
            if lower in _CLOSERS:
                yield i
            continue
        prev = i - 1
        if i and texts[prev] in capitals and text[ends[prev] : starts[i]] == " ":
            word = texts[prev]
            after_opening = opening[prev] and is_common_word(word) and not is_proper_word(word)
            if (after_opening and pos(lower) & _NOT_NAMES) or lower in _CLOSERS:
                yield i
            continue
        yield i


def _in_name(ctx: Context, i: int) -> bool:
    """Token i belongs to a Title-Case run ("Eastern Europe", "Bank of Russia", "Church of the Tithes")."""
    texts = ctx.texts
    # The character tests first: they are cheaper than the look at the gap.
    if i and texts[i - 1][:1].isupper() and ctx.tight_before(i):
        # "Do Not contain": a particle after a sentence-opening word is no part of a name;
        # "Despicable Me": a pronoun or a noun may be.
        prev = texts[i - 1]
        opening = ctx.tokens.opening[i - 1] and is_common_word(prev) and not is_proper_word(prev)
        if not (opening and pos(texts[i].lower()) & _NOT_NAMES):
            return True
    if i + 1 < len(texts) and (texts[i + 1][:1].isupper() or texts[i + 1][:1].isdigit()) and ctx.tight_after(i):
        return True
    return _joined(ctx, i, -1) or _joined(ctx, i, 1)


_NOT_NAMES = frozenset({PART, ADV, AUX})


def _opening_word(tok: Token) -> bool:
    """A common word capitalised only because it starts the sentence ("Located Not far")."""
    return tok.sentence_start and is_common_word(tok.text) and not is_proper_word(tok.text)


def _joined(ctx: Context, i: int, step: int) -> bool:
    """Up to two lower-case small words lead from token i to a capitalised word of the same name.

    Through name connectors ("Bank of Russia", "Church of the Nativity") any
    capitalised word counts; through other function words only a capitalised
    common word does, as in the title of a work ("Gone with the Wind"), so
    "Stressing that Moscow" is no run.
    """
    j = i
    plain = True
    for _ in range(3):
        if not (ctx.tight_before(j) if step < 0 else ctx.tight_after(j)):
            return False
        j += step
        word = ctx.texts[j]
        if word[:1].isupper():
            if j == i + step or (step < 0 and ctx.tokens.opening[j]):
                return False
            return plain or (is_common_word(word) and not is_proper_word(word))
        if word not in FUNCTION_WORDS or abs(j - i) > 2:
            return False
        plain = plain and word in CONNECTORS
    return False
