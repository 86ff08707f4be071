"""A romanization key: one value for every usual Latin rendering of a Russian name.

The table is derived from the transliteration schemas that the ``iuliia``
package ships as data. For each schema that writes plain ASCII for an English
reader (BGN/PCGN, ICAO Doc 9303 = the passport system, GOST 7034, GOST R
52535 and 52290, ALA-LC and BS 2979 without diacritics, the MVD systems,
Moscow Metro, Wikipedia, Yandex), every Latin rendering of a Cyrillic letter
points back to that letter ("kh" -> х, "shch"/"sch"/"shh" -> щ, "ts"/"tc" -> ц,
"ya"/"ia"/"ja" -> я, "yu"/"iu"/"ju" -> ю, "ye"/"yo"/"jo" -> е/ё, "y"/"i"/"j"/"jj"
-> й/и/ы). Schemas with diacritics (ISO 9, GOST 7.79 A, scientific), and the
French (MVD 310 fr), Uzbek and chat (telegram) ones, are left out: they give
"j" for ж or "c" for ч, which would merge letters an English text keeps apart.

A few popular renderings that no standard lists are added by hand, because
English news uses them: "x" for кс (Alexei), "h" for х (Hodorkovsky), "tch"
for ч (Tchaikovsky), "tz" for ц, "w" for в, "ck"/"c"/"q" for к.

The key is then folded: е/ё/э are one letter, and so are и/й/ы (Sergei and
Sergey, -sky and -skiy and -skii); soft and hard signs, apostrophes, hyphens
and spaces go; an и before я/ю/е is dropped (Maria/Mariya, Dmitriev/
Dmitriyev); an о after ж/ч/ш/щ is е (ё written "o": Gorbachov/Gorbachev);
repeated letters are written once (Zelenskyy). The key is written
in Cyrillic letters, so it reads as a rough spelling of the Russian original:
``romanization_key("Khodorkovsky") == "ходорковски"``.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from itertools import compress
from operator import not_

__all__ = ["SCHEMAS", "cyrillic_key", "romanizable", "romanization_key", "romanization_keys"]

#: The iuliia schemas whose renderings the key accepts (see the module docstring).
SCHEMAS = (
    "ala_lc_alt",
    "bgn_pcgn_alt",
    "bs_2979_alt",
    "gost_16876_alt",
    "gost_52290",
    "gost_52535",
    "gost_7034",
    "icao_doc_9303",
    "mosmetro",
    "mvd_310",
    "mvd_782",
    "wikipedia",
    "yandex_maps",
    "yandex_money",
)

#: Popular renderings no schema lists (see the module docstring); they win over the schemas.
_POPULAR = (
    ("tch", "ч"),
    ("tz", "ц"),
    ("x", "кс"),
    ("h", "х"),
    ("w", "в"),
    ("ck", "к"),
    ("c", "к"),
    ("q", "к"),
)
_POPULAR_LATIN = frozenset(latin for latin, _ in _POPULAR)
#: Renderings left out: "eh" for э (GOST R 52290) would read "Alekhin" as "Aleh-kin".
_SKIP = frozenset({"eh"})
_FOLD = str.maketrans({"ё": "е", "э": "е", "й": "и", "ы": "и", "ь": None, "ъ": None})
_IOTATED_RE = re.compile("и+(?=[еяю])")
#: ё after a hushing consonant is written "o" as often as "yo"/"e" (Gorbachov, Gorbachev).
_HUSHED_O_RE = re.compile("(?<=[жчшщ])о")
_REPEAT_RE = re.compile(r"(.)\1+")
_NON_LETTER_RE = re.compile(r"[^a-z]")


@cache
def _chunks() -> tuple[tuple[str, str], ...]:
    """(Latin rendering, Cyrillic letter), longest rendering first."""
    table: dict[str, str] = {}
    folder = resources.files("iuliia") / "schemas"
    for name in SCHEMAS:
        data = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        for cyrillic, latin in data["mapping"].items():
            if cyrillic in "ъь":
                continue  # signs are dropped ("ie" for ъ in ALA-LC would eat "Dmitriev")
            if latin.isascii() and latin.isalpha() and latin not in _SKIP:
                table.setdefault(latin.lower(), cyrillic)
        for sequence, latin in (data.get("prev_mapping") or {}).items():
            # "ye" for е after a vowel (Sergeyev): the rendering of the last letter.
            if latin.isascii() and latin.isalpha() and latin not in _SKIP:
                table.setdefault(latin.lower(), sequence[-1])
    table.update(_POPULAR)
    return tuple(sorted(table.items(), key=lambda kv: (-len(kv[0]), kv[0])))


@cache
def _table() -> dict[str, str]:
    return dict(_chunks())


@cache
def _folded_table() -> dict[str, str]:
    """``_table`` with its letters folded (``_FOLD``): folding letter by letter is the same before or after joining."""
    return {latin: cyrillic.translate(_FOLD) for latin, cyrillic in _table().items()}


@cache
def _chunk_re() -> re.Pattern[str]:
    """The renderings as one regex that matches the longest one at a position.

    Written as a trie ("s(?:h(?:ch|h)?|ch)?|..."), not as a flat list of ~50
    alternatives tried one after the other at every letter: the first letter
    picks the branch at once. Both forms match the same: a flat list tried
    longest first, and a trie whose optional tails are greedy, each take the
    longest rendering that starts at the position (the renderings that share a
    node's prefix differ in their next letter, so at most one branch goes on).
    """
    return re.compile(_trie_pattern([latin for latin, _ in _chunks()]))


def _trie_pattern(words: list[str]) -> str:
    """A regex matching the longest of ``words`` (none empty) that starts at a position."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    singles = [head for head, tails in heads.items() if tails == [""]]
    branches = []
    for head, tails in sorted(heads.items()):
        if tails == [""]:
            continue
        longer = [tail for tail in tails if tail]
        tail = _trie_pattern(longer)
        # The head alone is a rendering: what follows it is optional (greedy, so the longest wins).
        optional = "?" if "" in tails else ""
        branches.append(f"{re.escape(head)}(?:{tail}){optional}")
    if len(singles) > 1:
        branches.append("[" + "".join(re.escape(c) for c in sorted(singles)) + "]")
    elif singles:
        branches.append(re.escape(singles[0]))
    return "|".join(branches)


def _ascii_lower(name: str) -> str:
    if name.isascii():
        return name.lower()
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def romanization_key(name: str) -> str:
    """The key of a Latin-script name: equal for the usual renderings of one Russian name.

    Works on single words and on multi-word names ("Deir ez-Zor" and
    "Deir-ez-Zor" share a key). Non-Russian names get a key too; it is only
    meant to compare names, never to be shown.

    >>> romanization_key("Zelenskiy") == romanization_key("Zelenskyy") == romanization_key("Zelensky")
    True
    """
    text = _ascii_lower(name)
    if not (text.isascii() and text.isalpha()):
        text = _NON_LETTER_RE.sub("", text)
    return _apply_rules(_fold_chunks(text))


def cyrillic_key(word: str) -> str:
    """The key of a word written in Cyrillic, to compare with ``romanization_key``: its
    letters folded as the renderings' letters are, then the same rules.

    >>> cyrillic_key("Сергей") == romanization_key("Sergei") == romanization_key("Sergey")
    True
    """
    return _apply_rules(word.lower().translate(_FOLD))


def _apply_rules(folded: str) -> str:
    """The rules of the key over folded letters (one name's, or names' joined by the separator
    of ``romanization_keys``), each only where it applies: a substring test costs less than
    a substitution, and each regex matches exactly where one of these letter pairs stands."""
    if "ие" in folded or "ия" in folded or "ию" in folded:
        folded = _IOTATED_RE.sub("", folded)
    if "жо" in folded or "чо" in folded or "шо" in folded or "що" in folded:
        folded = _HUSHED_O_RE.sub("е", folded)
    if _REPEAT_RE.search(folded):
        folded = _REPEAT_RE.sub(r"\1", folded)
    return folded


#: Stands between the names of ``romanization_keys``: no rendering holds it, ``_REPEAT_RE``'s "."
#: never matches it, and it is no letter that the other rules read before or after.
_SEPARATOR = "\n"


_NON_LETTER_OR_SEPARATOR_RE = re.compile(f"[^a-z{_SEPARATOR}]")


@cache
def _separated_table() -> dict[str, str]:
    """``_folded_table`` with the separator of ``romanization_keys`` written as itself."""
    return {**_folded_table(), _SEPARATOR: _SEPARATOR}


@cache
def _separated_chunk_re() -> re.Pattern[str]:
    """``_chunk_re`` that also matches the separator of ``romanization_keys``."""
    return re.compile(f"{_chunk_re().pattern}|{_SEPARATOR}")


@cache
def _letter_table() -> dict[int, str] | None:
    """``str.translate``'s table of the one-letter renderings, when every ASCII letter is one
    (else None); each letter is written as its folded Cyrillic letter(s)."""
    single = {latin: cyrillic for latin, cyrillic in _folded_table().items() if len(latin) == 1}
    if set(single) != set(string.ascii_lowercase):
        return None
    return str.maketrans(single)


@cache
def _longer_chunk_re() -> re.Pattern[str]:
    """The renderings of two letters or more, as ``_chunk_re`` matches them (longest first)."""
    return re.compile(_trie_pattern([latin for latin, _ in _chunks() if len(latin) > 1]))


def _fold_chunks(letters: str) -> str:
    """``letters`` (ASCII letters, and the separators of ``romanization_keys``) cut into renderings as ``_separated_chunk_re``
    cuts them, each written as its folded Cyrillic letters.

    When every ASCII letter is a rendering of its own, the cut takes at each position the
    longest rendering, which is one letter wherever no longer one starts: so the longer
    renderings are replaced by one scan (leftmost, longest) and the letters left by one
    ``str.translate``, in C, instead of a list of every rendering looked up one by one.
    The separator is neither, and stays.
    """
    letter_table = _letter_table()
    if letter_table is None:
        return "".join(map(_separated_table().__getitem__, _separated_chunk_re().findall(letters)))
    table = _folded_table()
    return _longer_chunk_re().sub(lambda chunk: table[chunk.group()], letters).translate(letter_table)


def romanization_keys(names: Sequence[str]) -> list[str]:
    """``romanization_key`` of each name (not cached), in one pass over all of them.

    The names' letters are joined by a separator, and each step of the key runs
    once over the whole (one regex scan, one table lookup a chunk, one
    substitution a rule) instead of once per name: the separator is matched as a
    chunk of its own and keeps every rule inside a name (a lookahead or
    lookbehind sees no letter across it, and a repeat never spans it), so each
    name comes out as ``romanization_key`` makes it. Used where many new names
    come at once (the forms of a document).
    """
    # Lower case and letters only, as ``romanization_key`` makes them, for all names at once:
    # ASCII case folding and the removal of what is no letter go letter by letter, so they
    # may run over the joined names (a name holds no separator: it is no letter either).
    joined = _SEPARATOR.join(names)
    if joined.count(_SEPARATOR) != len(names) - 1:
        return [romanization_key.__wrapped__(name) for name in names]  # a name with a line break
    lowered = joined.lower()
    if not joined.isascii():
        # The names not in ASCII are lowered the other way (``_ascii_lower``), one by one.
        parts = lowered.split(_SEPARATOR)
        for k in compress(range(len(names)), map(not_, map(str.isascii, names))):
            parts[k] = _ascii_lower(names[k])
        lowered = _SEPARATOR.join(parts)
    letters = _NON_LETTER_OR_SEPARATOR_RE.sub("", lowered)
    return _apply_rules(_fold_chunks(letters)).split(_SEPARATOR) if names else []


@lru_cache(maxsize=200_000)
def romanizable(word: str) -> bool:
    """True when every letter of ``word`` is part of a standard rendering of Cyrillic.

    Only the schemas count here, not the popular additions: "Washington",
    "Thompson" and "Quinn" are not romanizable (w, th/ph-free 'h', q and a
    lone 'c' never come out of the standard systems), "Bortnikov" is.
    """
    text = _NON_LETTER_RE.sub("", _ascii_lower(word))
    if not text:
        return False
    popular = _POPULAR_LATIN
    pos = 0
    for m in _chunk_re().finditer(text):
        if m.start() != pos or m.group() in popular:
            return False
        pos = m.end()
    return pos == len(text)
