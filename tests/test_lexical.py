"""Focused tests of the lexical rules: the lexicon, option errors, the seed, the reference audit.

The seed's expected errors and clean words are read from its gold file, never
written here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mtqa.audit import findings_on_references, read_audit, reference_documents, word_count
from mtqa.document import Document
from mtqa.engine import check_document
from mtqa.finding import Severity
from mtqa.kinds import acronym, capitalisation, garbled
from mtqa.lexicon import (
    WordTable,
    english_shape,
    is_common_word,
    is_known,
    is_proper_word,
    pos,
    unknown_words,
    zipf,
)
from mtqa.rule import OptionError, Rule
from mtqa.rulefile import builtin_rules_dir, load_rules
from tests.shared_data import REPO, SEED, SEED_GOLD, WMT, need

RULES: tuple[Rule, ...] = tuple(r for r in load_rules([builtin_rules_dir()]).rules if r.id.startswith("lexical."))
BY_KIND = {
    "garbled_token": {"lexical.garbled-token", "lexical.garbled-lowercase"},
    "random_capitalisation": {"lexical.random-capital"},
    "lowercased_acronym": {"lexical.lowercased-acronym"},
}


# --- the lexicon --------------------------------------------------------------------------


def test_word_classes_keep_case() -> None:
    assert pos("eastern") == {"adj"}
    assert pos("Eastern") == frozenset()
    assert pos("Russian") == {"adj", "noun"}
    assert pos("recalled") == {"verb"}
    assert pos("the") == {"det"}
    assert pos("from") == {"prep"}


def test_common_and_proper_words() -> None:
    assert is_common_word("Pentagon") and not is_proper_word("Pentagon")
    assert is_proper_word("July") and is_proper_word("Moscow")
    assert not is_common_word("Moscow")
    assert is_known("Moscow") and is_known("spokesman")
    assert not is_known("Zorvu") and not is_known("vyrabot")


def test_unknown_words_agrees_with_is_known() -> None:
    words = ["the", "Pentagon", "Zorvu", "vyrabot", "2020", "Moscow", "déjà", "mln", "minister"]
    assert unknown_words(words) == {w for w in words if w.isascii() and w.isalpha() and not is_known(w)}
    assert unknown_words(words) == {"Zorvu", "vyrabot", "mln"}


def test_english_shape_tells_transliteration_from_rare_english() -> None:
    assert english_shape("vyrabot") == 0
    assert english_shape("ustoruzhu") == 0
    assert english_shape("pulmonectomy") > 2
    assert english_shape("winterizer") > 2
    assert english_shape("house") > 100


def test_frequency_alone_does_not_make_a_word() -> None:
    # The point of the context checks: web frequency rates French fragments above rare English.
    assert zipf("chez") > zipf("pulmonectomy")
    assert not is_common_word("chez")


def test_zipf_is_wordfreqs_value() -> None:
    """The tables give wordfreq's own number, rounding included (phrases too); other words still ask wordfreq."""
    from wordfreq import zipf_frequency

    words = ["the", "The", "minister", "Syria", "chez", "gare", "pulmonectomy", "qqxqqzzq", "a", "I",
             "don't", "well-known", "déjà", "COVID-19", "Moscow's", "mln", "ZORVU", "café", "Café", "protégé",
             "в", "Straße", "straße", "ǅ", "united states", "Cross-Country Ski", "qqxq zzqz", "well known-ish",
             "Млрд", "путина", "İstanbul", "ǰ", "ŉ", "ΣΑΣ"]
    assert [zipf(w) for w in words] == [float(zipf_frequency(w, "en")) for w in words]


def test_lexical_rules_run_from_the_stored_tables_alone(tmp_path: Path) -> None:
    """Once the tables are built, checking a text loads neither wordfreq nor the packages' files:
    the first run builds them into the data cache, the second reads them back."""
    sample = tmp_path / "one.txt"
    sample.write_text(
        "The talks in the United States ended; it is probably not Zorvu a secret that the vyrabot, "
        "the Eastern part of the well-known café and the млрд figure stayed. Troops left from is bases.\n",
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from mtqa.document import Document\n"
        "from mtqa.engine import check_document\n"
        "from mtqa.rulefile import builtin_rules_dir, load_rules\n"
        "rules = [r for r in load_rules([builtin_rules_dir()]).rules if r.id.startswith('lexical.')]\n"
        f"doc = Document('one.txt', open({str(sample)!r}, encoding='utf-8').read())\n"
        "found = sorted(f.text for f in check_document(doc, rules))\n"
        "print(found, sorted(m for m in ('wordfreq', 'lemminflect', 'spellchecker', 'numpy') if m in sys.modules))\n"
    )
    env = {**os.environ, "MTQA_DATA_DIR": str(tmp_path / "data")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False,
                           cwd=REPO) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    expected = "['Eastern', 'Zorvu', 'is', 'vyrabot']"
    assert runs[0].stdout.split("] [")[0] + "]" == expected  # the build imports wordfreq: no matter
    assert runs[1].stdout.strip() == f"{expected} []"


def test_word_table_binary_search_and_dictionary_agree() -> None:
    words = {f"{a}{b}{c}{d}": n % 200 for n, (a, b, c, d) in enumerate(
        (a, b, c, d) for a in "abcdefghij" for b in "éaz" for c in ("", "x", "yy", "Zé") for d in ("", "q", "rs", "t"))}
    table = WordTable(*WordTable.pack(words, "B"))
    probes = ["", "a", "aé", "aéZé", "jzyyrs", "jzyyy", "k", "A", "é", "aaa", "\ud800"]
    assert len(words) // 20 > 2 * len(probes)  # few probes: binary search until mapping()
    searched = [table.get(w, -1) for w in probes]
    assert searched == [words.get(w, -1) for w in probes]
    assert table.missing(set(probes)) == {w for w in probes if w not in words}
    assert table.mapping() == words
    assert [table.get(w, -1) for w in probes] == searched
    assert table.missing(set(probes)) == {w for w in probes if w not in words}


# --- options --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "raw", "key"),
    [
        (garbled, {"case": "upper"}, "case"),
        (garbled, {"min_length": 1}, "min_length"),
        (garbled, {"max_shape": -1}, "max_shape"),
        (garbled, {"max_zipf": "high"}, "max_zipf"),
        (capitalisation, {"min_length": 0}, "min_length"),
        (capitalisation, {"min_zipf": "often"}, "min_zipf"),
        (acronym, {}, "acronyms"),
        (acronym, {"acronyms": []}, "acronyms"),
        (acronym, {"acronyms": [{"acronym": "us"}]}, "acronyms[0]"),
        (acronym, {"acronyms": [{"acronym": "EU"}, {"acronym": "EU"}]}, "acronyms[1]"),
        (acronym, {"acronyms": [{"acronym": "EU", "when": "always"}]}, "acronyms[0]"),
        (acronym, {"acronyms": [{"acronym": "EU", "evidence": "EU"}]}, "evidence"),
    ],
)
def test_bad_options_name_their_key(module: Any, raw: dict[str, Any], key: str) -> None:
    with pytest.raises(OptionError) as info:
        module.parse(raw)
    assert info.value.key == key


# --- severity by confidence --------------------------------------------------------------------


def test_severity_falls_with_the_context() -> None:
    rule = next(r for r in RULES if r.id == "lexical.garbled-token")
    texts = {
        "It is not Zorvu a secret.": Severity.ERROR,
        "It is not Zorvu for them.": Severity.WARNING,
        "It was Zorvu the weather.": Severity.INFO,
        "It came from Zorvu in May.": None,
    }
    for text, severity in texts.items():
        found = [f for f in check_document(Document("t", text), [rule]) if f.text == "Zorvu"]
        assert [f.severity for f in found] == ([severity] if severity else []), text


def test_messages_explain_why() -> None:
    findings = check_document(Document("t", "It is not Zorvu a secret, Stressing that the eu agreed."), RULES)
    messages = {f.text: f.message for f in findings}
    assert "after 'not' and before 'a'" in messages["Zorvu"]
    assert "verb form" in messages["Stressing"]
    assert "no English word" in messages["eu"]


# --- the seed ---------------------------------------------------------------------------------


def _gold_span(text: str, error: dict[str, Any]) -> tuple[int, int]:
    needle = str(error["text"])
    pattern = re.escape(needle)
    if re.match(r"\w", needle) and re.search(r"\w$", needle):
        pattern = r"(?<!\w)" + pattern + r"(?!\w)"
    m = list(re.finditer(pattern, text))[int(error["occurrence"]) - 1]
    return m.start(), m.end()


def test_seed_lexical_errors_are_caught() -> None:
    text = need(SEED).read_text(encoding="utf-8")
    gold = json.loads(need(SEED_GOLD).read_text(encoding="utf-8"))
    findings = check_document(Document(str(SEED), text), RULES)
    checked = 0
    for error in gold["errors"]:
        rules = BY_KIND.get(error["kind"])
        if rules is None:
            continue
        start, end = _gold_span(text, error)
        hits = [f for f in findings if f.rule in rules and f.start < end and start < f.end]
        assert hits, f"missed {error['text']!r} ({error['kind']})"
        assert all(h.end - h.start <= end - start + 40 for h in hits)
        if error["kind"] == "garbled_token":
            assert max(h.severity.rank for h in hits) >= Severity.WARNING.rank
        if "canonical" in error:
            assert error["canonical"].startswith(hits[0].suggestion or "")
        checked += 1
    assert checked >= 5


def test_seed_clean_words_are_not_flagged() -> None:
    text = need(SEED).read_text(encoding="utf-8")
    gold = json.loads(need(SEED_GOLD).read_text(encoding="utf-8"))
    spans = [_gold_span(text, e) for e in gold["errors"]]
    findings = check_document(Document(str(SEED), text), RULES)
    for word in gold["clean"]:
        for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
            if any(s <= m.start() and m.end() <= e for s, e in spans):
                continue
            assert [f.rule for f in findings if f.start < m.end() and m.start() < f.end] == [], word
    # Everything the lexical rules flag in the seed is a gold error.
    for f in findings:
        assert any(f.start < e and s < f.end for s, e in spans), f"{f.text!r} at {f.start} is no gold error"


# --- the human references ------------------------------------------------------------------------


def test_lexical_findings_on_references_are_audited_and_rare() -> None:
    need(WMT)
    docs = reference_documents(Path(WMT))
    words = word_count(docs)
    audit = read_audit([REPO / "tests" / "audit" / "refs-lexical.tsv"])
    found = findings_on_references(docs, RULES)
    assert [rf.key for rf in found if rf.key not in audit] == []
    assert {rf.key for rf in found} == set(audit), "the audit lists findings the rules no longer raise"
    fp_warning = sum(1 for rf in found if audit[rf.key].verdict == "fp" and rf.finding.severity.rank >= 1)
    fp_info = sum(1 for rf in found if audit[rf.key].verdict == "fp" and rf.finding.severity.rank == 0)
    assert fp_warning * 10_000 / words < 1.0
    assert fp_info * 10_000 / words < 5.0
