"""The result cache: findings per file, keyed by its content, the rules and mtqa itself.

An unchanged corpus re-checks by hashing its files and reading these entries.
Entries live in ``.mtqa_cache/<fingerprint>/`` of the current folder (or
``$MTQA_CACHE_DIR``); deleting the folder is always safe. Two entry types,
both JSON (never pickle: the folder sits in the user's project):

- ``<content>.json``: a document's findings (``get``/``put``);
- ``<content>.<kind>.index.json``: a cross-file kind's ``corpus_index`` of the
  document (``get_index``/``put_index``), so ``--scope corpus`` re-extracts
  only the files that changed.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mtqa.datacache import write_atomically
from mtqa.finding import Finding
from mtqa.rule import Rule
from mtqa.serialize import from_data, to_data

_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    return Path(os.environ.get("MTQA_CACHE_DIR", ".mtqa_cache"))


def fingerprint(rules: Sequence[Rule], extra: str = "") -> str:
    """Changes whenever a rule, its file, its options, its severity, or mtqa's own code changes.

    The options count because the config can change them after the rule file
    is read (the project glossary of the names rules).
    """
    h = hashlib.sha256(extra.encode())
    for rule in sorted(rules, key=lambda r: r.id):
        h.update(f"{rule.id}|{rule.severity.value}|{rule.kind}|{rule.path}|{_stable(rule.options)}\n".encode())
        if rule.path:
            try:
                h.update(Path(rule.path).read_bytes())
            except OSError:
                h.update(b"?")
    for source in sorted(_PACKAGE.rglob("*.py")):
        st = source.stat()
        h.update(f"{source}|{st.st_mtime_ns}|{st.st_size}\n".encode())
    return h.hexdigest()[:20]


def _stable(value: object) -> str:
    """A text for ``value`` that is the same in every process (set order and hash seeds aside).

    Other objects (compiled patterns, lazily compiled or not) count by their
    type only: they come from the rule file, whose bytes are hashed already,
    and looking into a lazy pattern would compile it.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (f.name for f in dataclasses.fields(value) if f.compare)
        return f"{type(value).__name__}({','.join(_stable(getattr(value, n)) for n in fields)})"
    if isinstance(value, (list, tuple)):
        return f"[{','.join(_stable(v) for v in value)}]"
    if isinstance(value, (set, frozenset)):
        return f"{{{','.join(sorted(_stable(v) for v in value))}}}"
    if isinstance(value, dict):
        return f"{{{','.join(sorted(f'{_stable(k)}:{_stable(v)}' for k, v in value.items()))}}}"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if value is None or isinstance(value, (str, int, float, bool, Path)):
        return repr(value)
    return type(value).__qualname__


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Cache:
    """Read and write entries under one fingerprint."""

    def __init__(self, root: Path, fp: str) -> None:
        self.folder = root / fp

    def get(self, key: str) -> tuple[Finding, ...] | None:
        try:
            raw = (self.folder / f"{key}.json").read_text(encoding="utf-8")
            return tuple(from_data(d) for d in json.loads(raw))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        self._write(f"{key}.json", [to_data(f) for f in findings])

    def get_index(self, key: str, kind: str) -> Any:
        """A kind's ``corpus_index`` of the document with this content, as JSON data, or None."""
        try:
            return json.loads((self.folder / f"{key}.{kind}.index.json").read_bytes())
        except (OSError, ValueError):
            return None

    def put_index(self, key: str, kind: str, index: Any) -> None:
        self._write(f"{key}.{kind}.index.json", index)

    def _write(self, name: str, data: Any) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.folder.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            write_atomically(self.folder / name, text.encode("utf-8"))
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written is only slower
