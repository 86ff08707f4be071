"""Data derived from installed packages, built once and kept on disk.

Building the gazetteer or the first-name table from their packages takes
seconds (parsing geonames, weighing 90,000 names against word frequencies); a
pre-commit hook cannot pay that on every run. ``persistent`` keeps the result
of a zero-argument builder as a pickle in ``$MTQA_DATA_DIR`` (default
``~/.cache/mtqa/data``), keyed by the versions of the packages it reads and the
source of the module that builds it, so an upgrade or a code change rebuilds it.
A cache that cannot be read or written only costs the build.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def data_dir() -> Path:
    if "MTQA_DATA_DIR" in os.environ:
        return Path(os.environ["MTQA_DATA_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtqa" / "data"


@cache
def _version(name: str) -> str:
    """The installed version of a distribution, read from the name of its ``.dist-info``
    folder (importing ``importlib.metadata`` would cost a small check a twentieth of its time)."""
    found = _installed().get(_normal(name))
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


@cache
def _installed() -> dict[str, str]:
    """Normalised distribution name -> version, the first on ``sys.path`` winning."""
    out: dict[str, str] = {}
    for entry in sys.path:
        folder = Path(entry or ".")
        if not folder.is_dir():
            continue
        for info in folder.glob("*.dist-info"):
            name, _, version = info.name[: -len(".dist-info")].partition("-")
            if version:
                out.setdefault(_normal(name), version)
    return out


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _versions(packages: tuple[str, ...]) -> str:
    return ";".join(f"{name}={_version(name)}" for name in packages)


def persistent(packages: tuple[str, ...]) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorate a builder so its result is computed once per machine, not once per run."""

    def decorate(build: Callable[[], T]) -> Callable[[], T]:
        @cache
        @wraps(build)
        def load() -> T:
            source = inspect.getsource(inspect.getmodule(build) or build)
            key = hashlib.sha256(f"{build.__qualname__}|{_versions(packages)}|{source}".encode()).hexdigest()[:16]
            path = data_dir() / f"{build.__module__}.{build.__qualname__}-{key}.pickle"
            try:
                with path.open("rb") as handle:
                    value: T = pickle.load(handle)
                return value
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                pass
            value = build()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
                for stale in path.parent.glob(f"{build.__module__}.{build.__qualname__}-*.pickle"):
                    if stale != path:
                        stale.unlink(missing_ok=True)  # built by an older version of the code or packages
            except OSError:
                pass
            return value

        return load

    return decorate
