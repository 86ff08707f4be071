"""Reference metrics (sacrebleu) and mtqa's findings, per system, document and segment.

- ``corpus_metrics``: corpus BLEU, chrF and TER with sacrebleu's default
  settings - the ones its command line uses - and their signatures. Segments
  are right-stripped as sacrebleu's command line strips lines, so the scores
  are the same to the last digit.
- ``check_segments``: mtqa's rules on the documents built from the target
  segments (one per ``doc_id``), mapped back to segments, plus the
  source-aware checks (``mtqa.source``) where segments have a source.
- ``score_system``: all of it for one MT output: corpus scores, chrF per
  document and per segment, the worst segments with their findings, finding
  counts per kind and per 1,000 words.

sacrebleu is imported only inside these functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mtqa.document import Document
from mtqa.engine import check_document, matches
from mtqa.finding import Finding
from mtqa.formats.segment import Segment, build_documents
from mtqa.rule import Rule
from mtqa.source import RULES as SOURCE_RULES
from mtqa.source import check_segment

#: Called after each document is checked, for a progress bar.
Advance = Callable[[], None]


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    score: float
    signature: str
    #: sacrebleu's one-line result ("BLEU = 43.91 71.8/49.6/... (BP = ...)").
    verbose: str


@dataclass(frozen=True, slots=True)
class SegmentScore:
    segment: Segment
    chrf: float
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentScore:
    doc_id: str
    segments: int
    chrf: float


@dataclass(frozen=True)
class SystemScore:
    path: str
    name: str
    metrics: tuple[Metric, ...]
    documents: tuple[DocumentScore, ...]
    segments: tuple[SegmentScore, ...]
    findings: tuple[Finding, ...]
    words: int
    worst: tuple[SegmentScore, ...] = field(default=())

    def metric(self, name: str) -> Metric:
        return next(m for m in self.metrics if m.name.startswith(name))

    def by_kind(self) -> dict[str, int]:
        return dict(sorted(Counter(f.kind.value for f in self.findings).items()))

    def by_severity(self) -> dict[str, int]:
        return dict(sorted(Counter(f.severity.value for f in self.findings).items()))

    def per_1k_words(self) -> float:
        return 1000 * len(self.findings) / self.words if self.words else 0.0


def _stripped(lines: Sequence[str]) -> list[str]:
    return [line.rstrip() for line in lines]


def corpus_metrics(hyps: Sequence[str], refs: Sequence[Sequence[str]]) -> tuple[Metric, ...]:
    """BLEU, chrF and TER of a system against one or more reference streams."""
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    hyp = _stripped(hyps)
    ref = [_stripped(r) for r in refs]
    out = []
    metrics: tuple[BLEU | CHRF | TER, ...] = (BLEU(), CHRF(), TER())
    for metric in metrics:
        result = metric.corpus_score(hyp, ref)
        out.append(Metric(result.name, float(result.score), str(metric.get_signature()), str(result)))
    return tuple(out)


def segment_chrf(hyps: Sequence[str], refs: Sequence[Sequence[str]]) -> list[float]:
    """Sentence-level chrF of each segment (sacrebleu's defaults)."""
    from sacrebleu.metrics.chrf import CHRF

    chrf = CHRF()
    return [float(chrf.sentence_score(h.rstrip(), [r[i].rstrip() for r in refs]).score) for i, h in enumerate(hyps)]


def document_chrf(segments: Sequence[Segment], refs: Sequence[Sequence[str]]) -> tuple[DocumentScore, ...]:
    """Corpus chrF over the segments of each ``doc_id``."""
    from sacrebleu.metrics.chrf import CHRF

    chrf = CHRF()
    groups: dict[str, list[int]] = {}
    for i, segment in enumerate(segments):
        groups.setdefault(segment.doc_id, []).append(i)
    out = []
    for doc_id, indexes in groups.items():
        hyp = [segments[i].target.rstrip() for i in indexes]
        ref = [[r[i].rstrip() for i in indexes] for r in refs]
        out.append(DocumentScore(doc_id, len(indexes), float(chrf.corpus_score(hyp, ref).score)))
    return tuple(out)


def select_source_rules(enable: Sequence[str] = (), disable: Sequence[str] = ()) -> tuple[str, ...]:
    """The source checks to run, chosen with the same selectors as rules (``source``, ``source.omission``)."""
    return tuple(
        rule
        for rule in SOURCE_RULES
        if (not enable or any(matches(rule, s) for s in enable)) and not any(matches(rule, s) for s in disable)
    )


def check_segments(
    path: str,
    segments: Sequence[Segment],
    rules: Sequence[Rule],
    source_rules: Sequence[str] = SOURCE_RULES,
    advance: Advance | None = None,
) -> tuple[Finding, ...]:
    """Every finding on the segments, in segment order then by position in the segment."""
    order = {segment.id: i for i, segment in enumerate(segments)}
    found: list[Finding] = []
    for doc in build_documents(path, segments):
        for finding in check_document(doc.document, rules):
            mapped = doc.to_segment(finding)
            if mapped is not None:
                found.append(mapped)
        if source_rules:
            for segment in doc.segments:
                found.extend(check_segment(segment, source_rules))
        if advance is not None:
            advance()
    return tuple(sorted(found, key=lambda f: (order.get(f.segment or "", 0), f.start, f.end, f.rule)))


def count_words(segments: Sequence[Segment]) -> int:
    return sum(len(Document("", s.target).tokens) for s in segments)


def score_system(
    path: str,
    segments: Sequence[Segment],
    refs: Sequence[Sequence[str]],
    rules: Sequence[Rule] = (),
    source_rules: Sequence[str] = SOURCE_RULES,
    worst: int = 10,
    name: str | None = None,
    advance: Advance | None = None,
) -> SystemScore:
    """Scores and findings of one MT output; ``refs`` are reference streams aligned with ``segments``."""
    hyps = [s.target for s in segments]
    findings = check_segments(path, segments, rules, source_rules, advance)
    per_segment: dict[str, list[Finding]] = {}
    for f in findings:
        per_segment.setdefault(f.segment or "", []).append(f)
    chrf = segment_chrf(hyps, refs)
    scores = tuple(SegmentScore(s, c, tuple(per_segment.get(s.id, ()))) for s, c in zip(segments, chrf, strict=True))
    lowest = sorted(range(len(scores)), key=lambda i: (scores[i].chrf, i))[:worst]
    return SystemScore(
        path=path,
        name=name or system_name(path),
        metrics=corpus_metrics(hyps, refs),
        documents=document_chrf(segments, refs),
        segments=scores,
        findings=findings,
        words=count_words(segments),
        worst=tuple(scores[i] for i in lowest),
    )


def system_name(path: str) -> str:
    """A short name for a system: the file name, without a ``hyp.`` prefix and a language suffix."""
    name = path.rsplit("/", 1)[-1]
    if name.startswith("hyp."):
        name = name[4:]
    for suffix in (".en", ".txt"):
        name = name.removesuffix(suffix)
    return name or path


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A segment finding as in the JSON report of CONTRACT.md (offsets into the segment's target)."""
    out: dict[str, Any] = {
        "rule": finding.rule,
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "segment": finding.segment,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "mqm": finding.kind.mqm,
    }
    if finding.source_span is not None:
        out["source_span"] = [finding.source_span.start, finding.source_span.end]
    return out


def segment_dict(score: SegmentScore, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"segment": score.segment.id, "doc_id": score.segment.doc_id, "chrf": score.chrf}
    if full:
        out["target"] = score.segment.target
        if score.segment.source is not None:
            out["source"] = score.segment.source
        if score.segment.ref is not None:
            out["ref"] = score.segment.ref
        out["findings"] = [finding_dict(f) for f in score.findings]
    return out


def system_dict(system: SystemScore, per_segment: bool = True) -> dict[str, Any]:
    """A system's scores as JSON-ready data."""
    return {
        "path": system.path,
        "name": system.name,
        "segments": len(system.segments),
        "words": system.words,
        "metrics": [
            {"name": m.name, "score": m.score, "signature": m.signature, "verbose": m.verbose} for m in system.metrics
        ],
        "findings": {
            "total": len(system.findings),
            "per_1k_words": system.per_1k_words(),
            "by_kind": system.by_kind(),
            "by_severity": system.by_severity(),
        },
        "documents": [{"doc_id": d.doc_id, "segments": d.segments, "chrf": d.chrf} for d in system.documents],
        "worst": [segment_dict(s, full=True) for s in system.worst],
        **({"segment_scores": [segment_dict(s) for s in system.segments]} if per_segment else {}),
    }
