"""script: Cyrillic where English text should be Latin.

``mode: mixed`` flags a word that mixes Latin and Cyrillic letters (a homoglyph
such as "Mоscow"); when every Cyrillic letter in it has a Latin look-alike in
``lookalikes`` the suggestion is the all-Latin word. ``mode: runs`` flags each
run of Cyrillic words left in the English ("5 млн rubles", "ТАСС").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from mtqa.document import Document
from mtqa.finding import Finding
from mtqa.rule import OptionError, Rule, expect_type, require

KEYS = ("mode", "lookalikes")
PLACEHOLDERS = ("found", "expected", "letters")
_MIXED = regex.compile(r"[\p{L}\p{M}]*(?:\p{Latin}[\p{L}\p{M}]*\p{Cyrillic}|\p{Cyrillic}[\p{L}\p{M}]*\p{Latin})[\p{L}\p{M}]*", regex.V1)
# A run: Cyrillic words, with the spaces, digits and punctuation between them.
_RUN = regex.compile(
    r"[\p{Cyrillic}\p{M}]+(?:[\p{Cyrillic}\p{M}\d.,:;!?'\"«»„“”()\-–—/ ]*[\p{Cyrillic}\p{M}]+)?\.?", regex.V1
)
_CYRILLIC = regex.compile(r"\p{Cyrillic}", regex.V1)
_LATIN = regex.compile(r"\p{Latin}", regex.V1)


@dataclass(frozen=True, slots=True)
class Options:
    mode: str
    lookalikes: Mapping[str, str]


def parse(raw: Mapping[str, Any]) -> Options:
    mode = require(raw, "mode", str)
    if mode not in ("mixed", "runs"):
        raise OptionError("mode", f"'mode' must be 'mixed' or 'runs', not {mode!r}")
    pairs = expect_type(raw.get("lookalikes", []), "lookalikes", list)
    table: dict[str, str] = {}
    for pair in pairs:
        if not (isinstance(pair, str) and len(pair) == 2 and _CYRILLIC.match(pair[0]) and _LATIN.match(pair[1])):
            raise OptionError("lookalikes", f"each look-alike is 'cl' (Cyrillic then Latin), not {pair!r}")
        if pair[0] in table:
            raise OptionError("lookalikes", f"look-alike for {pair[0]!r} is listed twice")
        table[pair[0]] = pair[1]
    return Options(mode, table)


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    if not _CYRILLIC.search(doc.text):
        return
    if options.mode == "mixed":
        yield from _check_mixed(rule, options, doc)
    else:
        yield from _check_runs(rule, doc)


def _check_mixed(rule: Rule, options: Options, doc: Document) -> Iterator[Finding]:
    for m in _MIXED.finditer(doc.text):
        word = m.group()
        letters = "".join(sorted({c for c in word if _CYRILLIC.match(c)}))
        latin = "".join(options.lookalikes.get(c, c) for c in word)
        suggestion = latin if not _CYRILLIC.search(latin) else None
        yield rule.finding(m.start(), m.end(), word, suggestion, letters=letters)


def _check_runs(rule: Rule, doc: Document) -> Iterator[Finding]:
    for m in _RUN.finditer(doc.text):
        # A Cyrillic letter glued to Latin letters is a homoglyph, not a run.
        before = doc.text[m.start() - 1] if m.start() else ""
        after = doc.text[m.end()] if m.end() < len(doc.text) else ""
        if _LATIN.match(before) or _LATIN.match(after):
            continue
        text = m.group().rstrip(" -–—,:;(")
        yield rule.finding(m.start(), m.start() + len(text), text, None, letters="")
