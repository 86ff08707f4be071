"""acronym: an acronym written lower-case ("from is militants", "the us side", "eu sanctions").

MT lower-cases acronyms whose letters spell a word. When the lower-case form
is an English word ("is", "us"), only grammar can prove the acronym: the
verb "is" never follows a preposition or an article and precedes a noun
("from is militants"); the pronoun "us" never follows an article ("the us
side"); neither starts a hyphenated modifier ("us-led"). When the lower-case
form is no English word ("un", "eu", "nato"), any lower-case occurrence
among English words is the acronym, unless it sits in a web address.

Each entry names the acronym and, optionally, ``evidence``: phrases whose
presence in the document shows it speaks of the acronym ("ISIS", "Islamic
State"). With the evidence the finding takes the rule's severity; without
it, one step less.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from mtqa.document import Document
from mtqa.finding import Finding, Severity
from mtqa.kinds._lexical import Context, context, track
from mtqa.kinds._text import phrase_pattern
from mtqa.lexicon import ADJ, FUNCTION_WORDS, NOUN, PREPOSITIONS, VERB, is_common_word, is_known, pos
from mtqa.names.morphology import is_title
from mtqa.rule import OptionError, Rule, expect_type, string_list

KEYS = ("acronyms",)
PLACEHOLDERS = ("found", "expected", "why")
_ENTRY_KEYS = frozenset({"acronym", "evidence"})
#: Determiners after which neither the verb "is" nor the pronoun "us" can stand.
_ARTICLES = frozenset("the a an its their our your my".split())
#: Prepositions that may stand before the verb "is" ("as is the case", "more than is needed").
_BEFORE_VERB = frozenset({"as", "than", "like", "unlike"})
_STEP = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO, Severity.INFO: Severity.INFO}


@dataclass(frozen=True, slots=True)
class Acronym:
    acronym: str
    evidence: tuple[regex.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Options:
    acronyms: tuple[Acronym, ...]


def parse(raw: Mapping[str, Any]) -> Options:
    entries = expect_type(raw.get("acronyms"), "acronyms", list)
    if not entries:
        raise OptionError("acronyms", "'acronyms' must list at least one entry")
    out = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        key = f"acronyms[{n}]"
        entry = expect_type(entry, key, dict)
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise OptionError(key, f"unknown key '{sorted(unknown)[0]}' in {key}")
        name = expect_type(entry.get("acronym"), f"{key}.acronym", str)
        if not (name.isalpha() and name.isupper() and len(name) >= 2):
            raise OptionError(key, f"{key}: acronym must be two or more capital letters, not {name!r}")
        if name in seen:
            raise OptionError(key, f"{key}: acronym {name} is listed twice")
        seen.add(name)
        evidence = string_list(entry, "evidence", ())
        out.append(Acronym(name, tuple(phrase_pattern(e) for e in evidence)))
    return Options(tuple(out))


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    wanted = {a.acronym.lower(): a for a in options.acronyms}
    # Their lower-case tokens are found with the others (``_candidates``), from the next
    # document read on: tracked here, not when parsed, as rules read back from the data
    # folder are never parsed.
    track(wanted)
    ctx = context(doc)
    candidates = _candidates(ctx, wanted)
    if not candidates:
        return
    texts, tokens = ctx.texts, ctx.tokens
    for i in candidates:
        text = texts[i]
        head = text.split("-", 1)[0]
        entry = wanted[head]
        verdict = _judge(ctx, i, head)
        if verdict is None:
            continue
        certain, why = verdict
        start = tokens.starts[i]
        end = start + len(head)
        severity = rule.severity
        if entry.evidence and any(p.search(doc.text) for p in entry.evidence):
            why += f", and the document names {entry.acronym} elsewhere"
        elif not certain:
            severity = _STEP[severity]
        finding = rule.finding(start, end, head, entry.acronym, why=why)
        yield Finding(
            finding.rule, finding.kind, severity, finding.start, finding.end, finding.text,
            finding.message, finding.suggestion, finding.related,
        )


def _candidates(ctx: Context, wanted: Mapping[str, Acronym]) -> list[int]:
    """The tokens that ``_judge`` may flag, in order: an acronym written lower-case, alone or
    heading a hyphenated word ("us-led").

    An acronym that is a common word ("is") is written so thousands of times as
    that word; ``_judge`` can find the acronym there only after an article or a
    preposition (except "us", judged everywhere), which a look at the previous
    token settles first.
    """
    forms, texts = ctx.forms, ctx.texts
    out = []
    for word in wanted:
        if word not in forms:
            continue  # not written as is, lower-case (``parse`` takes capitals only)
        at = ctx.positions(word)
        if word != "us" and is_common_word(word):
            at = [i for i in at if i and texts[i - 1].lower() in _WORD_SLOTS]
        out.extend(at)
    out.extend(_hyphen_heads(ctx, wanted))
    out.sort()
    return out


def _hyphen_heads(ctx: Context, wanted: Mapping[str, Acronym]) -> list[int]:
    """The lower-case tokens that an acronym heads, then a hyphen ("us-led"), in no order.

    Found in the text: a search for the hyphens that follow an acronym (a regex
    that starts with the hyphen, which the engine finds at C speed, some 300 in
    a document of 160 KB), then a bisection of the token starts for each of the
    few found, which must start a token there; a test of every distinct word of
    the document would read thousands.
    """
    text, starts, texts = ctx.text, ctx.tokens.starts, ctx.texts
    out = []
    for match in _hyphen_after(tuple(sorted(wanted))).finditer(text):
        for head in wanted:
            start = match.start() - len(head)
            if start < 0 or not text.startswith(head, start):
                continue
            k = bisect_left(starts, start)
            if k < len(starts) and starts[k] == start and texts[k].startswith(f"{head}-") and texts[k].islower():
                out.append(k)
    return out


@lru_cache(maxsize=64)
def _hyphen_after(heads: tuple[str, ...]) -> re.Pattern[str]:
    """A hyphen right after one of ``heads``."""
    return re.compile("-(?:" + "|".join(f"(?<={re.escape(head)}-)" for head in heads) + ")")


#: Where an acronym spelled like a common word other than "us" may be found: after these.
_WORD_SLOTS = _ARTICLES | PREPOSITIONS


def _judge(ctx: Context, i: int, word: str) -> tuple[bool, str] | None:
    """Why token i (or the head of 'us-led') must be the acronym, or None.

    ``certain`` is True when the grammar alone settles it; otherwise the
    document has to name the acronym elsewhere for the full severity.
    """
    if ctx.in_address(i):
        return None
    tok = ctx.tokens[i]
    if tok.text != word:
        return True, f"'{tok.text}' is a compound modifier, which the word '{word}' does not start"
    prev, nxt = ctx.tight_prev(i), ctx.tight_next(i)
    # "The us leads": a sentence-opening article counts; "immunoglobulin A is" does not.
    before = "" if prev is None else prev.text.lower() if prev.sentence_start else prev.text
    after = nxt.text if nxt is not None else ""
    after_classes = pos(after) if after.islower() else frozenset()
    noun_after = NOUN in after_classes and ADJ not in after_classes and after not in FUNCTION_WORDS
    if not is_common_word(word):
        if not _among_english(ctx, i):
            return None
        return True, f"'{word}' is no English word, and stands among English ones"
    if before in _ARTICLES:
        return True, f"the word '{word}' never follows '{before}'"
    before_classes = pos(before)
    if word == "us" and before not in FUNCTION_WORDS and ADJ in before_classes and VERB not in before_classes:
        return True, f"the pronoun 'us' never follows the adjective '{before}'"
    if word == "us" and tok.sentence_start:
        return True, "the pronoun 'us' never starts a sentence"
    if word == "us" and nxt is not None and is_title(after):
        return True, f"the pronoun 'us' does not stand before the title '{after}'"
    # A preposition that is also an adverb or a noun ("the inside is clean") may end a phrase.
    bare_preposition = before in PREPOSITIONS and before not in _BEFORE_VERB and not pos(before) & {NOUN, ADJ}
    if word == "is" and bare_preposition and noun_after:
        return False, f"the verb 'is' does not stand between '{before}' and the noun '{after}'"
    if word == "us" and bare_preposition and after_classes == {NOUN}:
        return False, f"the pronoun 'us' does not stand between '{before}' and the noun '{after}'"
    return None


def _among_english(ctx: Context, i: int) -> bool:
    """A neighbour on each side (where there is one) is English: a known word or name, a number, an acronym."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(ctx.tokens):
            near = ctx.texts[j]
            if near.isdigit() or near.isupper():
                continue
            if not all(p.lower() in FUNCTION_WORDS or is_known(p) for p in re.split(r"[-'’]", near) if p):
                return False
    return True
