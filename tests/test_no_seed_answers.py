"""mtqa finds errors by general mechanisms: no code, rule or list names the seed's error tokens.

The forbidden words are read from the seed's gold file (the distinctive ones:
the tokens of its garbled, truncated, mis-cased and mis-capitalised errors),
so this test does not name them either.
"""

from __future__ import annotations

import json
import re

from tests.shared_data import REPO, SEED_GOLD, need

DISTINCTIVE_KINDS = {"garbled_token", "name_variant", "casing_variant", "random_capitalisation"}
GENERIC = {"eastern", "state", "minister", "ministry", "foreign", "islamic"}
SCANNED = ("mtqa", "rules", "tests", "bench")


def forbidden_words() -> set[str]:
    gold = json.loads(need(SEED_GOLD).read_text(encoding="utf-8"))
    words = set()
    for error in gold["errors"]:
        if error["kind"] in DISTINCTIVE_KINDS:
            words.update(w.lower() for w in re.findall(r"\w+", error["text"]))
    return words - GENERIC


def test_no_file_names_a_seed_error_token() -> None:
    words = forbidden_words()
    assert len(words) >= 4
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(words))) + r")(?!\w)", re.IGNORECASE)
    offenders = []
    for folder in SCANNED:
        for path in (REPO / folder).rglob("*"):
            if path.is_dir() or path.suffix not in {".py", ".yaml", ".yml", ".tsv", ".json", ".toml", ".txt", ".md"}:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(REPO)}: {m.group()}" for m in pattern.finditer(text)]
    assert offenders == []
