"""The document model: decoding, offsets, lines, sentences, tokens."""

from __future__ import annotations

import pytest

from mtqa.document import DecodeError, Document, decode


def test_bom_is_dropped_and_offsets_are_code_points() -> None:
    text = decode("\ufeffМосква — Moscow".encode(), "f.txt")
    assert text == "Москва — Moscow"
    assert text[9:15] == "Moscow"


def test_invalid_utf8_names_file_and_byte() -> None:
    with pytest.raises(DecodeError) as info:
        decode(b"abc\xff def", "bad.txt")
    assert str(info.value) == "bad.txt: byte 3: not valid UTF-8 (invalid start byte)"
    assert info.value.byte_offset == 3


def test_crlf_is_kept_and_positions_count_code_points() -> None:
    doc = Document("f", "Title\r\nÉtat said “yes”.\r\nThird line.")
    assert [doc.text[ln.start : ln.end] for ln in doc.lines] == ["Title", "État said “yes”.", "Third line."]
    offset = doc.text.index("yes")
    assert doc.position(offset) == (2, 12)
    assert doc.position(doc.text.index("Third")) == (3, 1)


def test_headlines() -> None:
    doc = Document("f", "Russia and Turkey agree on grain deal\nThe talks ended on Friday.\n# Notes\n")
    assert [ln.headline for ln in doc.lines] == [True, False, True, False]


def test_sentence_starts_know_abbreviations_initials_and_quotes() -> None:
    text = 'Mr. Smith met A. Ivanov in the U.S. capital. Then he said: "Ready." Later, talks resumed.'
    doc = Document("f", text)
    starts = {t.text for t in doc.tokens if t.sentence_start}
    assert starts == {"Mr", "Then", "Ready", "Later"}


def test_sentences() -> None:
    doc = Document("f", "One sentence here. Dr. Brown agreed! Another one?\nNew line")
    assert [doc.text[s:e] for s, e in doc.sentences] == [
        "One sentence here.", "Dr. Brown agreed!", "Another one?", "New line",
    ]


def test_tokens_keep_hyphens_and_drop_possessives() -> None:
    doc = Document("f", "Lavrov's talks in Deir-ez-Zor didn't end.")
    assert [(t.text, t.start, t.end) for t in doc.tokens] == [
        ("Lavrov", 0, 6), ("talks", 9, 14), ("in", 15, 17), ("Deir-ez-Zor", 18, 29), ("didn't", 30, 36), ("end", 37, 40),
    ]


def test_sentence_of_returns_the_enclosing_sentence() -> None:
    doc = Document("f", "First one. Second one here.")
    assert doc.sentence_of(doc.text.index("here")) == (11, 27)
