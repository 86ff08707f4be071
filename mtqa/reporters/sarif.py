"""SARIF 2.1.0, with what GitHub code scanning reads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mtqa import __version__
from mtqa.finding import Severity
from mtqa.result import FileResult
from mtqa.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    return Path(path).as_posix() if path != "-" else "stdin"


def report_dict(results: Sequence[FileResult], rules: Sequence[Rule]) -> dict[str, Any]:
    known = {r.id: r for r in rules}
    used = sorted({f.rule for r in results for f in r.findings} | set(known))
    descriptors = []
    for rule_id in used:
        rule = known.get(rule_id)
        text = (rule.description or rule.message) if rule else rule_id
        descriptor: dict[str, Any] = {
            "id": rule_id,
            "name": rule_id.replace(".", "/"),
            "shortDescription": {"text": text.splitlines()[0] if text else rule_id},
        }
        if rule is not None:
            descriptor["defaultConfiguration"] = {"level": _LEVELS[rule.severity]}
            descriptor["properties"] = {"kind": rule.finding_kind.value, "mqm": rule.finding_kind.mqm}
        descriptors.append(descriptor)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    sarif_results = []
    notifications = []
    for result in results:
        if result.error:
            notifications.append({"level": "error", "message": {"text": result.error}})
        for f in result.findings:
            region: dict[str, Any] = {"charOffset": f.start, "charLength": f.end - f.start}
            if result.document is not None and f.segment is None:
                line, col = result.document.position(f.start)
                end_line, end_col = result.document.position(f.end)
                region.update(startLine=line, startColumn=col, endLine=end_line, endColumn=end_col)
            else:
                region.update(startLine=1)
            entry: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}, "region": region}}],
                "properties": {"kind": f.kind.value},
            }
            if f.suggestion is not None and result.document is not None and f.segment is None:
                entry["fixes"] = [{
                    "description": {"text": f"Replace with '{f.suggestion}'"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(result.path)},
                        "replacements": [{"deletedRegion": region, "insertedContent": {"text": f.suggestion}}],
                    }],
                }]
            if f.segment is not None:
                entry["properties"]["segment"] = f.segment
            sarif_results.append(entry)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "mtqa",
            "version": __version__,
            "informationUri": "https://pypi.org/project/mtqa/",
            "rules": descriptors,
        }},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    return {"version": "2.1.0", "$schema": SCHEMA, "runs": [run]}


def render(results: Sequence[FileResult], rules: Sequence[Rule]) -> str:
    return json.dumps(report_dict(results, rules), ensure_ascii=False, indent=1) + "\n"
