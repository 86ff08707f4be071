"""Is a word a common English word? ``wordfreq``'s answer, for the names checks, at set-lookup speed.

The names checks ask one question of wordfreq, again and again: is the word's
Zipf frequency at least 3 (``mtqa.lexicon.zipf(word) >= 3``)? Asking wordfreq
costs tens of microseconds a word (it tokenises and rounds each time), and a
corpus holds tens of thousands of distinct capitalised words. So the answer
for every plain ASCII word is computed once from wordfreq's own table, with
wordfreq's own ``zipf_frequency`` (rounding included), and kept on disk by
``mtqa.datacache``: about 28,000 words.

The rest (names of several words, accented words, "I'm", "Covid-19") would
make wordfreq itself load: a third of a second for its import and its table,
in every process. Most of them are answered without it, the way wordfreq
answers them (``_phrase_zipf``):

- wordfreq splits a phrase into tokens at spaces and hyphens; a run of
  letters and digits, or of letters with one inner apostrophe ("don't"), is
  one token;
- it combines the tokens' frequencies as ``1 / f = 1 / f1 + 1 / f2 + ...``:
  a phrase is never more common than its rarest token, and a token it does
  not know makes the phrase as rare as can be;
- a token's frequency is a whole number of centibels, so a token of letters
  has the frequency its Zipf value (``mtqa.lexicon.zipf``) was rounded from;
  tokens with an apostrophe, a digit or a Vietnamese letter are read from a
  table built from wordfreq's list (multi-digit runs are counted as zeros, weighted by
  wordfreq's estimate of that number: ``wordfreq.numbers.digit_freq``).

What does not fit (other scripts, marks, long numbers, a French elision such
as "d'Artagnan") still goes to ``mtqa.lexicon.zipf``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from functools import cache, lru_cache
from itertools import product

from mtqa.datacache import persistent
from mtqa.lexicon import zipf
from mtqa.names.wordset import WordSet, pack

__all__ = ["COMMON_ZIPF", "is_common_word"]

#: A word at least this common in English (Zipf scale) is a word first.
COMMON_ZIPF = 3.0
_PHRASE_RE = re.compile(r"[a-z]+(?:[ -][a-z]+)+")
_JOINER_RE = re.compile(r"[ -]")
#: Words below this raw frequency cannot round up to ``COMMON_ZIPF`` (10 ** (3.0 - 9) is the line).
_FLOOR = 10 ** (COMMON_ZIPF - 9 - 0.2)

#: A token of letters that wordfreq never splits (Latin, Greek, Cyrillic), in lower case.
_LETTERS_RE = re.compile("[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f]+")
#: A token of Latin letters some of them from Latin Extended Additional (Vietnamese "tuổi",
#: "Nguyễn"), which ``mtqa.lexicon`` leaves to wordfreq: wordfreq never splits it either.
_EXTENDED_RE = re.compile("[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
_EXTENDED_CHAR_RE = re.compile("[\u1e00-\u1eff]")
#: A token with an inner apostrophe: one token unless wordfreq splits off an elision ("l'", "qu'").
_APOSTROPHE_RE = re.compile("[a-z]+['\u2019][a-z]+")
_ELISION_RE = re.compile("[a-z]{1,2}['\u2019][aehiouy]")
#: A token of ASCII letters and digits holding a digit.
_DIGITS_RE = re.compile(r"[a-z0-9]*[0-9][a-z0-9]*")
#: wordfreq counts the digits of a run of two or more as zeros ("covid-19" looks up "00").
_DIGIT_RUN_RE = re.compile(r"[0-9]{2,}")
#: The longest run of digits whose weight ``_digit_run_weights`` holds.
_MAX_RUN = 4
#: The frequency wordfreq's ``zipf_frequency`` never goes below (Zipf 0).
_MIN_FREQ = 10**0 / 1e9


@persistent(("wordfreq",), formats=("mtqa.names.wordset",))
def _common_words() -> dict[str, str]:
    """The plain ASCII words at least ``COMMON_ZIPF`` common, as the strings of a ``WordSet``
    (which loads in a millisecond, a ``frozenset`` of its 28,000 words in five)."""
    from wordfreq import get_frequency_dict, zipf_frequency

    return pack(
        word
        for word, freq in get_frequency_dict("en").items()
        if freq >= _FLOOR and word.isascii() and word.isalpha() and zipf_frequency(word, "en") >= COMMON_ZIPF
    )


@cache
def _common() -> WordSet:
    return WordSet(_common_words())


@persistent(("wordfreq",))
def _token_frequencies() -> dict[str, float]:
    """wordfreq's frequency of each of its tokens that holds an apostrophe, a digit or an ``_EXTENDED_CHAR_RE`` letter.

    Only tokens common enough to matter are kept: a rarer one makes any phrase rare
    (``_FLOOR``), as a token wordfreq does not know does.
    """
    from wordfreq import get_frequency_dict

    return {
        token: freq
        for token, freq in get_frequency_dict("en").items()
        if freq >= _FLOOR and ("'" in token or any(c.isdigit() for c in token) or _EXTENDED_CHAR_RE.search(token))
    }


@persistent(("wordfreq",))
def _digit_run_weights() -> tuple[array[float], ...]:
    """wordfreq's weight of each run of 2 to ``_MAX_RUN`` digits (its share of the zeros it is counted as).

    One array per length of run, the weight of run ``r`` at ``int(r)`` ("00", "01", ...
    in order): three objects load at once, a dictionary of the 11,100 runs in 2 ms.
    """
    from wordfreq.numbers import digit_freq

    return tuple(
        array("d", [digit_freq("".join(run)) for run in product("0123456789", repeat=size)])
        for size in range(2, _MAX_RUN + 1)
    )


def _digit_run_weight(run: str) -> float:
    """The weight of a run of 2 to ``_MAX_RUN`` ASCII digits (``_digit_run_weights``)."""
    return _digit_run_weights()[len(run) - 2][int(run)]


@lru_cache(maxsize=200_000)
def is_common_word(word: str) -> bool:
    """``zipf(word.lower()) >= COMMON_ZIPF``, the same answer, mostly from one set lookup."""
    lower = word.lower()
    if lower.isascii():
        if lower.isalpha():
            return lower in _common()
        # A phrase is never more common than its rarest word (wordfreq adds up 1/frequency).
        if _PHRASE_RE.fullmatch(lower) and not all(w in _common() for w in _JOINER_RE.split(lower)):
            return False
    value = _phrase_zipf(lower)
    if value is None:
        value = zipf(lower)
    return value >= COMMON_ZIPF


def _phrase_zipf(lower: str) -> float | None:
    """wordfreq's Zipf value of ``lower`` (see the module docstring), or None when it takes wordfreq.

    A value below ``COMMON_ZIPF`` may be returned as 0.0: the phrase is rare, and
    how rare does not matter here.
    """
    one_over = 0.0
    for token in _JOINER_RE.split(lower):
        freq = _token_frequency(token)
        if freq is None:
            return None
        if freq == 0.0:
            return 0.0  # a rare token makes a rare phrase, an unknown one a phrase wordfreq never saw
        one_over += 1.0 / freq
    # wordfreq's rounding: three significant digits of the frequency, two decimals of the Zipf value.
    freq = max(1.0 / one_over, _MIN_FREQ)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


def _token_frequency(token: str) -> float | None:
    """wordfreq's frequency of one token; 0.0 when it is rare (Zipf below 3) or unknown; None: ask wordfreq."""
    if _LETTERS_RE.fullmatch(token) and token.isalpha():
        value = zipf(token)
        if value < COMMON_ZIPF:
            return 0.0
        # wordfreq keeps whole centibels; its Zipf value is rounded from that frequency.
        return float(10 ** (round((value - 9) * 100) / 100))
    if _EXTENDED_CHAR_RE.search(token):
        # wordfreq's own normalisation of the text, then of the token (NFC, case folding).
        folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", token).casefold()).casefold()
        if folded.isalpha() and _EXTENDED_RE.fullmatch(folded):
            return _token_frequencies().get(folded, 0.0)
        return None
    if _APOSTROPHE_RE.fullmatch(token):
        if _ELISION_RE.match(token):
            return None
        return _token_frequencies().get(token.replace("\u2019", "'"), 0.0)
    if _DIGITS_RE.fullmatch(token):
        runs = _DIGIT_RUN_RE.findall(token)
        if any(len(run) > _MAX_RUN for run in runs):
            return None
        smashed = _DIGIT_RUN_RE.sub(_zeros, token)
        freq = _token_frequencies().get(smashed, 0.0)
        if smashed != token and freq:
            weight = 1.0  # wordfreq's digit_freq: the product of the runs' weights, in order
            for run in runs:
                weight *= _digit_run_weight(run)
            freq *= weight
        return freq
    return None


def _zeros(run: re.Match[str]) -> str:
    return "0" * len(run.group())
