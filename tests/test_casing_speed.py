"""Exactness of the fast paths of the casing, repetition and script kinds against plain readings."""

from __future__ import annotations

import random
import sys
from itertools import pairwise

import pytest
import regex

from mtqa.document import Document
from mtqa.kinds import _casing_words, repetition, script


def _slow_neighbours(texts: tuple[str, ...]) -> list[int]:
    """The equal neighbours in any case, read one pair at a time."""
    return [i for i, (a, b) in enumerate(pairwise(texts)) if a.lower() == b.lower()]


def test_same_lengths_marks_every_pair_of_one_length() -> None:
    texts = ("ab", "cd", "e", "F", "gh", "ijk", "lmn", "op")
    assert repetition._same_lengths(texts) == [0, 2, 5]


def test_words_of_256_characters_or_more_are_compared_too() -> None:
    long_word = "a" * 300
    texts = ("x", long_word, long_word.upper(), "y" * 256, "z" * 256, "w")
    assert repetition._same_lengths(texts) == [1, 3]
    assert repetition._equal_neighbours(texts, " ".join(texts)) == _slow_neighbours(texts) == [1]


def test_equal_neighbours_match_a_pair_by_pair_reading_of_random_words() -> None:
    rng = random.Random(7)
    found = 0
    for n in range(300):
        letters = "aAbBσΣςßi" + ("İ" if n % 5 == 0 else "")  # "İ" takes another path
        texts: list[str] = []
        for _ in range(rng.randrange(0, 30)):
            if texts and rng.random() < 0.5:  # the word before, its letters' case flipped at random
                texts.append("".join(c.swapcase() if rng.random() < 0.3 else c for c in texts[-1]))
            else:
                size = rng.choice((1, 2, 3, 255, 256, 257))
                texts.append("".join(rng.choice(letters) for _ in range(size)))
        words = tuple(texts)
        expected = _slow_neighbours(words)
        found += len(expected)
        assert repetition._equal_neighbours(words, " ".join(words)) == expected
    assert found > 500


def test_spots_read_the_kept_numbers_as_they_grow() -> None:
    # Documents of growing and shrinking length: the kept numbers are extended, never cut.
    for size in (3, 40, 7, 120):
        text = " ".join(["Kabul kabul the State and state"] * size)
        doc = Document("t.txt", text)
        shared = _casing_words.Words(doc.text, doc.tokens)
        wanted = shared.heads | shared.starters | shared.rare_words
        assert list(shared.spots) == [i for i, w in enumerate(shared.texts) if w in wanted]
        assert len(shared.spots) == 4 * size  # Kabul, kabul, State, state


_EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize(("fast", "plain"), [
    (script._CYRILLIC_RUN, r"\p{Cyrillic}+"),
    (script._MARK, r"\p{M}"),
])
def test_script_scans_find_what_the_plain_patterns_find(fast: regex.Pattern[str], plain: str) -> None:
    slow = regex.compile(plain, regex.V1)
    # Every character of Unicode, in order: a letter of the script or a mark below the
    # range that the fast scan skips would be missed.
    assert [m.span() for m in fast.finditer(_EVERY_CHARACTER)] == [m.span() for m in slow.finditer(_EVERY_CHARACTER)]
    rng = random.Random(11)
    pieces = ["Мос", "ква", "а", "ё", "\u0301", "\u0483", "e", "x", "1", " ", ".", "’", "\n", "ѣ", "Ԙ", "\u1c80", "é"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 25)))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


def test_pick_and_at_read_what_indexing_reads() -> None:
    items = ("a", "b", "c", "d")
    assert _casing_words.pick(items, []) == ()
    assert _casing_words.pick(items, [2]) == ("c",)
    assert _casing_words.pick(items, [3, 0, 3]) == ("d", "a", "d")
    doc = Document("t.txt", "Kabul kabul the State and state. State Duma met the state duma; kabul.")
    shared = _casing_words.Words(doc.text, doc.tokens)
    for written in ({"kabul"}, {"State", "state"}, set(), {"the"}):
        assert list(shared.at(written)) == shared.among(shared.spots, written)
