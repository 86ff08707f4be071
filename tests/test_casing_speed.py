"""Exactness of the fast paths of the casing, repetition and script kinds against plain readings."""

from __future__ import annotations

import random
import sys
from itertools import pairwise

import pytest
import regex

from mtqa.document import Document, pick
from mtqa.finding import Span
from mtqa.kinds import _casing_words, casing, repetition, script
from mtqa.lexicon import FUNCTION_WORDS
from mtqa.rulefile import builtin_rules_dir, load_rules
from tests.shared_data import WMT, need


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
    assert pick(items, []) == ()
    assert pick(items, [2]) == ("c",)
    assert pick(items, [3, 0, 3]) == ("d", "a", "d")
    doc = Document("t.txt", "Kabul kabul the State and state. State Duma met the state duma; kabul.")
    shared = _casing_words.Words(doc.text, doc.tokens)
    for written in ({"kabul"}, {"State", "state"}, set(), {"the"}):
        assert list(shared.at(written)) == shared.among(shared.spots, written)


def _plain_phrases(doc: Document) -> list[tuple[int, int, str | None, tuple[Span, ...], int]]:
    """casing.phrases read token by token from its definition (see ``casing._check_phrases``)."""
    tokens = doc.tokens
    texts, starts, ends, text = tokens.texts, tokens.starts, tokens.ends, doc.text
    n = len(texts)
    title = {w for w in texts if w[:1].isupper() and w[1:].islower() and w.isalpha()}
    heads = {w for w in title if w.lower() in set(texts)}
    starters = {w.lower() for w in heads} - _casing_words.PARTICLES - FUNCTION_WORDS

    def mid(i: int) -> bool:
        return not tokens.opening[i] and not tokens.headline[i]

    def spaced(k: int) -> bool:
        return text[ends[k] : starts[k + 1]] == " "

    titles: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for i in range(n - 1):
        if texts[i] in heads and mid(i) and texts[i + 1] in title and spaced(i):
            run = 2
            while run < 4 and i + run < n and texts[i + run] in title and spaced(i + run - 1):
                run += 1
            key = tuple(w.lower() for w in texts[i : i + run])
            for size in range(2, run + 1):
                titles.setdefault(key[:size], []).append((i, i + size))
    found = []
    taken: set[int] = set()
    for i in range(n - 1):
        if texts[i] not in starters or not mid(i) or i in taken:
            continue
        for size in (4, 3, 2):
            key = tuple(w.lower() for w in texts[i : i + size])
            if len(key) == size and key in titles and texts[i + size - 1] in title \
                    and all(spaced(k) for k in range(i, i + size - 1)) and all(w.isalpha() for w in texts[i : i + size]):
                taken.update(range(i, i + size))
                related = tuple(Span(starts[a], ends[b - 1]) for a, b in titles[key])
                found.append((starts[i], ends[i + size - 1], " ".join(w.capitalize() for w in key), related,
                              len(titles[key])))
                break
    return found


def _phrases(doc: Document) -> list[tuple[int, int, str | None, tuple[Span, ...], int]]:
    rule = _PHRASES_RULE
    return [(f.start, f.end, f.suggestion, f.related, len(f.related)) for f in casing.check(rule, doc)]


_PHRASES_RULE = next(r for r in load_rules([builtin_rules_dir()]).rules if r.id == "casing.phrases")


def test_phrases_match_a_token_by_token_reading() -> None:
    rng = random.Random(5)
    pieces = ["State Duma", "state Duma", "state duma", "State Duma Budget Committee", "state Duma Budget Committee",
              "state duma Budget", "Foreign Minister", "foreign Minister", "foreign minister Lavrov", "De Bruyne",
              "de Bruyne", "The Hague", "the Hague", "said", "the", "met", "state", "Minister", "X2 State", "STATE Duma"]
    gaps = [" ", " ", " ", " ", "  ", ", ", ". ", "\n"]
    found = 0
    for _ in range(400):
        parts = ["It"]
        for _ in range(rng.randrange(1, 30)):
            parts += [rng.choice(gaps), rng.choice(pieces)]
        doc = Document("t.txt", "".join(parts))
        expected = _plain_phrases(doc)
        found += len(expected)
        assert _phrases(doc) == expected
    assert found > 300


def test_phrases_match_a_token_by_token_reading_on_the_corpus() -> None:
    for path in sorted(need(WMT).glob("*/*.en"))[::6]:
        doc = Document(str(path), path.read_text(encoding="utf-8"))
        assert _phrases(doc) == _plain_phrases(doc)


def test_split_of_the_words() -> None:
    doc = Document("t.txt", "Kabul kabul the State and state covid-19 KHL")
    shared = _casing_words.Words(doc.text, doc.tokens)
    rare, others = shared.split
    assert "kabul" in rare and "the" not in rare and {"Kabul", "State", "KHL"} <= set(others)
