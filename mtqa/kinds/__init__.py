"""The rule kinds: each module parses its own options and checks a document.

A kind module provides:

- ``KEYS``: the option keys its rule files may use (anything else is an error);
- ``PLACEHOLDERS``: the names its messages may use;
- ``parse(raw) -> Options``: validate options, raising ``OptionError(key, msg)``;
- ``check(rule, document) -> Iterator[Finding]``: pure, no I/O, no state.

A kind that looks across files (``--scope corpus``) also provides:

- ``corpus_index(document) -> Index``: what the kind needs to know of one
  document to compare it with the others (the names kind: its mentions and
  what each form is). Pure, and plain data (tuples of str, int, float, bool,
  None), so it is computed once per document content and kept in the result
  cache as JSON; it may come back with lists in place of tuples;
- ``check_corpus(rule, documents, indexes) -> Iterator[tuple[int, Finding]]``
  (the index of the document, and the finding), where ``indexes[i]`` is
  ``corpus_index(documents[i])``; ``indexes`` may be None, and the kind then
  computes them;
- optionally ``corpus_wide(rule) -> bool``: whether this rule compares
  documents (default: yes). A rule that does not (names.truncated keeps to
  each document's own evidence) is run and cached like any per-document rule.

``engine.check_corpus(documents, rules)`` computes the indexes once per kind;
``run.analyse`` reads them from the result cache and computes only the missing
ones, so a corpus in which one file changed re-extracts that file alone.

A kind whose work is done in a batch outside the engine (LanguageTool) sets
``EXTERNAL = True``; its ``check`` yields nothing and its rule examples are run
by that kind's own tests.

``KINDS`` is written out by hand: no registry is filled at import time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol

from mtqa.document import Document
from mtqa.finding import Finding
from mtqa.kinds import (
    acronym,
    capitalisation,
    casing,
    consistency,
    existence,
    garbled,
    languagetool,
    names,
    repetition,
    script,
    substitution,
)
from mtqa.rule import Rule


class KindModule(Protocol):
    @property
    def KEYS(self) -> tuple[str, ...]: ...

    @property
    def PLACEHOLDERS(self) -> tuple[str, ...]: ...

    def parse(self, raw: Mapping[str, Any]) -> Any: ...

    def check(self, rule: Rule, doc: Document) -> Iterator[Finding]: ...


def corpus_checker(module: KindModule) -> Any:
    """The module's ``check_corpus`` function, or None."""
    return getattr(module, "check_corpus", None)


def corpus_indexer(module: KindModule) -> Any:
    """The module's ``corpus_index`` function, or None (then the kind has no cross-file checks)."""
    return getattr(module, "corpus_index", None) if corpus_checker(module) is not None else None


def corpus_wide(rule: Rule) -> bool:
    """True when ``rule`` compares documents with ``--scope corpus``."""
    module = KINDS[rule.kind]
    if corpus_checker(module) is None:
        return False
    wide = getattr(module, "corpus_wide", None)
    return True if wide is None else bool(wide(rule))


KINDS: Mapping[str, KindModule] = {
    "existence": existence,
    "substitution": substitution,
    "consistency": consistency,
    "casing": casing,
    "repetition": repetition,
    "script": script,
    "garbled": garbled,
    "capitalisation": capitalisation,
    "acronym": acronym,
    "languagetool": languagetool,
    "names": names,
}

__all__ = ["KINDS", "KindModule", "Sequence", "corpus_checker", "corpus_indexer", "corpus_wide"]
