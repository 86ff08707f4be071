"""Numbers in Russian source text and in English target text, as comparable values.

A Russian number may be read more than one way, so each source number carries
*alternatives*: an alternative is a tuple of requirements, and a requirement
is a set of atoms of which the target must contain at least one. The number
is rendered when some alternative has every requirement met. Atoms are exact
``Fraction`` values, or month markers (``"M3"`` for March) for dates.

Russian conventions understood: decimal comma (3,5 = 3.5; "1,500" may be
1.5 or 1500), spaces, no-break and thin spaces between thousands
(10 000 = 10,000), multiplier words (5 млн = 5 million = 5,000,000; тыс.,
млрд, трлн and their full forms), dates (12.03.2024 = 12 March 2024 = March
12, 2024), times (15:00 = 3 p.m.).

English targets are read generously, because only source numbers are
checked: every digit group, thousands with commas or spaces, decimals with a
point (or a leaked comma), multiplier words and suffixes (5 million, 5m, 5bn,
5K), spelled-out numbers (five, twenty-five, a million, twice, threefold,
first, the nineties), month names, and a year's last two digits (the '90s).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

Atom = Fraction | str
Requirement = frozenset[Atom]
Alternative = tuple[Requirement, ...]

_SPACES = " \u00a0\u202f\u2009"
_GROUPED_RE = re.compile(rf"(?<![0-9\w])[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+(?:,[0-9]+)?(?![0-9])")
_TOKEN_RE = re.compile(r"(?<![0-9])[0-9]+(?:[.,:/][0-9]+)*(?![0-9])")
# A Russian number never starts inside a word ("Г20", "МС21"). A hyphen before it is fine after a
# Cyrillic word ("Су-35" is "Su-35"); after a Latin one it is part of a name the translation may shorten
# ("COVID-19" is often "COVID").
_RU_TOKEN_RE = re.compile(r"(?<![\w])(?<![A-Za-z]-)[0-9]+(?:[.,:][0-9]+)*(?![0-9])")
#: A time written with a hyphen ("с 10-00 до 22-00").
_RU_HYPHEN_TIME_RE = re.compile(r"(?<![\w])([01]?[0-9]|2[0-4])-([0-5][0-9])(?![0-9])")
#: An hour count that may be a clock time ("в 17 часов" = "at 5 p.m.").
_RU_HOURS_RE = re.compile(r"[\s\u00a0]*час", re.IGNORECASE)
#: A year range written the English way in the target ("2021-22" = 2021 to 2022).
_EN_YEAR_RANGE_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*[-–—/]\s*([0-9]{2})(?![0-9])")

_RU_MULTIPLIERS = (
    (re.compile(r"тыс(?:\.|яч[а-яё]*|\b)", re.IGNORECASE), 1_000),
    (re.compile(r"млн\b\.?|миллион[а-яё]*", re.IGNORECASE), 1_000_000),
    (re.compile(r"млрд\b\.?|миллиард[а-яё]*", re.IGNORECASE), 1_000_000_000),
    (re.compile(r"трлн\b\.?|триллион[а-яё]*", re.IGNORECASE), 1_000_000_000_000),
)
_EN_MULTIPLIER_RE = re.compile(
    r"[\s\u00a0]*(thousand|million|billion|trillion|k|m|mn|mln|bn|bln|b|tn|trn|trln|tln)(?![a-z])", re.IGNORECASE
)
_EN_MULTIPLIERS = {
    "thousand": 1_000, "k": 1_000,
    "million": 1_000_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "billion": 1_000_000_000, "bn": 1_000_000_000, "bln": 1_000_000_000, "b": 1_000_000_000,
    "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
    "trln": 1_000_000_000_000, "tln": 1_000_000_000_000,
}  # fmt: skip

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_MONTHS = (
    "january february march april may june july august september october november december".split()
)

_WORD_VALUES: dict[str, tuple[Fraction, ...]] = {}
for _i, _w in enumerate(_UNITS):
    _WORD_VALUES[_w] = (Fraction(_i),)
    _WORD_VALUES[_ORDINAL_UNITS[_i]] = (Fraction(_i),)
    _WORD_VALUES[_w + "fold"] = (Fraction(_i),)
for _i, _w in enumerate(_TENS, start=2):
    _WORD_VALUES[_w] = (Fraction(_i * 10),)
    _WORD_VALUES[_w[:-1] + "ieth"] = (Fraction(_i * 10),)
    _WORD_VALUES[_w[:-1] + "ies"] = (Fraction(_i * 10),)  # the nineties
    _WORD_VALUES[_w + "fold"] = (Fraction(_i * 10),)
_WORD_VALUES.update({
    "hundred": (Fraction(100),), "hundredth": (Fraction(100),), "hundredfold": (Fraction(100),),
    "thousand": (Fraction(1000),), "thousandth": (Fraction(1000),),
    "million": (Fraction(10**6),), "billion": (Fraction(10**9),), "trillion": (Fraction(10**12),),
    "dozen": (Fraction(12),), "once": (Fraction(1),), "twice": (Fraction(2),), "thrice": (Fraction(3),),
    "double": (Fraction(2),), "doubled": (Fraction(2),), "triple": (Fraction(3),), "tripled": (Fraction(3),),
    "quadruple": (Fraction(4),), "quadrupled": (Fraction(4),), "couple": (Fraction(2),),
    "pair": (Fraction(2),), "both": (Fraction(2),), "half": (Fraction(1, 2), Fraction(50)),
    "quarter": (Fraction(1, 4), Fraction(25)),
})  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORD_RE = re.compile(r"[A-Za-z]+")
_MONTH_ABBREVIATIONS = {w[:3]: i for i, w in enumerate(_MONTHS, start=1)} | {"sept": 9}


@dataclass(frozen=True, slots=True)
class SourceNumber:
    """A number of the source text, with the ways a translation may render it."""

    start: int
    end: int
    text: str
    alternatives: tuple[Alternative, ...]
    #: The value of the first reading when it is one value (3,5 -> 3.5; 1,500 -> 1.5), for messages.
    value: Fraction | None

    def atoms(self) -> frozenset[Atom]:
        return frozenset(a for alt in self.alternatives for req in alt for a in req)

    def rendered(self, target_atoms: frozenset[Atom]) -> bool:
        return any(all(req & target_atoms for req in alt) for alt in self.alternatives)


@dataclass(frozen=True, slots=True)
class TargetNumber:
    """A number written in the target text, with every value it may stand for."""

    start: int
    end: int
    text: str
    atoms: frozenset[Atom]
    #: Written with digits (spelled-out numbers and month names are not).
    digits: bool


def _value(text: str) -> Fraction:
    return Fraction(text.replace(",", "."))


def _hour(h: int) -> frozenset[Atom]:
    return frozenset({Fraction(h), Fraction(h % 12 or 12)})


def _time(hour: int, minutes: int) -> Alternative:
    """A clock time: the hour on a 24- or 12-hour clock, and the minutes unless they are 00."""
    return (_hour(hour),) + ((frozenset({Fraction(minutes)}),) if minutes else ())


def _single(*values: Fraction) -> Alternative:
    return (frozenset(values),)


def _ru_alternatives(token: str) -> tuple[Alternative, ...]:
    """How a Russian digit token may be read."""
    if ":" in token:
        parts = token.split(":")
        if len(parts) == 2 and len(parts[1]) == 2 and int(parts[0]) <= 24 and int(parts[1]) < 60:
            return (_time(int(parts[0]), int(parts[1])),)
        return (tuple(frozenset({Fraction(int(p))}) for p in parts),)
    groups = re.split(r"[.,]", token)
    if len(groups) == 1:
        return (_single(Fraction(int(token))),)
    if len(groups) == 3 and "," not in token:
        return (_date(groups),) if _date_like(groups) else (_parts(groups),)
    if len(groups) > 2:
        return (_parts(groups),)
    whole, frac = groups
    alternatives: list[Alternative] = [_single(_value(token))]
    if "," in token and len(frac) == 3:
        alternatives.append(_single(Fraction(int(whole + frac))))  # "1,500" written the English way
    if "." in token and len(frac) == 2:
        day, second = int(whole), int(frac)
        if 1 <= day <= 31 and 1 <= second <= 12:
            alternatives.append((frozenset({Fraction(day)}), frozenset({Fraction(second), f"M{second}"})))
        if day <= 24 and second < 60:
            alternatives.append(_time(day, second))
    return tuple(alternatives)


def _date_like(groups: list[str]) -> bool:
    return len(groups[0]) <= 2 and len(groups[1]) <= 2 and len(groups[2]) in (2, 4) and 1 <= int(groups[1]) <= 12


def _date(groups: list[str]) -> Alternative:
    day, month, year = (int(g) for g in groups)
    years = {Fraction(year)} | ({Fraction(2000 + year), Fraction(1900 + year)} if year < 100 else set())
    return (frozenset({Fraction(day)}), frozenset({Fraction(month), f"M{month}"}), frozenset(years))


def _parts(groups: list[str]) -> Alternative:
    return tuple(frozenset({Fraction(int(g))}) for g in groups)


def _ru_multiplier(text: str, end: int) -> tuple[int, int]:
    """(multiplier, end of the multiplier word) after a number, or (1, end)."""
    pos = end
    while pos < len(text) and text[pos] in _SPACES:
        pos += 1
    for pattern, factor in _RU_MULTIPLIERS:
        m = pattern.match(text, pos)
        if m:
            return factor, m.end()
    return 1, end


def source_numbers(text: str, ones: bool = False) -> tuple[SourceNumber, ...]:
    """The numbers of a Russian text, in order. A bare 1 is left out (it is often "a" or "one") unless ``ones``."""
    found: list[SourceNumber] = []
    taken: list[tuple[int, int]] = []
    for m in _GROUPED_RE.finditer(text):
        joined = re.sub(f"[{_SPACES}]", "", m.group())
        taken.append(m.span())
        # Also as separate numbers: "16 100x185" is a model 16 and a size 100x185.
        parts = _parts(re.split(f"[{_SPACES}]", m.group().split(",")[0]))
        found.append(_with_multiplier(text, m.start(), m.end(), m.group(), (_single(_value(joined)), parts)))
    for m in _RU_HYPHEN_TIME_RE.finditer(text):
        if not any(s <= m.start() < e for s, e in taken) and m.group(2) in ("00", "30"):
            taken.append(m.span())
            found.append(SourceNumber(m.start(), m.end(), m.group(), (_time(int(m.group(1)), int(m.group(2))),), None))
    for m in _RU_TOKEN_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        alternatives = _ru_alternatives(m.group())
        if m.group().isdigit() and int(m.group()) <= 24 and _RU_HOURS_RE.match(text, m.end()):
            alternatives = (*alternatives, (_hour(int(m.group())),))
        found.append(_with_multiplier(text, m.start(), m.end(), m.group(), alternatives))
    out = [n for n in found if ones or n.alternatives != (_single(Fraction(1)),)]
    return tuple(sorted(out, key=lambda n: n.start))


def _with_multiplier(text: str, start: int, end: int, token: str, alternatives: tuple[Alternative, ...]) -> SourceNumber:
    factor, mult_end = _ru_multiplier(text, end)
    if factor != 1:
        scaled = tuple(
            (frozenset(a * factor for a in alt[0] if isinstance(a, Fraction)),)
            for alt in alternatives
            if len(alt) == 1
        )
        alternatives = scaled or alternatives
        end = mult_end
    first = alternatives[0]
    value = next(iter(first[0])) if len(first) == 1 and len(first[0]) == 1 else None
    value = value if isinstance(value, Fraction) else None
    return SourceNumber(start, end, text[start:end], alternatives, value)


def _en_token_atoms(token: str) -> set[Atom]:
    """Every value an English digit token may stand for."""
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", token):
        return {Fraction(token.replace(",", ""))}
    if re.fullmatch(r"[0-9]+[.,][0-9]+", token):
        atoms: set[Atom] = {_value(token)}
        whole, frac = re.split(r"[.,]", token)
        if len(frac) <= 2:  # also a day.month or hour.minute
            atoms |= {Fraction(int(whole)), Fraction(int(frac)), *_month(int(frac))}
        return atoms
    groups = [int(g) for g in re.split(r"[.,:/]", token)]
    atoms = {Fraction(g) for g in groups}
    if len(groups) > 1:
        for g in groups[:2]:
            atoms |= _month(g)
        if ":" in token:
            atoms.add(Fraction(groups[0] % 12 or 12))
    for g in groups:
        if 1900 <= g <= 2099:
            atoms.add(Fraction(g % 100))
    if len(groups) == 2 and 1900 <= groups[0] <= 2099 and groups[1] < 100:
        atoms.add(Fraction(groups[0] // 100 * 100 + groups[1]))  # 2021/22 = 2022
    return atoms


def _en_value(token: str) -> Fraction:
    """The value of "5", "1.5", "10,000" or a leaked decimal comma "3,5"."""
    if re.fullmatch(r"[0-9]+,[0-9]{1,2}", token):
        return _value(token)
    return Fraction(token.replace(",", ""))


def _month(n: int) -> set[Atom]:
    return {f"M{n}"} if 1 <= n <= 12 else set()


def target_numbers(text: str) -> tuple[TargetNumber, ...]:
    """The numbers of an English text, each with every value it may stand for."""
    out: list[TargetNumber] = []
    for m in _TOKEN_RE.finditer(text):
        atoms = _en_token_atoms(m.group())
        glued = (m.start() and text[m.start() - 1].isalpha()) or (m.end() < len(text) and text[m.end()].isalpha())
        if glued:  # a code such as "R20.108V": its digit groups stand alone too
            atoms |= {Fraction(int(g)) for g in re.split(r"[.,:/]", m.group())}
        end = m.end()
        mult = _EN_MULTIPLIER_RE.match(text, m.end())
        if mult and re.fullmatch(r"[0-9,]+(?:\.[0-9]+)?", m.group()):
            factor = _EN_MULTIPLIERS[mult.group(1).lower()]
            atoms.add(_en_value(m.group()) * factor)
            end = mult.end()
        out.append(TargetNumber(m.start(), end, text[m.start() : end], frozenset(atoms), True))
    for m in _GROUPED_RE.finditer(text):
        joined = re.sub(f"[{_SPACES},]", "", m.group().split(",")[0])
        out.append(TargetNumber(m.start(), m.end(), m.group(), frozenset({Fraction(joined)}), True))
    for m in _EN_YEAR_RANGE_RE.finditer(text):
        year = int(m.group(1)) // 100 * 100 + int(m.group(2))
        out.append(TargetNumber(m.start(), m.end(), m.group(), frozenset({Fraction(year)}), True))
    out.extend(_spelled(text))
    return tuple(sorted(out, key=lambda n: (n.start, -n.end)))


def _spelled(text: str) -> Iterator[TargetNumber]:
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD_RE.finditer(text)]
    for start, end, word in words:
        if word in _WORD_VALUES:
            yield TargetNumber(start, end, text[start:end], frozenset(_WORD_VALUES[word]), False)
        elif word in _MONTHS or word in _MONTH_ABBREVIATIONS:
            month = _MONTHS.index(word) + 1 if word in _MONTHS else _MONTH_ABBREVIATIONS[word]
            yield TargetNumber(start, end, text[start:end], frozenset({f"M{month}"}), False)
    yield from _phrases(text, words)


def _is_number_word(word: str) -> bool:
    return word in _UNITS or word in _TENS or word in _SCALES


def _phrases(text: str, words: list[tuple[int, int, str]]) -> Iterator[TargetNumber]:
    """Spelled-out numbers of several words ("twenty-five", "two hundred and five", "a million")."""
    i = 0
    while i < len(words):
        j = i
        run: list[str] = []
        while j < len(words):
            word = words[j][2]
            nxt = words[j + 1][2] if j + 1 < len(words) else ""
            gap = text[words[j - 1][1] : words[j][0]] if j > i else ""
            if j > i and gap.strip(" -") != "":
                break
            starts_scale = word in ("a", "an") and nxt in _SCALES and not run
            joins = word == "and" and bool(run) and _is_number_word(nxt)
            if not (_is_number_word(word) or starts_scale or joins):
                break
            run.append(word)
            j += 1
        if len([w for w in run if w not in ("a", "an", "and")]) >= 1 and len(run) >= 2:
            start, end = words[i][0], words[j - 1][1]
            yield TargetNumber(start, end, text[start:end], frozenset({_phrase_value(run)}), False)
        i = max(j, i + 1)


def _phrase_value(run: list[str]) -> Fraction:
    """The value of a spelled-out number ("two hundred and five", "a million")."""
    total, current = 0, 0
    for word in run:
        if word in ("a", "an"):
            current = max(current, 1)
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        elif word in _UNITS:
            current += _UNITS.index(word)
        elif word in _TENS:
            current += (_TENS.index(word) + 2) * 10
    return Fraction(total + current)


def format_value(value: Fraction) -> str:
    """An English rendering of a value: 3.5, 10,000, 1.25."""
    if value.denominator == 1:
        return f"{value.numerator:,}" if value.numerator >= 10_000 else str(value.numerator)
    as_float = float(value)
    text = f"{as_float:,.6f}".rstrip("0").rstrip(".")
    return text
