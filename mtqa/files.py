"""Which files a run checks, and reading them as documents."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mtqa.document import Document, decode

GOLD_SUFFIX = ".gold.json"


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[str, ...]
    errors: tuple[str, ...]


def _matches(rel: str, name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in globs)


def discover(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> Discovery:
    """Expand folders (include/exclude globs, hidden folders and gold files skipped); keep order."""
    files: list[str] = []
    errors: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).as_posix()
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if not child.is_file() or child.name.endswith(GOLD_SUFFIX):
                    continue
                if _matches(rel, child.name, include) and not _matches(rel, child.name, exclude):
                    found.append(str(child))
            if not found:
                errors.append(f"{raw}: no text files to check (include: {', '.join(include)})")
            files.extend(found)
        elif path.is_file():
            files.append(raw)
        else:
            errors.append(f"{raw}: no such file or folder")
    return Discovery(tuple(dict.fromkeys(files)), tuple(errors))


def read_document(path: str) -> Document:
    """Read and decode one file (``-`` is standard input); raises OSError or DecodeError."""
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return Document(path, decode(data, path))
