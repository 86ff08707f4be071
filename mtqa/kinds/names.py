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
``case-ending`` keep to each document's own evidence (``corpus_wide``). Each
document's part of the corpus index (``corpus_index``: its mentions and the
traits of its forms) is plain data that the result cache keeps, so a corpus
in which one file changed re-extracts only that file; the pooled index holds
unique forms, and each check runs over those, never over pairs of documents.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path
from typing import Any

from mtqa.document import Document
from mtqa.finding import Finding, Span
from mtqa.kinds._lexical import context as lexical_context
from mtqa.names.cluster import (
    NameIndex,
    Traits,
    Variant,
    case_endings,
    glossary_variants,
    index_document,
    lazy_index,
    near_variants,
    romanization_variants,
    traits,
    truncations,
)
from mtqa.names.glossary import Glossary, GlossaryEntry, GlossaryError, glossary_from_entries, load_glossary
from mtqa.names.mentions import Capitals, DocumentMentions, Mention
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


#: Each live document's mentions and index, shared by the names rules (and ``corpus_index``)
#: for as long as the document lives, whatever order rules and documents are checked in.
_BY_DOC: weakref.WeakKeyDictionary[Document, tuple[DocumentMentions, NameIndex]] = weakref.WeakKeyDictionary()


def _document(doc: Document) -> tuple[DocumentMentions, NameIndex]:
    found = _BY_DOC.get(doc)
    if found is None:
        mentions = DocumentMentions(doc, _capitals(doc))
        found = (mentions, index_document(mentions))
        _BY_DOC[doc] = found
    return found


def _capitals(doc: Document) -> Capitals:
    """What the lexical kinds' reading of ``doc`` (made once per document, for them and for these
    rules) says of its capitalised words: the names rules then find the name words by one pass
    over the capitalised tokens instead of two over all the words and all the tokens."""
    ctx = lexical_context(doc)
    return Capitals(ctx.unlowered, ctx.capital_forms, ctx.caps, ctx.cap_texts)


def _mentions(doc: Document) -> tuple[Mention, ...]:
    return _document(doc)[0].all()


def _document_index(doc: Document) -> NameIndex:
    return _document(doc)[1]


#: A document's names index: its mentions (``Mention`` rows), and one row per distinct
#: form: the form and its ``Traits`` in field order.
Index = tuple[Sequence[Sequence[Any]], Sequence[Sequence[Any]]]


def corpus_index(doc: Document) -> Index:
    """What corpus mode needs of one document: its mentions and what each of its forms is.

    Plain data, computed once per document content and kept in the result
    cache; with it, the corpus-wide checks run on the pooled mentions of all
    documents without the text or the word, first-name and place tables.
    """
    mentions = _mentions(doc)
    forms = dict.fromkeys(m.text for m in mentions)
    return mentions, tuple(_trait_row(form, traits(form)) for form in forms)


def _trait_row(form: str, t: Traits) -> tuple[Any, ...]:
    return (form, t.key, t.name_form, t.word_not_name, t.russian, t.near_shape, t.first_name, t.bases)


def corpus_wide(rule: Rule) -> bool:
    """``romanization``, ``near`` and ``glossary`` compare documents; the other checks keep to each one."""
    options: Options = rule.options
    return options.check in _CORPUS_WIDE


def _placed(row: Sequence[Any], doc: int) -> Mention:
    """A mention read back from an index row, in document ``doc``."""
    start, end, text, words, mid, introduced, given, followed, next_word = row[:9]
    return Mention(start, end, text, words, mid, introduced, given, followed, next_word, doc)


def _traits_of(row: Sequence[Any]) -> Traits:
    return Traits(row[1], row[2], row[3], row[4], row[5], row[6], tuple(row[7]))


def _pool(indexes: Sequence[Index]) -> NameIndex:
    """One index over the mentions of all documents, in document order."""
    known: dict[str, Traits] = {}
    for _, rows in indexes:
        for row in rows:
            if row[0] not in known:
                known[row[0]] = _traits_of(row)
    return _rows_index(enumerate(mentions for mentions, _ in indexes), known)


def _rows_index(per_doc: Iterable[tuple[int, Sequence[Sequence[Any]]]], known: Mapping[str, Traits]) -> NameIndex:
    """An index over the mention rows of documents, each mention read back (``_placed``) when a check reads its form."""
    rows: list[Sequence[Any]] = []
    docs: list[int] = []
    for i, mentions in per_doc:
        rows.extend(mentions)
        docs.extend(repeat(i, len(mentions)))
    return lazy_index([row[2] for row in rows], lambda k: _placed(rows[k], docs[k]), known)


#: The pooled index of the last ``indexes`` seen (the corpus-wide rules of a run share one).
_POOLED: list[tuple[Sequence[Index], NameIndex]] = []
#: Each document's own index, of the last ``indexes`` seen (the per-document rules share them).
_OWN: list[tuple[Sequence[Index], list[NameIndex]]] = []


def _pooled(indexes: Sequence[Index]) -> NameIndex:
    if not _POOLED or _POOLED[0][0] is not indexes:
        _POOLED[:] = [(indexes, _pool(indexes))]
    return _POOLED[0][1]


def _own(indexes: Sequence[Index]) -> list[NameIndex]:
    if not _OWN or _OWN[0][0] is not indexes:
        own = [
            _rows_index([(i, mentions)], {row[0]: _traits_of(row) for row in rows})
            for i, (mentions, rows) in enumerate(indexes)
        ]
        _OWN[:] = [(indexes, own)]
    return _OWN[0][1]


def _findings(rule: Rule, variants: Sequence[Variant], where: str) -> Iterator[tuple[int, Finding]]:
    for v in variants:
        count = len(v.canonical_occurrences)
        # The canonical form's occurrences in the finding's document, the same for each of its findings there.
        related_in: dict[int, tuple[Span, ...]] = {}
        for occ in v.occurrences:
            related = related_in.get(occ.doc)
            if related is None:
                related = tuple(Span(c.start, c.end) for c in v.canonical_occurrences if c.doc == occ.doc)
                related_in[occ.doc] = related
            finding = rule.finding(occ.start, occ.end, v.form, v.canonical, related, count=count, where=where)
            yield occ.doc, finding


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    index = _document_index(doc)
    variants = _variants(options, index)
    for _, finding in _findings(rule, variants, "this document"):
        yield finding


def check_corpus(
    rule: Rule, docs: Sequence[Document], indexes: Sequence[Index] | None = None
) -> Iterator[tuple[int, Finding]]:
    """The rule over all documents: corpus-wide checks on the pooled index, the others per document."""
    options: Options = rule.options
    if indexes is None:
        indexes = [corpus_index(doc) for doc in docs]
    if options.check not in _CORPUS_WIDE:
        for own in _own(indexes):
            yield from _findings(rule, _variants(options, own), "this document")
        return
    yield from _findings(rule, _variants(options, _pooled(indexes)), "this corpus")
