"""The project glossary and the other names rules agree, end to end through ``mtqa.cli.main``.

With a glossary, ``names.romanization``, ``names.near``, ``names.truncated`` and
``names.case-ending`` never suggest a form the glossary spells otherwise, never
flag the glossary's own spelling, and leave to ``names.glossary`` the text it
already flags.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mtqa.cli import main

ZELENSKY = "President Zelenskiy spoke on Monday. Later Zelenskyj said that the talks went on, and Zelensky left for Kyiv.\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def check(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, str, str, int, str | None]]:
    """(file name, rule, text, start, suggestion) of every finding of ``mtqa check --format json``."""
    code = main(["check", "--format", "json", "--fail-on", "never", *args])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    report: dict[str, Any] = json.loads(out)
    return [
        (Path(f["path"]).name, x["rule"], x["text"], x["start"], x["suggestion"])
        for f in report["files"]
        for x in f["findings"]
    ]


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_glossary_findings_and_nothing_else(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = write(tmp_path / "a.txt", ZELENSKY)
    glossary = write(tmp_path / "names.tsv", "Zelensky\n")
    assert check(capsys, "--glossary", glossary, doc) == [
        ("a.txt", "names.glossary", "Zelenskiy", 10, "Zelensky"),
        ("a.txt", "names.glossary", "Zelenskyj", 43, "Zelensky"),
    ]
    # Without the glossary, the romanization rule picks the first form (a tie of three).
    assert check(capsys, doc) == [
        ("a.txt", "names.romanization", "Zelenskyj", 43, "Zelenskiy"),
        ("a.txt", "names.romanization", "Zelensky", 86, "Zelenskiy"),
    ]


def test_glossary_from_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = write(tmp_path / "a.txt", ZELENSKY)
    write(tmp_path / "names.yaml", "- canonical: Zelensky\n")
    write(tmp_path / "mtqa.toml", 'glossary = "names.yaml"\n')
    assert check(capsys, doc) == [
        ("a.txt", "names.glossary", "Zelenskiy", 10, "Zelensky"),
        ("a.txt", "names.glossary", "Zelenskyj", 43, "Zelensky"),
    ]


def test_a_changed_glossary_is_not_answered_from_the_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = write(tmp_path / "a.txt", ZELENSKY)
    glossary = tmp_path / "names.tsv"
    write(glossary, "Zelensky\n")
    assert [f[4] for f in check(capsys, "--glossary", str(glossary), doc)] == ["Zelensky", "Zelensky"]
    write(glossary, "Zelenskyj\n")
    assert check(capsys, "--glossary", str(glossary), doc) == [
        ("a.txt", "names.glossary", "Zelenskiy", 10, "Zelenskyj"),
        ("a.txt", "names.glossary", "Zelensky", 86, "Zelenskyj"),
    ]


def test_a_glossary_name_inside_a_longer_run_and_its_first_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Foreign Minister Sergei Lavrov spoke. Later Sergei said more, and Sergey Lavrov left.\n"
    doc = write(tmp_path / "a.txt", text)
    glossary = write(tmp_path / "names.tsv", "Sergey Lavrov\n")
    # The run "Foreign Minister Sergei Lavrov" holds the glossary name; the lone
    # "Sergei" takes the glossary's spelling of the first name, not the majority's.
    assert check(capsys, "--glossary", glossary, doc) == [
        ("a.txt", "names.glossary", "Sergei Lavrov", 17, "Sergey Lavrov"),
        ("a.txt", "names.romanization", "Sergei", 44, "Sergey"),
    ]
    assert check(capsys, doc) == [("a.txt", "names.romanization", "Sergey", 66, "Sergei")]


def test_near_and_case_ending_suggest_the_glossary_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "Minister Vladimir Kolokolsev spoke. Kolokolsev later added details, and Kolokoltsev agreed.\n"
        "Alexei Navalnyy was moved. Supporters of Navalnogo protested.\n"
    )
    doc = write(tmp_path / "a.txt", text)
    glossary = write(tmp_path / "names.tsv", "Kolokoltsev\nNavalny\n")
    navalnyy, navalnogo = text.index("Navalnyy"), text.index("Navalnogo")
    assert check(capsys, "--glossary", glossary, doc) == [
        ("a.txt", "names.near", "Kolokolsev", 18, "Kolokoltsev"),
        ("a.txt", "names.near", "Kolokolsev", 36, "Kolokoltsev"),
        ("a.txt", "names.glossary", "Navalnyy", navalnyy, "Navalny"),
        ("a.txt", "names.case-ending", "Navalnogo", navalnogo, "Navalny"),
    ]
    assert check(capsys, doc) == [
        ("a.txt", "names.near", "Kolokoltsev", 72, "Kolokolsev"),
        ("a.txt", "names.case-ending", "Navalnogo", navalnogo, "Navalnyy"),
    ]


def test_corpus_scope_with_a_glossary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        write(corpus / f"{name}.txt", "Later, President Zelenskiy spoke in Kyiv.\n")
    write(corpus / "d.txt", "Later, President Zelensky spoke in Kyiv.\n")
    glossary = write(tmp_path / "names.tsv", "Zelensky\n")
    assert check(capsys, "--scope", "corpus", str(corpus)) == [
        ("d.txt", "names.romanization", "Zelensky", 17, "Zelenskiy")
    ]
    assert check(capsys, "--scope", "corpus", "--glossary", glossary, str(corpus)) == [
        (f"{name}.txt", "names.glossary", "Zelenskiy", 17, "Zelensky") for name in ("a", "b", "c")
    ]
