"""repetition: the doubled-word rule and its fast search for equal neighbours."""

from __future__ import annotations

import sys
from itertools import pairwise

import pytest

from mtqa.document import Document
from mtqa.finding import Kind, Severity
from mtqa.kinds import repetition
from mtqa.rule import Rule
from tests.shared_data import WMT, need


def _rule(allow: tuple[str, ...] = ()) -> Rule:
    return Rule(
        id="test.doubled", kind="repetition", finding_kind=Kind.DOUBLED_WORD, severity=Severity.WARNING,
        message="{found}", options=repetition.parse({"allow": list(allow)}),
    )


def _found(text: str, allow: tuple[str, ...] = ()) -> list[tuple[int, int, str, str | None]]:
    return [(f.start, f.end, f.text, f.suggestion) for f in repetition.check(_rule(allow), Document("t", text))]


def _slow(texts: tuple[str, ...]) -> list[int]:
    """The equal neighbours, read one pair at a time."""
    return [i for i, (a, b) in enumerate(pairwise(texts)) if a.lower() == b.lower()]


def test_only_one_character_is_longer_in_lower_case() -> None:
    longer = [chr(c) for c in range(sys.maxunicode + 1) if len(chr(c).lower()) != 1]
    assert longer == [repetition._LONGER_IN_LOWER_CASE]


def test_doubled_words_in_any_case_and_what_is_left_alone() -> None:
    text = "The the plan was was good. He said so. So it went, went home.\nhome again 12 12 and and"
    assert _found(text) == [
        (0, 7, "The the", "The"),
        (13, 20, "was was", "was"),
        (79, 86, "and and", "and"),
    ]
    assert _found(text, allow=("AND",)) == [(0, 7, "The the", "The"), (13, 20, "was was", "was")]


def test_a_word_longer_in_lower_case_is_still_found() -> None:
    # "İ" lower-cases to two characters ("i" and a combining dot, which no token holds).
    assert _found("In İstanbul İSTANBUL and Istanbul ıstanbul.") == [(3, 20, "İstanbul İSTANBUL", "İstanbul")]
    # Words of different lengths as written that are equal in lower case.
    texts = ("x", "İa", "i\u0307a", "b")
    assert repetition._equal_neighbours(texts, " ".join(texts)) == _slow(texts) == [1]


def test_equal_neighbours_match_a_pair_by_pair_reading_on_the_corpus() -> None:
    for path in sorted(need(WMT).glob("*/*.en"))[:6]:
        text = path.read_text(encoding="utf-8")
        texts = Document(str(path), text).tokens.texts
        found = repetition._equal_neighbours(texts, text)
        assert found == _slow(texts)
        assert found  # each of these documents has some ("that that", "the The")


@pytest.mark.parametrize("text", ["", "word", "a b"])
def test_short_texts(text: str) -> None:
    texts = Document("t", text).tokens.texts
    assert repetition._equal_neighbours(texts, text) == _slow(texts) == []
