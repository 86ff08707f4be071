"""Measure findings against gold annotations (CONTRACT.md section 3).

Pure: a gold annotation, the document's text and the findings come in; what
was caught, what was missed and which findings were false positives come out,
then tallies per kind and per rule. Reading files and running the checks is
the job of ``mtqa.commands.eval``.

Matching, as the contract says:

- a gold error is located by ``start``/``end`` when given, else by the nth
  case-sensitive occurrence of ``text`` (whole word when ``text`` starts and
  ends with a word character, plain substring otherwise);
- a gold error is caught when a finding overlaps it and is at most
  ``MAX_EXTRA`` code points wider than it;
- a finding is a false positive when it overlaps no gold error, overlaps a
  clean word (an occurrence outside every gold error), or is too wide for
  every error it overlaps. Precision counts findings; recall counts errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mtqa.document import Document
from mtqa.finding import Finding, Kind, Severity

#: How much wider than the error a finding may be and still point at it.
MAX_EXTRA = 40
_CONTEXT = 40
_KIND_ORDER = {kind.value: i for i, kind in enumerate(Kind)}
_ERROR_KEYS = frozenset({"text", "occurrence", "start", "end", "kind", "canonical", "must", "note"})


class GoldFormatError(ValueError):
    """A gold annotation that does not fit its text or the contract's format."""


@dataclass(frozen=True, slots=True)
class GoldError:
    start: int
    end: int
    text: str
    kind: str
    must: bool
    canonical: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CleanWord:
    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class Gold:
    """A gold annotation resolved against its document's text."""

    name: str
    errors: tuple[GoldError, ...]
    clean: tuple[CleanWord, ...]


@dataclass(frozen=True, slots=True)
class ErrorOutcome:
    error: GoldError
    #: Rules whose findings (at or above the threshold) caught it.
    caught_by: tuple[str, ...]
    #: Caught only by findings below the threshold.
    below: bool = False

    @property
    def caught(self) -> bool:
        return bool(self.caught_by)


@dataclass(frozen=True, slots=True)
class FindingOutcome:
    finding: Finding
    #: None for a true positive, else why it is a false positive.
    reason: str | None

    @property
    def correct(self) -> bool:
        return self.reason is None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    name: str
    text: str
    words: int
    errors: tuple[ErrorOutcome, ...]
    findings: tuple[FindingOutcome, ...]
    #: Findings below the threshold, not scored.
    below: int = 0


@dataclass(frozen=True, slots=True)
class Score:
    """Tallies for one kind, one rule, or everything."""

    name: str
    must: int = 0
    must_caught: int = 0
    optional: int = 0
    optional_caught: int = 0
    findings: int = 0
    false_positives: int = 0
    #: For a rule: gold errors of other kinds that its findings caught.
    other_caught: int = 0

    @property
    def recall_must(self) -> float | None:
        return self.must_caught / self.must if self.must else None

    @property
    def recall_optional(self) -> float | None:
        return self.optional_caught / self.optional if self.optional else None

    @property
    def precision(self) -> float | None:
        return (self.findings - self.false_positives) / self.findings if self.findings else None


@dataclass(frozen=True, slots=True)
class Report:
    documents: tuple[DocumentResult, ...]
    total: Score
    words: int
    by_kind: tuple[Score, ...]
    by_rule: tuple[Score, ...]
    min_severity: Severity

    @property
    def fp_per_1000_words(self) -> float:
        return 1000 * self.total.false_positives / self.words if self.words else 0.0


# ---------------------------------------------------------------------------
# Gold


def locate(text: str, needle: str, occurrence: int) -> tuple[int, int] | None:
    """The span of the nth occurrence of needle (whole word when it starts and ends with one)."""
    if not needle or occurrence < 1:
        return None
    for i, span in enumerate(_occurrences(text, needle), start=1):
        if i == occurrence:
            return span
    return None


def _occurrences(text: str, needle: str) -> Iterable[tuple[int, int]]:
    pattern = re.escape(needle)
    if re.match(r"\w", needle) and re.search(r"\w$", needle):
        pattern = r"(?<!\w)" + pattern + r"(?!\w)"
    return (m.span() for m in re.finditer(pattern, text))


def resolve_gold(raw: Mapping[str, Any], text: str, name: str) -> Gold:
    """Validate a gold annotation and place its errors and clean words in ``text``."""
    if not isinstance(raw, Mapping):
        raise GoldFormatError(f"{name}: a gold file holds a JSON object")
    errors_raw = raw.get("errors", [])
    clean_raw = raw.get("clean", [])
    if not isinstance(errors_raw, list) or not isinstance(clean_raw, list):
        raise GoldFormatError(f"{name}: 'errors' and 'clean' must be lists")
    errors = tuple(_resolve_error(e, text, f"{name}: errors[{i}]") for i, e in enumerate(errors_raw))
    return Gold(name, errors, _resolve_clean(clean_raw, text, errors, name))


def _resolve_error(raw: Any, text: str, where: str) -> GoldError:
    if not isinstance(raw, Mapping):
        raise GoldFormatError(f"{where}: an error is a JSON object")
    unknown = sorted(set(raw) - _ERROR_KEYS)
    if unknown:
        raise GoldFormatError(f"{where}: unknown key '{unknown[0]}'")
    kind = raw.get("kind")
    if kind not in _KIND_ORDER:
        raise GoldFormatError(f"{where}: unknown kind {kind!r}")
    must = raw.get("must")
    if not isinstance(must, bool):
        raise GoldFormatError(f"{where}: 'must' must be true or false")
    start, end = _error_span(raw, text, where)
    canonical, note = raw.get("canonical"), raw.get("note")
    for key, value in (("canonical", canonical), ("note", note)):
        if value is not None and not isinstance(value, str):
            raise GoldFormatError(f"{where}: '{key}' must be a string")
    return GoldError(start, end, text[start:end], kind, must, canonical, note)


def _error_span(raw: Mapping[str, Any], text: str, where: str) -> tuple[int, int]:
    needle = raw.get("text")
    if needle is not None and not isinstance(needle, str):
        raise GoldFormatError(f"{where}: 'text' must be a string")
    if "start" in raw or "end" in raw:
        start, end = raw.get("start"), raw.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and _is_int(start) and _is_int(end)
                and 0 <= start < end <= len(text)):
            raise GoldFormatError(f"{where}: 'start'/'end' must be offsets with 0 <= start < end <= {len(text)}")
        if needle is not None and text[start:end] != needle:
            raise GoldFormatError(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {needle!r}")
        return start, end
    if not needle:
        raise GoldFormatError(f"{where}: needs 'text' (with 'occurrence') or 'start'/'end'")
    occurrence = raw.get("occurrence", 1)
    if not _is_int(occurrence) or occurrence < 1:
        raise GoldFormatError(f"{where}: 'occurrence' must be a positive integer")
    span = locate(text, needle, occurrence)
    if span is None:
        count = sum(1 for _ in _occurrences(text, needle))
        raise GoldFormatError(f"{where}: occurrence {occurrence} of {needle!r} not found ({count} in the text)")
    return span


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _resolve_clean(words: list[Any], text: str, errors: Sequence[GoldError], name: str) -> tuple[CleanWord, ...]:
    out = []
    for i, word in enumerate(words):
        if not isinstance(word, str) or not word:
            raise GoldFormatError(f"{name}: clean[{i}] must be a non-empty string")
        spans = list(_occurrences(text, word))
        if not spans:
            raise GoldFormatError(f"{name}: clean word {word!r} does not occur in the text")
        for start, end in spans:
            if not any(e.start <= start and end <= e.end for e in errors):
                out.append(CleanWord(start, end, word))
    return tuple(sorted(out, key=lambda c: (c.start, c.end)))


# ---------------------------------------------------------------------------
# Matching


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    if start == end:  # an empty finding points at one place
        return other_start <= start < other_end
    return start < other_end and other_start < end


def points_at(finding: Finding, error: GoldError, max_extra: int = MAX_EXTRA) -> bool:
    """The finding overlaps the error and is not more than max_extra code points wider."""
    if not _overlaps(finding.start, finding.end, error.start, error.end):
        return False
    return (finding.end - finding.start) - (error.end - error.start) <= max_extra


def judge(finding: Finding, gold: Gold, max_extra: int = MAX_EXTRA) -> str | None:
    """None when the finding is a true positive, else the reason it is a false positive."""
    for clean in gold.clean:
        if _overlaps(finding.start, finding.end, clean.start, clean.end):
            return f"clean word '{clean.word}'"
    touched = [e for e in gold.errors if _overlaps(finding.start, finding.end, e.start, e.end)]
    if not touched:
        return "no gold error here"
    if not any(points_at(finding, e, max_extra) for e in touched):
        return f"too wide: {finding.end - finding.start} code points for an error of {min(e.end - e.start for e in touched)}"
    return None


def evaluate_document(
    gold: Gold,
    text: str,
    findings: Sequence[Finding],
    words: int,
    min_severity: Severity = Severity.WARNING,
    max_extra: int = MAX_EXTRA,
) -> DocumentResult:
    """What the findings at or above ``min_severity`` caught, missed and got wrong in one document."""
    scored = [f for f in findings if f.severity.rank >= min_severity.rank]
    below = [f for f in findings if f.severity.rank < min_severity.rank]
    outcomes = []
    for error in gold.errors:
        rules = tuple(dict.fromkeys(f.rule for f in scored if points_at(f, error, max_extra)))
        low = not rules and any(points_at(f, error, max_extra) for f in below)
        outcomes.append(ErrorOutcome(error, rules, low))
    judged = tuple(FindingOutcome(f, judge(f, gold, max_extra)) for f in scored)
    return DocumentResult(gold.name, text, words, tuple(outcomes), judged, len(below))


# ---------------------------------------------------------------------------
# Tallies


@dataclass
class _Tally:
    must: int = 0
    must_caught: int = 0
    optional: int = 0
    optional_caught: int = 0
    findings: int = 0
    false_positives: int = 0
    other_caught: int = 0

    def add_error(self, must: bool, caught: bool) -> None:
        if must:
            self.must += 1
            self.must_caught += caught
        else:
            self.optional += 1
            self.optional_caught += caught

    def score(self, name: str) -> Score:
        return Score(name, self.must, self.must_caught, self.optional, self.optional_caught,
                     self.findings, self.false_positives, self.other_caught)


def summarize(documents: Sequence[DocumentResult], min_severity: Severity = Severity.WARNING) -> Report:
    """Totals, per kind (gold kind for recall, finding kind for precision) and per rule."""
    total = _Tally()
    kinds: dict[str, _Tally] = {}
    rules: dict[str, _Tally] = {}
    rule_kinds: dict[str, str] = {}
    for doc in documents:
        for outcome in doc.errors:
            total.add_error(outcome.error.must, outcome.caught)
            kinds.setdefault(outcome.error.kind, _Tally()).add_error(outcome.error.must, outcome.caught)
        for judged in doc.findings:
            f = judged.finding
            rule_kinds.setdefault(f.rule, f.kind.value)
            for tally in (total, kinds.setdefault(f.kind.value, _Tally()), rules.setdefault(f.rule, _Tally())):
                tally.findings += 1
                tally.false_positives += not judged.correct
    # A rule's recall is over the gold errors of the kind it reports; errors of other kinds
    # that it happens to catch are counted apart.
    for doc in documents:
        for outcome in doc.errors:
            for rule in outcome.caught_by:
                tally = rules[rule]
                if outcome.error.kind != rule_kinds[rule]:
                    tally.other_caught += 1
                elif outcome.error.must:
                    tally.must_caught += 1
                else:
                    tally.optional_caught += 1
    for rule, tally in rules.items():
        of_kind = kinds.get(rule_kinds[rule], _Tally())
        tally.must, tally.optional = of_kind.must, of_kind.optional
    by_kind = tuple(kinds[k].score(k) for k in sorted(kinds, key=lambda k: _KIND_ORDER.get(k, len(_KIND_ORDER))))
    by_rule = tuple(rules[r].score(r) for r in sorted(rules))
    words = sum(d.words for d in documents)
    return Report(tuple(documents), total.score("all"), words, by_kind, by_rule, min_severity)


def rule_kind(report: Report, rule: str) -> str:
    """The finding kind a rule reports, from its findings."""
    for doc in report.documents:
        for judged in doc.findings:
            if judged.finding.rule == rule:
                return judged.finding.kind.value
    return ""


# ---------------------------------------------------------------------------
# Plain data for the JSON output and the reporters


def context(text: str, start: int, end: int, width: int = _CONTEXT) -> tuple[str, str, str]:
    """(before, span, after) on the span's own line, clipped to ``width`` code points each side."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - width)
    right = min(line_end, end + width)
    before = ("…" if left > line_start else "") + text[left:start]
    after = text[end:right] + ("…" if right < line_end else "")
    return before, text[start:end], after


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def score_dict(score: Score) -> dict[str, Any]:
    return {
        "must": score.must,
        "must_caught": score.must_caught,
        "recall_must": _ratio(score.recall_must),
        "optional": score.optional,
        "optional_caught": score.optional_caught,
        "recall_optional": _ratio(score.recall_optional),
        "findings": score.findings,
        "false_positives": score.false_positives,
        "precision": _ratio(score.precision),
    }


def misses(report: Report) -> list[dict[str, Any]]:
    out = []
    for doc in report.documents:
        located = Document(doc.name, doc.text)
        for outcome in doc.errors:
            if outcome.caught:
                continue
            e = outcome.error
            where, around = _place(located, e.start, e.end)
            out.append({"file": doc.name, "kind": e.kind, "must": e.must, **where, "canonical": e.canonical,
                        "caught_below_threshold": outcome.below, "context": around})
    return out


def false_positives(report: Report) -> list[dict[str, Any]]:
    out = []
    for doc in report.documents:
        located = Document(doc.name, doc.text)
        for judged in doc.findings:
            if judged.correct:
                continue
            f = judged.finding
            where, around = _place(located, f.start, f.end)
            out.append({"file": doc.name, "rule": f.rule, "kind": f.kind.value, "severity": f.severity.value,
                        **where, "reason": judged.reason, "message": f.message, "context": around})
    return out


def _place(doc: Document, start: int, end: int) -> tuple[dict[str, Any], list[str]]:
    """A span's text, offsets, line and column, and its context (the words before, the span, the words after)."""
    line, column = doc.position(start)
    before, span, after = context(doc.text, start, end)
    return {"text": span, "start": start, "end": end, "line": line, "column": column}, [before, span, after]


def report_dict(report: Report) -> dict[str, Any]:
    """The whole evaluation as plain data (``mtqa eval --format json``)."""
    summary = {"documents": len(report.documents), "words": report.words, **score_dict(report.total),
               "fp_per_1000_words": round(report.fp_per_1000_words, 3),
               "findings_below_threshold": sum(d.below for d in report.documents)}
    return {
        "min_severity": report.min_severity.value,
        "max_extra": MAX_EXTRA,
        "summary": summary,
        "by_kind": [{"kind": s.name, **score_dict(s)} for s in report.by_kind],
        "by_rule": [{"rule": s.name, "kind": rule_kind(report, s.name), **score_dict(s),
                     "caught_other_kinds": s.other_caught} for s in report.by_rule],
        "documents": [_document_dict(d) for d in report.documents],
        "misses": misses(report),
        "false_positives": false_positives(report),
    }


def _document_dict(doc: DocumentResult) -> dict[str, Any]:
    must = [o for o in doc.errors if o.error.must]
    return {"file": doc.name, "words": doc.words, "errors": len(doc.errors), "must": len(must),
            "must_caught": sum(o.caught for o in must), "findings": len(doc.findings),
            "false_positives": sum(not j.correct for j in doc.findings)}


# ---------------------------------------------------------------------------
# Baselines: the figures a later run must not fall below


def figures(report: Report) -> dict[str, Any]:
    """The headline figures of a report, as stored in a baseline file."""
    total = report.total
    return {
        "min_severity": report.min_severity.value,
        "documents": len(report.documents),
        "must": total.must,
        "recall_must": _ratio(total.recall_must),
        "recall_optional": _ratio(total.recall_optional),
        "precision": _ratio(total.precision),
        "fp_per_1000_words": round(report.fp_per_1000_words, 3),
        "by_kind": {s.name: {"recall_must": _ratio(s.recall_must), "precision": _ratio(s.precision)}
                    for s in report.by_kind},
    }


def regressions(baseline: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """Where ``current`` figures fall below ``baseline``: recall on must errors and precision, overall and per kind.

    A precision with no findings counts as 1 (nothing wrong was said); a kind
    missing from the current figures counts as recall 0.
    """
    out = []
    if baseline.get("min_severity", "warning") != current.get("min_severity", "warning"):
        out.append(f"measured at {current.get('min_severity')}, baseline at {baseline.get('min_severity')}")
    out += _drops("all", baseline, current)
    kinds = current.get("by_kind", {})
    for kind, base in baseline.get("by_kind", {}).items():
        out += _drops(kind, base, kinds.get(kind, {"recall_must": 0.0 if base.get("recall_must") else None}))
    return out


def _drops(name: str, base: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    out = []
    for key, empty in (("recall_must", 0.0), ("precision", 1.0)):
        was, is_ = base.get(key), now.get(key)
        if was is None:
            continue
        value = empty if is_ is None else float(is_)
        if value < float(was) - 1e-9:
            out.append(f"{name}: {key} {value:.4f} < baseline {float(was):.4f}")
    return out
