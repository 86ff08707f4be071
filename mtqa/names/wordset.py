"""A large set of words that loads in a millisecond: the words in strings, by their first letters.

The names checks ask a few thousand questions per run of word lists tens of
thousands long (given names, place words, common words). Unpickling such a
list as a ``frozenset`` makes and hashes every one of its strings first:
15 ms for the 61,000 given names, more than all the questions cost. A
``WordSet`` keeps the words in a few thousand strings instead, one per
prefix of ``PREFIX`` letters (``"\\nMarat\\nMaria\\n..."``), and answers a
question with one dictionary look-up and one substring search in C (half a
microsecond): a word is in the set when ``"\\n" + word + "\\n"`` stands in its
prefix's string. No word of the set holds a line break, so that finds the
word itself, never the end of one word and the start of the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

__all__ = ["PREFIX", "WordSet", "pack"]

#: How many first letters pick a word's string: 3 keeps the strings short (a few
#: hundred characters; the longest, "Mar...", some 8,000) and their number small.
PREFIX = 3
_BREAK = "\n"


def pack(words: Iterable[str]) -> dict[str, str]:
    """The strings of a ``WordSet`` of ``words`` (plain data, for ``mtqa.datacache``).

    Each prefix maps to its words in sorted order, each between line breaks.
    """
    by_prefix: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        if _BREAK in word:
            raise ValueError(f"a word of a WordSet holds a line break: {word!r}")
        by_prefix.setdefault(word[:PREFIX], []).append(word)
    return {prefix: _BREAK + _BREAK.join(group) + _BREAK for prefix, group in by_prefix.items()}


class WordSet:
    """Membership in a set of words kept as ``pack`` made it (see the module docstring)."""

    __slots__ = ("_strings",)

    def __init__(self, strings: Mapping[str, str]) -> None:
        self._strings = strings

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or _BREAK in word:
            return False
        found = self._strings.get(word[:PREFIX])
        return found is not None and f"{_BREAK}{word}{_BREAK}" in found

    def __iter__(self) -> Iterator[str]:
        for found in self._strings.values():
            yield from found[1:-1].split(_BREAK)

    def __len__(self) -> int:
        return sum(found.count(_BREAK) - 1 for found in self._strings.values())
