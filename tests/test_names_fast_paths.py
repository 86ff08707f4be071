"""The names checks' fast paths give the answers of the slow ones.

- ``is_common_word`` answers phrases, contractions and words with digits as
  wordfreq does, without asking wordfreq (``words._phrase_zipf``);
- a document's index built lazily (``index_document``) holds what the index of
  all its mentions (``index_mentions(extract_mentions(...))``) holds;
- ``has_surname_ending`` is ``russian_name_score >= 0.5``;
- a document's candidates and runs of name words, found by C-level passes over
  its distinct words and its tokens, are those a token-by-token reading finds;
- an index locates each form's occurrences (``Surfaces``) as grouping the
  mentions one by one does;
- the romanization chunks, matched by a trie-shaped regex, are those the flat
  list of renderings (longest first) matches, and the key's substring tests
  pick the words its substitutions change; the keys of many names made in one
  pass are each name's own key;
- a document's name words and the name words that stay mentions first in a
  sentence, judged once per process and looked up per distinct word (lower-case
  words never), are those ``is_name_word`` and ``_initial_name`` accept;
- the close pairs of keys, each key scored only against keys of a length that
  may reach the cutoff, are those of scoring every pair;
- ``inflection_bases``, trying only the endings that end with a word's last
  letter, spells out what trying every ending does;
- ``pick`` reads the items at some indices as mapping ``__getitem__`` does;
- ``is_place`` answers from the places kept as a ``WordSet`` as the set of
  places does;
- the facts of every form of an index (``NameIndex.facts``), read from the
  process-wide table or from known traits, are what the functions say of each
  form.
"""

from __future__ import annotations

import random
import re

import pytest
from wordfreq import zipf_frequency

from mtqa.document import Document
from mtqa.names import cluster, gazetteer, morphology, romanization, words
from mtqa.names.cluster import (
    _FACTS,
    NameIndex,
    _close_pairs,
    _near_shape,
    index_document,
    index_mentions,
    traits,
)
from mtqa.names.mentions import (
    _INITIAL,
    _NAME_WORD,
    PARTICLES,
    DocumentMentions,
    Mention,
    _initial_flags,
    _initial_name,
    _name_words,
    _named,
    extract_mentions,
    is_name_word,
    missing_indices,
    pick,
)
from mtqa.names.morphology import (
    has_surname_ending,
    inflection_bases,
    looks_like_russian_surname,
    russian_name_score,
)
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


def _slow_candidates(doc: Document) -> list[int]:
    """Name words, first in a sentence or in a headline only when ``_initial_name`` says so, token by token."""
    tokens = doc.tokens
    return [
        i
        for i, t in enumerate(tokens)
        if is_name_word(t.text) and (not (t.sentence_start or t.headline) or _initial_name(t.text))
    ]


def _slow_runs(doc: Document, candidates: list[int]) -> list[tuple[int, int]]:
    """Runs of name words over single spaces (particles inside), each led by a candidate, token by token."""
    tokens, text = doc.tokens, doc.text
    n = len(tokens)

    def spaced(a: int) -> bool:  # token a + 1 follows token a over one space
        return a + 1 < n and text[tokens[a].end : tokens[a + 1].start] == " "

    runs = []
    done = -1
    for i in candidates:
        if i <= done:
            continue
        j = i
        while spaced(j):
            if is_name_word(tokens[j + 1].text):
                j += 1
            elif tokens[j + 1].text in PARTICLES and spaced(j + 1) and is_name_word(tokens[j + 2].text):
                j += 2
            else:
                break
        if j > i:
            runs.append((i, j))
        done = j
    return runs


def _grouped(mentions: tuple[Mention, ...]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.text, []).append(m)
    return groups


@pytest.mark.parametrize("source", ["text", "seed"])
def test_candidates_runs_and_index_are_the_token_by_token_ones(source: str) -> None:
    text = TEXT if source == "text" else need(SEED).read_text(encoding="utf-8")
    doc = Document(source, text)
    mentions = DocumentMentions(doc)
    assert mentions.candidates == _slow_candidates(doc)
    assert list(zip(mentions.runs, mentions.run_ends, strict=True)) == _slow_runs(doc, mentions.candidates)
    index = index_document(mentions)
    expected = _grouped(extract_mentions(doc))
    assert list(index.surfaces) == list(expected)
    for form, occurrences in expected.items():
        assert index.surfaces.count(form) == len(occurrences)
        assert index.surfaces[form] == tuple(occurrences)
    assert "Nobody" not in index.surfaces and index.surfaces.count("Nobody") == 0


def _latin_words() -> list[str]:
    """Lower-case Latin strings rich in the letters that start multi-letter renderings (s, c, k, t, y, z, j, i)."""
    rng = random.Random(7)
    hot, alphabet = "schktyzjiauoe", "abcdefghijklmnopqrstuvwxyz"
    made = [
        "".join(rng.choice(hot if rng.random() < 0.7 else alphabet) for _ in range(rng.randint(1, 10)))
        for _ in range(20_000)
    ]
    return ["shchukin", "tschenko", "tzar", "ckx", "jjo", "sh", "s", "tc", "tch", *made]


def test_trie_regex_matches_the_longest_rendering_first() -> None:
    flat = re.compile("|".join(re.escape(latin) for latin, _ in romanization._chunks()))
    trie = romanization._chunk_re()
    assert trie.pattern != flat.pattern
    for word in _latin_words():
        assert trie.findall(word) == flat.findall(word), word
    assert trie.findall("shchukin") == ["shch", "u", "k", "i", "n"]
    assert trie.findall("tschenko") == ["ts", "ch", "e", "n", "k", "o"]


def test_trie_pattern_of_words_without_shared_heads() -> None:
    assert romanization._trie_pattern(["ab", "a", "c", "d"]) == "a(?:b)?|[cd]"
    assert romanization._trie_pattern(["abc", "b"]) == "a(?:b(?:c))|b"
    assert re.compile(romanization._trie_pattern(["abc", "b"])).findall("abxabc") == ["b", "abc"]


@pytest.mark.parametrize(
    ("name", "key"),
    [("Gorbachov", "горбачев"), ("Dmitriyev", "дмитрев"), ("Maria", "маря"), ("Mariya", "маря"), ("Zelensky", "зеленски")],
)
def test_key_substitutions_where_their_letter_pairs_stand(name: str, key: str) -> None:
    assert romanization.romanization_key(name) == key


def _expected_facts(forms: list[str]) -> tuple[list[str], list[bool], list[tuple[str, ...]], list[bool]]:
    keys = [romanization.romanization_key(f) for f in forms]
    shapes = [_near_shape(f) for f in forms]
    bases = [inflection_bases(f) if " " not in f else () for f in forms]
    return keys, shapes, bases, [" " not in f for f in forms]


@pytest.mark.parametrize("cold", [True, False])
def test_form_facts_are_the_functions_answers(cold: bool) -> None:
    if cold:
        _FACTS.clear()
    index = index_document(DocumentMentions(Document("t", TEXT + "Lavrova met Lavrov and Navalnogo.\n")))
    facts = index.facts()
    assert facts is index.facts()  # made once
    forms = list(index.surfaces)
    assert facts.forms == forms
    assert "Deir ez-Zor" in forms and "Ryabkova" in forms
    assert (facts.keys, facts.near_shapes, facts.bases, facts.singles) == _expected_facts(forms)
    assert facts.bases[forms.index("Lavrova")] == ("Lavrov",)
    assert facts.near_shapes[forms.index("Ryabkova")] and not facts.near_shapes[forms.index("Sergei")]
    known = {f: traits(f) for f in forms}
    from_traits = index_mentions([(0, extract_mentions(Document("t", TEXT)))], known).facts()
    assert from_traits.forms == [f for f in forms if f in from_traits.forms]
    keys, shapes, bases, singles = _expected_facts(from_traits.forms)
    assert (from_traits.keys, from_traits.near_shapes, from_traits.bases, from_traits.singles) == (
        keys, shapes, bases, singles
    )


@pytest.mark.parametrize("source", ["text", "seed"])
def test_name_words_judged_once_are_those_of_is_name_word(source: str) -> None:
    text = TEXT if source == "text" else need(SEED).read_text(encoding="utf-8")
    tokens = Document(source, text).tokens
    texts = tokens.texts
    expected = {t for t in texts if is_name_word(t)}
    _NAME_WORD.clear()
    cold = _name_words(tokens.counts)
    assert cold == expected and _name_words(set(texts)) == expected
    assert _named(texts, None, None) == _named(texts, tokens.counts, None) == [
        i for i, t in enumerate(texts) if t in expected]
    assert "Ryabkov" in expected or source == "seed"
    assert not any(w.islower() for w in _NAME_WORD)  # lower-case words are never looked up
    own = {id(t) for t in texts}
    assert all(id(w) in own for w in cold)  # the document's strings, not the table's
    _INITIAL.clear()
    ordered = sorted(expected) * 2  # each word twice: judged once, then read back
    initial = _initial_flags(ordered)
    assert initial == [_initial_name(w) for w in ordered] == _initial_flags(ordered)
    assert True in initial and False in initial


def _all_close_pairs(keys: list[str], cutoff: float) -> list[tuple[int, int]]:
    from rapidfuzz import fuzz

    n = len(keys)
    return [(i, j) for i in range(n) for j in range(i + 1, n) if fuzz.ratio(keys[i], keys[j], score_cutoff=cutoff)]


@pytest.mark.parametrize("size", [12, 40, 41, 150])
def test_close_pairs_by_length_are_those_of_every_pair(size: int) -> None:
    rng = random.Random(size)
    letters = "абвгдеклмнорсти"
    keys: list[str] = []
    while len(keys) < size:
        word = list("".join(rng.choice(letters) for _ in range(rng.randint(0, 13))))
        keys.append("".join(word))
        # Near copies: a letter dropped, added, changed, or two added (the length bound's edge).
        for _ in range(rng.randint(0, 3)):
            copy = list(word)
            k = rng.randint(0, len(copy))
            choice = rng.randrange(4)
            if choice == 0 and copy:
                copy.pop(k - 1)
            elif choice == 1:
                copy.insert(k, rng.choice(letters))
            elif choice == 2 and copy:
                copy[k - 1] = rng.choice(letters)
            else:
                copy[k:k] = rng.choice(letters) + rng.choice(letters)
            keys.append("".join(copy))
    keys = keys[:size]
    rng.shuffle(keys)
    for cutoff in (50.0, 85.0, 90.0, 95.0, 100.0):
        assert _close_pairs(keys, cutoff) == _all_close_pairs(keys, cutoff)
    assert _close_pairs(keys, 90.0)  # some pairs are close
    if size == 150:  # the many-keys path, in blocks of a few rows (1,000 when run for real)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cluster, "_MATRIX_ROWS", 7)
            for cutoff in (85.0, 90.0, 100.0):
                assert cluster._matrix_pairs(keys, cutoff) == _all_close_pairs(keys, cutoff)


def test_close_pair_at_the_length_bound() -> None:
    # 9 and 11 letters, the shorter inside the longer: ratio 100 * (1 - 2 / 20) = 90 exactly.
    assert _close_pairs(["абвгдежзикл", "абвгдежзи"], 90.0) == [(0, 1)]
    assert _close_pairs(["абвгдежзиклм", "абвгдежзи"], 90.0) == []


def test_keys_in_one_pass_are_each_names_key() -> None:
    names = [
        *_latin_words()[:3000],
        "Deir ez-Zor",
        "Deir-ez-Zor",
        "Ivan Novikov",  # a repeat across the words ("нн")
        "Dmitriy Yevgenievich",
        "Gorbachov",
        "Enzo Fernández",
        "Covid-19",
        "2020",  # no letter: an empty key
        "",
        "Łukasz Ø",
        "Мария",  # no Latin letter
        "Ya Ye",
        "s h",  # a rendering across the words ("sh")
    ]
    assert romanization.romanization_keys(names) == [romanization.romanization_key(n) for n in names]
    assert romanization.romanization_keys(["2020", "", "Ivan"]) == ["", "", "иван"]
    ascii_only = [n for n in names if n.isascii()]
    assert romanization.romanization_keys(ascii_only) == [romanization.romanization_key(n) for n in ascii_only]
    with_breaks = ["Ivan\nov", "Petrov", "\n"]
    assert romanization.romanization_keys(with_breaks) == [romanization.romanization_key(n) for n in with_breaks]
    assert romanization.romanization_keys([]) == []


def test_places_kept_as_strings_are_the_set_of_places() -> None:
    places = gazetteer._places()
    kept = gazetteer._place_names()
    names = sorted(places)
    assert len(names) > 10_000
    assert all(name in kept for name in names)
    rng = random.Random(5)
    others = [name[:-1] for name in names[::7]] + [name + "a" for name in names[::11]]
    others += ["", " ", "a", "zzzz", "\uffff", "lavrov", *("".join(rng.choice("abc ") for _ in range(4)) for _ in range(500))]
    assert [o in kept for o in others] == [o in places for o in others]
    assert gazetteer.is_place("Deir-ez-Zor") and gazetteer.is_place("moscow") and not gazetteer.is_place("Lavrov")


def _every_ending_bases(word: str) -> tuple[str, ...]:
    """``inflection_bases`` trying every ending in turn."""
    if len(word) < 5 or not word.isalpha():
        return ()
    lower, out = word.lower(), []
    for ending, replacement in morphology._NOUN_ENDINGS:
        stem = word[: len(word) - len(ending)] + replacement
        shaped = morphology._NOUN_STEM_RE.search(stem.lower()) or morphology.is_russian_first_name(stem)
        if lower.endswith(ending) and len(stem) >= 3 and shaped:
            out.append(stem)
    for ending in morphology._ADJECTIVE_ENDINGS:
        stem = word[: len(word) - len(ending)]
        if lower.endswith(ending) and len(stem) >= 3 and stem.lower()[-1] not in "aeiouy":
            out.extend(stem + base for base in morphology._ADJECTIVE_BASES)
    return tuple(dict.fromkeys(b for b in out if b != word))


def test_inflection_bases_by_last_letter_are_those_of_every_ending() -> None:
    stems = ["Lavrov", "Putin", "Sergey", "Navaln", "Zelensk", "Ivan", "Kinotavr", "Maria", "Sergeev", "Dmitri"]
    endings = ["", "a", "u", "e", "y", "ym", "im", "om", "ya", "yu", "yem", "yom", "ogo", "ovo", "omu", "oy", "oi"]
    words = [stem + ending for stem in stems for ending in endings]
    words += [w.upper() for w in words] + ["İstanbula", "Ab", "Lavrov-a", "Ğurova"]
    assert [morphology.inflection_bases(w) for w in words] == [_every_ending_bases(w) for w in words]
    assert morphology.inflection_bases("Navalnogo")[:2] == ("Navalny", "Navalniy")


def test_missing_indices_are_those_of_the_nones() -> None:
    assert missing_indices([]) == []
    assert missing_indices([None, False, 0, None, True, ""]) == [0, 3]


def test_pick_is_getitem_of_each_index() -> None:
    items = tuple("abcdefg")
    for indices in ([], [3], [0, 6], [6, 0, 6], list(range(7))):
        assert list(pick(items, indices)) == [items[i] for i in indices]
