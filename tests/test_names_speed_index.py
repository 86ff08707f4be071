"""An index builds the occurrences of a form only as far as a question needs them."""

from __future__ import annotations

from mtqa.document import Document
from mtqa.names.cluster import Surfaces, index_document
from mtqa.names.mentions import DocumentMentions, Mention


def test_first_of_a_document_index() -> None:
    text = "Ryabkov met Lavrov. Later Lavrov and Ryabkov spoke; Lavrova stayed with Ryabkov.\n"
    index = index_document(DocumentMentions(Document("t", text)))
    for form in index.surfaces:
        occ = index.surfaces[form][0]
        assert index.first(form) == (occ.doc, occ.start)
    assert index.first("Lavrov") == (0, text.index("Lavrov"))


def test_each_builds_occurrences_as_they_are_reached() -> None:
    forms = ["Lavrov", "Putin", "Lavrov", "Putin", "Lavrov"]
    built: list[int] = []

    def build(k: int) -> Mention:
        built.append(k)
        return Mention(10 * k, 10 * k + len(forms[k]), forms[k], 1, k > 1, False)

    surfaces = Surfaces(forms, build)
    assert any(o.mid for o in surfaces.each("Lavrov")) and built == [0, 2]  # stopped at the second
    built.clear()
    assert list(surfaces.each("Lavrov")) == list(surfaces["Lavrov"])
    built.clear()
    assert list(surfaces.each("Putin")) == list(surfaces["Putin"]) and built == [1, 3, 1, 3]
    built.clear()
    assert list(surfaces.each("Putin")) == list(surfaces["Putin"]) and built == []  # kept once built


def test_name_like_and_checks_of_a_document() -> None:
    text = (
        "Talks\nRussia said so. In Russia, Lavrov met Lavrova and Petrovsky. Petrov and Petrovsky left.\n"
        "Anna Ivanova met Ivanov. Petrovsky said Moscow.\n"
    )
    from mtqa.names.cluster import case_endings, truncations

    index = index_document(DocumentMentions(Document("t", text)))
    for form in index.surfaces:
        assert index.name_like(form) == (index.name_form(form) or any(o.mid for o in index.surfaces[form]))
    assert [(v.form, v.canonical) for v in case_endings(index)] == [("Lavrova", "Lavrov")]
    assert truncations(index) == []


def test_rapidfuzz_is_imported_only_for_keys_in_reach() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from mtqa.names.cluster import _close_pairs\n"
        "assert _close_pairs(['абв', 'абвгдежзик', 'абвгдежзиклмнопрст'], 90.0) == []\n"
        "assert 'rapidfuzz' not in sys.modules\n"
        "assert _close_pairs(['абвгдежзи', 'абвгдежзик'], 90.0) == [(0, 1)]\n"
        "assert 'rapidfuzz' in sys.modules\n"
    )
    from pathlib import Path

    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)
