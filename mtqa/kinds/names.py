"""names: one entity written several ways (romanization, truncation, case ending, glossary).

``check`` selects what a rule looks for:

- ``romanization``: forms that share a romanization key (Sergei/Sergey,
  Zelenskiy/Zelensky, Deir ez-Zor/Deir-ez-Zor); the majority form wins, a tie
  goes to the first occurrence;
- ``near``: surname-shaped forms whose keys are close under rapidfuzz's ratio
  (``score_cutoff``) but not equal;
- ``truncated``: a form that is a proper prefix of a longer name in the same
  document; the longest form wins;
- ``case-ending``: a Russian case form of a name the document also uses in its
  base form (Lavrova beside Lavrov); finding kind ``case_ending_leak``;
- ``glossary``: forms the project glossary maps to another canonical form. The
  glossary is a file (``glossary``: a .tsv/.yaml path, see
  ``mtqa.names.glossary``), entries written in the rule (``entries``), or the
  config's ``glossary`` file, which replaces both (``with_glossary``). A
  glossary name is also found inside a longer run of name words ("Sergei
  Lavrov" in "Foreign Minister Sergei Lavrov").

With a project glossary the other checks agree with it: they suggest the
glossary's spelling (of a whole name, or of one word of a glossary name),
never flag that spelling, and leave the text the glossary rule flags to it.

With ``--scope corpus`` (``check_corpus``), ``romanization``, ``near`` and
``glossary`` count forms across all documents, so a name spelled one way in 40
files and another way in 2 is flagged in those 2; ``truncated`` and
``case-ending`` keep to each document's own evidence. The corpus index is
built once per call and holds unique forms only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from mtqa.document import Document
from mtqa.finding import Finding, Span
from mtqa.names.cluster import (
    NameIndex,
    Variant,
    build_index,
    case_endings,
    glossary_variants,
    index_mentions,
    near_variants,
    romanization_variants,
    truncations,
)
from mtqa.names.glossary import Glossary, GlossaryEntry, GlossaryError, glossary_from_entries, load_glossary
from mtqa.names.mentions import Mention, extract_mentions
from mtqa.rule import OptionError, Rule, expect_type, require

KEYS = ("check", "min_key", "score_cutoff", "glossary", "entries")
PLACEHOLDERS = ("found", "expected", "count", "where")
CHECKS = ("romanization", "near", "truncated", "case-ending", "glossary")
_CORPUS_WIDE = frozenset({"romanization", "near", "glossary"})


@dataclass(frozen=True, slots=True)
class Options:
    check: str
    min_key: int = 3
    score_cutoff: float = 90.0
    glossary: Glossary | None = None


def parse(raw: Mapping[str, Any]) -> Options:
    check = require(raw, "check", str)
    if check not in CHECKS:
        raise OptionError("check", f"'check' must be one of {', '.join(CHECKS)}, not {check!r}")
    min_key = int(expect_type(raw.get("min_key", 3), "min_key", int))
    cutoff = float(expect_type(raw.get("score_cutoff", 90.0), "score_cutoff", (int, float)))
    if not 50 <= cutoff <= 100:
        raise OptionError("score_cutoff", "'score_cutoff' is a rapidfuzz score between 50 and 100")
    glossary = _inline_glossary(raw["entries"]) if "entries" in raw else None
    if "glossary" in raw:
        path = expect_type(raw["glossary"], "glossary", str)
        try:
            glossary = load_glossary(Path(path))
        except GlossaryError as exc:
            raise OptionError("glossary", str(exc)) from None
    return Options(check, min_key, cutoff, glossary)


def _inline_glossary(raw: Any) -> Glossary:
    """``entries: [{canonical: ..., variants: [...]}, ...]`` written in the rule file itself."""
    items = expect_type(raw, "entries", list)
    entries = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or set(item) - {"canonical", "variants"} or "canonical" not in item:
            raise OptionError("entries", f"entries[{i}] needs 'canonical' and may have 'variants'")
        canonical = expect_type(item["canonical"], f"entries[{i}].canonical", str)
        variants = item.get("variants", [])
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise OptionError("entries", f"entries[{i}].variants must be a list of strings")
        entries.append(GlossaryEntry(canonical, tuple(variants)))
    try:
        return glossary_from_entries(entries, "entries")
    except GlossaryError as exc:
        raise OptionError("entries", str(exc)) from None


def with_glossary(rule: Rule, glossary: Glossary) -> Rule:
    """The rule with the project's glossary (for the config's ``glossary`` key)."""
    if rule.kind != "names":
        return rule
    return replace(rule, options=replace(rule.options, glossary=glossary))


def _variants(options: Options, index: NameIndex) -> list[Variant]:
    glossary = options.glossary
    prefer = glossary.spelling if glossary is not None else None
    finders: dict[str, Callable[[], list[Variant]]] = {
        "romanization": lambda: romanization_variants(index, options.min_key, prefer),
        "near": lambda: near_variants(index, options.score_cutoff, prefer),
        "truncated": lambda: truncations(index),
        "case-ending": lambda: case_endings(index),
        "glossary": lambda: glossary_variants(index, glossary) if glossary is not None else [],
    }
    variants = finders[options.check]()
    if glossary is None or options.check == "glossary":
        return variants
    return _agree(variants, glossary, index)


def _agree(variants: Sequence[Variant], glossary: Glossary, index: NameIndex) -> list[Variant]:
    """The other checks' variants, made to agree with the glossary.

    A suggestion is the glossary's spelling of the name; a form the glossary
    spells this way is not flagged; an occurrence inside a form the glossary
    rule flags is left to it ("Sergei" in "Sergei Lavrov").
    """
    covered: dict[int, list[tuple[int, int]]] = {}
    for g in glossary_variants(index, glossary):
        for o in g.occurrences:
            covered.setdefault(o.doc, []).append((o.start, o.end))
    out = []
    for v in variants:
        target = glossary.spelling(v.canonical) or v.canonical
        if target.casefold() == v.form.casefold() or glossary.spelling(v.form) == v.form:
            continue
        occs = tuple(
            o for o in v.occurrences if not any(s <= o.start and o.end <= e for s, e in covered.get(o.doc, ()))
        )
        if occs:
            out.append(Variant(v.form, target, occs, v.canonical_occurrences))
    return out


@lru_cache(maxsize=32)
def _document_index(doc: Document) -> NameIndex:
    return build_index([doc])


@lru_cache(maxsize=1)
def _corpus_mentions(docs: tuple[Document, ...]) -> tuple[tuple[Mention, ...], ...]:
    """Every document's mentions, extracted once for all the names rules of a run."""
    return tuple(extract_mentions(doc) for doc in docs)


@lru_cache(maxsize=1)
def _corpus_index(docs: tuple[Document, ...]) -> NameIndex:
    return index_mentions(enumerate(_corpus_mentions(docs)))


def _findings(rule: Rule, variants: Sequence[Variant], where: str) -> Iterator[tuple[int, Finding]]:
    for v in variants:
        for occ in v.occurrences:
            related = tuple(Span(c.start, c.end) for c in v.canonical_occurrences if c.doc == occ.doc)
            count = len(v.canonical_occurrences)
            finding = rule.finding(occ.start, occ.end, v.form, v.canonical, related, count=count, where=where)
            yield occ.doc, finding


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    for _, finding in _findings(rule, _variants(options, _document_index(doc)), "this document"):
        yield finding


def check_corpus(rule: Rule, docs: Sequence[Document]) -> Iterator[tuple[int, Finding]]:
    options: Options = rule.options
    if options.check not in _CORPUS_WIDE:
        for i, mentions in enumerate(_corpus_mentions(tuple(docs))):
            yield from _findings(rule, _variants(options, index_mentions([(i, mentions)])), "this document")
        return
    yield from _findings(rule, _variants(options, _corpus_index(tuple(docs))), "this corpus")
