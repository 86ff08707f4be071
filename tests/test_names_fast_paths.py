"""The names checks' fast paths give the answers of the slow ones.

- ``is_common_word`` answers phrases, contractions and words with digits as
  wordfreq does, without asking wordfreq (``words._phrase_zipf``);
- a document's index built lazily (``index_document``) holds what the index of
  all its mentions (``index_mentions(extract_mentions(...))``) holds;
- ``has_surname_ending`` is ``russian_name_score >= 0.5``.
"""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

from mtqa.document import Document
from mtqa.names import words
from mtqa.names.cluster import NameIndex, index_document, index_mentions
from mtqa.names.mentions import DocumentMentions, extract_mentions
from mtqa.names.morphology import has_surname_ending, looks_like_russian_surname, russian_name_score
from tests.shared_data import SEED, need

#: Answered without wordfreq: contractions, digits (single, runs, years), accented and
#: Vietnamese letters, phrases of common and of rare words.
ANSWERED = [
    "I'm",
    "Don’t",
    "we've",
    "Wouldn't",
    "Covid-19",
    "Sakhalin-1",
    "Soyuz-2",
    "SARS-CoV-2",
    "MiG-29",
    "WW2-era",
    "BNT162b2",
    "Euro-2020",
    "Boeing 737",
    "France-3",
    "Nord Stream-2",
    "Jim O'Neill",
    "Oliver Nääs",
    "Enzo Fernández",
    "Tuổi Trẻ",
    "Nguyễn",
    "Vladimir Putin",
    "Foreign Minister",
    "United States",
    "New York Times",
    "Crimean-Congo",
]
#: Left to wordfreq: a French elision, a long number, another script.
ASKED = ["d'Artagnan", "Stream-123456", "東京 Tower"]


@pytest.mark.parametrize("text", ANSWERED + ASKED)
def test_common_word_is_wordfreqs_answer(text: str) -> None:
    assert words.is_common_word(text) == (zipf_frequency(text.lower(), "en") >= words.COMMON_ZIPF)


@pytest.mark.parametrize("text", ANSWERED)
def test_phrase_value_is_wordfreqs_value(text: str) -> None:
    lower = text.lower()
    value = words._phrase_zipf(lower)
    assert value is not None
    expected = zipf_frequency(lower, "en")
    if expected >= words.COMMON_ZIPF:
        assert value == expected
    else:
        assert value < words.COMMON_ZIPF


@pytest.mark.parametrize("text", ASKED)
def test_what_wordfreq_splits_otherwise_is_left_to_it(text: str) -> None:
    assert words._phrase_zipf(text.lower()) is None


TEXT = """Talks in Moscow
Deputy Foreign Minister Sergei Ryabkov met A. Petrov and Anna Petrova on Monday.
Ryabkov said that Petrov, Petrova and Mr Ivanov would meet again. Later Osama bin Laden and al-Assad were named.
"Ryabkov," said Petrova. Sergei Ryabkov left; Ryabkova stayed.
Meanwhile Deir ez-Zor and Deir-ez-Zor were shelled. Dr. Ivanov and the U.S. Ivanov agreed.
"""


def _same_index(lazy: NameIndex, eager: NameIndex) -> None:
    assert list(lazy.surfaces) == list(eager.surfaces)  # the same forms, in the same order
    for form in eager.surfaces:
        assert lazy.surfaces.count(form) == len(eager.surfaces[form])
        assert lazy.surfaces[form] == eager.surfaces[form]


def test_lazy_document_index_holds_every_mention() -> None:
    doc = Document("t", TEXT)
    mentions = DocumentMentions(doc)
    assert mentions.all() == extract_mentions(doc)
    several = [m.text for m in mentions.all() if m.words > 1]
    assert several == [
        "Foreign Minister Sergei Ryabkov",
        "Anna Petrova",
        "Mr Ivanov",
        "Osama bin Laden",
        "Sergei Ryabkov",
        "Deir ez-Zor",
    ]
    _same_index(index_document(mentions), index_mentions([(0, extract_mentions(doc))]))


def test_lazy_document_index_of_the_seed() -> None:
    doc = Document("seed", need(SEED).read_text(encoding="utf-8"))
    _same_index(index_document(DocumentMentions(doc)), index_mentions([(0, extract_mentions(doc))]))


@pytest.mark.parametrize(
    "word", ["Lavrov", "Zelenskiy", "Putin", "Shoigu", "Trump", "Washington", "Kuleba", "Matvienko", "Navalny", "Ab"]
)
def test_surname_ending_is_the_score_threshold(word: str) -> None:
    assert has_surname_ending(word) == (russian_name_score(word) >= 0.5)
    assert looks_like_russian_surname(word) == (russian_name_score(word) >= 0.9)
