"""Readers that turn bilingual or parallel input into segments.

``read_segments(path, ...)`` reads any supported format; ``detect_format``
picks one by file extension (plain aligned text when none matches, and for
standard input). ``build_documents`` joins the target segments of each
``doc_id`` into one ``Document`` and maps findings back to segments.

Formats: ``plain`` (line-aligned MT file, with ``source``/``refs`` files and an
optional ``docs`` table), ``tsv``, ``jsonl``, ``po``, ``xliff``, ``tmx``.
Bad input raises ``FormatError``, whose message is one line naming the file
and the line or place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mtqa.formats.segment import FormatError, Segment, SegmentedDocument, build_documents, group_by_document

FORMATS = ("plain", "tsv", "jsonl", "po", "xliff", "tmx")

#: File extension (lower case, with the dot) -> format.
EXTENSIONS: Mapping[str, str] = {
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tmx": "tmx",
}

#: Formats that carry their own source text (``source``/``refs`` files do not apply).
SELF_CONTAINED = frozenset({"tsv", "jsonl", "po", "xliff", "tmx"})


def detect_format(path: str) -> str:
    """The format for a path, by extension; ``plain`` for anything else and for ``-``."""
    if path == "-":
        return "plain"
    dot = path.rfind(".")
    return EXTENSIONS.get(path[dot:].lower(), "plain") if dot > path.rfind("/") else "plain"


def read_segments(
    path: str,
    fmt: str | None = None,
    source: str | None = None,
    refs: Sequence[str] = (),
    docs: str | None = None,
    fields: Mapping[str, str] | None = None,
) -> tuple[Segment, ...]:
    """Read the segments of one input; ``fmt`` None means detect it from the extension."""
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise FormatError(path, 0, f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    if fmt in SELF_CONTAINED and (source or refs or docs):
        raise FormatError(path, 0, f"a {fmt} file carries its own source, references and documents; "
                          "--source, --ref and --docs apply to plain aligned files")
    if fmt == "plain":
        from mtqa.formats.plain import read_aligned

        return read_aligned(path, source, refs, docs)
    if fmt in ("tsv", "jsonl"):
        from mtqa.formats import table

        try:
            return table.read_tsv(path, fields) if fmt == "tsv" else table.read_jsonl(path, fields)
        except ValueError as exc:
            if isinstance(exc, FormatError):
                raise
            raise FormatError(path, 0, str(exc)) from None
    from mtqa.formats import translation

    reader = {"po": translation.read_po, "xliff": translation.read_xliff, "tmx": translation.read_tmx}[fmt]
    return reader(path)


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "FormatError",
    "Segment",
    "SegmentedDocument",
    "build_documents",
    "detect_format",
    "group_by_document",
    "read_segments",
]
