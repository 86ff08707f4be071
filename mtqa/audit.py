"""The false-positive audit: every finding mtqa raises on clean human references, with a verdict.

An audit file is TSV with the header ``doc rule start end text verdict note``;
``verdict`` is ``real`` (a real error in the reference) or ``fp`` (a false
positive). ``tests/audit/*.tsv`` together must hold every finding the default
rules raise on ``wmt-ru-en/*/ref.*.en``; ``bench/audit_refs.py`` writes the
rows for new findings, and a person fills in the verdicts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mtqa.document import Document
from mtqa.engine import check_document
from mtqa.finding import Finding
from mtqa.rule import Rule
from mtqa.wmt import read_documents, reference_files

HEADER = ("doc", "rule", "start", "end", "text", "verdict", "note")
VERDICTS = ("real", "fp")


@dataclass(frozen=True, slots=True)
class AuditRow:
    doc: str
    rule: str
    start: int
    end: int
    text: str
    verdict: str
    note: str = ""

    @property
    def key(self) -> tuple[str, str, int, int, str]:
        return (self.doc, self.rule, self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class RefFinding:
    doc: str
    finding: Finding

    @property
    def key(self) -> tuple[str, str, int, int, str]:
        f = self.finding
        return (self.doc, f.rule, f.start, f.end, f.text)


def _clean(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def read_audit(paths: Iterable[Path]) -> dict[tuple[str, str, int, int, str], AuditRow]:
    rows: dict[tuple[str, str, int, int, str], AuditRow] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if tuple(header or ()) != HEADER:
                raise ValueError(f"{path}:1: audit header must be {' '.join(HEADER)}")
            for number, cells in enumerate(reader, start=2):
                if len(cells) == 6:
                    cells.append("")
                if len(cells) != 7 or cells[5] not in VERDICTS:
                    raise ValueError(f"{path}:{number}: expected 7 columns with verdict real or fp")
                row = AuditRow(cells[0], cells[1], int(cells[2]), int(cells[3]), cells[4], cells[5], cells[6])
                rows[row.key] = row
    return rows


def write_rows(path: Path, rows: Sequence[AuditRow]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None, escapechar=None, lineterminator="\n")
        writer.writerow(HEADER)
        for r in sorted(rows, key=lambda r: (r.rule, r.doc, r.start)):
            writer.writerow((r.doc, r.rule, r.start, r.end, _clean(r.text), r.verdict, r.note))


def reference_documents(wmt_root: Path) -> list[tuple[str, Document]]:
    """(name, document) for every document of every human reference."""
    out = []
    for folder, name in reference_files(wmt_root):
        for doc in read_documents(folder, name):
            out.append((doc.name, Document(doc.name, doc.text)))
    return out


def findings_on_references(docs: Sequence[tuple[str, Document]], rules: Sequence[Rule]) -> list[RefFinding]:
    out = []
    for name, doc in docs:
        for finding in check_document(doc, rules):
            out.append(RefFinding(name, Finding(
                finding.rule, finding.kind, finding.severity, finding.start, finding.end,
                _clean(finding.text), finding.message, finding.suggestion,
            )))
    return out


def word_count(docs: Sequence[tuple[str, Document]]) -> int:
    return sum(len(doc.text.split()) for _, doc in docs)
