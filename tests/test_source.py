"""Source-aware checks on constructed segments: exact spans, rules, messages and counts."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mtqa.finding import Severity
from mtqa.formats import Segment
from mtqa.source import RULES, check_segment, name_mismatch, number_mismatch, omission, untranslated
from mtqa.source.numbers import format_value, source_numbers, target_numbers


def seg(source: str | None, target: str) -> Segment:
    return Segment("s1", source, target)


def spans(findings: object) -> list[tuple[str, str, int, int]]:
    return [(f.rule, f.text, f.start, f.end) for f in findings]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- numbers: reading


def test_russian_numbers_and_their_readings() -> None:
    got = [(n.text, n.value) for n in source_numbers("Рост 3,5% и 10 000 руб., 5 млн, 1,5 млрд, 2 тыс. и 7")]
    assert got == [
        ("3,5", Fraction(7, 2)),
        ("10 000", Fraction(10_000)),  # also readable as "10" and "000" (a model number and a size)
        ("5 млн", Fraction(5_000_000)),
        ("1,5 млрд", Fraction(1_500_000_000)),
        ("2 тыс.", Fraction(2000)),
        ("7", Fraction(7)),
    ]
    assert [n.text for n in source_numbers("1 человек и 1,5 литра")] == ["1,5"]
    assert [n.text for n in source_numbers("1 человек", ones=True)] == ["1"]
    assert [n.text for n in source_numbers("Г20, COVID-19 и Су-35")] == ["35"]


def test_english_numbers_cover_spelled_and_scaled_forms() -> None:
    atoms = {a for n in target_numbers("twenty-five, a million, 5bn, two hundred and five, March, 2021-22") for a in n.atoms}
    for value in (25, 1_000_000, 5_000_000_000, 205, 2022):
        assert Fraction(value) in atoms
    assert "M3" in atoms


@pytest.mark.parametrize(
    ("value", "text"),
    [(Fraction(7, 2), "3.5"), (Fraction(2024), "2024"), (Fraction(10_000), "10,000"), (Fraction(1, 8), "0.125")],
)
def test_format_value(value: Fraction, text: str) -> None:
    assert format_value(value) == text


# ---------------------------------------------------------------- number_mismatch

RENDERED = [
    ("Рост составил 3,5%.", "Growth was 3.5%."),
    ("Пришли 10 000 человек.", "10,000 people came."),
    ("Пришли 10\u00a0000 человек.", "10 000 people came."),
    ("Выручка - 5 млн рублей.", "Revenue was 5 million rubles."),
    ("Выручка - 5 млн рублей.", "Revenue was 5m rubles."),
    ("Выручка - 5 млн рублей.", "Revenue was 5,000,000 rubles."),
    ("Сделка на 1,5 млрд долларов.", "A $1.5bn deal."),
    ("Сделка на 2 тыс. долларов.", "A $2,000 deal."),
    ("Указ от 12.03.2024.", "The decree of March 12, 2024."),
    ("Указ от 12.03.2024.", "The decree of 12 March 2024."),
    ("Начало в 15:00.", "It starts at 3 p.m."),
    ("Начало в 17 часов.", "It starts at 5 pm."),
    ("Открыто с 10-00 до 22-00.", "Open from 10 a.m. to 10 p.m."),
    ("Погибли 12 человек.", "Twelve people died."),
    ("Ему 5 лет, цены выросли в 2 раза.", "He is five, and prices doubled."),
    ("Пришли 25 участников.", "Twenty-five participants came."),
    ("Пришел 1 человек.", "A man came."),
    ("В 2021-2022 годах.", "In 2021-22."),
    ("Телефон: +7 (495) 229 62 01", "Phone: +7 (495) 229-6201"),
    ("Больше 5 тыс. случаев COVID-19.", "More than 5,000 COVID cases."),
    ("В 90-х годах.", "In the 1990s."),
    ("Двое из 3 детей.", "Two of three children."),
]


@pytest.mark.parametrize(("source", "target"), RENDERED)
def test_numbers_rendered_in_any_english_form(source: str, target: str) -> None:
    assert list(number_mismatch.check(seg(source, target))) == []


def test_changed_decimal_points_at_the_target_number() -> None:
    (f,) = number_mismatch.check(seg("Рост составил 3,5%.", "Growth was 35%."))
    assert (f.rule, f.text, f.start, f.end, f.suggestion, f.severity) == (
        "source.number-mismatch", "35", 11, 13, "3.5", Severity.WARNING
    )
    assert f.source_span is not None and (f.source_span.start, f.source_span.end) == (14, 17)
    assert f.segment == "s1"
    assert f.message == "'35' here, but the source has '3,5' (= 3.5)."


@pytest.mark.parametrize(
    ("source", "target", "found", "suggestion"),
    [
        ("Пришли 10 000 человек.", "1,000 people came.", "1,000", "10,000"),
        ("Выручка - 5 млн рублей.", "Revenue was 5 billion rubles.", "5 billion", None),
        ("Спрос вырос на 115 тыс. единиц.", "Demand grew by 15,000 units.", "15,000", "115,000"),
        ("Это было в 2022 году.", "That was in 2002.", "2002", "2022"),
        ("Больше 5 тыс. человек.", "More than 5.000 people.", "5.000", "5000"),
    ],
)
def test_changed_numbers(source: str, target: str, found: str, suggestion: str | None) -> None:
    (f,) = number_mismatch.check(seg(source, target))
    assert (f.text, f.suggestion) == (found, suggestion)
    assert target[f.start : f.end] == found


def test_missing_number_spans_the_whole_target() -> None:
    (f,) = number_mismatch.check(seg("Погибли 12 человек.", "  People died. "))
    assert (f.text, f.start, f.end) == ("People died.", 2, 14)
    assert f.message == "'12' in the source is missing from the translation."


def test_wrong_month_of_a_date_is_missing() -> None:
    (f,) = number_mismatch.check(seg("Указ от 12.04.2024.", "The decree of March 12, 2024."))
    assert f.text == "The decree of March 12, 2024."
    assert f.message == "'12.04.2024' in the source is missing from the translation."


def test_a_number_glued_to_letters_is_not_taken_as_the_changed_one() -> None:
    (f,) = number_mismatch.check(seg("Выбросы - 33,9 тонны.", "Emissions of CO2 are high."))
    assert f.text == "Emissions of CO2 are high."


def test_one_finding_per_distinct_missing_number() -> None:
    findings = list(number_mismatch.check(seg("В 2020 и снова в 2020 году, 7 раз.", "Again.")))
    assert [f.message for f in findings] == [
        "'2020' in the source is missing from the translation.",
        "'7' in the source is missing from the translation.",
    ]


def test_no_source_no_number_check() -> None:
    assert list(number_mismatch.check(seg(None, "35"))) == []


# ---------------------------------------------------------------- name_mismatch


def test_truncated_name() -> None:
    (f,) = name_mismatch.check(seg("С заявлением выступил Андрей Колокольцев.", "Andrei Kolokolts made a statement."))
    assert (f.rule, f.text, f.start, f.end, f.suggestion, f.severity) == (
        "source.name-mismatch", "Kolokolts", 7, 16, "Kolokoltsev", Severity.WARNING
    )
    assert f.source_span is not None and (f.source_span.start, f.source_span.end) == (29, 40)
    assert f.message == "'Kolokolts' looks like a truncated 'Kolokoltsev' (source: 'Колокольцев')."


def test_truncated_inflected_name_suggests_the_base_form() -> None:
    (f,) = name_mismatch.check(seg("По словам Андрея Колокольцева, всё готово.", "According to Andrei Kolokolts, all is ready."))
    assert (f.text, f.suggestion) == ("Kolokolts", "Kolokoltsev")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Встреча с Андреем Колокольцевым.", "A meeting with Andrei Kolokoltsev."),
        ("Слова Андрея Колокольцева.", "Andrei Kolokoltsev's words."),
        ("Министр Сергей Шойгу.", "Minister Sergey Shoygu."),
        ("Министр Сергей Шойгу.", "Minister Sergei Shoigu."),
        ("Американская компания.", "The American company."),
        ("Городищенский район.", "The Gorodishche district."),
        ("Прокуратура Тартуской области.", "The Tartus region prosecutor's office."),
        ("Переговоры в Москве.", "Talks in Moscow."),
        ("Переговоры с Владимиром Зеленским.", "Talks with Volodymyr Zelenskyy."),
        ("Экономика Соединенных Штатов.", "The US economy."),
        ("Авария в провинции Куангбинь.", "A crash in Quang Binh province."),
        ('Пружины "Микропакет" хороши.', 'The "Micropack" springs are good.'),
        ("Собор Святых Петра и Павла.", "The Cathedral of Saints Peter and Paul."),
    ],
)
def test_names_rendered_translated_or_not_names(source: str, target: str) -> None:
    assert list(name_mismatch.check(seg(source, target))) == []


def test_missing_surname_of_a_person_is_info_on_the_whole_segment() -> None:
    (f,) = name_mismatch.check(seg("Об этом заявил Андрей Колокольцев.", "This was announced yesterday."))
    assert (f.text, f.start, f.end, f.severity) == ("This was announced yesterday.", 0, 29, Severity.INFO)
    assert f.message == "The source's 'Колокольцев' (Kolokoltsev) is not in the translation."


def test_another_surname_in_its_place_is_missing_not_truncated() -> None:
    (f,) = name_mismatch.check(seg("Выступил Иван Колокольцев.", "Ivan Petrov spoke."))
    assert f.severity is Severity.INFO and f.source_span is not None and f.source_span.start == 14


def test_capitalised_words_without_a_first_name_are_not_missing_persons() -> None:
    assert list(name_mismatch.check(seg("Белая Королева и Близнецов.", "The White Queen and the twins."))) == []


# ---------------------------------------------------------------- untranslated_segment


def test_target_equal_to_source() -> None:
    (f,) = untranslated.check(seg("Завтра будет дождь.", "Завтра будет дождь."))
    assert (f.rule, f.text, f.start, f.end, f.severity) == (
        "source.untranslated-segment", "Завтра будет дождь.", 0, 19, Severity.ERROR
    )
    assert f.message == "The translation is the source text, left untranslated."


def test_mostly_cyrillic_target_even_without_source() -> None:
    (f,) = untranslated.check(seg(None, "Завтра будет rain."))
    assert f.message == "The translation is mostly in Cyrillic (73% of its letters): it looks untranslated."
    assert f.source_span is None


@pytest.mark.parametrize(
    ("source", "target"),
    [("iPhone 13 Pro", "iPhone 13 Pro"), ("Агентство ТАСС сообщило.", "The TASS agency (ТАСС) reported it."), ("Да", "Да")],
)
def test_translated_or_nothing_to_translate(source: str, target: str) -> None:
    assert list(untranslated.check(seg(source, target))) == []


# ---------------------------------------------------------------- omission


def test_far_too_short_translation() -> None:
    source = "Председатель правительства провел совещание о подготовке к отопительному сезону в регионах."
    (f,) = omission.check(seg(source, "The chairman held a meeting."))
    assert (f.rule, f.text, f.start, f.end, f.severity) == (
        "source.omission", "The chairman held a meeting.", 0, 28, Severity.WARNING
    )
    assert f.source_span is not None and (f.source_span.start, f.source_span.end) == (0, len(source))
    assert f.message == (
        "The translation is 29% of its source's length (23 letters for 80); "
        "human translations stay above 35%: something may be left out."
    )


def test_long_sources_have_the_stricter_band() -> None:
    source = "а" * 150
    assert omission.threshold(150) == 0.5 and omission.threshold(99) == 0.35 and omission.threshold(19) is None
    assert len(list(omission.check(seg(source, "b" * 70)))) == 1
    assert list(omission.check(seg("а" * 60, "b" * 28))) == []


def test_short_sources_and_normal_lengths_pass() -> None:
    assert list(omission.check(seg("Коротко и ясно.", "Ok."))) == []
    assert list(omission.check(seg("Председатель правительства провел совещание.", "The prime minister held a meeting."))) == []


# ---------------------------------------------------------------- all together


def test_untranslated_segment_stands_alone() -> None:
    findings = check_segment(seg("Об этом заявил Андрей Колокольцев 12 марта.", "Об этом заявил Андрей Колокольцев 12 марта."))
    assert [f.rule for f in findings] == ["source.untranslated-segment"]


def test_check_segment_runs_the_named_checks_in_position_order() -> None:
    segment = seg("Андрей Колокольцев сообщил о росте на 3,5%.", "Andrei Kolokolts reported growth of 35%.")
    assert spans(check_segment(segment)) == [
        ("source.name-mismatch", "Kolokolts", 7, 16),
        ("source.number-mismatch", "35", 36, 38),
    ]
    assert spans(check_segment(segment, ("source.number-mismatch",))) == [("source.number-mismatch", "35", 36, 38)]
    assert RULES == (
        "source.number-mismatch", "source.name-mismatch", "source.untranslated-segment", "source.omission"
    )
