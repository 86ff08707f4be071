"""Finding, Severity and Kind: the values every check produces.

A finding is complete when it is created and never changes afterwards.
Reporters derive line and column from the document; nothing here does I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How sure a check is that the span is wrong (see CONTRACT.md)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Kind(enum.Enum):
    """The finding kinds of CONTRACT.md section 2, with their MQM category."""

    NAME_VARIANT = "name_variant"
    CASING_VARIANT = "casing_variant"
    ABBREVIATION_VARIANT = "abbreviation_variant"
    GARBLED_TOKEN = "garbled_token"
    PUNCTUATION_CONVENTION = "punctuation_convention"
    RANDOM_CAPITALISATION = "random_capitalisation"
    LOWERCASED_ACRONYM = "lowercased_acronym"
    HOMOGLYPH = "homoglyph"
    UNTRANSLATED_CYRILLIC = "untranslated_cyrillic"
    DOUBLED_WORD = "doubled_word"
    CALQUE = "calque"
    CASE_ENDING_LEAK = "case_ending_leak"
    LOCALE_INCONSISTENCY = "locale_inconsistency"
    GRAMMAR = "grammar"
    SPELLING = "spelling"
    STYLE = "style"
    NUMBER_MISMATCH = "number_mismatch"
    NAME_MISMATCH = "name_mismatch"
    UNTRANSLATED_SEGMENT = "untranslated_segment"
    MISTRANSLATION = "mistranslation"
    OMISSION = "omission"

    @property
    def mqm(self) -> str:
        return _MQM[self]


_MQM = {
    Kind.NAME_VARIANT: "Terminology/Inconsistent use",
    Kind.CASING_VARIANT: "Fluency/Inconsistency",
    Kind.ABBREVIATION_VARIANT: "Fluency/Inconsistency",
    Kind.GARBLED_TOKEN: "Fluency/Spelling",
    Kind.PUNCTUATION_CONVENTION: "Fluency/Punctuation",
    Kind.RANDOM_CAPITALISATION: "Fluency/Spelling",
    Kind.LOWERCASED_ACRONYM: "Fluency/Spelling",
    Kind.HOMOGLYPH: "Fluency/Character encoding",
    Kind.UNTRANSLATED_CYRILLIC: "Accuracy/Untranslated text",
    Kind.DOUBLED_WORD: "Fluency/Grammar",
    Kind.CALQUE: "Style/Awkward",
    Kind.CASE_ENDING_LEAK: "Fluency/Grammar",
    Kind.LOCALE_INCONSISTENCY: "Locale convention",
    Kind.GRAMMAR: "Fluency/Grammar",
    Kind.SPELLING: "Fluency/Spelling",
    Kind.STYLE: "Style/Awkward",
    Kind.NUMBER_MISMATCH: "Accuracy/Mistranslation",
    Kind.NAME_MISMATCH: "Accuracy/Mistranslation",
    Kind.UNTRANSLATED_SEGMENT: "Accuracy/Untranslated text",
    Kind.MISTRANSLATION: "Accuracy/Mistranslation",
    Kind.OMISSION: "Accuracy/Omission",
}


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of code points in a document's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. ``text == document.text[start:end]`` always."""

    rule: str
    kind: Kind
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestion: str | None = None
    related: tuple[Span, ...] = ()
    #: Segment-based input: the segment's id; offsets are then into its target text.
    segment: str | None = None
    #: Segment-based input: where in the source text the finding rests.
    source_span: Span | None = None

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.rule)
