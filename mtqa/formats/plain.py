"""Aligned plain files: line n of the MT file, of ``--source`` and of each ``--ref`` is one segment.

The segment's id is its 1-based line. Documents come from a ``docs`` table
(a TSV with a header holding ``doc_id`` and optionally ``line``, as the WMT
folders' ``docs.tsv``); without one, the whole file is one document.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from mtqa.document import DecodeError, decode
from mtqa.formats.segment import FormatError, Segment

#: The file that maps lines to documents in a WMT-style folder.
DOCS_FILE = "docs.tsv"


def read_text(path: str) -> str:
    """Decoded text of a file, or of standard input for ``-``; errors are FormatError."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        return decode(data, path)
    except DecodeError as exc:
        raise FormatError(path, 0, str(exc).removeprefix(f"{path}: ")) from None
    except OSError as exc:
        raise FormatError(path, 0, f"cannot read: {exc.strerror or exc}") from None


def split_lines(text: str) -> list[str]:
    """Lines without their line ends (``\\n`` or ``\\r\\n``); a final line end adds no line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_lines(path: str) -> list[str]:
    return split_lines(read_text(path))


def sibling_docs(path: str) -> str | None:
    """The ``docs.tsv`` beside an input file, if there is one."""
    if path == "-":
        return None
    candidate = Path(path).with_name(DOCS_FILE)
    return str(candidate) if candidate.is_file() else None


def read_doc_ids(path: str, count: int) -> list[str]:
    """The doc_id of each of ``count`` lines, from a TSV with a ``doc_id`` column (and maybe ``line``)."""
    text = read_text(path)
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        raise FormatError(path, 1, "empty documents table (expected a header with 'doc_id')")
    header = rows[0]
    if "doc_id" not in header:
        raise FormatError(path, 1, f"no 'doc_id' column in the header (columns: {', '.join(header)})")
    doc_col = header.index("doc_id")
    line_col = header.index("line") if "line" in header else None
    ids: list[str | None] = [None] * count
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise FormatError(path, number, f"{len(row)} fields, the header has {len(header)}")
        if line_col is None:
            target = number - 2
        else:
            try:
                target = int(row[line_col]) - 1
            except ValueError:
                raise FormatError(path, number, f"'line' is not a number: {row[line_col]!r}") from None
        if not 0 <= target < count:
            raise FormatError(path, number, f"line {target + 1} is outside the input's {count} lines")
        ids[target] = row[doc_col]
    missing = [i + 1 for i, v in enumerate(ids) if v is None]
    if missing:
        raise FormatError(path, 0, f"no doc_id for line {missing[0]} ({len(missing)} lines without one)")
    return [v for v in ids if v is not None]


def read_aligned(
    path: str,
    source: str | None = None,
    refs: Sequence[str] = (),
    docs: str | None = None,
) -> tuple[Segment, ...]:
    """Segments of an MT file and the files aligned with it, line by line."""
    targets = read_lines(path)
    sources = _aligned(source, path, len(targets)) if source else None
    ref_lines = [_aligned(ref, path, len(targets)) for ref in refs]
    doc_ids = read_doc_ids(docs, len(targets)) if docs else None
    out = []
    for i, target in enumerate(targets):
        out.append(
            Segment(
                id=str(i + 1),
                source=sources[i] if sources is not None else None,
                target=target,
                ref=ref_lines[0][i] if ref_lines else None,
                doc_id=doc_ids[i] if doc_ids is not None else "",
                line=i + 1,
            )
        )
    return tuple(out)


def read_references(refs: Sequence[str], path: str, count: int) -> list[list[str]]:
    """Each reference file's lines, checked to align with the ``count`` lines of ``path``."""
    return [_aligned(ref, path, count) for ref in refs]


def _aligned(other: str, path: str, count: int) -> list[str]:
    lines = read_lines(other)
    if len(lines) != count:
        raise FormatError(other, 0, f"{len(lines)} lines, but {path} has {count}: the files are not aligned")
    return lines
