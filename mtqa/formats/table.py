"""TSV (with a header row) and JSONL (one object per line) with named columns or fields.

The roles and the names each is found under by default (the first present wins):

- ``mt`` (required): mt, target, hyp, hypothesis, translation, tgt
- ``source``: source, src
- ``ref``: ref, reference
- ``doc_id``: doc_id, docid, doc, document
- ``id``: id, seg_id, segment_id, segment

``fields`` maps a role to another name. A segment's id is its ``id`` value, or
else its 1-based line in the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

from mtqa.formats.plain import read_text, split_lines
from mtqa.formats.segment import FormatError, Segment

ROLES: Mapping[str, tuple[str, ...]] = {
    "mt": ("mt", "target", "hyp", "hypothesis", "translation", "tgt"),
    "source": ("source", "src"),
    "ref": ("ref", "reference"),
    "doc_id": ("doc_id", "docid", "doc", "document"),
    "id": ("id", "seg_id", "segment_id", "segment"),
}


def check_fields(fields: Mapping[str, str]) -> None:
    """Reject a field mapping that names an unknown role."""
    for role in fields:
        if role not in ROLES:
            raise ValueError(f"unknown field role {role!r} (roles: {', '.join(ROLES)})")


def resolve(names: Sequence[str], fields: Mapping[str, str]) -> dict[str, str]:
    """Role -> column/field name, for the roles the header or object provides."""
    check_fields(fields)
    out: dict[str, str] = {}
    for role, aliases in ROLES.items():
        wanted = (fields[role],) if role in fields else aliases
        found = next((name for name in wanted if name in names), None)
        if found is not None:
            out[role] = found
    return out


def _segment(values: Mapping[str, str], roles: Mapping[str, str], line: int) -> Segment:
    def get(role: str) -> str | None:
        return values.get(roles[role]) if role in roles else None

    return Segment(
        id=get("id") or str(line),
        source=get("source"),
        target=get("mt") or "",
        ref=get("ref"),
        doc_id=get("doc_id") or "",
        line=line,
    )


def read_tsv(path: str, fields: Mapping[str, str] | None = None) -> tuple[Segment, ...]:
    """Segments of a tab-separated file whose first line names the columns (no quoting)."""
    fields = fields or {}
    lines = split_lines(read_text(path))
    if not lines:
        return ()
    header = next(csv.reader(io.StringIO(lines[0]), delimiter="\t", quoting=csv.QUOTE_NONE))
    roles = resolve(header, fields)
    if "mt" not in roles:
        wanted = fields.get("mt") or "mt"
        raise FormatError(path, 1, f"no '{wanted}' column for the MT text (columns: {', '.join(header)})")
    out = []
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        row = line.split("\t")
        if len(row) != len(header):
            raise FormatError(path, number, f"{len(row)} fields, the header has {len(header)}")
        out.append(_segment(dict(zip(header, row, strict=True)), roles, number))
    return tuple(out)


def read_jsonl(path: str, fields: Mapping[str, str] | None = None) -> tuple[Segment, ...]:
    """Segments of a file with one JSON object per line; blank lines are skipped."""
    fields = fields or {}
    check_fields(fields)
    out = []
    for number, line in enumerate(split_lines(read_text(path)), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(path, number, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise FormatError(path, number, f"expected a JSON object, found {type(obj).__name__}")
        roles = resolve(list(obj), fields)
        if "mt" not in roles:
            wanted = fields.get("mt") or "mt"
            raise FormatError(path, number, f"no '{wanted}' field for the MT text (fields: {', '.join(obj)})")
        values: dict[str, str] = {}
        for role, name in roles.items():
            value = obj[name]
            if role == "id" and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if value is None and role != "mt":
                continue
            if not isinstance(value, str):
                raise FormatError(path, number, f"field '{name}' must be a string, not {type(value).__name__}")
            values[name] = value
        out.append(_segment(values, roles, number))
    return tuple(out)
