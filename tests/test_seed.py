"""The seed article end to end: its must-catch errors found, its clean words left alone.

The expected errors are read from the gold file itself, never written here.
"""

from __future__ import annotations

import json
import re

import pytest

from mtqa.cli import main
from tests.shared_data import SEED, SEED_GOLD, need


def gold_span(text: str, error: dict[str, object]) -> tuple[int, int]:
    needle = str(error["text"])
    pattern = re.escape(needle)
    if re.match(r"\w", needle) and re.search(r"\w$", needle):
        pattern = r"(?<!\w)" + pattern + r"(?!\w)"
    matches = list(re.finditer(pattern, text))
    m = matches[int(str(error["occurrence"])) - 1]
    return m.start(), m.end()


def findings_for(path: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code = main(["check", "--format", "json", path])
    out, _ = capsys.readouterr()
    assert code == 1
    findings: list[dict[str, object]] = json.loads(out)["files"][0]["findings"]
    return findings


# Kinds whose must-catch errors this release finds at warning or above.
KINDS_DONE = {"punctuation_convention", "casing_variant", "abbreviation_variant", "name_variant", "garbled_token"}


def test_seed_must_errors_are_caught_at_warning(capsys: pytest.CaptureFixture[str]) -> None:
    need(SEED)
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    findings = [f for f in findings_for(str(SEED), capsys) if f["severity"] in ("warning", "error")]
    for error in gold["errors"]:
        if not error["must"] or error["kind"] not in KINDS_DONE:
            continue
        start, end = gold_span(text, error)
        hits = [f for f in findings if int(f["start"]) < end and start < int(f["end"])]  # type: ignore[call-overload]
        assert hits, f"missed {error['text']!r} ({error['kind']})"
        if "canonical" in error:
            assert any(h["suggestion"] == error["canonical"] for h in hits)


def test_seed_clean_words_are_not_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    need(SEED)
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    error_spans = [gold_span(text, e) for e in gold["errors"]]
    findings = findings_for(str(SEED), capsys)
    for word in gold["clean"]:
        for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
            if any(s <= m.start() and m.end() <= e for s, e in error_spans):
                continue
            bad = [f for f in findings if int(f["start"]) < m.end() and m.start() < int(f["end"])]  # type: ignore[call-overload]
            assert bad == [], f"clean word {word!r} at {m.start()} flagged by {[f['rule'] for f in bad]}"
