"""PO, XLIFF and TMX files, read with translate-toolkit (imported only here, on use).

- PO: one segment per entry with a translation, fuzzy ones included (the
  header, obsolete and untranslated entries are skipped); the id is the
  entry's 1-based first line; one document.
- XLIFF: one segment per translated ``trans-unit``; the id is the unit's
  ``id`` and the document is its ``<file original=...>``. When ids repeat
  across ``<file>`` elements, every id is written ``original/id``.
- TMX: one segment per ``<tu>`` that has both languages; the id is its
  ``tuid`` or else its 1-based line; the source language is the header's
  ``srclang``; one document.

Inline markup (``<g>``, ``<x/>``, ...) is flattened to its text by translate-toolkit.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from mtqa.formats.segment import FormatError, Segment

_LINE_RE = re.compile(r"\bline (\d+)")


def read_po(path: str) -> tuple[Segment, ...]:
    store = _parse(path, "po")
    out = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete() or not str(unit.target):
            continue
        line = int(unit.line_number or 0)
        out.append(Segment(id=str(line), source=str(unit.source), target=str(unit.target), line=line))
    return tuple(out)


def read_xliff(path: str) -> tuple[Segment, ...]:
    store = _parse(path, "xliff")
    units = []
    for unit in store.units:
        target = unit.target
        if unit.isheader() or target is None or str(target) == "":
            continue
        element = unit.xmlelement
        unit_id = element.get("id") or str(unit.getid()).split("\x04")[-1]
        units.append((unit_id, _file_original(element), str(unit.source), str(target), int(element.sourceline or 0)))
    repeated = any(n > 1 for n in Counter(u[0] for u in units).values())
    return tuple(
        Segment(id=f"{doc}/{uid}" if repeated else uid, source=source, target=target, doc_id=doc, line=line)
        for uid, doc, source, target, line in units
    )


def read_tmx(path: str) -> tuple[Segment, ...]:
    store = _parse(path, "tmx")
    out = []
    for unit in store.units:
        source, target = unit.source, unit.target
        if not source or not target:
            continue
        line = int(unit.xmlelement.sourceline or 0)
        tuid = unit.xmlelement.get("tuid")
        out.append(Segment(id=tuid or str(line), source=str(source), target=str(target), line=line))
    return tuple(out)


def _parse(path: str, fmt: str) -> Any:
    try:
        from translate.storage import pypo, tmx, xliff
    except ImportError:
        raise FormatError(path, 0, f"reading {fmt.upper()} needs translate-toolkit: pip install 'mtqa[formats]'") from None
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise FormatError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    parser = {"po": pypo.pofile, "tmx": tmx.tmxfile, "xliff": xliff.xlifffile}[fmt]
    try:
        return parser(data)
    except Exception as exc:  # translate-toolkit and lxml raise many types; all mean bad input
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        lineno = getattr(exc, "lineno", None)
        if lineno is None:
            found = _LINE_RE.search(message)
            lineno = int(found.group(1)) if found else 0
        raise FormatError(path, int(lineno), f"not a valid {fmt.upper()} file: {message}") from None


def _file_original(element: Any) -> str:
    """The ``original`` attribute of the ``<file>`` that holds a unit."""
    for ancestor in element.iterancestors():
        if str(ancestor.tag).endswith("}file") or ancestor.tag == "file":
            return str(ancestor.get("original") or "")
    return ""
