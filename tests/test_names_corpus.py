"""Corpus mode of the names kind: per-document indexes, kept in the result cache, pooled per run.

The per-document index (``names.corpus_index``) is plain data: JSON round trips
give the same findings. ``mtqa check --scope corpus`` reads the indexes of
unchanged files from the cache, so a run after one file changed extracts that
file alone; the per-file pre-commit hook's run fills the same entries.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mtqa import run
from mtqa.cli import main
from mtqa.document import Document
from mtqa.engine import check_corpus, check_document
from mtqa.kinds import corpus_wide
from mtqa.kinds import names as names_kind
from mtqa.rulefile import builtin_rules_dir, load_rules
from mtqa.wmt import read_documents
from tests.shared_data import WMT, need

RULES = {r.id: r for r in load_rules([builtin_rules_dir()]).rules if r.id.startswith("names.")}
ENABLED = [r for r in RULES.values() if r.enabled]


def test_which_rules_compare_documents() -> None:
    assert {r.id for r in RULES.values() if corpus_wide(r)} == {"names.romanization", "names.near", "names.glossary"}


def _wmt_documents() -> list[Document]:
    """The first 40 documents of wmt22, as the reference and two MT systems write them."""
    folder = need(WMT / "wmt22")
    docs = []
    for name in ("ref.A.en", "hyp.Online-A.en", "hyp.Online-B.en"):
        docs += [Document(f"{name}#{d.doc_id}", d.text) for d in read_documents(folder, name)[:40]]
    return docs


def test_indexes_are_plain_data_and_give_the_same_findings() -> None:
    docs = _wmt_documents()
    indexes = [names_kind.corpus_index(d) for d in docs]
    stored = json.loads(json.dumps(indexes))
    for rule in ENABLED:
        computed = list(names_kind.check_corpus(rule, docs))
        assert list(names_kind.check_corpus(rule, docs, stored)) == computed
        assert list(names_kind.check_corpus(rule, docs, indexes)) == computed
    assert check_corpus(docs, ENABLED, {"names": stored}) == check_corpus(docs, ENABLED)
    # Three translations of the same articles: the corpus sees romanizations the documents alone do not.
    across = [f for fs in check_corpus(docs, [RULES["names.romanization"]]) for f in fs]
    alone = [f for d in docs for f in check_document(d, [RULES["names.romanization"]])]
    assert len(across) > len(alone) > 0


def test_check_corpus_without_indexes_still_works() -> None:
    docs = [
        Document("a.txt", "President Zelensky spoke in Kyiv. Minister Oleg Bortnikov met Bortnik."),
        Document("b.txt", "President Zelensky spoke again."),
        Document("c.txt", "Later, President Zelenskyy said no."),
    ]
    per_doc = check_corpus(docs, ENABLED)
    assert [[(f.rule, f.text, f.suggestion) for f in fs] for fs in per_doc] == [
        [("names.truncated", "Bortnik", "Bortnikov")],
        [],
        [("names.romanization", "Zelenskyy", "Zelensky")],
    ]


class Spy:
    """Counts the calls of a real function (and calls it)."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.calls: list[str] = []

    def __call__(self, doc: Document, *args: Any) -> Any:
        self.calls.append(Path(doc.path).name)
        return self.real(doc, *args)


@pytest.fixture()
def spies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Spy, Spy]]:
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    index = Spy(names_kind.corpus_index)
    checked = Spy(check_document)
    monkeypatch.setattr(names_kind, "corpus_index", index)
    monkeypatch.setattr(run, "check_document", checked)
    yield index, checked


def report(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, str, str, int]]:
    code = main(["check", "--format", "json", "--fail-on", "never", *args])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return [
        (Path(f["path"]).name, x["rule"], x["text"], x["start"])
        for f in json.loads(out)["files"]
        for x in f["findings"]
        if x["rule"].startswith("names.")
    ]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(4):
        (folder / f"d{i}.txt").write_text(f"President Zelensky spoke in Kyiv on day {i}.\n", encoding="utf-8")
    (folder / "odd.txt").write_text("Later, President Zelenskyy said no.\n", encoding="utf-8")
    return folder


def test_a_corpus_run_reindexes_only_the_changed_file(
    tmp_path: Path, spies: tuple[Spy, Spy], capsys: pytest.CaptureFixture[str]
) -> None:
    index, checked = spies
    corpus = _corpus(tmp_path / "corpus")
    first = report(capsys, "--scope", "corpus", str(corpus))
    assert first == [("odd.txt", "names.romanization", "Zelenskyy", 17)]
    assert sorted(index.calls) == sorted(checked.calls) == ["d0.txt", "d1.txt", "d2.txt", "d3.txt", "odd.txt"]
    index.calls.clear()
    checked.calls.clear()
    assert report(capsys, "--scope", "corpus", str(corpus)) == first
    assert index.calls == checked.calls == []
    # Two files now write Zelenskyy, three Zelensky: the finding moves with the majority.
    (corpus / "d0.txt").write_text("Later, President Zelenskyy said yes.\n", encoding="utf-8")
    changed = report(capsys, "--scope", "corpus", str(corpus))
    assert index.calls == checked.calls == ["d0.txt"]
    assert changed == [
        ("d0.txt", "names.romanization", "Zelenskyy", 17),
        ("odd.txt", "names.romanization", "Zelenskyy", 17),
    ]
    assert report(capsys, "--scope", "corpus", "--no-cache", str(corpus)) == changed


def test_the_per_file_and_the_corpus_hooks_share_the_cache(
    tmp_path: Path, spies: tuple[Spy, Spy], capsys: pytest.CaptureFixture[str]
) -> None:
    index, checked = spies
    corpus = _corpus(tmp_path / "corpus")
    report(capsys, "--scope", "corpus", str(corpus))
    (corpus / "d1.txt").write_text("Minister Oleg Bortnikov spoke. Bortnik said Zelenskyy agreed.\n", encoding="utf-8")
    index.calls.clear()
    checked.calls.clear()
    # The per-file hook: document scope, one file; it indexes the file as it checks it.
    assert report(capsys, str(corpus / "d1.txt")) == [("d1.txt", "names.truncated", "Bortnik", 31)]
    assert index.calls == checked.calls == ["d1.txt"]
    index.calls.clear()
    checked.calls.clear()
    # The corpus hook then reads everything from the cache.
    assert report(capsys, "--scope", "corpus", str(corpus)) == [
        ("d1.txt", "names.truncated", "Bortnik", 31),
        ("d1.txt", "names.romanization", "Zelenskyy", 44),
        ("odd.txt", "names.romanization", "Zelenskyy", 17),
    ]
    assert index.calls == checked.calls == []


def test_a_finding_of_a_corpus_rule_in_document_scope_is_not_kept_in_corpus_scope(
    tmp_path: Path, spies: tuple[Spy, Spy], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Zelenskyy spoke. Later Zelenskyy and Zelensky left.\n", encoding="utf-8")
    for i in range(3):
        (corpus / f"b{i}.txt").write_text("Later, President Zelensky said no.\n", encoding="utf-8")
    alone = report(capsys, str(corpus))
    assert alone == [("a.txt", "names.romanization", "Zelensky", 37)]
    across = report(capsys, "--scope", "corpus", str(corpus))
    assert across == [("a.txt", "names.romanization", "Zelenskyy", 0), ("a.txt", "names.romanization", "Zelenskyy", 23)]

