"""The rule kinds: each module parses its own options and checks a document.

A kind module provides:

- ``KEYS``: the option keys its rule files may use (anything else is an error);
- ``PLACEHOLDERS``: the names its messages may use;
- ``parse(raw) -> Options``: validate options, raising ``OptionError(key, msg)``;
- ``check(rule, document) -> Iterator[Finding]``: pure, no I/O, no state.

A kind that looks across files also provides
``check_corpus(rule, documents) -> Iterator[tuple[int, Finding]]`` (the index
of the document, and the finding), used with ``--scope corpus``.

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

__all__ = ["KINDS", "KindModule", "Sequence", "corpus_checker"]
