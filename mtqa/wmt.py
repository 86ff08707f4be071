"""Read a WMT-style folder (line-aligned files plus ``docs.tsv``) as documents.

A document is one ``doc_id``: its segments, in order, one per line. A file of
the folder holds hundreds of unrelated articles, so it is never one document.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WmtDocument:
    """One document of one file: ``text`` is its segments joined by newlines."""

    year: str
    file: str
    doc_id: str
    domain: str
    first_line: int  # 1-based line of its first segment in the file
    text: str

    @property
    def name(self) -> str:
        return f"{self.year}/{self.file}#{self.doc_id}"


def read_docs_tsv(folder: Path) -> list[tuple[int, str, str]]:
    """(line, doc_id, domain) rows of ``docs.tsv``."""
    with (folder / "docs.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(int(r["line"]), r["doc_id"], r.get("domain") or "") for r in rows]


def read_documents(folder: Path, file: str) -> list[WmtDocument]:
    """Split one line-aligned file of a WMT folder into its documents."""
    rows = read_docs_tsv(folder)
    lines = (folder / file).read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(rows):
        raise ValueError(f"{folder / file}: {len(lines)} lines, docs.tsv has {len(rows)} rows")
    docs: list[WmtDocument] = []
    current: list[str] = []
    for i, (line_no, doc_id, domain) in enumerate(rows):
        current.append(lines[i])
        last = i + 1 == len(rows) or rows[i + 1][1] != doc_id
        if last:
            first = line_no - len(current) + 1
            docs.append(WmtDocument(folder.name, file, doc_id, domain, first, "\n".join(current)))
            current = []
    return docs


def reference_files(root: Path) -> list[tuple[Path, str]]:
    """(folder, file name) of every human reference under a wmt-ru-en root."""
    return [(p.parent, p.name) for p in sorted(root.glob("*/ref.*.en"))]


def system_files(root: Path) -> list[tuple[Path, str]]:
    """(folder, file name) of every MT system output under a wmt-ru-en root."""
    return [(p.parent, p.name) for p in sorted(root.glob("*/hyp.*.en"))]
