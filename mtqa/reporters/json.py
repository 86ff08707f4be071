"""The JSON report of CONTRACT.md section 1."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from mtqa import __version__
from mtqa.finding import Finding
from mtqa.result import FileResult


def finding_dict(finding: Finding, result: FileResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": finding.rule,
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
    }
    if finding.segment is None and result.document is not None:
        line, column = result.document.position(finding.start)
        out["line"], out["column"] = line, column
    out["text"] = finding.text
    out["message"] = finding.message
    out["suggestion"] = finding.suggestion
    out["mqm"] = finding.kind.mqm
    if finding.segment is not None:
        out["segment"] = finding.segment
    if finding.source_span is not None:
        out["source_span"] = [finding.source_span.start, finding.source_span.end]
    if finding.related:
        out["related"] = [{"start": s.start, "end": s.end} for s in finding.related]
    return out


def report_dict(results: Sequence[FileResult]) -> dict[str, Any]:
    files = []
    severities: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for result in results:
        entry: dict[str, Any] = {"path": result.path, "findings": [finding_dict(f, result) for f in result.findings]}
        if result.error is not None:
            entry["error"] = result.error
        files.append(entry)
        for f in result.findings:
            severities[f.severity.value] += 1
            kinds[f.kind.value] += 1
    return {
        "tool": "mtqa",
        "version": __version__,
        "files": files,
        "summary": {
            "files": len(results),
            "findings": sum(severities.values()),
            "by_severity": dict(sorted(severities.items())),
            "by_kind": dict(sorted(kinds.items())),
        },
    }


def render(results: Sequence[FileResult]) -> str:
    return json.dumps(report_dict(results), ensure_ascii=False, indent=1) + "\n"
