"""script: Cyrillic where English text should be Latin.

``mode: mixed`` flags a word that mixes Latin and Cyrillic letters (a homoglyph
such as "Mоscow"); when every Cyrillic letter in it has a Latin look-alike in
``lookalikes`` the suggestion is the all-Latin word. ``mode: runs`` flags each
run of Cyrillic words left in the English ("5 млн rubles", "ТАСС").

With ``codes: true``, mixed mode also flags a code or number written with a
Cyrillic look-alike letter and no Latin one ("90х190 cm", "22°С", "МН17"):
every Cyrillic letter in it must be in ``lookalikes`` (else it is Cyrillic
text such as "5млн", which ``runs`` reports), and the suggestion is the
all-Latin code.

``exceptions`` lists regexes for text this rule leaves alone, usually because
another rule reports it better (a Cyrillic domain name, "млн" after a number):
a finding that lies inside a match of one of them is dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from mtqa.document import Document
from mtqa.finding import Finding
from mtqa.kinds._guard import Guarded, guard, in_line, scan_lines
from mtqa.kinds._text import compile_pattern
from mtqa.rule import OptionError, Rule, expect_type, require, string_list

KEYS = ("mode", "lookalikes", "codes", "exceptions")
PLACEHOLDERS = ("found", "expected", "letters")
# A run of Cyrillic letters (``\p{Cyrillic}+``). No Cyrillic letter is below U+0400 (a test
# reads every character), so the scan looks for a character outside U+0000-U+03FF, which the
# regex engine skips text for five times faster than for the script property, and asks the
# property of that character alone: the same matches.
_CYRILLIC_RUN = regex.compile(r"[^\x00-\u03ff](?<=\p{Cyrillic})\p{Cyrillic}*", regex.V1)
# A run: Cyrillic words, with the spaces, digits and punctuation between them.
_RUN = regex.compile(
    r"[\p{Cyrillic}\p{M}]+(?:[\p{Cyrillic}\p{M}\d.,:;!?'\"«»„“”()\-–—/ ]*[\p{Cyrillic}\p{M}]+)?\.?", regex.V1
)
_CYRILLIC = regex.compile(r"\p{Cyrillic}", regex.V1)
# A combining mark (``\p{M}``): a run may start with one (see ``_check_runs``). No mark is
# below U+0300, so the scan skips text as ``_CYRILLIC_RUN``'s does (six times faster).
_MARK = regex.compile(r"[^\x00-\u02ff](?<=\p{M})", regex.V1)
# A code or number: letters, digits and degree signs, parts joined by hyphens ("Т-34", "22°С").
_CODE = regex.compile(r"(?<![\p{L}\p{M}\d°])[\p{L}\p{M}\d°]+(?:-[\p{L}\p{M}\d°]+)*", regex.V1)
_LAST_WORD = regex.compile(r"[\p{L}\p{M}]*$", regex.V1)
_ABBREVIATION_MAX = 4
_DIGIT = regex.compile(r"[\d°]", regex.V1)
_LATIN = regex.compile(r"\p{Latin}", regex.V1)


@dataclass(frozen=True, slots=True)
class Options:
    mode: str
    lookalikes: Mapping[str, str]
    exceptions: tuple[regex.Pattern[str] | Guarded, ...] = ()
    codes: bool = False


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
    exceptions = tuple(_exception(compile_pattern(p, "exceptions")) for p in string_list(raw, "exceptions", ()))
    codes = bool(expect_type(raw.get("codes", False), "codes", bool))
    if codes and mode != "mixed":
        raise OptionError("codes", "'codes' applies to mode 'mixed' only")
    return Options(mode, table, exceptions, codes)


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    options: Options = rule.options
    runs = _cyrillic_runs(doc.text)
    if not runs:
        return
    found = list(_check_mixed(rule, options, doc, runs) if options.mode == "mixed" else _check_runs(rule, doc, runs))
    if not options.exceptions or not found:
        yield from found
        return
    # An exception that stays in a line is looked for only on the lines of the findings.
    starts = [f.start for f in found]
    spared = [
        m.span()
        for p in options.exceptions
        for m in (p.finditer(doc.text) if isinstance(p, Guarded) else scan_lines(p, doc.text, starts))
    ]
    for finding in found:
        if not any(s <= finding.start and finding.end <= e for s, e in spared):
            yield finding


@lru_cache(maxsize=4)
def _cyrillic_runs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each run of Cyrillic letters in ``text``, in order.

    Both script rules start from them (one scan of the text for both, kept for
    the few texts being checked); a text without any is left at once.
    """
    return tuple(m.span() for m in _CYRILLIC_RUN.finditer(text))


def _exception(pattern: regex.Pattern[str]) -> regex.Pattern[str] | Guarded:
    """An exception as it is scanned: one that stays in a line as it is (only the
    lines of the findings are scanned), another behind its literals (``guard``:
    the text is scanned only when it holds one, with the same matches)."""
    return pattern if in_line(pattern.pattern, pattern.flags) else guard(pattern, pattern.pattern)


def _words_with_cyrillic(text: str, runs: tuple[tuple[int, int], ...]) -> Iterator[tuple[int, int]]:
    """(start, end) of each word holding a Cyrillic letter, found from the letters (``runs``) outwards."""
    last_end = -1
    for start, end in runs:
        if start < last_end:
            continue
        while start > 0 and (text[start - 1].isalpha() or unicodedata.category(text[start - 1]) == "Mn"):
            start -= 1
        while end < len(text) and (text[end].isalpha() or unicodedata.category(text[end]) == "Mn"):
            end += 1
        last_end = end
        yield start, end


def _check_mixed(
    rule: Rule, options: Options, doc: Document, runs: tuple[tuple[int, int], ...]
) -> Iterator[Finding]:
    for start, end in _words_with_cyrillic(doc.text, runs):
        word = doc.text[start:end]
        if not _LATIN.search(word):
            continue
        letters = "".join(sorted({c for c in word if _CYRILLIC.match(c)}))
        latin = "".join(options.lookalikes.get(c, c) for c in word)
        suggestion = latin if not _CYRILLIC.search(latin) else None
        yield rule.finding(start, end, word, suggestion, letters=letters)
    if options.codes:
        yield from _check_codes(rule, options, doc, runs)


def _cyrillic_lines(doc: Document, runs: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """(start, end) of the lines that hold a Cyrillic letter (a code never spans lines)."""
    out: list[tuple[int, int]] = []
    for start, _ in runs:
        if out and start < out[-1][1]:
            continue
        line = doc.line_of(start)
        out.append((line.start, line.end))
    return out


def _check_codes(rule: Rule, options: Options, doc: Document, runs: tuple[tuple[int, int], ...]) -> Iterator[Finding]:
    for m in (m for start, end in _cyrillic_lines(doc, runs) for m in _CODE.finditer(doc.text, start, end)):
        code = m.group()
        if not _DIGIT.search(code) or _LATIN.search(code):
            continue
        cyrillic = {c for c in code if _CYRILLIC.match(c)}
        if not cyrillic or not cyrillic <= options.lookalikes.keys():
            continue
        latin = "".join(options.lookalikes.get(c, c) for c in code)
        yield rule.finding(m.start(), m.end(), code, latin, letters="".join(sorted(cyrillic)))


def _check_runs(rule: Rule, doc: Document, runs: tuple[tuple[int, int], ...]) -> Iterator[Finding]:
    """Each run of Cyrillic words (``_RUN``).

    A run starts with a Cyrillic letter or a combining mark and holds no line
    break, so only the lines that hold one of those are scanned: the matches are
    those of a scan of the whole text. (Two scans, for the letters and for the
    marks, are three times faster than one for either: a class of two
    properties is slow in ``regex``.)
    """
    starts = [start for start, _ in runs]
    starts += [m.start() for m in _MARK.finditer(doc.text)]
    for m in scan_lines(_RUN, doc.text, starts):
        # A Cyrillic letter glued to Latin letters is a homoglyph, not a run.
        before = doc.text[m.start() - 1] if m.start() else ""
        after = doc.text[m.end()] if m.end() < len(doc.text) else ""
        if _LATIN.match(before) or _LATIN.match(after):
            continue
        text = m.group().rstrip(" -–—,:;(")
        if text.endswith(".") and _last_word_length(text[:-1]) > _ABBREVIATION_MAX:
            text = text[:-1]  # a sentence's full stop, not an abbreviation's ("тыс.")
        yield rule.finding(m.start(), m.start() + len(text), text, None, letters="")


def _last_word_length(text: str) -> int:
    last = _LAST_WORD.search(text)
    return len(last.group()) if last else 0
