"""The speed paths of the lexical kinds against plain readings of the same documents.

Each fast path (the judged words taken from the casing checks' split, the tracked
words' positions from one pass, the title-case candidates picked by C-level passes,
the titled tokens' texts picked from the capitalised ones, the token numbers kept
for the process) is compared here with a token-by-token or word-by-word reading,
on a made-up text, the seed and two WMT files read as one document each.
"""

from __future__ import annotations

import pytest

from mtqa.document import Document
from mtqa.kinds import _lexical, capitalisation, garbled
from mtqa.kinds._lexical import Context, _read
from mtqa.lexicon import (
    frequent_starts,
    is_common_word,
    is_known,
    is_proper_word,
    listing,
    pos,
    unlisted_words,
)
from mtqa.rulefile import builtin_rules_dir, load_rules
from tests.shared_data import SEED, WMT, need

TEXT = (
    "Officials said Plimvar would visit. The plimvar was seen, and a plimvar again.\n"
    "PLIMVAR signs hung there, while the drozhekt stayed. Kryvolap met Kryvolapov and Kryvolapa.\n"
    "The us-led talks and the eu summit went on; nato is here, as is the un. Samit for Democracy\n"
    "met after the Summit for Democracy, and not Zorvu a secret, covid-19 and Covid-19 aside.\n"
)
_RULES = {r.id: r for r in load_rules([builtin_rules_dir()]).rules if r.id.startswith("lexical.")}


def _document(name: str) -> Document:
    if name == "made-up":
        return Document("made-up.txt", TEXT)
    if name == "seed":
        return Document(str(SEED), need(SEED).read_text(encoding="utf-8"))
    path = need(WMT) / name
    return Document(str(path), need(path).read_text(encoding="utf-8"))


@pytest.fixture(params=["made-up", "seed", "wmt22/hyp.Online-B.en", "wmt23/ref.refA.en"])
def ctx(request: pytest.FixtureRequest) -> Context:
    return _read(_document(request.param))


def test_judged_words_give_the_verdicts_of_every_unlowered_word_and_hapax(ctx: Context) -> None:
    judged = {w for w in ctx.forms if not w.islower() or ctx.forms[w] == 1}
    assert ctx.unlowered == {w for w in ctx.forms if not w.islower()}
    assert ctx.capital_forms == {w for w in ctx.forms if w[0].isupper()}
    assert (ctx.unlisted, ctx.unknown_words) == listing(judged)
    assert ctx.unlisted == unlisted_words(judged)
    assert ctx.unknown_words == {w for w in judged if w.isascii() and w.isalpha() and not is_known(w)}


def test_positions_of_tracked_words_are_those_of_a_token_scan(ctx: Context) -> None:
    assert {"is", "us", "un", "eu", "nato"} <= _lexical._TRACKED  # the acronym rule's words
    for word in [*_lexical._TRACKED, "plimvar", "us-led", "Summit", "absent"]:
        assert ctx.positions(word) == [i for i, t in enumerate(ctx.texts) if t == word], word


def test_titled_tokens_and_their_texts(ctx: Context) -> None:
    opening, headline = ctx.tokens.opening, ctx.tokens.headline
    titled = [i for i, t in enumerate(ctx.texts) if t[0].isupper() and not opening[i] and not headline[i]]
    assert list(ctx.titled) == titled
    assert list(ctx.titled_texts) == [ctx.texts[i] for i in titled]


def _plain_title_candidates(ctx: Context, options: garbled.Options) -> tuple[list[int], dict[str, list[int]]]:
    """``garbled._title_candidates`` read token by token, as it was written before its C-level passes."""
    words = garbled._rare_words(ctx, options, str.istitle)
    if not words:
        return [], {}
    tokens = [i for i, t in enumerate(ctx.texts) if t in words]
    once = {w for w in words if ctx.count(w.lower()) == 1}
    texts = ctx.texts
    last = len(texts) - 1
    pairs = {(texts[i][0], texts[i + 1]) for i in tokens if i < last and texts[i + 1].islower()}
    twins = garbled._twin_index(ctx, pairs) if pairs else {}
    out = []
    for i in tokens:
        word = texts[i]
        at = twins.get(texts[i + 1]) if i < last else None
        twin = at is not None and any(texts[j][0] == word[0] for j in at) and not garbled._name_shaped(word)
        slot = word in once and not ctx.tokens.opening[i] and not ctx.tokens.headline[i]
        if twin or (slot and garbled._may_slot(texts, i, word)):
            out.append(i)
    return out, twins


def test_title_candidates_are_those_of_a_token_by_token_reading(ctx: Context) -> None:
    options = _RULES["lexical.garbled-token"].options
    out, twins = garbled._title_candidates(ctx, options)
    assert (out, twins.at) == _plain_title_candidates(ctx, options)
    assert twins.initials == {nxt: {ctx.texts[j][0] for j in at} for nxt, at in twins.at.items()}


def test_the_made_up_text_has_a_phrase_twin_and_a_lone_non_word() -> None:
    ctx = _read(_document("made-up"))
    out, twins = garbled._title_candidates(ctx, _RULES["lexical.garbled-token"].options)
    assert [ctx.texts[i] for i in out] == ["Samit", "Zorvu"]
    assert twins.at == {"for": [ctx.texts.index("Summit")]}
    assert twins.initials == {"for": {"S"}}


def test_token_numbers_serve_a_long_then_a_short_document() -> None:
    long_ctx = _read(Document("long.txt", "Zorvu went home. " * 400 + "\n" + TEXT))
    short = _read(Document("short.txt", "Zorvu met the plimvar."))
    assert long_ctx.caps[-1] > 1000
    for ctx in (long_ctx, short):
        wanted = ctx.capital_forms | ctx.unknown_words | ctx.tracked
        assert list(ctx.found) == [i for i, t in enumerate(ctx.texts) if t in wanted]
    assert short.found == (0, 3) and short.caps == (0,)


def test_acronym_candidates_are_those_of_a_word_by_word_reading(ctx: Context) -> None:
    from mtqa.kinds import acronym

    options = _RULES["lexical.lowercased-acronym"].options
    wanted = {a.acronym.lower(): a for a in options.acronyms}
    texts = ctx.texts
    plain = [
        i for i, t in enumerate(texts)
        if (t in wanted and (t == "us" or not is_common_word(t) or (i and texts[i - 1].lower() in acronym._WORD_SLOTS)))
        or ("-" in t and t.islower() and t.split("-", 1)[0] in wanted)
    ]
    assert acronym._candidates(ctx, wanted) == plain


def _plain_next_to_capital(ctx: Context, i: int) -> bool:
    """Token i stands next to a capitalised word with one space between and is settled as part of
    a name (the test ``capitalisation.check`` made per token before ``_off_capitals``)."""
    texts, text, starts, ends = ctx.texts, ctx.text, ctx.tokens.starts, ctx.tokens.ends
    lower = texts[i].lower()
    if i + 1 < len(texts) and texts[i + 1][0].isupper() and text[ends[i] : starts[i + 1]] == " ":
        return lower not in capitalisation._CLOSERS
    if i and texts[i - 1][0].isupper() and text[ends[i - 1] : starts[i]] == " ":
        word = texts[i - 1]
        opening = ctx.tokens.opening[i - 1] and is_common_word(word) and not is_proper_word(word)
        return not (opening and pos(lower) & capitalisation._NOT_NAMES) and lower not in capitalisation._CLOSERS
    return False


def test_tokens_off_capitals_are_those_a_token_by_token_test_leaves(ctx: Context) -> None:
    titled = list(ctx.titled)
    assert list(capitalisation._off_capitals(ctx, titled)) == [i for i in titled if not _plain_next_to_capital(ctx, i)]


def test_heads_before_a_start_are_those_of_a_search_of_every_frequent_start() -> None:
    starts = frequent_starts(garbled._HEAD_WORD_ZIPF)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for start in ["nsta", "ealt", "ment", "tion", "zzzz", "aaaa", "qxjk", "ertr", "ussi", "overn"[:4]]:
        one = tuple(h for h in letters if h + start in starts)
        two = tuple(a + b for a in letters for b in letters if a + b + start[:3] in starts)
        assert garbled._heads_before(start) == one + two, start
    assert garbled._heads_before("nsta")[:1] == ("i",)  # "insta...": a lost first letter


def test_twin_index_is_that_of_a_token_by_token_reading(ctx: Context) -> None:
    texts = ctx.texts
    # Every pair of a capitalised word's initial and a lower-case next word: the widest index.
    pairs = {(texts[i][0], texts[i + 1]) for i in range(len(texts) - 1) if texts[i][0].isupper() and texts[i + 1].islower()}
    plain: dict[str, list[int]] = {}
    for j in range(len(texts) - 1):
        word = texts[j]
        if word[0].isupper() and (word[0], texts[j + 1]) in pairs and unlisted_words({word}) and is_common_word(word.lower()):
            plain.setdefault(texts[j + 1], []).append(j)
    assert garbled._twin_index(ctx, pairs) == plain
    assert plain or ctx.texts[0] != "Officials"  # the made-up text has twins ("Summit for")


def test_tight_neighbours_are_those_of_the_gaps(ctx: Context) -> None:
    odd = _read(Document("gaps.txt", "One\ttwo\u00a0three  four,five\r\nsix -seven\n\neight"))
    for c in (ctx, odd):
        for i in range(len(c.texts)):
            gap = c.gap_before(i)
            assert c.tight_before(i) == (gap is not None and gap != "" and gap.isspace()), i
            assert c.tight_after(i) == (i + 1 < len(c.texts) and c.tight_before(i + 1))
    assert [odd.tight_before(i) for i in range(len(odd.texts))] == [False, True, True, True, False, False, False, False]


def test_hyphenated_acronym_heads_in_odd_places() -> None:
    from mtqa.kinds import acronym

    text = (
        "The us-led and un-named talks, a bus-stop, foo_us-led, d'us-led, US-led, usa-made, nato-backed\n"
        "and eu-wide plans; the us-Led one, uk- based, is-it, us-us-led, and un-affected were there.\n"
    )
    ctx = _read(Document("hyphens.txt", text))
    wanted = {a.acronym.lower(): a for a in _RULES["lexical.lowercased-acronym"].options.acronyms}
    found = [ctx.texts[i] for i in acronym._candidates(ctx, wanted)]
    assert [w for w in found if "-" in w] == [
        "us-led", "un-named", "us-led", "usa-made", "nato-backed", "eu-wide", "is-it", "us-us-led", "un-affected",
    ]


def test_frequent_starts_are_five_letters_of_a_to_z() -> None:
    """garbled's rotated starts (``_two_letter_heads``) read every frequent start as five
    letters of a-z, "{" standing right after "z": the lexicon must keep them so."""
    from mtqa.lexicon import frequent_starts

    starts = frequent_starts(garbled._HEAD_WORD_ZIPF)
    assert len(starts) > 10_000
    assert all(len(s) == 5 and s.isascii() and s.isalpha() and s.islower() for s in starts)
