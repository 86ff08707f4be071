"""The name words found from the lexical kinds' capitalised tokens (``Capitals``) are those
found by judging every distinct word and looking up every token."""

from __future__ import annotations

import pytest

from mtqa.document import Document
from mtqa.kinds.names import _capitals
from mtqa.names.mentions import Capitals, DocumentMentions, extract_mentions, is_name_word
from tests.shared_data import SEED, WMT, need

TEXT = """Talks in Moscow
Deputy Foreign Minister Sergei Ryabkov met A. Petrov and Anna Petrova on Monday.
Later Osama bin Laden and al-Assad were named; al-Assad spoke, then ad-Din and al-Assad.
"Ryabkov," said Petrova. Sergei Ryabkov left; Ryabkova stayed. Élodie Dupont and ǅemal Bijedić came.
Meanwhile Deir ez-Zor and Deir-ez-Zor were shelled. Dr. Ivanov and the U.S. Ivanov agreed. al-Mishri
"""


def _defined(doc: Document) -> Capitals:
    """``Capitals`` as its fields are defined, token by token."""
    texts = doc.tokens.texts
    unlowered = {w for w in texts if not w.islower()}
    capital_forms = {w for w in unlowered if w[:1].isupper()}
    caps = [i for i, w in enumerate(texts) if w in capital_forms]
    return Capitals(unlowered, capital_forms, caps, [texts[i] for i in caps])


def _texts() -> list[tuple[str, str]]:
    out = [("text", TEXT), ("seed", need(SEED).read_text(encoding="utf-8"))]
    for name in ("wmt21/ref.A.en", "wmt22/hyp.Online-A.en"):
        lines = need(WMT / name).read_text(encoding="utf-8").splitlines()
        out.append((name, "\n".join(lines[:3000]) + "\n"))
    return out


@pytest.mark.parametrize("source", ["text", "seed", "wmt21/ref.A.en", "wmt22/hyp.Online-A.en"])
def test_mentions_from_capitals_are_the_mentions(source: str) -> None:
    text = dict(_texts())[source]
    doc = Document(source, text)
    capitals = _capitals(doc)
    defined = _defined(doc)
    # The lexical kinds' reading of the document holds what ``Capitals`` says it holds.
    assert set(capitals.unlowered) == set(defined.unlowered)
    assert set(capitals.capital_forms) == set(defined.capital_forms)
    assert list(capitals.caps) == list(defined.caps) and list(capitals.cap_texts) == list(defined.cap_texts)
    plain = DocumentMentions(doc)
    named = [i for i, w in enumerate(doc.tokens.texts) if is_name_word(w)]
    for given in (capitals, defined):
        mentions = DocumentMentions(doc, given)
        assert mentions.candidates == plain.candidates
        assert (mentions.runs, mentions.run_ends) == (plain.runs, plain.run_ends)
        assert mentions.all() == plain.all() == extract_mentions(doc, given)
        assert [i for i, flag in enumerate(mentions._name) if flag] == named


def test_particle_led_words_are_located_by_their_counts() -> None:
    doc = Document("t", TEXT)
    mentions = DocumentMentions(doc, _capitals(doc))
    texts = doc.tokens.texts
    led = [i for i, flag in enumerate(mentions._name) if flag and not texts[i][0].isupper()]
    assert [texts[i] for i in led] == ["al-Assad", "al-Assad", "ad-Din", "al-Assad", "ez-Zor", "al-Mishri"]
    assert led[-1] == len(texts) - 1  # the last token of the text
    assert "al-Assad" in {m.text for m in mentions.all()}


def test_name_words_of_ascii_letters_judged_at_once() -> None:
    import random

    from mtqa.names.mentions import _judge_name_word

    rng = random.Random(4)
    words = ["".join(rng.choice("aAbBzZ") for _ in range(rng.randint(1, 4))) for _ in range(5000)]
    words += ["A", "a", "Ab", "AB", "aB", "Ivanov", "NATO", "al-Assad", "Élodie", "ÉLODIE", "ǅemal", "Aǅ", "U.S.", "Covid-19"]
    for word in words:
        assert _judge_name_word(word) == is_name_word.__wrapped__(word), word
