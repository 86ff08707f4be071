"""Is a word a common English word? ``wordfreq``'s answer, for the names checks, at set-lookup speed.

The names checks ask one question of wordfreq, again and again: is the word's
Zipf frequency at least 3 (``mtqa.lexicon.zipf(word) >= 3``)? Asking wordfreq
costs tens of microseconds a word (it tokenises and rounds each time), and a
corpus holds tens of thousands of distinct capitalised words. So the answer
for every plain ASCII word is computed once from wordfreq's own table, with
wordfreq's own ``zipf_frequency`` (rounding included), and kept on disk by
``mtqa.datacache``: about 28,000 words. A phrase of such words ("Deir
ez-Zor") with one rare word is rare too (wordfreq combines the words'
frequencies as 1/f = sum of 1/f_i, which is below each f_i); other words
(accents, apostrophes, digits, phrases of common words) still go to
``mtqa.lexicon.zipf``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mtqa.datacache import persistent
from mtqa.lexicon import zipf

__all__ = ["COMMON_ZIPF", "is_common_word"]

#: A word at least this common in English (Zipf scale) is a word first.
COMMON_ZIPF = 3.0
_PHRASE_RE = re.compile(r"[a-z]+(?:[ -][a-z]+)+")
_JOINER_RE = re.compile(r"[ -]")
#: Words below this raw frequency cannot round up to ``COMMON_ZIPF`` (10 ** (3.0 - 9) is the line).
_FLOOR = 10 ** (COMMON_ZIPF - 9 - 0.2)


@persistent(("wordfreq",))
def _common() -> frozenset[str]:
    from wordfreq import get_frequency_dict, zipf_frequency

    return frozenset(
        word
        for word, freq in get_frequency_dict("en").items()
        if freq >= _FLOOR and word.isascii() and word.isalpha() and zipf_frequency(word, "en") >= COMMON_ZIPF
    )


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
    return zipf(lower) >= COMMON_ZIPF
