"""The annotated corpus: every gold file fits its text and the contract, and the corpus covers every kind."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from mtqa.evaluate import resolve_gold
from mtqa.finding import Kind
from tests.shared_data import REPO, SEED, SEED_GOLD, need

CORPUS = REPO / "corpus"
GOLDS = sorted(CORPUS.glob("*.gold.json"))
SEED_NAME = SEED.name
#: Kinds a checker can find from the English alone (CONTRACT.md section 2).
SOURCE_AWARE = {Kind.NUMBER_MISMATCH, Kind.NAME_MISMATCH, Kind.UNTRANSLATED_SEGMENT, Kind.OMISSION, Kind.MISTRANSLATION}
TARGET_SIDE = [k.value for k in Kind if k not in SOURCE_AWARE]


def load(path: Path) -> tuple[dict[str, object], str]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / raw["file"]).read_text(encoding="utf-8")
    return raw, text


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


@pytest.mark.parametrize("path", GOLDS, ids=[p.name for p in GOLDS])
def test_gold_fits_its_text(path: Path) -> None:
    raw, text = load(path)
    assert raw["file"] == path.name.removesuffix(".gold.json") + ".txt"
    gold = resolve_gold(raw, text, str(path))  # raises when an error or clean word is not where it says
    assert len(gold.errors) == len(raw["errors"])  # type: ignore[arg-type]
    for error, entry in zip(gold.errors, raw["errors"], strict=True):  # type: ignore[call-overload]
        assert text[error.start : error.end] == entry["text"]
        assert error.kind in {k.value for k in Kind}
    spans = sorted((e.start, e.end, e.kind) for e in gold.errors)
    assert len(set(spans)) == len(spans), "an error annotated twice"


@pytest.mark.parametrize("path", GOLDS, ids=[p.name for p in GOLDS])
def test_script_kinds_hold_what_they_say(path: Path) -> None:
    raw, text = load(path)
    for error in resolve_gold(raw, text, str(path)).errors:
        scripts = {unicodedata.name(c).split()[0] for c in error.text if c.isalpha()}
        if error.kind == "homoglyph":  # a Cyrillic letter inside a Latin word (or unit)
            assert "CYRILLIC" in scripts and ("LATIN" in scripts or "°" in error.text), error
        if error.kind == "untranslated_cyrillic":
            assert scripts == {"CYRILLIC"}, error


def test_the_corpus_has_the_documents_the_issue_asks_for() -> None:
    docs = [load(p) for p in GOLDS]
    written = [(raw, text) for raw, text in docs if raw["file"] != SEED_NAME]
    clean = [(raw, text) for raw, text in written if not raw["errors"]]
    assert len(written) - len(clean) >= 12
    assert len(clean) >= 3
    for raw, text in written:
        assert 150 <= word_count(text) <= 400, raw["file"]
        assert raw["clean"], f"{raw['file']}: no clean words annotated"


def test_every_target_side_kind_appears_at_least_twice() -> None:
    kinds: Counter[str] = Counter()
    must: Counter[str] = Counter()
    for path in GOLDS:
        raw, _ = load(path)
        if raw["file"] == SEED_NAME:
            continue
        for error in raw["errors"]:  # type: ignore[attr-defined]
            kinds[error["kind"]] += 1
            must[error["kind"]] += error["must"]
    short = {k: kinds[k] for k in TARGET_SIDE if kinds[k] < 2}
    assert short == {}
    assert kinds["mistranslation"] >= 2
    # Every kind a checker can surely find from the English has must-catch errors to measure.
    no_must = [k for k in TARGET_SIDE if must[k] < 2 and k not in {"style", "grammar", "calque"}]
    assert no_must == []


def test_the_seed_copy_is_the_shared_seed() -> None:
    need(SEED)
    assert (CORPUS / SEED.name).read_bytes() == SEED.read_bytes()
    assert (CORPUS / SEED_GOLD.name).read_bytes() == SEED_GOLD.read_bytes()


def test_no_written_document_reuses_the_seed_error_tokens() -> None:
    seed_gold = json.loads((CORPUS / SEED_GOLD.name).read_text(encoding="utf-8"))
    distinctive = {"garbled_token", "name_variant", "casing_variant", "random_capitalisation"}
    generic = {"eastern", "state", "minister", "ministry", "foreign", "islamic"}
    tokens = {w.lower() for e in seed_gold["errors"] if e["kind"] in distinctive
              for w in re.findall(r"\w+", e["text"])} - generic
    assert len(tokens) >= 4
    for path in GOLDS:
        raw, text = load(path)
        if raw["file"] == SEED_NAME:
            continue
        words = {w.lower() for w in re.findall(r"\w+", text)}
        assert words & tokens == set(), raw["file"]
