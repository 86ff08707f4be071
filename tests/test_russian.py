"""Russian words in Latin letters (``mtqa.russian``): exact keys, and what is not read."""

from __future__ import annotations

import pytest

from mtqa.names.romanization import cyrillic_key, romanization_key
from mtqa.russian import MIN_LETTERS, russian_reading

READ = [
    ("sintepon", "синтепон"),
    ("zheleznodorozhnik", "железнодорожник"),
    ("uchebnik", "учебник"),
    ("tsvetki", "цветки"),
    ("vzryv", "взрив"),  # взрыв: ы folds to и, as in every key
    ("vzriv", "взрив"),
    ("dorassledovanie", "дораследоване"),  # дорасследование: a doubled letter once, the и before е dropped
    ("shaurma", "шаурма"),
]

NOT_READ = [
    "goverment",  # an English typo: no Russian word has its key
    "dyeed",  # the key of дед, shorter than MIN_LETTERS
    "gwarpe",
    "blunkav",
]


@pytest.mark.parametrize(("word", "key"), READ)
def test_reads_russian_words_in_latin_letters(word: str, key: str) -> None:
    assert russian_reading(word) == key


@pytest.mark.parametrize("word", NOT_READ)
def test_reads_no_other_word(word: str) -> None:
    assert russian_reading(word) is None


def test_short_keys_are_not_read() -> None:
    assert len(romanization_key("dyeed")) < MIN_LETTERS
    assert cyrillic_key("дед") == romanization_key("dyeed")


@pytest.mark.parametrize(("cyrillic", "latin"), [("Сергей", "Sergey"), ("Сергей", "Sergei"), ("подъезд", "podyezd"),
                                                 ("ёлка", "yolka"), ("Мария", "Maria")])
def test_cyrillic_key_is_the_key_of_its_renderings(cyrillic: str, latin: str) -> None:
    assert cyrillic_key(cyrillic) == romanization_key(latin)
