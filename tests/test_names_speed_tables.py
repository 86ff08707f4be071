"""The names tables kept as ``WordSet`` strings answer as the sets they were made from."""

from __future__ import annotations

import pytest

from mtqa.names import gazetteer, morphology, words
from mtqa.names.wordset import WordSet, pack


def test_wordset_membership_is_set_membership() -> None:
    members = {"Maria", "Mar", "Ma", "M", "", "Marat", "Marina", "Mariam", "de la Cruz", "Ñuñoa", "Ива"}
    table = WordSet(pack(members))
    probes = members | {"Mari", "Marias", "aria", "Marin", "Ma\nria", "Maria\n", "\nMaria", "Mar\nMarat", "x", "ива"}
    for word in probes:
        assert (word in table) == (word in members), word
    assert set(table) == members
    assert len(table) == len(members)
    assert 3 not in table


def test_wordset_refuses_a_word_with_a_line_break() -> None:
    with pytest.raises(ValueError, match="line break"):
        pack(["Anna", "An\nna"])


def test_first_name_tables_are_gender_guessers_names() -> None:
    from gender_guesser.detector import Detector  # type: ignore[import-untyped]

    detector = Detector(case_sensitive=True)
    columns = [detector.COUNTRIES.index(c) for c in ("russia", "ukraine", "belarus")]
    every = {n for n in detector.names if n[:1].isupper()}
    russian = {
        n
        for n in every
        if any(len(v) > i and v[i] != " " for v in detector.names[n].values() for i in columns)
    }
    male = {n for n, genders in detector.names.items() if set(genders) <= {"male", "mostly_male"}}
    every_set, russian_set = morphology._first_name_sets()
    assert set(every_set) == every
    assert set(russian_set) == russian
    assert set(morphology._male_first_name_set()) == male
    assert morphology.is_first_name("sergey") and morphology.is_russian_first_name("SERGEY")
    assert morphology.is_male_first_name("Pyotr") and not morphology.is_male_first_name("Anna")


def test_common_words_are_wordfreqs() -> None:
    from wordfreq import get_frequency_dict, zipf_frequency

    expected = {
        w
        for w, f in get_frequency_dict("en").items()
        if f >= words._FLOOR and w.isascii() and w.isalpha() and zipf_frequency(w, "en") >= words.COMMON_ZIPF
    }
    assert set(words._common()) == expected


def test_place_words_are_the_places_and_their_words() -> None:
    expected: set[str] = set()
    for name in gazetteer._places():
        expected.add(name)
        expected.update(w for w in name.split() if len(w) >= 3)
    assert set(gazetteer._place_words()) == expected
    assert gazetteer.is_place_word("Petersburg") and gazetteer.is_place_word("deir-ez-zor")
    assert not gazetteer.is_place_word("ez")


def test_places_kept_as_strings_are_the_set_of_places_near_its_names() -> None:
    import random

    places = gazetteer._places()
    kept = gazetteer._place_names()
    names = sorted(places)
    assert set(kept) == places
    rng = random.Random(9)
    others = [n[:-1] for n in names[::5]] + [n + "a" for n in names[::9]] + [names[0][:1], "", "\uffff", "zzzz"]
    others += ["".join(rng.choice("ab z") for _ in range(rng.randint(1, 5))) for _ in range(2000)]
    assert all(n in kept for n in names)
    assert [o in kept for o in others] == [o in places for o in others]


#: The surname endings as the regular expressions they were first written as.
_STRONG_RE = (
    r"(?:[ey]?ov|[ey]?ev|yov|[ey]?ova|[ey]?eva|s?kiy|s?kii|sky|skaya|tskiy|tsky|"
    r"ovich|evich|vich|yevich|enko|chuk|yuk|shin|tsev|tsov|nykh|ykh|ikh)$"
)
_WEAK_RE = r"(?:in|yn|ina|yna|uk|ko|ets|ny|nyy|niy|oy|oi|ak|ich|itch|off|ova|ski)$"


def test_surname_endings_are_those_of_the_expressions() -> None:
    import random
    import re

    strong, weak = re.compile(_STRONG_RE), re.compile(_WEAK_RE)
    rng = random.Random(3)
    letters = "abcdefhiknostuvykh"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 9))) for _ in range(100_000)]
    for w in words:
        assert w.endswith(morphology._STRONG_ENDINGS) == bool(strong.search(w)), w
        assert w.endswith(morphology._WEAK_ENDINGS) == bool(weak.search(w)), w


@pytest.mark.parametrize("word", ["sergey", "SERGEY", "anna-maria", "ANNA-MARIA", "", "-", "é", "ǆemal", "İlker", "a--b"])
def test_title_case(word: str) -> None:
    assert morphology._title_case(word) == "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def test_digit_run_weights_are_wordfreqs() -> None:
    from itertools import product

    from wordfreq.numbers import digit_freq

    for size in (2, 3, 4):
        for run in map("".join, product("0123456789", repeat=size)):
            assert words._digit_run_weight(run) == digit_freq(run), run


def test_chunks_folded_by_translate_are_the_chunks_looked_up() -> None:
    import random

    from mtqa.names import romanization

    rng = random.Random(11)
    hot, alphabet = "schktyzjiauoe", "abcdefghijklmnopqrstuvwxyz"
    words = [
        "".join(rng.choice(hot if rng.random() < 0.7 else alphabet) for _ in range(rng.randint(0, 12)))
        for _ in range(20_000)
    ]
    words += ["shchukin", "tschenko", "tzar", "ckx", "jjo", "sh", "s", "tc", "tch", "xx", "shhh", "yiyo"]
    table, chunk_re = romanization._separated_table(), romanization._separated_chunk_re()
    assert romanization._letter_table() is not None  # every ASCII letter is a rendering of its own
    for k in range(0, len(words), 50):
        letters = "\n".join(words[k : k + 50])
        expected = "".join(map(table.__getitem__, chunk_re.findall(letters)))
        assert romanization._fold_chunks(letters) == expected


def test_keys_without_the_letter_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from mtqa.names import romanization

    names = ["Shchukin", "Tschenko", "Deir ez-Zor", "Xenia", "Zelenskyy", ""]
    expected = romanization.romanization_keys(names)
    monkeypatch.setattr(romanization, "_letter_table", lambda: None)
    assert romanization.romanization_keys(names) == expected == [romanization.romanization_key(n) for n in names]
