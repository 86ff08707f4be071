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


#: One encoder for every finding (``json.dumps`` with options builds a new one at each call).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def render(results: Sequence[FileResult]) -> str:
    """The report, indented, with each finding on one line of its own.

    A line per finding reads and greps well, and lets the C encoder write the
    findings (``indent`` would send every value through the pure-Python one,
    a tenth of a second per 5,000 findings).
    """
    report = report_dict(results)
    files = report.pop("files")
    head = json.dumps(report, ensure_ascii=False, indent=1)
    out = [head[: head.index('\n "summary"')], '\n "files": [']
    for n, entry in enumerate(files):
        findings = entry.pop("findings")
        fields = json.dumps(entry, ensure_ascii=False)[1:-1]
        if findings:
            lines = ",\n   ".join(map(_ENCODE, findings))
            out.append(f'\n  {{{fields}, "findings": [\n   {lines}\n  ]}}')
        else:
            out.append(f'\n  {{{fields}, "findings": []}}')
        out.append("," if n + 1 < len(files) else "")
    out.append("\n ],")
    out.append(head[head.index('\n "summary"') :])
    return "".join(out) + "\n"
