"""``--fix``: apply the findings that have one safe suggestion, and write files atomically.

A rule opts in with ``fix: true`` in its YAML: only rules whose suggestion is
certain (Russian punctuation, abbreviation and casing variants, truncated
names, doubled words, homoglyphs) do. Overlapping fixes are never combined:
the first one (by position) wins and the rest wait for the next run.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from mtqa.document import decode
from mtqa.finding import Finding


@dataclass(frozen=True, slots=True)
class FixResult:
    text: str
    applied: tuple[Finding, ...]


class FixError(OSError):
    """A file could not be rewritten safely; the message names it."""


def apply_fixes(text: str, findings: Sequence[Finding], fixable: Collection[str]) -> FixResult:
    """Replace each fixable finding's span by its suggestion; pure."""
    chosen: list[Finding] = []
    end = -1
    for f in sorted(findings, key=Finding.sort_key):
        if f.rule not in fixable or f.suggestion is None or f.segment is not None:
            continue
        if text[f.start : f.end] != f.text or f.start < end:
            continue
        chosen.append(f)
        end = f.end
    parts = []
    pos = 0
    for f in chosen:
        parts.append(text[pos : f.start])
        parts.append(f.suggestion or "")
        pos = f.end
    parts.append(text[pos:])
    return FixResult("".join(parts), tuple(chosen))


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def encode_like(original: bytes, text: str) -> bytes:
    """Encode as UTF-8, keeping a BOM when the original had one."""
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    return bom + text.encode("utf-8")


def write_fixed(path: Path, original: bytes, new_text: str) -> None:
    """Rewrite ``path`` atomically (temp file + rename), keeping its mode and BOM.

    Refuses when the file changed since it was read, when its text would not
    round-trip exactly, or when the written bytes do not read back as intended.
    """
    if path.read_bytes() != original:
        raise FixError(f"{path}: changed while it was being checked; not rewritten")
    if encode_like(original, decode(original, str(path))) != original:
        raise FixError(f"{path}: its bytes do not round-trip through UTF-8 exactly; not rewritten")
    data = encode_like(original, new_text)
    mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".mtqa", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if Path(tmp).read_bytes() != data or decode(data, tmp) != new_text:
            raise FixError(f"{path}: the fixed text did not read back exactly; not rewritten")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
