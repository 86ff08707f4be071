"""Guarded regexes: the literal every match holds, the line test, and the same matches as a full scan."""

from __future__ import annotations

import pickle

import pytest
import regex

from mtqa.kinds._guard import Guarded, guard, occurrences, scan_lines, stays_in_line
from mtqa.kinds._literals import bits, required_literals, uses_ascii_digits
from mtqa.kinds._text import phrase_matcher, phrase_pattern
from mtqa.rulefile import builtin_rules_dir, load_rules

FLAGS = regex.V1 | regex.IGNORECASE

LITERALS = [
    (r"\btold about\b", ("told about",)),
    (r"\b(?<!within )[Ii]n the framework of\b", ("In the framework of", "in the framework of")),
    (r"(?:^|(?<=[.!?] ))(?:By|On) the results of\b", ("By the results of", "On the results of")),
    (r"\bperspective(?= (?:projects?|areas?)\b)", ("perspective",)),
    (r"colou?r", ("color", "colour")),  # an optional letter: the texts with and without it
    (r"hello{1,2}", ("hello",)),
    (r"ab+cde", ("bcde",)),  # 'b+' ends with one b, then the run goes on
    (r"\p{L}+ foo\.", (" foo.",)),
    (r"[.!?] +(\d)\1 Mr\. Smith", (" Mr. Smith",)),
    (r"\u00e9tat civil", ("état civil",)),  # a code escape is its character
    (r"\b(May|June|July) (\d{1,2})\b", ("May ", "July ", "June ")),  # the month and the space after it
    (r"(?:https?://)?(?:[\p{Cyrillic}\d-]+\.)+(?:рф|рус)(?!\p{L})", (".рф", ".рус")),
    (r"\b(?:May|June)? (\d{1,2})\b", ()),  # optional alternatives guard nothing
    (r"(?:a|bc) (?:de|fg)", ("a de", "a fg", "bc de", "bc fg")),  # each holds one of 'de' or 'fg': rarer
    (r"ab\x41cde", ("abAcde",)),
    (r"one|two three", ("one", "two three")),  # an alternation at the top: one of each branch
    (r"foo(?=bar)baz", ("foobaz",)),  # a lookaround matches no text: its neighbours touch
    (r"told(?= (?:a|(?:b[)]c))) about", ("told about",)),  # whatever a lookaround holds
    (r"told(?=(?#x)) about", ()),  # a comment in it may hold any bracket
    (r"[^ab]cde", ("cde",)),  # a negated class is unknown
    (r"x{2}yz", ("xxyz",)),
    (r"\btold\s+about\b", ("about",)),  # the rarer word
    (r"(?<![\p{L}\d])а(?![\p{L}])", ("а",)),  # one character outside ASCII is rare enough
    (r"\b(?:in|on) (\w+)", ()),  # two letters and a space are too common to guard
    (r"(?:foo){e<=1}bar", ()),  # fuzzy matching: a match need not hold 'foo'
    (r"(?(1)ab|cd)", ()),  # syntax the reader does not follow: nothing
    (r"(?#note)told", ()),
    (r"\N{EM DASH}told", ()),
    (r"(?x) told about", ()),  # verbose: spaces are no literal
    (r"[abc]d?", ()),
]


@pytest.mark.parametrize(("pattern", "literals"), LITERALS)
def test_required_literals(pattern: str, literals: tuple[str, ...]) -> None:
    assert required_literals(pattern) == literals


IN_LINE = [
    (r"\btold about\b", True),
    (r"\b(?:[Ii]t|[Aa]s it) (?:became|has become) known\b", True),
    (r"(?<![\p{L}\d])foo\p{L}+", True),
    (r"(?-i:\p{Lu})x", True),
    (r"a.b", True),  # a dot is no line break without DOTALL
    (r"(?:^|(?<=[.!?] ))We", True),  # ^ is the text's start only
    (r"(?<!Windows\s)\b\d+ March", True),  # a lookbehind reads the line before alike in both scans
    (r"(?<=(?=a\s)a)foo", False),  # unless it looks ahead itself
    (r"foo\s+bar", False),
    (r"[^x]foo", False),
    (r"\P{L}foo", False),
    (r"(?P<n>ab)\n", False),
    (r"foo$", False),
    (r"foo\Z", False),
    (r"(?s)a.b", False),
    (r"(?m)^foo", False),
    (r"(?#note)foo", False),  # syntax the reader does not follow
    (r"[[a-z]]x", False),  # a '[' in a class (a nested set in V1): the scanner is unsure
    (r"(?<=a(?#)))foo", False),  # a comment may hold any bracket
]


@pytest.mark.parametrize(("pattern", "expected"), IN_LINE)
def test_stays_in_line(pattern: str, expected: bool) -> None:
    assert stays_in_line(pattern, FLAGS) is expected


TEXTS = [
    "He told about it.\nShe TOLD ABOUT it. He told\nabout it.",
    "Told about May 5 and june 6;\nJUNE 7, told about",
    "Straße told about\r\ntold about İstanbul; told about",
    "told about",
    "x\n\ntold aboutx told about\n",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("pattern", [r"\btold about\b", r"told about(?=\s)", r"\btold\s+about\b", r"(?<=\n)told about",
                                     r"(?<!\.\s)told about", r"(?<=x\n\n)told about",
                                     r"\b(May|June) (\d{1,2})\b", r"\b(?i:May|June) \d"])
@pytest.mark.parametrize("flags", [FLAGS, regex.V1])
def test_guarded_matches_as_a_full_scan(pattern: str, text: str, flags: int) -> None:
    compiled = regex.compile(pattern, flags)
    guarded = guard(compiled, pattern)
    assert isinstance(guarded, Guarded)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in compiled.finditer(text)]


def test_a_phrase_is_guarded_by_its_longest_word() -> None:
    matcher = phrase_matcher("in the framework of", ignorecase=True)
    assert isinstance(matcher, Guarded)
    assert matcher.literals == ("framework",)
    text = "Built In  the\tframework of a plan; in the framework."
    assert [m.group() for m in matcher.finditer(text)] == ["In  the\tframework of"]


def _builtin_guards() -> list[tuple[str, Guarded, list[str]]]:
    out = []
    for rule in load_rules([builtin_rules_dir()]).rules:
        texts = [e.text for e in (*rule.fail, *rule.passes)]
        options = rule.options
        matchers = [r.matcher for r in getattr(options, "replacements", ())]
        matchers += list(getattr(options, "matchers", ()))
        matchers += [v.matcher for v in getattr(options, "variants", ())]
        out += [(rule.id, m, texts) for m in matchers if isinstance(m, Guarded)]
    return out


def test_every_builtin_guard_finds_what_a_full_scan_finds_in_the_rule_examples() -> None:
    guards = _builtin_guards()
    assert len(guards) >= 90
    for rule_id, matcher, texts in guards:
        # Each example alone, and all of them as the lines of one document.
        for text in [*texts, "\n".join(texts), "\r\n".join(texts)]:
            full = [m.span() for m in matcher.pattern.finditer(text)]
            assert [m.span() for m in matcher.finditer(text)] == full, (rule_id, matcher.source, text)


def test_scan_lines_finds_what_a_full_scan_finds_on_those_lines() -> None:
    pattern = regex.compile(r"(?<![\p{L}\d])(?=[\w-]*\d)[\dА-Я]+(?![\p{L}\d])", regex.V1)
    assert stays_in_line(pattern.pattern, pattern.flags)
    text = "МН17 flew\r\nT-34 and 22°С\n\nА1 at the end 90х190"
    offsets = [text.index("flew"), text.index("end"), text.index("end") + 1]
    lines = [(0, text.index("\n") + 1), (text.index("А1"), len(text))]
    full = [m.span() for m in pattern.finditer(text) if any(s <= m.start() < e for s, e in lines)]
    assert [m.span() for m in scan_lines(pattern, text, offsets)] == full == [(0, 4), (text.index("А1"), text.index("А1") + 2)]


def test_a_dot_in_a_group_is_no_plain_alternative() -> None:
    assert required_literals(r"(a.b|cd) x") == ()


def test_occurrences_finds_every_start_of_every_literal_in_one_pass() -> None:
    guard(regex.compile(r"\bstate organs\b", FLAGS), r"\bstate organs\b")
    guard(regex.compile(r"\borgans of power\b", FLAGS), r"\borgans of power\b")
    text = "State organs of power; the ORGANS OF POWER.\nstate organs"
    found = occurrences(text, True)
    assert found["state organs"] == [0, 44]
    assert found["organs of power"] == [6, 27]  # overlapping literals are both found


def test_a_guarded_pattern_survives_pickling_with_its_literals_registered() -> None:
    matcher = guard(regex.compile(r"\bsolemn atmosphere\b", FLAGS), r"\bsolemn atmosphere\b")
    copy = pickle.loads(pickle.dumps(matcher))
    assert isinstance(copy, Guarded) and copy.literals == ("solemn atmosphere",)
    text = "In a Solemn Atmosphere.\nno"
    assert [m.span() for m in copy.finditer(text)] == [(5, 22)]


def test_a_small_class_stands_for_each_of_its_members() -> None:
    expected = {mark + quote + " " + dash for mark in ".," for quote in "”\"»" for dash in "—–-"}
    assert set(required_literals(r'[.,]([”"»]) [—–-](?= said)')) == expected


def test_digits_are_read_as_ascii_digits_and_say_so() -> None:
    pattern = r"(?<!\d)(\d{1,3})[ \u00a0](\d{3})(?!\d)"
    literals = required_literals(pattern)
    assert set(literals) == {f"{a}{space}{b}" for a in "0123456789" for space in " \u00a0" for b in "0123456789"}
    assert uses_ascii_digits(pattern, literals)
    assert not uses_ascii_digits(r"abc 12", ("abc 12",))  # no \\d: the digits are as written


@pytest.mark.parametrize("text", ["In 12 345 cases.", "Нет: ١٢ ٣٤٥ and 12 345.", "No number\nat all", "٣ ٤٥٦"])
def test_a_guard_on_digits_scans_texts_with_other_digits_in_full(text: str) -> None:
    pattern = r"(?<!\d)(\d{1,3}) (\d{3})(?!\d)"
    compiled = regex.compile(pattern, regex.V1)
    guarded = guard(compiled, pattern)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in compiled.finditer(text)]


def test_one_pass_finds_literals_as_written_only_where_their_case_matches() -> None:
    guard(regex.compile(r"\bUSSR\b", regex.V1), r"\bUSSR\b")
    guard(regex.compile(r"\bthe ussr\b", FLAGS), r"\bthe ussr\b")
    text = "The USSR, the ussr and Ussr.\nUSSR"
    assert occurrences(text, False)["USSR"] == [4, 29]
    assert occurrences(text, True)["the ussr"] == [0, 10]
    # Casefolding lengthens "ß": each set is then searched on its own, at the text's own offsets.
    longer = "Straße: the USSR\nThe Ussr"
    assert occurrences(longer, False)["USSR"] == [12]
    assert occurrences(longer, True)["the ussr"] == [9, 18]


@pytest.mark.parametrize(("common", "rare"), [("the", "framework"), ("in", "US"), (", ", "” —"), ("0", "0 0")])
def test_bits_rank_a_rarer_text_higher(common: str, rare: str) -> None:
    assert bits(common) < bits(rare)


def test_a_literal_phrase_is_found_through_the_shared_pass_with_word_boundaries() -> None:
    matcher = phrase_matcher("U.K.")
    text = "The U.K. and U.K.-based, not XU.K. or U.K.s; U.K.\nU.K."
    spans = [m.span() for m in matcher.finditer(text)]
    assert spans == [m.span() for m in phrase_pattern("U.K.").finditer(text)]
    assert spans == [(4, 8), (13, 17), (45, 49), (50, 54)]
    copy = pickle.loads(pickle.dumps(matcher))
    assert [m.span() for m in copy.finditer(text)] == spans
