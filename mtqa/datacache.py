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
import os
import pickle
import re
import sys
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import Generic, TypeVar, cast

T = TypeVar("T")
A = TypeVar("A")


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


def versions(packages: tuple[str, ...]) -> str:
    """The installed versions of ``packages``, as one string for a key."""
    return ";".join(f"{name}={_version(name)}" for name in packages)


def persistent(packages: tuple[str, ...], formats: tuple[str, ...] = ()) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorate a builder so its result is computed once per machine, not once per run.

    The result is kept under a key of the packages' versions and the source of the builder's
    module, and of each module of ``formats``: those that define the form of the kept value
    (``mtqa.names.wordset`` for a ``WordSet``'s strings), so that a change of form rebuilds it.
    """

    def decorate(build: Callable[[], T]) -> Callable[[], T]:
        @cache
        @wraps(build)
        def load() -> T:
            source = "".join(map(_source, (build.__module__, *formats)))
            key = hashlib.sha256(f"{build.__qualname__}|{versions(packages)}|{source}".encode()).hexdigest()[:16]
            name = f"{build.__module__}.{build.__qualname__}"
            found = recall(name, key)
            if found is not MISSING:
                return cast(T, found)
            value = build()
            keep(name, key, value)
            return value

        return load

    return decorate


def _source(module: str) -> str:
    """The source text of a loaded module, read from its file (what ``inspect.getsource``
    gives for a module, without going through its line cache and tokenizer)."""
    return Path(sys.modules[module].__file__ or "").read_text(encoding="utf-8")


#: What ``recall`` returns when nothing is kept (``None`` may be a kept value).
MISSING = object()


def recall(name: str, key: str) -> object:
    """The value ``keep`` kept under ``name`` and ``key``, or ``MISSING``."""
    return _read(data_dir() / f"{name}-{key}.pickle")


def keep(name: str, key: str, value: object) -> None:
    """Keep ``value`` under ``name`` and ``key`` for later runs, in place of what was
    kept under ``name`` with another key (``_keep``)."""
    _keep(data_dir() / f"{name}-{key}.pickle", value, f"{name}-*.pickle")


def _read(path: Path) -> object:
    """The value pickled at ``path``, or ``MISSING`` when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # a damaged or foreign file can fail to unpickle in many ways: only a rebuild
        return MISSING


def _keep(path: Path, value: object, family: str) -> None:
    """Pickle ``value`` to ``path`` (``write_atomically``) and remove the other files of
    ``family`` (a glob: those written by an older version of the code or packages). A
    folder that cannot be written only costs the next run the work."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in path.parent.glob(family):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in its folder, then a rename: a
    reader finds the old file or the new one, never part of one. Raises ``OSError``; the
    temporary file is removed when the write fails."""
    import tempfile  # only when writing: most runs read

    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Memo(Generic[A]):
    """The answers of a pure function of a string, kept on disk between runs.

    For work that depends on its argument and on the code of the module
    computing it (``module``, whose source is part of the file's name), such as
    reading the literals of a rule regex: a run asks for ``answer``s, which are
    computed when the file does not hold them yet, and ``save``s once. A file
    that cannot be read or written only costs the computing.
    """

    def __init__(self, module: str) -> None:
        key = hashlib.sha256(_source(module).encode()).hexdigest()[:16]
        self.module = module
        self.path = data_dir() / f"{module}.memo-{key}.pickle"
        self.answers: dict[str, A] | None = None
        self.changed = False

    def get(self, argument: str) -> A | None:
        if self.answers is None:
            found = _read(self.path)
            self.answers = cast("dict[str, A]", found) if isinstance(found, dict) else {}
        return self.answers.get(argument)

    def put(self, argument: str, answer: A) -> None:
        self.get(argument)  # read the file first
        assert self.answers is not None
        self.answers[argument] = answer
        self.changed = True

    def answer(self, argument: str, compute: Callable[[str], A]) -> A:
        """The kept answer for ``argument``, or ``compute(argument)``, then kept."""
        known = self.get(argument)
        if known is None:
            known = compute(argument)
            self.put(argument, known)
        return known

    def save(self) -> None:
        if self.changed and self.answers is not None:
            _keep(self.path, self.answers, f"{self.module}.memo-*.pickle")
            self.changed = False
