"""English word frequencies (wordfreq), loaded on first use.

wordfreq folds case, so a frequency says how common a word is, not whether it
is a name: callers weigh it against the document's own evidence.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word in English (0 when unknown; 'the' is about 7.7)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))
