"""The document model: decoding, offsets, lines, sentences, tokens."""

from __future__ import annotations

import re

import pytest

from mtqa import document
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


OPENERS = [
    (":   “Xy", {5}),  # a colon, spaces and a quote: the word is a start
    ("a: ***Xy", {0}),  # three marks after the colon's space: too far
    ("a: “““Xy", {0, 6}),  # but a quote after a space opens a quotation itself
    ("a:\n“Xy", {0, 4}),  # the colon ends its line; the quote opens the next one
    ("- “Ab", {3}),  # a bullet, a space and a quote before a capital
    ("x. \r\nYz", {0, 5}),  # a full stop before CRLF ends the sentence; the next line starts one
    ("Dr. Who. j. k", {0}),  # an abbreviation and a lower-case word keep the sentence going
    ("It is 5 p.m. Then «Go».", {0, 13, 19}),
    ("\u3000Wide\u2003space. \u00a0Next", {1, 14}),  # any space but the line break is a space
]


@pytest.mark.parametrize(("text", "starts"), OPENERS)
def test_sentence_starts_after_line_heads_stops_and_openers(text: str, starts: set[int]) -> None:
    assert Document("x", text).sentence_starts == starts


def test_the_spaces_a_line_head_strips_are_every_space_but_the_line_break() -> None:
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace() and c != 0x0A}
    assert set(document._SPACES) == spaces
    assert all(re.fullmatch(r"[^\S\n]", c) for c in spaces)  # the regexes' own idea of a space


def test_token_counts_are_each_written_form_and_how_often() -> None:
    tokens = Document("x", "The cat and the Cat; the end.").tokens
    assert tokens.counts == {"The": 1, "cat": 1, "and": 1, "the": 2, "Cat": 1, "end": 1}
    assert tokens.counts is tokens.counts  # one pass, shared by the checks
