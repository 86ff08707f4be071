"""Focused tests of mtqa.names: key, gazetteer, morphology, mentions, glossary, corpus mode, seed."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from mtqa.document import Document
from mtqa.engine import check_corpus, check_document
from mtqa.kinds import names as names_kind
from mtqa.names.gazetteer import fold, is_country, is_demonym, is_place, is_place_word
from mtqa.names.glossary import GlossaryError, load_glossary
from mtqa.names.mentions import extract_mentions
from mtqa.names.morphology import (
    TITLES,
    inflection_bases,
    is_first_name,
    is_male_first_name,
    is_russian_first_name,
    is_title,
    looks_like_russian_surname,
    russian_name_score,
)
from mtqa.names.romanization import romanizable, romanization_key
from mtqa.rule import Rule
from mtqa.rulefile import builtin_rules_dir, load_rules
from tests.shared_data import SEED, SEED_GOLD, need

RULES = {r.id: r for r in load_rules([builtin_rules_dir()]).rules if r.id.startswith("names.")}

SAME_KEY = [
    ("Sergei", "Sergey"),
    ("Yevgeny", "Evgeny", "Yevgeniy", "Evgenii"),
    ("Alexei", "Aleksey", "Alexey", "Aleksei"),
    ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii"),
    ("Khodorkovsky", "Hodorkovsky"),
    ("Tchaikovsky", "Chaikovsky"),
    ("Deir-ez-Zor", "Deir ez-Zor"),
    ("Navalny", "Navalnyy", "Navalniy"),
    ("Shchukin", "Schukin", "Shhukin"),
    ("Tsvetkov", "Tzvetkov"),
    ("Yuri", "Yury", "Yuriy", "Iurii"),
    ("Natalya", "Natalia", "Natalja"),
    ("Pyotr", "Petr"),
    ("Gorbachev", "Gorbachyov", "Gorbachov"),
    ("Dmitriev", "Dmitriyev"),
]
DIFFERENT_KEY = [
    ("Iran", "Iraq"),
    ("Austria", "Australia"),
    ("Slovakia", "Slovenia"),
    ("Niger", "Nigeria"),
    ("Syria", "Serbia"),
    ("Georgia", "George"),
    ("Sergey", "Sergeyev"),
    ("Russia", "Prussia"),
    ("Ivanov", "Ivanova"),
]


@pytest.mark.parametrize("forms", SAME_KEY, ids=["/".join(f) for f in SAME_KEY])
def test_romanizations_share_a_key(forms: tuple[str, ...]) -> None:
    keys = {romanization_key(f) for f in forms}
    assert len(keys) == 1


@pytest.mark.parametrize("pair", DIFFERENT_KEY, ids=["/".join(p) for p in DIFFERENT_KEY])
def test_different_entities_have_different_keys(pair: tuple[str, str]) -> None:
    assert romanization_key(pair[0]) != romanization_key(pair[1])


def test_key_reads_as_cyrillic() -> None:
    assert romanization_key("Khodorkovsky") == "ходорковски"
    assert romanizable("Lavrov") and not romanizable("Washington") and not romanizable("Alexei")


def test_gazetteer() -> None:
    assert fold("Deir-ez-Zor") == fold("deir ez zor") == "deir ez zor"
    for place in (
        "Russia",
        "Syria",
        "Iraq",
        "Moscow",
        "Kyiv",
        "Kiev",
        "Rostov-on-Don",
        "Deir ez-Zor",
        "Chechnya",
    ):
        assert is_place(place), place
    for word in ("Lavrov", "Sergey", "Prussian", "Syrian"):
        assert not is_place(word), word
    assert is_country("Russian Federation") and not is_country("Moscow")
    assert is_place_word("Zor") and not is_place("Zor")
    assert is_demonym("Syrian") and is_demonym("Americans") and not is_demonym("Syria")


def test_morphology() -> None:
    assert {"minister", "president", "deputy"} <= TITLES and is_title("Mr.") and is_title("Minister")
    assert is_first_name("Sergey") and is_first_name("sergei") and not is_first_name("Lavrov")
    assert is_russian_first_name("Yevgeny") and not is_russian_first_name("Mark")
    assert is_male_first_name("Pyotr") and not is_male_first_name("Anna")
    assert russian_name_score("Lavrov") == 1.0
    assert russian_name_score("Navalny") == 0.5
    assert russian_name_score("Shoigu") == 0.2
    assert russian_name_score("Washington") == 0.0
    assert looks_like_russian_surname("Zelenskiy") and not looks_like_russian_surname("zelenskiy")
    assert inflection_bases("Lavrova") == ("Lavrov",)
    assert inflection_bases("Lavrovu") == ("Lavrov",)
    assert inflection_bases("Sergeya") == ("Sergey",)
    assert "Navalny" in inflection_bases("Navalnogo")
    assert "Zelensky" in inflection_bases("Zelenskogo")
    assert inflection_bases("Maria") == ()


def test_mentions_with_offsets_and_context() -> None:
    text = "Later Minister Oleg Bortnikov met Osama bin Laden near Deir ez-Zor and al-Assad."
    mentions = extract_mentions(Document("t", text))
    singles = {m.text: m for m in mentions if m.words == 1}
    multi = [m.text for m in mentions if m.words > 1]
    assert "Later" not in singles  # a common word first in its sentence
    assert singles["Bortnikov"].introduced and singles["Bortnikov"].given == "Oleg"
    assert singles["Oleg"].introduced  # after the title
    assert singles["al-Assad"].start == text.index("al-Assad")
    assert multi == ["Minister Oleg Bortnikov", "Osama bin Laden", "Deir ez-Zor"]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def _glossary_rule(path: Path) -> Rule:
    return names_kind.with_glossary(RULES["names.glossary"], load_glossary(path))


@pytest.mark.parametrize("suffix", [".tsv", ".yaml"])
def test_glossary_files(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"names{suffix}"
    if suffix == ".tsv":
        path.write_text(
            "# canonical, variants\nSergey Lavrov\tS. Lavrov\nZelensky\tZelenskij\n", encoding="utf-8"
        )
    else:
        path.write_text(
            "- canonical: Sergey Lavrov\n  variants: [S. Lavrov]\n- canonical: Zelensky\n", encoding="utf-8"
        )
    glossary = load_glossary(path)
    assert glossary.canonical_for("Zelenskiy") == "Zelensky"
    assert glossary.canonical_for("Zelensky") is None
    assert glossary.canonical_for("Sergei Lavrov") == "Sergey Lavrov"
    text = "President Zelenskyy met Sergei Lavrov."
    found = check_document(Document("t", text), [_glossary_rule(path)])
    assert [(f.text, f.suggestion, f.start) for f in found] == [
        ("Zelenskyy", "Zelensky", 10),
        ("Sergei Lavrov", "Sergey Lavrov", 24),
    ]


def test_glossary_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("Zelensky\tZelenskiy\nZelenskyy\tZelenskiy\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=re.escape("bad.tsv")):
        load_glossary(bad)
    empty_cell = tmp_path / "cells.tsv"
    empty_cell.write_text("Zelensky\t\tZelenskiy\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=re.escape("cells.tsv:1")):
        load_glossary(empty_cell)
    with pytest.raises(GlossaryError, match=re.escape("a .tsv, .yaml or .yml")):
        (tmp_path / "g.txt").write_text("x", encoding="utf-8")
        load_glossary(tmp_path / "g.txt")


def test_corpus_scope_flags_the_minority_files_only() -> None:
    rule = RULES["names.romanization"]
    majority = "President Zelensky spoke in Kyiv on {day}."
    docs = [
        Document(f"d{i}.txt", majority.format(day=day))
        for i, day in enumerate(("Monday", "Tuesday", "Friday"))
    ]
    docs.append(Document("odd.txt", "Later, President Zelenskyy said no."))
    per_doc = check_corpus(docs, [rule])
    assert [len(f) for f in per_doc] == [0, 0, 0, 1]
    (finding,) = per_doc[3]
    assert (finding.text, finding.suggestion, finding.start) == ("Zelenskyy", "Zelensky", 17)
    assert "this corpus" in finding.message
    # Each file alone is consistent.
    assert all(check_document(d, [rule]) == () for d in docs)


def test_corpus_scope_keeps_truncation_to_each_document() -> None:
    rule = RULES["names.truncated"]
    docs = [
        Document("a.txt", "Minister Oleg Bortnikov spoke."),
        Document("b.txt", "Later Bortnik added that talks go on."),
        Document("c.txt", "Minister Oleg Bortnikov spoke. Bortnik added more."),
    ]
    per_doc = check_corpus(docs, [rule])
    assert [[f.text for f in fs] for fs in per_doc] == [[], [], ["Bortnik"]]
    assert per_doc[2][0].related and per_doc[2][0].related[0].start == docs[2].text.index("Bortnikov")


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="check"):
        names_kind.parse({"check": "everything"})
    with pytest.raises(ValueError, match="score_cutoff"):
        names_kind.parse({"check": "near", "score_cutoff": 20})
    assert replace(names_kind.parse({"check": "near"})).score_cutoff == 90.0


def test_seed_truncated_name_is_flagged_and_clean_words_are_not() -> None:
    need(SEED)
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    findings = check_document(Document(str(SEED), text), [r for r in RULES.values() if r.enabled])
    truncated = [e for e in gold["errors"] if e["kind"] == "name_variant"]
    assert truncated
    for error in truncated:
        m = re.search(r"(?<!\w)" + re.escape(error["text"]) + r"(?!\w)", text)
        assert m is not None
        hits = [f for f in findings if f.start == m.start() and f.end == m.end()]
        assert [(h.rule, h.severity.value, h.suggestion) for h in hits] == [
            ("names.truncated", "warning", error["canonical"])
        ]
    for word in gold["clean"]:
        for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
            assert not [f for f in findings if f.start < m.end() and m.start() < f.end], word
    assert len(findings) == len(truncated)
