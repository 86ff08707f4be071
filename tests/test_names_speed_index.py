"""An index reads where a form first stands without building its other occurrences."""

from __future__ import annotations

from mtqa.document import Document
from mtqa.names.cluster import Surfaces, index_document
from mtqa.names.mentions import DocumentMentions, Mention


def test_first_occurrence_is_built_alone() -> None:
    forms = ["Lavrov", "Putin", "Lavrov", "Putin", "Lavrov"]
    built: list[int] = []

    def build(k: int) -> Mention:
        built.append(k)
        return Mention(10 * k, 10 * k + len(forms[k]), forms[k], 1, True, False)

    surfaces = Surfaces(forms, build)
    assert surfaces.first("Putin") == build(1)
    built.clear()
    assert surfaces.first("Lavrov").start == 0 and built == [0]  # the first alone
    assert surfaces["Lavrov"] == (build(0), build(2), build(4))
    built.clear()
    assert surfaces.first("Lavrov") == surfaces["Lavrov"][0] and built == []  # read from the built ones


def test_first_of_a_document_index() -> None:
    text = "Ryabkov met Lavrov. Later Lavrov and Ryabkov spoke; Lavrova stayed with Ryabkov.\n"
    index = index_document(DocumentMentions(Document("t", text)))
    for form in index.surfaces:
        occ = index.surfaces[form][0]
        assert index.first(form) == (occ.doc, occ.start)
    assert index.first("Lavrov") == (0, text.index("Lavrov"))
