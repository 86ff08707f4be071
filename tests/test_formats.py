"""Readers of bilingual/parallel input, and documents built from segments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.finding import Finding, Kind, Severity, Span
from mtqa.formats import FormatError, Segment, build_documents, detect_format, read_segments


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.tsv", "tsv"),
        ("a.JSONL", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.po", "po"),
        ("a.pot", "po"),
        ("a.xlf", "xliff"),
        ("a.xliff", "xliff"),
        ("a.tmx", "tmx"),
        ("hyp.Online-A.en", "plain"),
        ("dir.tsv/file", "plain"),
        ("-", "plain"),
    ],
)
def test_detect_format_by_extension(name: str, fmt: str) -> None:
    assert detect_format(name) == fmt


def test_aligned_plain_files_with_source_refs_and_docs(tmp_path: Path) -> None:
    mt = write(tmp_path / "mt.en", "One.\r\nTwo.\nThree.\n")
    src = write(tmp_path / "src.ru", "Один.\nДва.\nТри.\n")
    ref = write(tmp_path / "ref.en", "One!\nTwo!\nThree!\n")
    docs = write(tmp_path / "docs.tsv", "line\tdoc_id\n1\td1\n2\td1\n3\td2\n")
    segments = read_segments(mt, source=src, refs=[ref], docs=docs)
    assert segments == (
        Segment("1", "Один.", "One.", "One!", "d1", 1),
        Segment("2", "Два.", "Two.", "Two!", "d1", 2),
        Segment("3", "Три.", "Three.", "Three!", "d2", 3),
    )


def test_docs_table_without_line_column_goes_by_row_order(tmp_path: Path) -> None:
    mt = write(tmp_path / "mt.en", "a\nb\n")
    docs = write(tmp_path / "d.tsv", "doc_id\nx\ny\n")
    assert [s.doc_id for s in read_segments(mt, docs=docs)] == ["x", "y"]


def test_misaligned_source_is_one_line_error_naming_both_files(tmp_path: Path) -> None:
    mt = write(tmp_path / "mt.en", "a\nb\n")
    src = write(tmp_path / "src.ru", "а\n")
    with pytest.raises(FormatError) as info:
        read_segments(mt, source=src)
    assert str(info.value) == f"{src}: 1 lines, but {mt} has 2: the files are not aligned"


def test_docs_table_errors_name_file_and_line(tmp_path: Path) -> None:
    mt = write(tmp_path / "mt.en", "a\nb\n")
    bad = write(tmp_path / "d.tsv", "line\tdoc_id\n1\tx\n7\ty\n")
    with pytest.raises(FormatError, match=r"d\.tsv:3: line 7 is outside the input's 2 lines$"):
        read_segments(mt, docs=bad)
    short = write(tmp_path / "e.tsv", "line\tdoc_id\n1\tx\n")
    with pytest.raises(FormatError, match=r"e\.tsv: no doc_id for line 2 \(1 lines without one\)$"):
        read_segments(mt, docs=short)


def test_undecodable_input_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "mt.en"
    path.write_bytes(b"ok\n\xff\n")
    with pytest.raises(FormatError, match=r"mt\.en: byte 3: not valid UTF-8"):
        read_segments(str(path))


def test_tsv_with_named_columns_and_aliases(tmp_path: Path) -> None:
    path = write(tmp_path / "a.tsv", "seg_id\tsrc\thyp\tref\tdocid\nx1\tДва\tTwo\tTwo!\td\n\nx2\tТри\tThree\tThree!\td\n")
    assert read_segments(path) == (
        Segment("x1", "Два", "Two", "Two!", "d", 2),
        Segment("x2", "Три", "Three", "Three!", "d", 4),
    )


def test_tsv_field_mapping_and_line_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "a.tsv", "russian\tenglish\nДва\tTwo\n")
    segments = read_segments(path, fields={"source": "russian", "mt": "english"})
    assert segments == (Segment("2", "Два", "Two", None, "", 2),)


def test_tsv_errors(tmp_path: Path) -> None:
    path = write(tmp_path / "a.tsv", "source\tmt\nДва\tTwo\textra\n")
    with pytest.raises(FormatError, match=r"a\.tsv:2: 3 fields, the header has 2$"):
        read_segments(path)
    nomt = write(tmp_path / "b.tsv", "source\tenglish\nДва\tTwo\n")
    with pytest.raises(FormatError, match=r"b\.tsv:1: no 'mt' column for the MT text \(columns: source, english\)$"):
        read_segments(nomt)
    with pytest.raises(FormatError, match=r"unknown field role 'target'"):
        read_segments(nomt, fields={"target": "english"})


def test_jsonl_fields_ids_and_errors(tmp_path: Path) -> None:
    rows = [{"id": 7, "source": "Два", "mt": "Two", "doc_id": "d"}, {"src": "Три", "translation": "Three", "ref": None}]
    path = write(tmp_path / "a.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    assert read_segments(path) == (
        Segment("7", "Два", "Two", None, "d", 1),
        Segment("2", "Три", "Three", None, "", 2),
    )
    bad = write(tmp_path / "b.jsonl", '{"mt": "ok"}\n{"mt": "broken"\n')
    with pytest.raises(FormatError, match=r"b\.jsonl:2: not valid JSON: Expecting ',' delimiter \(column 16\)$"):
        read_segments(bad)
    typed = write(tmp_path / "c.jsonl", '{"mt": ["a"]}\n')
    with pytest.raises(FormatError, match=r"c\.jsonl:1: field 'mt' must be a string, not list$"):
        read_segments(typed)
    array = write(tmp_path / "d.jsonl", "[1]\n")
    with pytest.raises(FormatError, match=r"d\.jsonl:1: expected a JSON object, found list$"):
        read_segments(array)


def test_self_contained_formats_refuse_aligned_files(tmp_path: Path) -> None:
    path = write(tmp_path / "a.tsv", "mt\nx\n")
    with pytest.raises(FormatError, match="carries its own source"):
        read_segments(path, source="src.ru")


def test_bad_xml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.xlf", '<xliff version="1.2">\n<file><body>\n<trans-unit id="1"><source>a</sourc>\n')
    with pytest.raises(FormatError, match=r"a\.xlf:3: not a valid XLIFF file: Opening and ending tag mismatch"):
        read_segments(path)


def test_bad_po_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.po", 'msgid "a"\nmsgstr "b\n')
    with pytest.raises(FormatError, match=r"a\.po:2: not a valid PO file: end-of-line within string on line 2"):
        read_segments(path)


def test_xliff_ids_are_qualified_when_they_repeat_across_files(tmp_path: Path) -> None:
    unit = '<trans-unit id="1"><source>{s}</source><target>{t}</target></trans-unit>'
    body = "".join(
        f'<file original="{name}" source-language="ru" target-language="en" datatype="plaintext"><body>'
        + unit.format(s=s, t=t) + "</body></file>"
        for name, s, t in (("a.txt", "Один", "One"), ("b.txt", "Два", "Two"))
    )
    path = write(tmp_path / "x.xlf", f'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">{body}</xliff>')
    assert [(s.id, s.doc_id, s.target) for s in read_segments(path)] == [("a.txt/1", "a.txt", "One"), ("b.txt/1", "b.txt", "Two")]


def test_documents_per_doc_id_and_offsets_back_to_segments() -> None:
    segments = (
        Segment("1", None, "Alpha beta.", doc_id="d1"),
        Segment("2", None, "Gamma.", doc_id="d2"),
        Segment("3", None, "Delta the", doc_id="d1"),
        Segment("4", None, "the end.", doc_id="d1"),
    )
    docs = build_documents("in.txt", segments)
    assert [(d.doc_id, d.document.path, d.document.text, d.starts) for d in docs] == [
        ("d1", "in.txt#d1", "Alpha beta.\nDelta the\nthe end.", (0, 12, 22)),
        ("d2", "in.txt#d2", "Gamma.", (0,)),
    ]
    d1 = docs[0]
    assert d1.locate(0) == (0, 0)
    assert d1.locate(18) == (1, 6)
    assert d1.locate(22) == (2, 0)

    def finding(start: int, end: int, related: tuple[Span, ...] = ()) -> Finding:
        text = d1.document.text[start:end]
        return Finding("r", Kind.DOUBLED_WORD, Severity.WARNING, start, end, text, "m", related=related)

    inside = d1.to_segment(finding(18, 21, related=(Span(12, 17), Span(0, 5))))
    assert inside is not None
    assert (inside.segment, inside.start, inside.end, inside.text, inside.related) == ("3", 6, 9, "the", (Span(0, 5),))
    across = d1.to_segment(finding(18, 25))  # "the\nthe": cut at the end of segment 3
    assert across is not None
    assert (across.segment, across.start, across.end, across.text) == ("3", 6, 9, "the")
    assert d1.to_segment(finding(21, 22)) is None  # only the line break between segments


def test_single_document_keeps_the_input_path() -> None:
    docs = build_documents("in.txt", (Segment("1", None, "A."), Segment("2", None, "B.")))
    assert [(d.document.path, d.document.text) for d in docs] == [("in.txt", "A.\nB.")]
