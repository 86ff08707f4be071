"""What English knows about a word: frequency, word classes, capitalisation.

Three installed sources:

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

Reading those sources takes a second, and a pre-commit hook checking one
small file cannot pay it on every run; nor can it pay for loading 300,000
words into dictionaries when it looks up a few hundred. So the tables are
derived once per machine (``mtqa.datacache.persistent``) as sorted word lists
in flat strings and arrays, which load in milliseconds; a word is found by
binary search, and a table is turned into a dictionary only once a run has
looked up enough words to pay for it (a long document, or many).

Closed-class words (articles, pronouns, prepositions, auxiliaries) are absent
from the lexicon, so they are listed here by class: they are English grammar,
not data about any text.
"""

from __future__ import annotations

import bisect
import gzip
import importlib.util
import json
import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache, lru_cache
from itertools import compress, filterfalse, repeat
from operator import and_, is_, not_
from pathlib import Path
from typing import NamedTuple

from mtqa.datacache import persistent

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
    """Zipf frequency of a word in English (0 when unknown; 'the' is about 7.7).

    wordfreq's own value, read from a table filled by wordfreq: for a word of
    ASCII letters (one token to wordfreq, case folded), for a word of other
    letters that the table holds exactly as written, and for ASCII words joined
    by spaces or hyphens ("united states", "cross-country": wordfreq's tokens,
    whose frequencies it combines as computed here). Anything else asks wordfreq.
    """
    if word.isascii() and word.isalpha():
        code = _lower_value(word.lower()) >> 1
    elif word.isalpha():
        code = _lower_table().get(word, _ASK_WORDFREQ << 1) >> 1  # as written: the table has it
        if code == _ASK_WORDFREQ:
            code = _one_token_code(word)
    elif word.isascii() and _PHRASE_RE.fullmatch(word):
        phrase = _phrase_zipf(word.lower().replace("-", " ").split(" "))
        if phrase is not None:
            return phrase
        code = _ASK_WORDFREQ
    else:
        code = _ASK_WORDFREQ
    if code != _ASK_WORDFREQ:
        return _zipf_values()[code]
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


_PHRASE_RE = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)+")
#: Letters that Unicode word segmentation never splits between (Latin, Greek, Cyrillic).
_ONE_WORD_RE = re.compile("[a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f]+")


def _one_token_code(word: str) -> int:
    """The zipf code of a word of letters that wordfreq reads as one token, or ``_ASK_WORDFREQ``.

    wordfreq normalises (NFC), folds case and splits a text into words before
    it looks them up (``wordfreq.tokens.tokenize``); a run of Latin, Greek or
    Cyrillic letters stays one token, so its frequency is the table's entry for
    that token: every word of letters of wordfreq's list is in the table, and a
    token that is not has wordfreq's minimum.
    """
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", word).casefold())
    token = text.casefold()
    if not (text.isalpha() and token.isalpha() and _ONE_WORD_RE.fullmatch(text) and _ONE_WORD_RE.fullmatch(token)):
        return _ASK_WORDFREQ
    return _lower_value(token) >> 1


def _phrase_zipf(tokens: list[str]) -> float | None:
    """wordfreq's zipf value of several tokens: ``1 / f = 1 / f1 + 1 / f2 + ...``, rounded as
    wordfreq rounds (``_word_frequency``, ``zipf_frequency``); None if a frequency is not at hand."""
    freqs = _data().freqs
    one_over = 0.0
    for token in tokens:
        code = _lower_value(token) >> 1
        if code == 0:
            return _zipf_values()[0]  # a token wordfreq never saw: its minimum, as for one word
        if code >= len(freqs) or math.isnan(freqs[code]):
            return None
        one_over += 1.0 / freqs[code]
    freq = max(1.0 / one_over, _data().min_freq)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


def pos(word: str) -> frozenset[str]:
    """The word classes of ``word`` exactly as written (case matters).

    ``pos("eastern") == {"adj"}``, ``pos("Eastern") == set()``,
    ``pos("Russian") == {"adj", "noun"}``; closed-class words get their class
    (``pos("the") == {"det"}``) when written lower-case.
    """
    code = _forms().get(word, -1)
    return _NONE if code < 0 else _class_sets()[code]


_NONE: frozenset[str] = frozenset()


def is_common_word(word: str) -> bool:
    """True when the lower-case form of ``word`` is an ordinary English word."""
    return word.lower() in _forms()


def is_proper_word(word: str) -> bool:
    """True when English writes ``word`` capitalised: 'Russian', 'July', 'Moscow', 'God'."""
    return word[:1].isupper() and word in _forms()


def is_known(word: str) -> bool:
    """True when any dictionary here knows the word in any case (names included)."""
    return bool(_lower_value(word.lower()) & _KNOWN)


@cache
def frequent_starts(min_zipf: float) -> frozenset[str]:
    """The first five letters of the words of ASCII letters that ``is_known`` accepts with a zipf
    value of at least ``min_zipf``: where a look-up of such a word may pay."""
    # C-level passes over the 33,000 starts (a Python loop cost ~10 ms, once per run).
    codes = _data().start_codes
    frequent = map(min_zipf.__le__, map(_zipf_values().__getitem__, codes.values()))
    return frozenset(compress(codes.keys(), frequent))


def known_among(words: set[str]) -> set[str]:
    """The lower-case words of ``words`` that ``is_known`` accepts, in one bulk look-up."""
    table = _lower_table()
    get = table.getter()
    return {w for w in table.present(words) if get(w, 0) & _KNOWN}


def common_among(words: set[str]) -> set[str]:
    """The lower-case words of ``words`` that are ordinary English words (``is_common_word``)."""
    return _forms().present(words)


def unknown_words(words: Iterable[str]) -> set[str]:
    """The Latin-letter words of ``words`` that ``is_known`` rejects.

    Most words of a text are in the lexicon exactly as written and drop out
    first; only the rest are looked up in lower case.
    """
    return unknown_among_unlisted(unlisted_words(set(words)))


def unlisted_words(words: Collection[str]) -> set[str]:
    """The words of ``words`` (distinct words: a set, a dictionary's keys) that the lexicon does not
    list exactly as written (``pos`` is empty): for a capitalised word, no proper word (``is_proper_word``)."""
    return _forms().missing(words)


def unknown_among_unlisted(words: Iterable[str]) -> set[str]:
    """``unknown_words`` of words that ``unlisted_words`` returned (a word the lexicon lists is known).

    Answered from ``_VERDICTS``: only the words that no earlier call asked about are judged."""
    listed = list(words if isinstance(words, (set, frozenset)) else set(words))
    return set(compress(listed, map(_UNKNOWN_WORD.__eq__, _VERDICTS.of(listed))))


def listing(words: Collection[str]) -> tuple[frozenset[str], frozenset[str]]:
    """``unlisted_words(words)`` and the unknown words among them (``unknown_among_unlisted``) at once,
    from one process-wide look-up per word (``_VERDICTS``); ``words`` are distinct."""
    listed = list(words)
    verdicts = _VERDICTS.of(listed)
    return frozenset(compress(listed, verdicts)), frozenset(compress(listed, map(_UNKNOWN_WORD.__eq__, verdicts)))


#: The verdicts of ``_Verdicts``: listed exactly as written, unlisted but known (or no word of
#: Latin letters), unlisted and unknown.
_LISTED, _UNLISTED, _UNKNOWN_WORD = 0, 1, 2


class _Verdicts:
    """What the lexicon says of every word seen (``_LISTED``, ``_UNLISTED``, ``_UNKNOWN_WORD``),
    process-wide and bounded.

    A run over many documents asks about the same words again and again: the
    same news translated by a dozen systems share most of their words, names
    and odd tokens included (200,000 distinct words per document summed over
    the benchmark corpus, 22,000 distinct in all). One dictionary look-up per
    word answers both questions (listed? known?), where the lexicon's table and
    a set of the words judged before took three. The answer depends on the word
    alone, so it is exact; past ``_VERDICTS_MAX`` words the table starts again empty.
    """

    __slots__ = ("_of",)

    def __init__(self) -> None:
        self._of: dict[str, int] = {}

    def of(self, words: list[str]) -> list[int]:
        """The verdict on each of ``words`` (distinct), in order."""
        table = self._of
        verdicts: list[int | None] = list(map(table.get, words))
        new = list(compress(words, map(is_, verdicts, repeat(None))))
        if not new:
            return verdicts  # type: ignore[return-value]
        unlisted = _forms().missing(new)
        judged = dict.fromkeys(new, _LISTED)
        judged.update(dict.fromkeys(unlisted, _UNLISTED))
        judged.update(dict.fromkeys(_unknown_latin(unlisted), _UNKNOWN_WORD))
        if len(table) + len(judged) > _VERDICTS_MAX:
            table.clear()
        table.update(judged)
        return list(map(judged.get, words, verdicts))  # type: ignore[arg-type]


_VERDICTS = _Verdicts()
_VERDICTS_MAX = 200_000


def _unknown_latin(words: Collection[str]) -> set[str]:
    """The words of ASCII letters among ``words`` that ``is_known`` rejects, with C-level filters
    (a document's names and odd tokens: thousands of words)."""
    listed = list(words)
    latin = list(compress(listed, map(str.isalpha, listed)))
    latin = list(compress(latin, map(str.isascii, latin)))
    codes = map(_lower_value, map(str.lower, latin))
    return set(compress(latin, map(not_, map(and_, codes, repeat(_KNOWN)))))


@lru_cache(maxsize=65_536)
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


class WordTable:
    """A sorted table of words with a small number each, read by bisection.

    The words are kept in one UTF-8 string (``\\n`` after each) with an array of
    their offsets, the numbers in a second array: three objects, not hundreds
    of thousands, so a table loads in milliseconds. A look-up bisects a list of
    every ``_BLOCK``-th word, then searches that block's bytes once (both in C):
    a few microseconds. After ``size // 10`` look-ups (or when one call asks
    about many words) the table builds a dictionary once and answers from it.
    """

    __slots__ = ("_dict", "_keys", "_left", "_offsets", "_sample", "_size", "_values")

    def __init__(self, keys: bytes, offsets: bytes, values: bytes, typecode: str) -> None:
        self._keys = keys
        self._offsets = array("I")
        self._offsets.frombytes(offsets)
        self._values = array(typecode)
        self._values.frombytes(values)
        self._size = len(self._values)
        self._dict: dict[str, int] | None = None
        self._sample: list[bytes] | None = None
        # Look-ups left before the dictionary pays: building it costs as much as some size // 10
        # look-ups (three microseconds each); answering from the table until then costs at
        # most twice what knowing the number of look-ups in advance would.
        self._left = self._size // 10

    @staticmethod
    def pack(table: Mapping[str, int], typecode: str) -> tuple[bytes, bytes, bytes, str]:
        """The flat form of ``table`` (what ``WordTable(*packed)`` reads): the words in UTF-8,
        which orders them as Python orders strings and loads without decoding."""
        keys = sorted(table)
        encoded = [k.encode("utf-8") for k in keys]
        offsets = array("I", [0])
        for key in encoded:
            offsets.append(offsets[-1] + len(key) + 1)
        values = array(typecode, [table[k] for k in keys])
        return b"".join(k + b"\n" for k in encoded), offsets.tobytes(), values.tobytes(), typecode

    def __len__(self) -> int:
        return self._size

    def __contains__(self, key: str) -> bool:
        return self.get(key, -1) != -1

    def get(self, key: str, default: int) -> int:
        if self._dict is not None:
            return self._dict.get(key, default)
        self._left -= 1
        if self._left < 0:
            return self.mapping().get(key, default)
        index = self._index(key.encode("utf-8", "surrogatepass"))  # a lone surrogate matches nothing
        return default if index < 0 else self._values[index]

    def _index(self, target: bytes) -> int:
        """The position of the word ``target`` (UTF-8) in the table, or -1."""
        if b"\n" in target:
            return -1  # no word holds a line break: it ends each word in ``_keys``
        if self._sample is None:
            keys, offsets = self._keys, self._offsets
            self._sample = [keys[offsets[i] : offsets[i + 1] - 1] for i in range(0, self._size, _BLOCK)]
        block = bisect.bisect_right(self._sample, target) - 1
        if block < 0:
            return -1
        first = block * _BLOCK
        last = min(first + _BLOCK, self._size)
        start, end = self._offsets[first], self._offsets[last]
        needle = target + b"\n"
        if self._keys.startswith(needle, start):
            return first
        at = self._keys.find(b"\n" + needle, start, end)  # the word after another of the block
        return -1 if at < 0 else bisect.bisect_left(self._offsets, at + 1, first, last)

    def getter(self) -> Callable[[str, int], int]:
        """``get`` itself, or the dictionary's once there is one (for loops over many words)."""
        return self.get if self._dict is None else self._dict.get

    def missing(self, words: Collection[str]) -> set[str]:
        """The words of ``words`` (distinct words: a set, a dictionary's keys) not in the table."""
        if self._bisects(len(words)):
            return {w for w in words if self.get(w, -1) == -1}
        return set(filterfalse(self.mapping().__contains__, words))

    def present(self, words: set[str]) -> set[str]:
        """The words of ``words`` that are in the table."""
        if self._bisects(len(words)):
            return {w for w in words if self.get(w, -1) != -1}
        return self.mapping().keys() & words  # iterates the smaller side (set.intersection would not)

    def _bisects(self, count: int) -> bool:
        """Whether ``count`` look-ups asked at once are answered by bisection rather than by the dictionary.

        A call that alone would spend half the look-ups left (a long document's words) builds
        the dictionary at once: the look-ups after it would build it anyway, and either way the
        bisections and the dictionary cost at most twice what the dictionary alone would.
        """
        return self._dict is None and 2 * count < self._left

    def mapping(self) -> dict[str, int]:
        """The whole table as a dictionary (built on the first call)."""
        if self._dict is None:
            self._dict = dict(zip(self._keys.decode("utf-8").split("\n"), self._values, strict=False))
        return self._dict


#: The length of the starts of ``frequent_starts``.
_START = 5

#: Words per block of a ``WordTable``: the bisection finds the block, one search of its bytes the word.
_BLOCK = 64

#: Bits of a lower-case table value: known to a dictionary here; the rest is a zipf code.
_KNOWN = 1
#: The zipf code of a word wordfreq must be asked about (not plain ASCII letters).
_ASK_WORDFREQ = 0xFFFF >> 1


class _Data(NamedTuple):
    """Everything derived from the three packages, kept on disk as one pickle."""

    #: Word form exactly as written -> index of its classes in ``class_sets`` (packed).
    forms: tuple[bytes, bytes, bytes, str]
    class_sets: tuple[frozenset[str], ...]
    #: Lower-case word -> (zipf code << 1) | known, for every known word and every
    #: word of letters in wordfreq's English list (packed).
    lower: tuple[bytes, bytes, bytes, str]
    #: Zipf value of each zipf code.
    zipfs: tuple[float, ...]
    #: wordfreq's frequency behind each zipf code of a plain ASCII word (NaN for other codes).
    freqs: tuple[float, ...]
    #: wordfreq's frequency floor for zipf 0.
    min_freq: float
    #: Letter triple -> how many lower-case lexicon words hold it.
    trigrams: dict[str, int]
    #: The first five letters of every known word of ASCII letters -> the highest zipf code among them.
    start_codes: dict[str, int]


@persistent(("lemminflect", "pyspellchecker", "wordfreq"))
def _data() -> _Data:
    from wordfreq import get_frequency_dict, zipf_frequency, zipf_to_freq

    classes = _read_classes()
    sets = sorted(set(classes.values()), key=sorted)
    index = {kinds: n for n, kinds in enumerate(sets)}
    forms = WordTable.pack({form: index[kinds] for form, kinds in classes.items()}, "B")

    # A word of ASCII letters is one token to wordfreq, so its zipf value depends on its
    # frequency alone: ask wordfreq once per frequency, with a word that has it.
    by_freq: dict[float, float] = {}
    zipfs: dict[str, float] = {}
    for word, freq in get_frequency_dict("en").items():
        if word.isascii() and word.isalpha():
            if freq not in by_freq:
                by_freq[freq] = float(zipf_frequency(word, "en"))
            zipfs[word] = by_freq[freq]
    known = {form.lower() for form in classes} | _read_spellings()
    # Words of other letters ("café", "protégé"): wordfreq's value for each exactly as written.
    for word in known | get_frequency_dict("en").keys():
        if word.isalpha() and not word.isascii():
            zipfs[word] = float(zipf_frequency(word, "en"))
    absent = float(zipf_frequency("qqqqxqqqqx", "en"))  # a word wordfreq never saw
    values = [absent, *sorted(set(zipfs.values()) - {absent})]
    code = {value: n for n, value in enumerate(values)}
    # Each frequency of a plain word has its own zipf value (a centibel apart): keep the way back.
    freq_of: dict[float, float] = {}
    for freq, value in by_freq.items():
        freq_of[value] = math.nan if value in freq_of else freq
    freqs = tuple(freq_of.get(value, math.nan) for value in values)
    lower: dict[str, int] = {}
    for word in known | zipfs.keys():
        z = code[zipfs[word]] if word in zipfs else 0 if word.isascii() and word.isalpha() else _ASK_WORDFREQ
        lower[word] = (z << 1) | (_KNOWN if word in known else 0)

    words = [w for w in classes if w.isalpha() and w.islower()]
    text = "^" + "$^".join(words) + "$"
    trigrams = dict(Counter(map("".join, zip(text, text[1:], text[2:], strict=False))))
    start_codes: dict[str, int] = {}
    for word in known:
        if len(word) >= _START and word.isascii() and word.isalpha():
            start = word[:_START]
            start_codes[start] = max(start_codes.get(start, 0), lower[word] >> 1)
    packed = WordTable.pack(lower, "H")
    return _Data(forms, tuple(sets), packed, tuple(values), freqs, zipf_to_freq(0.0), trigrams, start_codes)


@cache
def _forms() -> WordTable:
    return WordTable(*_data().forms)


@cache
def _class_sets() -> tuple[frozenset[str], ...]:
    return _data().class_sets


@cache
def _lower_table() -> WordTable:
    return WordTable(*_data().lower)


@lru_cache(maxsize=200_000)
def _lower_value(word: str) -> int:
    """The lower-case table's value for ``word`` (0 when absent), kept: a text looks the same
    words up again and again (its names, its capitalised words, once per document), and a look-up
    that the cache answers costs neither a binary search nor the table's dictionary."""
    return _lower_table().get(word, 0)


@cache
def _zipf_values() -> tuple[float, ...]:
    return _data().zipfs


@cache
def _trigrams() -> dict[str, int]:
    return _data().trigrams


def _read_classes() -> dict[str, frozenset[str]]:
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


def _read_spellings() -> frozenset[str]:
    """pyspellchecker's English word list (lower-case)."""
    path = _package_file("spellchecker", "resources", "en.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        words: dict[str, int] = json.load(handle)
    return frozenset(words)
