"""What English knows about a word: frequency, word classes, capitalisation.

Three installed sources, each loaded once on first use:

- ``wordfreq``: how common a word is (Zipf scale). It folds case and counts
  any string seen often enough on the web, names and foreign words included
  (a French word like "chez" scores higher than many rare English words),
  so a frequency alone never proves that a token is an English word.
- ``lemminflect``'s lexicon (from the SPECIALIST lexicon): about 70,000
  English word forms, inflections included, with their word classes and their
  *case*: ``eastern`` and ``pentagon`` are listed lower-case, ``Russian``,
  ``July`` and ``Moscow`` capitalised. That is how we tell a common word
  from a proper one.
- ``pyspellchecker``'s English word list (160,000 lower-case forms): a wider
  net of accepted spellings, used only to say "this is a known word".

Closed-class words (articles, pronouns, prepositions, auxiliaries) are absent
from the lexicon, so they are listed here by class: they are English grammar,
not data about any text.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path

#: Word classes of the lexicon (``pos``) and of the closed classes below.
NOUN, VERB, ADJ, ADV, AUX = "noun", "verb", "adj", "adv", "aux"
DET, PRON, PREP, CONJ, PART = "det", "pron", "prep", "conj", "part"

DETERMINERS = frozenset(
    """a an the this that these those my your his her its our their some any no every each
    either neither another such what which whose all both many much few several most more
    less least""".split()
)
PRONOUNS = frozenset(
    """i me you he him she it we us they them myself yourself himself herself itself
    ourselves themselves who whom one someone anyone everyone nobody something anything
    everything nothing""".split()
)
PREPOSITIONS = frozenset(
    """of in on at to from by with without for about over under into onto upon through
    across along among amid around against before after behind below beneath beside
    besides between beyond during despite except inside outside near off past since till
    until toward towards via within per than like as amongst unlike""".split()
)
CONJUNCTIONS = frozenset("and or but nor yet so because although though while whereas if unless whether".split())
AUXILIARIES = frozenset(
    """be am is are was were been being have has had having do does did will would shall
    should can could may might must ought""".split()
)
#: Adverbs and particles that modify a verb, adjective or adverb, never a name.
PARTICLES = frozenset(
    """not never very too quite rather really also just even still already always often
    sometimes usually almost nearly hardly barely only merely simply probably perhaps
    maybe certainly definitely actually indeed somewhat""".split()
)
_CLOSED: Mapping[str, frozenset[str]] = {
    DET: DETERMINERS,
    PRON: PRONOUNS,
    PREP: PREPOSITIONS,
    CONJ: CONJUNCTIONS,
    AUX: AUXILIARIES,
    PART: PARTICLES,
}
FUNCTION_WORDS = frozenset().union(*_CLOSED.values())


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word in English (0 when unknown; 'the' is about 7.7)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def pos(word: str) -> frozenset[str]:
    """The word classes of ``word`` exactly as written (case matters).

    ``pos("eastern") == {"adj"}``, ``pos("Eastern") == set()``,
    ``pos("Russian") == {"adj", "noun"}``; closed-class words get their class
    (``pos("the") == {"det"}``) when written lower-case.
    """
    return _classes().get(word, frozenset())


def is_common_word(word: str) -> bool:
    """True when the lower-case form of ``word`` is an ordinary English word."""
    lower = word.lower()
    return lower in _classes()


def is_proper_word(word: str) -> bool:
    """True when English writes ``word`` capitalised: 'Russian', 'July', 'Moscow', 'God'."""
    return word[:1].isupper() and word in _classes()


def is_known(word: str) -> bool:
    """True when any dictionary here knows the word in any case (names included)."""
    return word.lower() in _known()


def known_words() -> frozenset[str]:
    """Every word form that ``is_known`` accepts, in lower case (for bulk look-ups)."""
    return _known()


def unknown_words(words: Iterable[str]) -> set[str]:
    """The Latin-letter words of ``words`` that ``is_known`` rejects, found with set operations.

    Most words of a text are in the lexicon exactly as written and drop out
    in one C-level set difference; only the rest are looked at one by one.
    """
    known = _known()
    out = set()
    for word in set(words).difference(_classes()):
        if word.lower() not in known and word.isascii() and word.isalpha():
            out.add(word)
    return out


def is_function_word(word: str) -> bool:
    return word in FUNCTION_WORDS


def english_shape(word: str) -> int:
    """How English the spelling of a lower-case word looks: its rarest letter triple.

    Each triple of letters of ``^word$`` is counted over the lower-case words
    of the lexicon; the result is the count of the rarest one. Words built from
    English or Greek-Latin parts score high ("pulmonectomy" 16, "winterizer"
    77); transliterated Russian or broken words hold a triple English never
    spells ("zomboyaschik" 1, "ustoruzhu" 0, "vyrabot" 0).
    """
    padded = f"^{word.lower()}$"
    counts = _trigrams()
    return min(counts.get(padded[k : k + 3], 0) for k in range(len(padded) - 2))


@cache
def _trigrams() -> Mapping[str, int]:
    words = [w for w in _classes() if w.isalpha() and w.islower()]
    text = "^" + "$^".join(words) + "$"
    return Counter(map("".join, zip(text, text[1:], text[2:], strict=False)))


@cache
def _classes() -> Mapping[str, frozenset[str]]:
    """Word form -> its classes: lemminflect's lexicon plus the closed classes."""
    table: dict[str, set[str]] = {}
    path = _package_file("lemminflect", "resources", "lemma_lu.csv.gz")
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        for row in rows:
            form, cls, _ = row.split(",", 2)
            if form[:1].isalpha():
                table.setdefault(form, set()).add(cls)
    for cls, words in _CLOSED.items():
        for word in words:
            table.setdefault(word, set()).add(cls)
    return {form: frozenset(classes) for form, classes in table.items()}


def _package_file(package: str, *parts: str) -> Path:
    """A data file shipped inside an installed package, found without importing the package.

    Importing lemminflect would load numpy and its models; only its lexicon file is needed.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the package {package!r} is not installed (mtqa needs its data files)")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


@cache
def _known() -> frozenset[str]:
    """Every word form any dictionary here knows, in lower case."""
    return frozenset(form.lower() for form in _classes()) | _spellings()


@cache
def _spellings() -> frozenset[str]:
    """pyspellchecker's English word list (lower-case)."""
    path = _package_file("spellchecker", "resources", "en.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        words: dict[str, int] = json.load(handle)
    return frozenset(words)
