"""Focused tests of the casing kind: each mode's findings with exact spans, and the
per-document word tables (``_casing_words``) against their plain definitions,
on words with unusual letters too (a table built by C-level passes must pick
exactly the words the plain tests pick)."""

from __future__ import annotations

import gc

from mtqa.document import Document
from mtqa.engine import check_document
from mtqa.finding import Span
from mtqa.kinds import _casing_words
from mtqa.kinds._casing_words import PARTICLES, Words
from mtqa.lexicon import FUNCTION_WORDS, is_common_word
from mtqa.rulefile import builtin_rules_dir, load_rules

RULES = {r.id: r for r in load_rules([builtin_rules_dir()]).rules if r.kind == "casing"}


def _found(rule_id: str, text: str) -> list[tuple[int, int, str, str | None, tuple[Span, ...], str]]:
    findings = check_document(Document("t.txt", text), [RULES[rule_id]])
    return [(f.start, f.end, f.text, f.suggestion, f.related, f.message) for f in findings]


def test_phrases_longest_form_first_and_each_token_once() -> None:
    text = (
        "Deputies of the State Duma Budget Committee met. Later the state Duma Budget Committee "
        "and the state Duma voted.\nThe State Duma met. He spoke to the state Duma"
    )
    assert _found("casing.phrases", text) == [
        (59, 86, "state Duma Budget Committee", "State Duma Budget Committee", (Span(16, 43),),
         "'state Duma Budget Committee' is written 'State Duma Budget Committee' elsewhere in this document (1x)."),
        (95, 105, "state Duma", "State Duma", (Span(16, 26),),
         "'state Duma' is written 'State Duma' elsewhere in this document (1x)."),
    ]  # "The State Duma" opens a line and the last line is a headline: neither counts


def test_phrases_need_single_spaces_mid_sentence_and_no_particle() -> None:
    text = (
        "He met the Foreign Minister on Monday, as planned by both sides.  Then the foreign Minister left. "
        "Later the foreign  Minister came, and de Bruyne met Kevin De Bruyne.\nForeign Minister Talks Begin\n"
        "The talks went on with the foreign Minister"
    )
    assert _found("casing.phrases", text) == [
        (75, 91, "foreign Minister", "Foreign Minister", (Span(11, 27),),
         "'foreign Minister' is written 'Foreign Minister' elsewhere in this document (1x)."),
    ]


def test_phrases_counts_every_title_case_occurrence() -> None:
    text = "The bill reached the State Duma. It left the State Duma again. Critics of the state Duma spoke, and the State."
    found = _found("casing.phrases", text)
    assert [(s, e, t, rel) for s, e, t, _, rel, _ in found] == [(78, 88, "state Duma", (Span(21, 31), Span(45, 55)))]
    assert found[0][5].endswith("(2x).")


def test_phrases_ignore_a_document_ending_in_a_head_or_its_lower_case_form() -> None:
    assert _found("casing.phrases", "The talks at the State Duma went on. Critics then asked the State.") == []
    assert _found("casing.phrases", "The talks at the State Duma went on. Critics then asked the state.") == []


def test_names_need_a_capital_mid_sentence() -> None:
    text = "Officials in Kabul said so. Trucks left kabul at night. Kabul is far. He went to kabul."
    assert _found("casing.names", text) == [
        (40, 45, "kabul", "Kabul", (Span(13, 18),),
         "'kabul' is written 'Kabul' elsewhere in this document (1x); a name keeps its capital."),
        (81, 86, "kabul", "Kabul", (Span(13, 18),),
         "'kabul' is written 'Kabul' elsewhere in this document (1x); a name keeps its capital."),
    ]
    assert _found("casing.names", "Kabul is far. Trucks left kabul at night.") == []


def test_acronyms_count_the_capitals_and_skip_addresses() -> None:
    text = "The KHL final starts. The KHL said so. Fans of the khl cheered; see khl.ru or site.org/khl. KHL"
    assert _found("casing.acronyms", text) == [
        (51, 54, "khl", "KHL", (), "'khl' is written 'KHL' elsewhere in this document (3x)."),
    ]


def test_lexicon_mode_flags_certain_names_mid_sentence_only() -> None:
    text = "Officials from russia said.\nrussia is big. The syrian army and the soviet union, in january."
    assert [(s, e, t, sug) for s, e, t, sug, _, _ in _found("casing.proper-nouns", text)] == [
        (15, 21, "russia", "Russia"),
        (47, 53, "syrian", "Syrian"),
        (67, 73, "soviet", "Soviet"),
        (84, 91, "january", "January"),
    ]  # the second "russia" opens a line


#: Words whose case the C-level passes must judge as str's own tests do: a
#: title-case digraph, a modifier letter, a long s, final sigma, sharp s,
#: letters without case, digits, hyphens.
ODD_WORDS = (
    "Kabul kabul KHL khl UNESCO unesco covid-19 COVID-19 2021 McDonald Mcdonald ǅemal ǆemal Xʼa xʼa "
    "ſtate State ΟΔΟΣ οδος Οδος Straße STRASSE straße 中文 中a Aб aб Ǳ ǳ I i Ab-cd ab-cd"
)


def _plain_tables(words: frozenset[str]) -> dict[str, frozenset[str]]:
    title = frozenset(w for w in words if w[:1].isupper() and w[1:].islower() and w.isalpha())
    rare = frozenset(w for w in words if w.islower() and w.isalpha() and not is_common_word(w))
    heads = frozenset(w for w in title if w.lower() in words)
    return {
        "title": title,
        "upper_alpha": frozenset(w for w in words if w.isupper() and w.isalpha()),
        "rare_lower": rare,
        "heads": heads,
        "starters": frozenset(w.lower() for w in heads) - PARTICLES - FUNCTION_WORDS,
        "rare_words": rare | {w.capitalize() for w in rare if w.capitalize() in words},
    }


def _words(text: str) -> Words:
    doc = Document("t.txt", text)
    return Words(doc.text, doc.tokens)


def test_word_tables_match_the_plain_definitions() -> None:
    _casing_words.forget()
    shared = _words(ODD_WORDS + " and the state of de " + ODD_WORDS.lower())
    expected = _plain_tables(shared.distinct)
    assert shared.distinct == frozenset(t.text for t in shared.tokens)
    assert shared.title == expected["title"]
    assert frozenset(shared.upper_alpha) == expected["upper_alpha"]
    assert shared.rare_lower == expected["rare_lower"]  # judged by the lexicon
    assert (shared.heads, shared.starters, shared.rare_words) == (
        expected["heads"], expected["starters"], expected["rare_words"])
    again = _words(ODD_WORDS + " the state")  # judged from what the first document taught
    plain = _plain_tables(again.distinct)
    assert again.rare_lower == plain["rare_lower"]
    assert (again.title, frozenset(again.upper_alpha)) == (plain["title"], plain["upper_alpha"])
    assert "Xʼa" in shared.title and "ǅemal" not in shared.title  # where str.istitle says otherwise
    assert "state" in shared.starters and "the" not in shared.starters and "kabul" in shared.rare_lower


def test_spots_are_every_token_a_rule_looks_at() -> None:
    # "khl" also stands inside longer words and tokens ("xkhl", "khl-based"), after a
    # possessive ("Kabul's") and at both ends of the text.
    shared = _words(("khl Kabul's kabul khl-based Khlebnikov xkhl khl KHL, the State and state. " * 3) + ODD_WORDS + " khl")
    texts = shared.texts
    wanted = shared.heads | shared.starters | shared.rare_words
    assert {"khl", "Kabul", "kabul", "State", "state"} <= wanted
    assert list(shared.spots) == [i for i, w in enumerate(texts) if w in wanted]
    assert list(shared.rare_spots) == [i for i, w in enumerate(texts) if w in shared.rare_words]
    assert list(shared.among(shared.spots, {"khl", "State"})) == [i for i, w in enumerate(texts) if w in {"khl", "State"}]


def test_words_are_kept_as_long_as_the_document_lives() -> None:
    doc = Document("t.txt", "The KHL met the khl.")
    shared = _casing_words.words(doc)
    assert _casing_words.words(Document("t.txt", "The KHL met the khl.")) is shared  # an equal document
    assert [f.text for f in check_document(doc, list(RULES.values()))] == ["khl"]
    before = len(_casing_words._KEPT)
    del doc
    gc.collect()
    assert len(_casing_words._KEPT) == before - 1


def test_count_is_the_tokens_written_so() -> None:
    # "KHL" also stands inside longer tokens ("KHLX", "XKHL") and before a possessive.
    shared = _words("KHL KHLX XKHL KHL's khl KHL-based, KHL.")
    for word in ("KHL", "khl", "KHLX", "KH", "based"):
        assert shared.count(word) == shared.texts.count(word)
