"""Group the unique name mentions of a document (or corpus) into variants.

The index is built once: every unique surface form with its occurrences.
All comparisons run over unique surfaces, never over pairs of tokens or of
documents: romanization variants share a key (a dict lookup), truncations are
found by a sorted-prefix scan, case endings by spelling out the few base forms
of a word and looking them up, and near variants by one rapidfuzz ``cdist``
over the unique keys of surname-shaped words.

Each function returns ``Variant`` values: a minority form, the canonical form
it should be, and why. The kind module (``mtqa.kinds.names``) turns them into
findings.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from mtqa.document import Document
from mtqa.lexicon import zipf
from mtqa.names.gazetteer import fold, is_demonym, is_place
from mtqa.names.glossary import Glossary
from mtqa.names.mentions import Mention, extract_mentions
from mtqa.names.morphology import (
    inflection_bases,
    is_first_name,
    is_male_first_name,
    is_russian_first_name,
    looks_like_russian_surname,
    russian_name_score,
)
from mtqa.names.romanization import romanizable, romanization_key

__all__ = [
    "NameIndex",
    "Occurrence",
    "Variant",
    "build_index",
    "case_endings",
    "glossary_variants",
    "index_mentions",
    "near_variants",
    "romanization_variants",
    "truncations",
]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a surface form stands: document index, offsets and context."""

    doc: int
    start: int
    end: int
    mid: bool
    introduced: bool
    given: str = ""
    followed: bool = False
    next_word: str = ""


@dataclass(frozen=True, slots=True)
class Variant:
    """``form`` should be ``canonical``; ``occurrences`` are where ``form`` stands."""

    form: str
    canonical: str
    occurrences: tuple[Occurrence, ...]
    canonical_occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Unique surface forms -> their occurrences, in order of first occurrence."""

    surfaces: dict[str, tuple[Occurrence, ...]]

    def count(self, form: str) -> int:
        return len(self.surfaces.get(form, ()))

    def first(self, form: str) -> tuple[int, int]:
        occ = self.surfaces[form][0]
        return (occ.doc, occ.start)


def build_index(docs: Sequence[Document]) -> NameIndex:
    """Extract the mentions of every document once and index them by surface form."""
    return index_mentions(enumerate(extract_mentions(doc) for doc in docs))


def index_mentions(per_doc: Iterable[tuple[int, Sequence[Mention]]]) -> NameIndex:
    surfaces: dict[str, list[Occurrence]] = {}
    for index, mentions in per_doc:
        for m in mentions:
            surfaces.setdefault(m.text, []).append(
                Occurrence(index, m.start, m.end, m.mid, m.introduced, m.given, m.followed, m.next_word)
            )
    return NameIndex({k: tuple(v) for k, v in surfaces.items()})


# -- what counts as a name ---------------------------------------------------

#: A word at least this common in English is a word first: not a truncation, not a leak.
WORD_ZIPF = 3.0
#: Shortest truncated form, and the most letters a truncation drops.
MIN_TRUNCATED = 4
MAX_DROPPED = 5
#: Endings that make a different word or name from a shorter one (Syria -> Syrian,
#: Tajik -> Tajikistan, Ivanov -> Ivanovich).
_DERIVATIONS = (
    "s",
    "es",
    "n",
    "an",
    "ans",
    "ian",
    "ians",
    "ese",
    "i",
    "is",
    "ism",
    "ist",
    "ists",
    "ite",
    "ites",
    "ish",
    "stan",
    "istan",
    "ich",
    "vich",
    "ovich",
    "evich",
    "na",
    "vna",
    "ovna",
    "evna",
    "sky",
    "skiy",
    "ski",
    "skaya",
    "er",
    "ers",
    "ia",
    "ic",
    "ica",
    "land",
    "burg",
    "grad",
)


#: Russian case endings: a longer form that adds only one of these is an inflection
#: of the shorter one (Kinotavr/Kinotavre), not its full form.
_CASE_ENDINGS = frozenset({"a", "u", "e", "y", "om", "ym", "im", "oy", "ogo", "omu", "ovo"})


def _is_word(form: str) -> bool:
    return zipf(form.lower()) >= WORD_ZIPF


def _name_like(form: str, occurrences: Sequence[Occurrence]) -> bool:
    """Capitalised mid-sentence somewhere, a Russian first name, or no common English word."""
    return any(o.mid for o in occurrences) or not _is_word(form) or is_russian_first_name(form)


def _word_not_name(form: str) -> bool:
    """A common English word that is not also a Russian first name or a place ("Jury", "Man"; not "Vera")."""
    return " " not in form and _is_word(form) and not is_russian_first_name(form) and not is_place(form)


def _russian_evidence(form: str) -> bool:
    """Some form of the name is one the standard romanizations produce, or a Russian first name."""
    return any(romanizable(w) or is_russian_first_name(w) for w in form.replace("-", " ").split())


def _known_name(form: str) -> bool:
    return is_first_name(form) or is_place(form) or is_demonym(form)


# -- romanization variants -----------------------------------------------------


def _canonical_order(index: NameIndex, forms: Iterable[str]) -> list[str]:
    """Majority first; a tie goes to the first occurrence."""
    return sorted(forms, key=lambda f: (-index.count(f), index.first(f)))


#: How a project glossary spells the name a form renders, or None (``Glossary.spelling``).
Prefer = Callable[[str], "str | None"]


def romanization_variants(index: NameIndex, min_key: int = 3, prefer: Prefer | None = None) -> list[Variant]:
    """Forms that share a romanization key with a more frequent (or earlier) form.

    Forms that differ only in case are left to the casing rule; forms with
    digits ("Soyuz-2") and common English words that are not names ("Jury"
    beside "Yury") are left out, and so are pairs where neither form is a
    standard romanization or a Russian first name (Patrick/Patric). Multi-word
    forms join single-word ones only when they differ in joiners alone
    ("Deir ez-Zor" / "Deir-ez-Zor"), so "Sergei Lavrov" does not duplicate the
    finding on "Sergei".

    With a glossary (``prefer``), the glossary's spelling is the canonical
    form when the index holds it; a group without it is left to the glossary
    rule, so no finding suggests a spelling the glossary does not use.
    """
    groups: dict[str, list[str]] = {}
    for form, occs in index.surfaces.items():
        if not _name_like(form, occs) or _word_not_name(form) or any(c.isdigit() for c in form):
            continue
        key = romanization_key(form)
        if len(key) < min_key:
            continue
        groups.setdefault(key, []).append(form)
    out: list[Variant] = []
    for forms in groups.values():
        if len({f.casefold() for f in forms}) < 2:
            continue
        ordered = _canonical_order(index, forms)
        preferred = prefer(ordered[0]) if prefer is not None else None
        if preferred is not None:
            if preferred not in forms:
                continue
            ordered = [preferred, *(f for f in ordered if f != preferred)]
        canonical = ordered[0]
        for form in ordered[1:]:
            if form.casefold() == canonical.casefold():
                continue
            if " " in form + canonical and fold(form).replace(" ", "") != fold(canonical).replace(" ", ""):
                continue
            if not (_russian_evidence(form) or _russian_evidence(canonical)):
                continue
            out.append(Variant(form, canonical, index.surfaces[form], index.surfaces[canonical]))
    return out


# -- truncations -----------------------------------------------------------------


def _truncation_evidence(index: NameIndex, form: str, longer: str) -> bool:
    """The longer name is used at least as often, or is introduced as a person."""
    long_occ = index.surfaces[longer]
    return len(long_occ) >= index.count(form) or any(o.introduced for o in long_occ)


def _can_be_truncated(form: str, occurrences: Sequence[Occurrence]) -> bool:
    if len(form) < MIN_TRUNCATED or " " in form or not form.isalpha():
        return False
    if _is_word(form) or _known_name(form) or looks_like_russian_surname(form):
        return False
    # Part of a longer name wherever it stands ("Zelena Okolica").
    return not all(o.followed for o in occurrences)


def _same_person(short: Sequence[Occurrence], long: Sequence[Occurrence]) -> bool:
    """The short form is not a person of its own: each first name it is given, the long form has too.

    "Anna Petrova" is not a truncation of "Oleg Petrovsky"; "Oleg Bortnik" is one of "Oleg Bortnikov".
    """
    long_given = {o.given.split()[-1] for o in long if o.given}
    return all(o.given.split()[-1] in long_given for o in short if o.given)


def truncations(index: NameIndex) -> list[Variant]:
    """Forms that are a proper prefix of a longer name in the same index.

    The shorter form must not be an English word, a known first name, place or
    demonym, or a complete surname of its own (Petrov/Petrovsky), nor be
    given a first name the longer one never has (a person of its own); the longer name must be used at least as often or
    be introduced with a first name or title; the extra letters must not make
    a derived word (Syria/Syrian) or an inflection (Lavrov/Lavrova).
    """
    forms = sorted(f for f in index.surfaces if " " not in f)
    out: list[Variant] = []
    for form in forms:
        occs = index.surfaces[form]
        if not _can_be_truncated(form, occs):
            continue
        lo = bisect.bisect_right(forms, form)
        longer: list[str] = []
        while lo < len(forms) and forms[lo].startswith(form):
            candidate = forms[lo]
            lo += 1
            rest = candidate[len(form) :]
            if len(rest) > MAX_DROPPED or not rest.isalpha() or rest in _DERIVATIONS or rest in _CASE_ENDINGS:
                continue
            if form in inflection_bases(candidate) or _is_word(candidate):
                continue
            if _truncation_evidence(index, form, candidate) and _name_like(
                candidate, index.surfaces[candidate]
            ):
                longer.append(candidate)
        if longer:
            # The full (longest) form; among equals, the most used.
            best = sorted(longer, key=lambda f: (-len(f), -index.count(f), index.first(f)))[0]
            out.append(Variant(form, best, occs, index.surfaces[best]))
    return out


# -- case endings ----------------------------------------------------------------


def _own_person(occ: Occurrence) -> bool:
    """Introduced as a person: by a title or initial, or by name words that are not all male first names.

    "Anna Ivanova" and "Zaura Ivanova" are women of their own; "Sergey Lavrova" is
    Lavrov in the genitive.
    """
    words = occ.given.split()
    if words:
        return not all(is_male_first_name(w) for w in words)
    return occ.introduced


def case_endings(index: NameIndex) -> list[Variant]:
    """Forms that are a Russian case form of a name the index also holds in its base form.

    "Lavrova" beside "Lavrov", "Navalnogo" beside "Navalny". A form that is a
    person of its own (introduced by a first name or title anywhere: "Anna
    Ivanova"; a male first name does not make one: "Sergey Lavrova"), or that
    only stands inside a longer name ("Igora Drive"), a known first name ("Aleksandra") or place, or a common English
    word is left alone.
    """
    out: list[Variant] = []
    for form, occs in index.surfaces.items():
        if " " in form or any(_own_person(o) for o in occs) or all(o.followed for o in occs):
            continue
        bases = [b for b in inflection_bases(form) if b in index.surfaces]
        if not bases or _is_word(form) or _known_name(form):
            continue
        base = _canonical_order(index, bases)[0]
        if not _name_like(base, index.surfaces[base]):
            continue
        out.append(Variant(form, base, occs, index.surfaces[base]))
    return out


# -- near variants ---------------------------------------------------------------

#: Near variants are looked for among surname-shaped words of this length or more.
NEAR_MIN_LENGTH = 6


def near_variants(index: NameIndex, score_cutoff: float = 90.0, prefer: Prefer | None = None) -> list[Variant]:
    """Surname-shaped forms whose keys are close (rapidfuzz ratio >= cutoff) but not equal.

    Catches renderings the key does not fold ("Aleksandr"/"Alexander",
    one letter dropped or doubled). Pairs related by a prefix (truncation,
    inflection) are left to those checks; known places and first names
    that are different entries are not joined (Austria/Australia). With a
    glossary (``prefer``), a form spelled the glossary's way is the canonical one.
    """
    from rapidfuzz import fuzz, process

    candidates = [
        f
        for f, occs in index.surfaces.items()
        if " " not in f
        and len(f) >= NEAR_MIN_LENGTH
        and russian_name_score(f) >= 0.5
        and not is_place(f)
        and not is_demonym(f)
        and _name_like(f, occs)
    ]
    keys = [romanization_key(f) for f in candidates]
    if len(candidates) < 2:
        return []
    scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=score_cutoff, workers=1)
    out: list[Variant] = []
    seen: set[str] = set()
    for i, j in zip(*scores.nonzero(), strict=True):
        a, b = candidates[int(i)], candidates[int(j)]
        if i >= j or keys[i] == keys[j] or a in seen or b in seen:
            continue
        if a.startswith(b) or b.startswith(a) or keys[i].startswith(keys[j]) or keys[j].startswith(keys[i]):
            continue
        if a in inflection_bases(b) or b in inflection_bases(a):
            continue
        if is_first_name(a) and is_first_name(b):
            continue
        canonical, form = _canonical_order(index, (a, b))
        if prefer is not None and prefer(form) == form and prefer(canonical) != canonical:
            canonical, form = form, canonical
        seen.add(form)
        out.append(Variant(form, canonical, index.surfaces[form], index.surfaces[canonical]))
    return out


# -- glossary ----------------------------------------------------------------------


def glossary_variants(index: NameIndex, glossary: Glossary) -> list[Variant]:
    """Forms the glossary writes another way, also inside longer runs of name words.

    "Foreign Minister Sergei Lavrov" is one mention; its part "Sergei Lavrov"
    is matched against the glossary too. A match inside a longer match is
    dropped, and so is a single word inside a matched run, so each stretch of
    text gets one finding. The related occurrences are those of the canonical
    form, wherever it stands as a mention or part of one.
    """
    canonicals = {e.canonical for e in glossary.entries}
    found: dict[tuple[str, str], list[Occurrence]] = {}
    written: dict[str, list[Occurrence]] = {}
    for form, occs in index.surfaces.items():
        for offset, length, part in _parts(form):
            if part in canonicals:
                written.setdefault(part, []).extend(_shift(o, offset, length) for o in occs)
                continue
            canonical = glossary.canonical_for(part)
            if canonical is not None:
                found.setdefault((part, canonical), []).extend(_shift(o, offset, length) for o in occs)
    spans: dict[int, list[tuple[int, int]]] = {}
    for matched in found.values():
        for o in matched:
            spans.setdefault(o.doc, []).append((o.start, o.end))

    def inside_another(o: Occurrence) -> bool:
        return any(s <= o.start and o.end <= e and (s, e) != (o.start, o.end) for s, e in spans.get(o.doc, ()))

    out = []
    for (form, canonical), matched in found.items():
        kept = tuple(sorted({o for o in matched if not inside_another(o)}, key=lambda o: (o.doc, o.start)))
        if kept:
            where = tuple(sorted(set(written.get(canonical, ())), key=lambda o: (o.doc, o.start)))
            out.append(Variant(form, canonical, kept, where))
    return out


def _parts(form: str) -> list[tuple[int, int, str]]:
    """(offset, length, text) of the form and of each run of two or more of its words."""
    words = form.split(" ")
    if len(words) < 3:
        return [(0, len(form), form)]
    starts = [0]
    for w in words[:-1]:
        starts.append(starts[-1] + len(w) + 1)
    out = []
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            end = starts[j - 1] + len(words[j - 1])
            out.append((starts[i], end - starts[i], form[starts[i] : end]))
    return out


def _shift(o: Occurrence, offset: int, length: int) -> Occurrence:
    start = o.start + offset
    return Occurrence(o.doc, start, start + length, o.mid, o.introduced, o.given, o.followed, o.next_word)
