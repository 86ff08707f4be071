"""Group the unique name mentions of a document (or corpus) into variants.

The index is built once: every unique surface form with its occurrences.
All comparisons run over unique surfaces, never over pairs of tokens or of
documents: romanization variants share a key (a dict lookup), truncations are
found by a sorted-prefix scan, case endings by spelling out the few base forms
of a word and looking them up, and near variants by rapidfuzz over the unique
keys of surname-shaped words.

The checks are cheap because they look closely at few forms: a form's
occurrences are built when a check first reads them (``Surfaces``, for a
document ``index_document``), and its traits one at a time (``NameIndex.keys``
and the others), so a check that rules a form out by its key or its shape
never builds its occurrences nor computes its other traits.

Each function returns ``Variant`` values: a minority form, the canonical form
it should be, and why. The kind module (``mtqa.kinds.names``) turns them into
findings.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import Any, NamedTuple

from mtqa.document import Document, pick
from mtqa.names.gazetteer import fold, is_demonym, is_place
from mtqa.names.glossary import Glossary
from mtqa.names.mentions import DocumentMentions, Mention, extract_mentions, missing_indices
from mtqa.names.morphology import (
    has_surname_ending,
    inflection_bases,
    is_first_name,
    is_male_first_name,
    is_russian_first_name,
    looks_like_russian_surname,
)
from mtqa.names.romanization import romanizable, romanization_key, romanization_keys
from mtqa.names.words import COMMON_ZIPF, is_common_word

__all__ = [
    "NameIndex",
    "Occurrence",
    "Surfaces",
    "Traits",
    "Variant",
    "build_index",
    "case_endings",
    "glossary_variants",
    "index_document",
    "index_mentions",
    "lazy_index",
    "near_variants",
    "romanization_variants",
    "traits",
    "truncations",
]


_DOC = attrgetter("doc")
_TEXT = attrgetter("text")

#: Where a surface form stands: a mention, with the index of its document (``Mention.doc``).
Occurrence = Mention


@dataclass(frozen=True, slots=True)
class Variant:
    """``form`` should be ``canonical``; ``occurrences`` are where ``form`` stands."""

    form: str
    canonical: str
    occurrences: tuple[Occurrence, ...]
    canonical_occurrences: tuple[Occurrence, ...]


class Traits(NamedTuple):
    """What a surface form is, on its own (no context): computed once per form.

    The corpus-wide checks (romanization, near, glossary) need only these and
    the mentions, so a corpus whose per-document indexes are cached is
    clustered without loading the word-frequency, first-name or place tables.
    A named tuple: a corpus index read back from the cache makes one per form
    of every document.
    """

    #: The romanization key (``romanization_key``).
    key: str
    #: Not a common English word, or a Russian first name: a name by its spelling.
    name_form: bool
    #: A common English word that is not also a Russian first name or a place ("Jury").
    word_not_name: bool
    #: Some word of it is a standard romanization or a Russian first name.
    russian: bool
    #: One surname-shaped word of 6+ letters that is no place or demonym: a ``near`` candidate.
    near_shape: bool
    #: A given name in the first-name table.
    first_name: bool
    #: Its Russian case bases (``inflection_bases``), for ``near`` candidates only.
    bases: tuple[str, ...] = ()


@lru_cache(maxsize=200_000)
def traits(form: str) -> Traits:
    """The traits of a surface form (see ``Traits``)."""
    return Traits(
        key=romanization_key(form),
        name_form=_name_form(form),
        word_not_name=_word_not_name(form),
        russian=_russian_evidence(form),
        near_shape=_near_shape(form),
        first_name=is_first_name(form),
        bases=_near_bases(form),
    )


# One function per trait: a check that reads one trait of a form computes no other.


@lru_cache(maxsize=200_000)
def _name_form(form: str) -> bool:
    """``Traits.name_form``."""
    return not _is_word(form) or is_russian_first_name(form)


@lru_cache(maxsize=200_000)
def _word_not_name(form: str) -> bool:
    """``Traits.word_not_name``."""
    return " " not in form and _is_word(form) and not is_russian_first_name(form) and not is_place(form)


def _near_bases(form: str) -> tuple[str, ...]:
    """``Traits.bases``."""
    return inflection_bases(form) if _near_shape(form) else ()


@lru_cache(maxsize=200_000)
def _near_shape(form: str) -> bool:
    """``Traits.near_shape``: one surname-shaped word of 6+ letters that is no place or demonym."""
    return (
        " " not in form
        and len(form) >= NEAR_MIN_LENGTH
        and has_surname_ending(form)  # russian_name_score(form) >= 0.5
        and not is_place(form)
        and not is_demonym(form)
    )


class Surfaces(Mapping[str, tuple[Occurrence, ...]]):
    """Surface form -> its occurrences, in order of first occurrence; built when first read.

    The occurrences are numbered from 0 and ``forms[k]`` is the form of the k-th,
    which ``build(k)`` builds. Forms are counted (``Counter``, which keeps the order
    of first occurrence) and their first occurrences found by C-level passes over
    ``forms``; the occurrences of a form are located (``list.index``) and built only
    when a check reads them, which it does for few forms. Counting and membership
    build nothing.
    """

    __slots__ = ("_build", "_built", "_counts", "_first", "_forms")

    def __init__(self, forms: Sequence[str], build: Callable[[int], Occurrence]) -> None:
        self._forms = forms
        self._build = build
        self._counts = Counter(forms)
        self._first: dict[str, int] | None = None
        self._built: dict[str, tuple[Occurrence, ...]] = {}

    def _first_numbers(self) -> dict[str, int]:
        """Each form's first number (made once, when first needed)."""
        first = self._first
        if first is None:
            # Written from the last number to the first, so the first one stays.
            n = len(self._forms)
            first = self._first = dict(zip(reversed(self._forms), range(n - 1, -1, -1), strict=True))
        return first

    def __getitem__(self, form: str) -> tuple[Occurrence, ...]:
        built = self._built.get(form)
        if built is None:
            k = self._first_numbers()[form]
            items = [k]
            forms, count = self._forms, self._counts[form]
            while len(items) < count:
                k = forms.index(form, k + 1)
                items.append(k)
            built = tuple(map(self._build, items))
            self._built[form] = built
        return built

    def each(self, form: str) -> Iterator[Occurrence]:
        """The occurrences of ``form`` in order, as ``self[form]`` holds them, each built when
        reached when they are not built yet: a question that the first few answer ("is one of
        them mid-sentence?") builds no more."""
        built = self._built.get(form)
        if built is not None:
            yield from built
            return
        forms, build = self._forms, self._build
        k = self._first_numbers()[form]
        yield build(k)
        for _ in range(self._counts[form] - 1):
            k = forms.index(form, k + 1)
            yield build(k)

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)

    def __contains__(self, form: object) -> bool:
        return form in self._counts

    def count(self, form: str) -> int:
        """How many occurrences ``form`` has (0 when none)."""
        return self._counts.get(form, 0)


class FormFacts(NamedTuple):
    """What the checks read of every form of an index, as columns in the order of the forms."""

    forms: list[str]
    #: ``romanization_key`` of each form.
    keys: list[str]
    #: ``Traits.near_shape`` of each form.
    near_shapes: list[bool]
    #: ``inflection_bases`` of each form of one word; () for a form of several words.
    bases: list[tuple[str, ...]]
    #: One word (no space).
    singles: list[bool]


#: Form -> (key, near shape, bases, one word), the ``FormFacts`` of a form, kept for the whole
#: process: vocabulary repeats across documents, and one lookup a form and document gives all
#: four (three separate caches cost three lookups, each comparing the form with the string of
#: an earlier document).
_FACTS: dict[str, tuple[str, bool, tuple[str, ...], bool]] = {}
#: Forget the forms seen when there are this many (a long run over many corpora).
_FACTS_MAX = 200_000


def _new_facts(forms: list[str]) -> list[tuple[str, bool, tuple[str, ...], bool]]:
    """The facts of forms not seen before (see ``_FACTS``); their keys computed in one pass."""
    # The functions themselves, not their caches: ``_FACTS`` is the cache here.
    shape, spell = _near_shape.__wrapped__, inflection_bases.__wrapped__
    singles = [" " not in form for form in forms]
    # A near shape needs one word of ``NEAR_MIN_LENGTH`` letters or more: the others are not asked.
    long = map(NEAR_MIN_LENGTH.__le__, map(len, forms))
    return [
        (key, single and is_long and shape(form), spell(form) if single else (), single)
        for form, key, single, is_long in zip(forms, romanization_keys(forms), singles, long, strict=True)
    ]


def _document_facts(forms: list[str]) -> FormFacts:
    """The ``FormFacts`` of ``forms`` (distinct), each form's facts computed once per process."""
    facts = _FACTS
    found = list(map(facts.get, forms))
    if None in found:
        if len(facts) > _FACTS_MAX:
            facts.clear()
        missing = missing_indices(found)
        for k, new in zip(missing, _new_facts([forms[k] for k in missing]), strict=True):
            found[k] = facts[forms[k]] = new
    if not found:
        return FormFacts([], [], [], [], [])
    keys, shapes, bases, singles = map(list, zip(*found, strict=True))
    return FormFacts(forms, keys, shapes, bases, singles)


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Unique surface forms -> their occurrences, in order of first occurrence.

    ``known`` holds traits computed earlier (a corpus index read from the
    cache); the others are computed on demand.
    """

    surfaces: Surfaces
    known: Mapping[str, Traits] = field(default_factory=dict)
    #: The ``FormFacts`` once made (``facts``).
    _facts: list[FormFacts] = field(default_factory=list, compare=False, repr=False)

    def facts(self) -> FormFacts:
        """The ``FormFacts`` of every form, made when first asked for and shared by the checks."""
        if not self._facts:
            forms = list(self.surfaces)
            if not self.known:
                self._facts.append(_document_facts(forms))
            else:
                singles = [" " not in form for form in forms]
                bases = [inflection_bases(f) if one else () for f, one in zip(forms, singles, strict=True)]
                self._facts.append(FormFacts(forms, self.keys(forms), self.near_shapes(forms), bases, singles))
        return self._facts[0]

    def count(self, form: str) -> int:
        return self.surfaces.count(form)

    def first(self, form: str) -> tuple[int, int]:
        occ = self.surfaces[form][0]
        return (occ.doc, occ.start)

    def traits(self, form: str) -> Traits:
        return self.known.get(form) or traits(form)

    # The checks read one trait of every form (its key, its shape) and the others of a few
    # forms only: these look up that trait alone, so a document's check computes no more.

    def keys(self, forms: Iterable[str]) -> list[str]:
        """``traits(form).key`` of each form."""
        if not self.known:
            return list(map(romanization_key, forms))
        return [self.traits(form).key for form in forms]

    def near_shapes(self, forms: Iterable[str]) -> list[bool]:
        """``traits(form).near_shape`` of each form."""
        if not self.known:
            return list(map(_near_shape, forms))
        return [self.traits(form).near_shape for form in forms]

    def name_form(self, form: str) -> bool:
        known = self.known.get(form)
        return known.name_form if known is not None else _name_form(form)

    def word_not_name(self, form: str) -> bool:
        known = self.known.get(form)
        return known.word_not_name if known is not None else _word_not_name(form)

    def russian(self, form: str) -> bool:
        known = self.known.get(form)
        return known.russian if known is not None else _russian_evidence(form)

    def first_name(self, form: str) -> bool:
        known = self.known.get(form)
        return known.first_name if known is not None else is_first_name(form)

    def bases(self, form: str) -> tuple[str, ...]:
        known = self.known.get(form)
        return known.bases if known is not None else _near_bases(form)

    def name_like(self, form: str) -> bool:
        """Capitalised mid-sentence somewhere, a Russian first name, or no common English word."""
        return self.name_form(form) or any(o.mid for o in self.surfaces.each(form))


def build_index(docs: Sequence[Document]) -> NameIndex:
    """Extract the mentions of every document once and index them by surface form."""
    return index_mentions(enumerate(extract_mentions(doc) for doc in docs))


def index_mentions(
    per_doc: Iterable[tuple[int, Sequence[Mention]]], known: Mapping[str, Traits] | None = None
) -> NameIndex:
    """Index mentions by surface form; a mention whose ``doc`` is not its document's index is re-placed."""
    rows: list[Mention] = []
    for index, mentions in per_doc:
        if mentions and set(map(_DOC, mentions)) != {index}:
            mentions = [m if m.doc == index else m._replace(doc=index) for m in mentions]
        rows.extend(mentions)
    return lazy_index(list(map(_TEXT, rows)), rows.__getitem__, known)


def index_document(mentions: DocumentMentions) -> NameIndex:
    """The index of one document's mentions (``doc`` 0), each built when a check reads its form."""
    candidates = mentions.candidates
    forms = [*pick(mentions.texts, candidates), *mentions.multiword_forms()]
    singles = len(candidates)
    single, multiword = mentions.single, mentions.multiword

    def build(k: int) -> Occurrence:
        # Numbered as ``DocumentMentions.all`` orders them: single words, then runs of words.
        return single(candidates[k]) if k < singles else multiword(k - singles)

    return lazy_index(forms, build)


def lazy_index(
    forms: Sequence[str], build: Callable[[int], Occurrence], known: Mapping[str, Traits] | None = None
) -> NameIndex:
    """The index of occurrences numbered from 0 whose forms are ``forms``: ``build(k)`` builds the k-th one
    when a check first reads its form."""
    return NameIndex(Surfaces(forms, build), known or {})


# -- what counts as a name ---------------------------------------------------

#: A word at least this common in English is a word first: not a truncation, not a leak.
WORD_ZIPF = COMMON_ZIPF
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
    return is_common_word(form)


@lru_cache(maxsize=200_000)
def _russian_evidence(form: str) -> bool:
    """Some form of the name is one the standard romanizations produce, or a Russian first name."""
    return any(romanizable(w) or is_russian_first_name(w) for w in form.replace("-", " ").split())


def _known_name(form: str) -> bool:
    return is_first_name(form) or is_place(form) or is_demonym(form)


# -- romanization variants -----------------------------------------------------


def _canonical_order(index: NameIndex, forms: Iterable[str]) -> list[str]:
    """Majority first; a tie goes to the first occurrence."""
    return sorted(forms, key=lambda f: (-index.count(f), index.first(f)))


_DIGIT_RE = re.compile(r"\d")
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
    forms, keys = index.facts()[:2]
    # A key held by one form makes no group: only the forms of shared keys are weighed
    # (picked at C level: the keys counted more than once).
    counts = Counter(keys)
    shared = set(compress(counts, map((1).__lt__, counts.values())))
    groups: dict[str, list[str]] = {}
    # The forms of shared keys picked at C level (most keys are a form's own).
    for form, key in compress(zip(forms, keys, strict=True), map(shared.__contains__, keys)):
        if len(key) < min_key or _DIGIT_RE.search(form):
            continue
        if index.word_not_name(form) or not index.name_like(form):
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
            if not (index.russian(form) or index.russian(canonical)):
                continue
            out.append(Variant(form, canonical, index.surfaces[form], index.surfaces[canonical]))
    return out


# -- truncations -----------------------------------------------------------------


def _truncation_evidence(index: NameIndex, form: str, longer: str) -> bool:
    """The longer name is used at least as often, or is introduced as a person."""
    # The counts first: the occurrences are built only when the longer name is used less often.
    surfaces = index.surfaces
    return surfaces.count(longer) >= surfaces.count(form) or any(o.introduced for o in surfaces.each(longer))


def _can_be_truncated(form: str, occurrences: Sequence[Occurrence]) -> bool:
    # Part of a longer name wherever it stands ("Zelena Okolica").
    return _truncatable(form) and not all(o.followed for o in occurrences)


@lru_cache(maxsize=200_000)
def _truncatable(form: str) -> bool:
    if len(form) < MIN_TRUNCATED or " " in form or not form.isalpha():
        return False
    return not (_is_word(form) or _known_name(form) or looks_like_russian_surname(form))


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
    facts = index.facts()
    forms = sorted(compress(facts.forms, facts.singles))
    # Only a form that starts another one can be cut from it: in sorted order the forms that
    # start with a form follow it at once, so the next form tells (C-level, no trait computed).
    starting = list(compress(forms, map(str.startswith, forms[1:], forms)))
    out: list[Variant] = []
    for form in compress(starting, map(_truncatable, starting)):
        lo = bisect.bisect_right(forms, form)
        spelled: list[str] = []  # the longer forms it may be cut from, by their spelling alone
        while lo < len(forms) and forms[lo].startswith(form):
            candidate = forms[lo]
            lo += 1
            rest = candidate[len(form) :]
            if len(rest) > MAX_DROPPED or not rest.isalpha() or rest in _DERIVATIONS or rest in _CASE_ENDINGS:
                continue
            if form in inflection_bases(candidate) or _is_word(candidate):
                continue
            spelled.append(candidate)
        # Their occurrences are read only now (most forms are cut from none).
        if not spelled or not _can_be_truncated(form, index.surfaces[form]):
            continue
        occs = index.surfaces[form]
        longer = [c for c in spelled if _truncation_evidence(index, form, c) and index.name_like(c)]
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
    surfaces = index.surfaces
    facts = index.facts()
    spelled = facts.bases  # () for the forms of several words
    # Only the forms that spell out a base form are weighed (most spell none).
    for form, spelled_out in zip(compress(facts.forms, spelled), filter(None, spelled), strict=True):
        bases = [b for b in spelled_out if b in surfaces]
        if not bases:
            continue
        # What the form is, first: its occurrences are built only for the forms left.
        if _is_word(form) or _known_name(form):
            continue
        occs = surfaces[form]
        if any(_own_person(o) for o in occs) or all(o.followed for o in occs):
            continue
        base = _canonical_order(index, bases)[0]
        if not index.name_like(base):
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
    facts = index.facts()
    candidates = list(compress(facts.forms, facts.near_shapes))
    keys = list(compress(facts.keys, facts.near_shapes))
    # The candidates are the name-like forms of these; the close pairs among them are the close
    # pairs of all these whose forms are both name-like (a pair's score is its own), in the same
    # order. So only the forms of close pairs are asked whether they are name-like.
    name_like: dict[str, bool] = {}
    out: list[Variant] = []
    seen: set[str] = set()
    pairs = _close_pairs(keys, score_cutoff) if len(keys) > 1 else []
    for i, j in pairs:
        a, b = candidates[i], candidates[j]
        if keys[i] == keys[j] or a in seen or b in seen:
            continue
        if not _cached(name_like, a, index.name_like) or not _cached(name_like, b, index.name_like):
            continue
        if a.startswith(b) or b.startswith(a) or keys[i].startswith(keys[j]) or keys[j].startswith(keys[i]):
            continue
        if a in index.bases(b) or b in index.bases(a):
            continue
        if index.first_name(a) and index.first_name(b):
            continue
        canonical, form = _canonical_order(index, (a, b))
        if prefer is not None and prefer(form) == form and prefer(canonical) != canonical:
            canonical, form = form, canonical
        seen.add(form)
        out.append(Variant(form, canonical, index.surfaces[form], index.surfaces[canonical]))
    return out


def _cached(known: dict[str, bool], form: str, judge: Callable[[str], bool]) -> bool:
    """``judge(form)``, kept in ``known``."""
    found = known.get(form)
    if found is None:
        found = known[form] = judge(form)
    return found


#: Up to this many candidates, pairs are scored one by one; up to ``_ROWS_MAX``, one row
#: at a time (``process.extract``); above, in one ``cdist`` call (which needs numpy).
_PAIRWISE_MAX = 40
_ROWS_MAX = 3000


def _close_pairs(keys: Sequence[str], score_cutoff: float) -> list[tuple[int, int]]:
    """(i, j), i < j, of the keys whose rapidfuzz ratio reaches the cutoff, in row-major order.

    Up to ``_ROWS_MAX`` keys, each key is scored only against the keys whose length
    lets the ratio reach the cutoff (``_longest_reach``): sorted by length, those
    are a stretch of the keys that follow it. rapidfuzz is imported (some 10 ms a
    run) by the first key that has another in reach: the few surname-shaped keys of
    a small document often have none.
    """
    n = len(keys)
    if n > _ROWS_MAX:
        return _matrix_pairs(keys, score_cutoff)
    order = sorted(range(n), key=list(map(len, keys)).__getitem__)
    ordered = list(map(keys.__getitem__, order))
    lengths = list(map(len, ordered))
    reach = [_longest_reach(length, score_cutoff) for length in lengths]
    fuzz: Any = None
    process: Any = None
    ratio: Any = None
    out = []
    for p in range(n - 1):
        end = bisect.bisect_right(lengths, reach[p], p + 1)
        if end == p + 1:
            continue
        if fuzz is None:
            fuzz, process = _rapidfuzz()
            ratio = fuzz.ratio
        key = ordered[p]
        if n <= _PAIRWISE_MAX:
            close = [q for q in range(p + 1, end) if ratio(key, ordered[q], score_cutoff=score_cutoff)]
        else:
            found = process.extract(key, ordered[p + 1 : end], scorer=fuzz.ratio, score_cutoff=score_cutoff, limit=None)
            close = [p + 1 + m[2] for m in found]
        for q in close:
            i, j = order[p], order[q]
            out.append((i, j) if i < j else (j, i))
    out.sort()
    return out


def _matrix_pairs(keys: Sequence[str], score_cutoff: float) -> list[tuple[int, int]]:
    """``_close_pairs`` of many keys, scored by ``cdist`` (which needs numpy) a block of
    ``_MATRIX_ROWS`` rows at a time: a matrix of all the keys at once would take 400 MB for
    10,000 keys (a corpus-wide run over thousands of files). Blocks in order, each row-major,
    give the pairs in row-major order."""
    fuzz, process = _rapidfuzz()
    keys = list(keys)
    out: list[tuple[int, int]] = []
    for first in range(0, len(keys), _MATRIX_ROWS):
        scores = process.cdist(keys[first : first + _MATRIX_ROWS], keys, scorer=fuzz.ratio,
                               score_cutoff=score_cutoff, workers=1)
        out.extend((first + int(i), int(j)) for i, j in zip(*scores.nonzero(), strict=True) if first + i < j)
    return out


#: Rows of a block of ``_matrix_pairs``: 1,000 rows of 10,000 scores take 40 MB.
_MATRIX_ROWS = 1000


def _rapidfuzz() -> tuple[Any, Any]:
    """rapidfuzz's ``fuzz`` and ``process`` modules, imported when first needed."""
    from rapidfuzz import fuzz, process

    return fuzz, process


def _longest_reach(length: int, score_cutoff: float) -> float:
    """The longest key a key of ``length`` letters may reach the cutoff with (a little more, never less).

    The ratio is ``100 * (1 - d / (a + b))`` for the indel distance ``d`` of keys of
    ``a`` and ``b`` letters, and ``d >= b - a``: so ``b <= a * (200 - cutoff) / cutoff``.
    The margin keeps a key exactly at the bound from being lost to rounding.
    """
    return length * (200.0 - score_cutoff) / score_cutoff + 1e-6


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
    for form in index.surfaces:
        for offset, _, part in _parts(form):
            if part in canonicals:
                occs = index.surfaces[form]  # read only for the forms that match
                written.setdefault(part, []).extend(_shift(o, offset, part) for o in occs)
                continue
            canonical = glossary.canonical_for(part)
            if canonical is not None:
                occs = index.surfaces[form]
                found.setdefault((part, canonical), []).extend(_shift(o, offset, part) for o in occs)
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


def _shift(o: Occurrence, offset: int, part: str) -> Occurrence:
    if offset == 0 and part == o.text:
        return o
    start = o.start + offset
    return o._replace(start=start, end=start + len(part), text=part, words=part.count(" ") + 1)
