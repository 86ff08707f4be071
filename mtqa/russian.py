"""Russian words in Latin letters: does a token read as a word of Russian?

MT leaves behind Russian words it could not translate, written in Latin
letters by one romanization or another ("zheleznodorozhnik", "sintepon"). A
spell checker sees an unknown word; this module sees that the token's
romanization key (``mtqa.names.romanization``: one value for every usual
rendering) is the key of a word that wordfreq's large Russian list holds. Keys
of fewer than ``MIN_LETTERS`` letters are not read: short keys meet a Russian
word by chance ("dyed" and "дед").

The keys are kept as a ``WordSet`` (``mtqa.datacache``), each letter а-я
shifted to the ASCII block "@" to "_": in ASCII a key takes a byte a letter in
memory, not two, and loads without decoding (590,000 keys, 6 MB, 7 ms).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from mtqa.datacache import persistent
from mtqa.names.romanization import cyrillic_key, romanization_key
from mtqa.names.wordset import WordSet, pack

__all__ = ["MIN_LETTERS", "russian_reading"]

#: The fewest letters of a key read as a Russian word.
MIN_LETTERS = 5
_CYRILLIC_WORD_RE = re.compile("[а-яё]+")


_SHIFT = str.maketrans({chr(0x430 + n): chr(0x40 + n) for n in range(32)})


def _narrow(key: str) -> str | None:
    """``key`` in ASCII (``_SHIFT``), or None when it holds a letter other than а-я."""
    narrow = key.translate(_SHIFT)
    return narrow if narrow.isascii() else None


@persistent(("wordfreq",), formats=("mtqa.names.wordset", "mtqa.names.romanization"))
def _key_strings() -> dict[str, str]:
    """The keys of the Russian words of wordfreq's large list, of ``MIN_LETTERS`` letters or
    more, as the strings of a ``WordSet``."""
    import wordfreq

    words = wordfreq.get_frequency_dict("ru", "large")
    keys = {cyrillic_key(w) for w in words if _CYRILLIC_WORD_RE.fullmatch(w)}
    return pack(n for n in map(_narrow, keys) if n is not None and len(n) >= MIN_LETTERS)


@cache
def _keys() -> WordSet:
    return WordSet(_key_strings())


@lru_cache(maxsize=4096)
def russian_reading(word: str) -> str | None:
    """The romanization key of ``word`` (Latin letters) when a Russian word of ``MIN_LETTERS``
    letters or more has it, else None. The key is a rough Cyrillic spelling of the word
    (``romanization_key("sintepon") == "синтепон"``)."""
    key = romanization_key(word)
    if len(key) < MIN_LETTERS:
        return None
    narrow = _narrow(key)
    return key if narrow is not None and narrow in _keys() else None
