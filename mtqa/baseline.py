"""Baselines: record today's findings so later runs report only new ones.

A finding is keyed by content, not position: its file, rule, matched text and
up to three words on each side. Editing elsewhere in a file does not bring a
baselined finding back; changing the words around it does. When a key occurs
n times in the baseline, n such findings are absorbed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from mtqa.document import Document
from mtqa.finding import Finding

FORMAT = 1
_WORDS = re.compile(r"\S+")

Key = tuple[str, str, str, str]


def normal_path(path: str) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def finding_key(path: str, doc: Document, f: Finding) -> Key:
    line = doc.line_of(f.start)
    before = _WORDS.findall(doc.text[max(line.start, f.start - 80) : f.start])[-3:]
    after = _WORDS.findall(doc.text[f.end : min(max(line.end, f.end), f.end + 80)])[:3]
    return (normal_path(path), f.rule, f.text, " ".join([*before, "|", *after]))


def write_baseline(path: Path, entries: Sequence[tuple[str, Document, Sequence[Finding]]]) -> int:
    counts: Counter[Key] = Counter()
    for file_path, doc, findings in entries:
        for f in findings:
            counts[finding_key(file_path, doc, f)] += 1
    rows = [
        {"path": k[0], "rule": k[1], "text": k[2], "context": k[3], "count": n}
        for k, n in sorted(counts.items())
    ]
    path.write_text(json.dumps({"mtqa_baseline": FORMAT, "findings": rows}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
    return sum(counts.values())


def read_baseline(path: Path) -> Counter[Key]:
    """The baseline's keys and counts; raises ValueError naming the file when malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("mtqa_baseline") != FORMAT:
            raise ValueError("not an mtqa baseline (key 'mtqa_baseline' missing or unknown)")
        return Counter({(r["path"], r["rule"], r["text"], r["context"]): int(r["count"]) for r in data["findings"]})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: cannot read baseline: {exc}") from None


def drop_baselined(path: str, doc: Document, findings: Sequence[Finding], remaining: Counter[Key]) -> tuple[Finding, ...]:
    """Findings not absorbed by the baseline; ``remaining`` is consumed as keys match."""
    out = []
    for f in findings:
        key = finding_key(path, doc, f)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            out.append(f)
    return tuple(out)
