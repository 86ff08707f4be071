"""The fast paths of the lexical context (``mtqa.kinds._lexical``) against plain readings.

``Context`` judges only some of a document's words, counts spellings from the
few unknown ones and finds stems by a text search: each is checked here
against a word-by-word reading of the same document (a made-up text that
holds the awkward cases, and the seed).
"""

from __future__ import annotations

from itertools import compress

import pytest

from mtqa import lexicon
from mtqa.document import Document
from mtqa.kinds._lexical import Context, _read, shares_stem
from mtqa.lexicon import is_known, listing, unknown_among_unlisted, unlisted_words
from tests.shared_data import SEED, need

#: Made-up words: an unknown word written once capitalised and twice lower-case, once in
#: capitals, a lower-case one found once, a stem shared by two capitalised forms, an
#: unknown word in mixed case, a non-ASCII spelling (the Kelvin sign) of an unknown word.
TEXT = (
    "Officials said Plimvar would visit. The plimvar was seen, and a plimvar again.\n"
    "PLIMVAR signs hung there, while the drozhekt stayed. Kryvolap met Kryvolapov and Kryvolapa.\n"
    "The eKrast app failed; \u212arestiv and krestiv appear, Krestiv too. The us-led talks went on.\n"
)


def _documents() -> list[Document]:
    return [Document("made-up.txt", TEXT), Document(str(SEED), need(SEED).read_text(encoding="utf-8"))]


@pytest.fixture(params=["made-up", "seed"])
def ctx(request: pytest.FixtureRequest) -> Context:
    docs = _documents() if request.param == "seed" else [Document("made-up.txt", TEXT)]
    return _read(docs[-1])


def test_counts_of_every_spelling_match_a_token_by_token_count(ctx: Context) -> None:
    lowers = {t.lower() for t in ctx.texts}
    for lower in lowers:
        assert ctx.count(lower) == sum(1 for t in ctx.texts if t.lower() == lower), lower


def test_the_made_up_text_counts_the_lower_case_spelling_of_a_capitalised_unknown_word() -> None:
    ctx = _read(Document("made-up.txt", TEXT))
    assert "plimvar" not in ctx.unknown_words  # lower-case and found twice: not judged
    assert "Plimvar" in ctx.unknown_words and "PLIMVAR" in ctx.unknown_words
    assert ctx.count("plimvar") == 4
    assert ctx.count("krestiv") == 3  # the Kelvin sign's spelling counts too


def test_judged_words_are_the_unlowered_and_those_found_once(ctx: Context) -> None:
    judged = {w for w in ctx.forms if not w.islower() or ctx.forms[w] == 1}
    assert ctx.unlisted == unlisted_words(judged)
    assert ctx.unknown_words == {w for w in judged if w.isascii() and w.isalpha() and not is_known(w)}


def test_positions_of_capitalised_and_unknown_tokens(ctx: Context) -> None:
    texts = ctx.texts
    assert list(ctx.caps) == [i for i, t in enumerate(texts) if t[:1].isupper()]
    wanted = ctx.capital_forms | ctx.unknown_words | ctx.tracked
    assert list(ctx.found) == [i for i, t in enumerate(texts) if t in wanted]
    titled = [i for i in ctx.caps if not ctx.tokens.opening[i] and not ctx.tokens.headline[i]]
    assert list(ctx.titled) == titled


def test_shared_stems_match_a_search_of_every_form(ctx: Context) -> None:
    def shared(a: str, b: str) -> int:
        n = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            n += 1
        return n

    for word in ctx.capital_forms:
        found = shares_stem(ctx, word)
        qualifying = [
            f for f in ctx.capital_forms
            if f != word and len(word) >= 4
            and (shared(f, word) >= 5 or (shared(f, word) == min(len(f), len(word)) and shared(f, word) >= 4))
        ]
        assert (found is None) == (not qualifying), word
        assert found is None or found in qualifying


def test_shares_stem_finds_a_truncated_name() -> None:
    ctx = _read(Document("made-up.txt", TEXT))
    assert shares_stem(ctx, "Kryvolap") in {"Kryvolapov", "Kryvolapa"}
    assert shares_stem(ctx, "Officials") is None


def test_listing_agrees_with_the_separate_questions() -> None:
    words = {t for doc in _documents() for t in doc.tokens.texts} | {"Zorvu", "vyrabot", "mln", "Moscow", "\u212arestiv"}
    unlisted, unknown = listing(words)
    assert unlisted == unlisted_words(words)
    assert unknown == unknown_among_unlisted(unlisted_words(words))
    assert unknown == {w for w in unlisted if w.isascii() and w.isalpha() and not is_known(w)}
    # A second call answers from the verdicts kept, the same way.
    assert listing(words) == (unlisted, unknown)


def test_verdicts_start_again_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_VERDICTS", lexicon._Verdicts())
    monkeypatch.setattr(lexicon, "_VERDICTS_MAX", 3)
    first = ["Moscow", "vyrabot", "the"]
    assert listing(first) == ({"vyrabot"}, {"vyrabot"})
    later = ["Zorvu", "minister"]
    assert listing(later) == ({"Zorvu"}, {"Zorvu"})
    assert len(lexicon._VERDICTS._of) == 2  # emptied, then the new words
    assert listing(first + later) == ({"vyrabot", "Zorvu"}, {"vyrabot", "Zorvu"})


def test_hapaxes_come_from_the_counts() -> None:
    ctx = _read(Document("made-up.txt", TEXT))
    once = set(compress(ctx.forms.keys(), [n == 1 for n in ctx.forms.values()]))
    assert "drozhekt" in once and "plimvar" not in once


def test_positions_of_tracked_and_untracked_words_match_a_scan(ctx: Context) -> None:
    # The acronym kind tracks its lower-case acronyms ("is", "us"...) once its rule is parsed.
    from mtqa.kinds._lexical import _TRACKED
    from mtqa.rulefile import builtin_rules_dir, load_rules

    load_rules([builtin_rules_dir()])
    assert {"is", "us", "eu"} <= _TRACKED
    fresh = _read(Document("again.txt", "\n".join(ctx.text.splitlines())))
    for word in ["is", "us", "the", "and", *list(ctx.forms)[:50]]:
        expected = [i for i, t in enumerate(fresh.texts) if t == word]
        assert fresh.positions(word) == expected, word
    assert fresh.tracked == {w for w in _TRACKED if w in fresh.forms}


def test_a_word_tracked_after_the_reading_is_still_found() -> None:
    from mtqa.kinds import _lexical

    ctx = _read(Document("made-up.txt", TEXT + "The zzyzx and zzyzx.\n"))
    assert "zzyzx" not in ctx.tracked
    _lexical.track(["zzyzx"])
    try:
        assert ctx.positions("zzyzx") == [i for i, t in enumerate(ctx.texts) if t == "zzyzx"]
        again = _read(Document("made-up.txt", TEXT + "The zzyzx and zzyzx.\n"))
        assert "zzyzx" in again.tracked
        assert again.positions("zzyzx") == ctx.positions("zzyzx") != []
    finally:
        _lexical._TRACKED.discard("zzyzx")
