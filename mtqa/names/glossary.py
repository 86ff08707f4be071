"""A project's name glossary: canonical forms and the variants to replace.

Two file formats, chosen by extension:

TSV (``.tsv``): one entry per line, the canonical form first, then known
variants, tab-separated; ``#`` starts a comment line::

    Sergey Lavrov<TAB>Sergei Lavrov
    Zelensky<TAB>Zelenskyy<TAB>Zelenskiy

YAML (``.yaml``/``.yml``): a list of entries::

    - canonical: Zelensky
      variants: [Zelenskyy, Zelenskiy]
    - canonical: Deir ez-Zor

Besides the listed variants, every form with the canonical form's
romanization key counts as a variant (see ``romanization``), so "Zelenskii"
is caught without being listed. Errors name the file and line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.names.romanization import romanization_key

__all__ = ["Glossary", "GlossaryEntry", "GlossaryError", "glossary_from_entries", "load_glossary"]


class GlossaryError(ValueError):
    """A glossary file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    canonical: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Glossary:
    """Entries, plus lookups from a variant or a key to the canonical form."""

    entries: tuple[GlossaryEntry, ...]
    by_form: tuple[tuple[str, str], ...]  # listed variant -> canonical
    by_key: tuple[tuple[str, str], ...]  # romanization key -> canonical
    _forms: dict[str, str] = field(init=False, repr=False, compare=False)
    _keys: dict[str, str] = field(init=False, repr=False, compare=False)
    _spellings: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_forms", dict(self.by_form))
        object.__setattr__(self, "_keys", dict(self.by_key))
        # Each word of a canonical form, by key: the glossary's spelling of that word.
        spellings: dict[str, str] = {}
        ambiguous: set[str] = set()
        for entry in self.entries:
            for word in entry.canonical.split():
                key = romanization_key(word)
                if spellings.setdefault(key, word) != word:
                    ambiguous.add(key)
        for key in ambiguous:
            del spellings[key]
        spellings.update(self._keys)
        object.__setattr__(self, "_spellings", spellings)

    def canonical_for(self, form: str) -> str | None:
        """The canonical form ``form`` should be written as, or None (unknown, or already canonical)."""
        canonical = self._forms.get(form) or self._keys.get(romanization_key(form))
        if canonical is None or canonical == form or canonical.casefold() == form.casefold():
            return None
        return canonical

    def spelling(self, form: str) -> str | None:
        """How the glossary spells the name ``form`` is a rendering of, or None.

        A whole canonical form ("Zelensky" for "Zelenskiy") or one word of a
        multi-word one ("Sergey" for "Sergei", from "Sergey Lavrov"); a word
        that two canonical forms spell differently has no spelling.
        """
        return self._forms.get(form) or self._spellings.get(romanization_key(form))


def glossary_from_entries(entries: Iterable[GlossaryEntry], source: str = "<glossary>") -> Glossary:
    """Check the entries (no form listed twice, no variant that is a canonical) and index them."""
    entries = tuple(entries)
    canonicals = {e.canonical for e in entries}
    by_form: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for e in entries:
        if not e.canonical.strip():
            raise GlossaryError(f"{source}: an entry has an empty canonical form")
        for v in e.variants:
            if v in canonicals:
                raise GlossaryError(
                    f"{source}: '{v}' is both a canonical form and a variant of '{e.canonical}'"
                )
            if v in by_form and by_form[v] != e.canonical:
                raise GlossaryError(
                    f"{source}: '{v}' is a variant of both '{by_form[v]}' and '{e.canonical}'"
                )
            by_form[v] = e.canonical
        key = romanization_key(e.canonical)
        if key in by_key and by_key[key] != e.canonical:
            raise GlossaryError(
                f"{source}: '{e.canonical}' and '{by_key[key]}' have the same romanization key"
            )
        by_key[key] = e.canonical
    return Glossary(entries, tuple(by_form.items()), tuple(by_key.items()))


def load_glossary(path: Path) -> Glossary:
    """Read a ``.tsv`` or ``.yaml``/``.yml`` glossary (see the module docstring)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read glossary: {exc}") from None
    if path.suffix.lower() == ".tsv":
        return glossary_from_entries(_tsv_entries(text, str(path)), str(path))
    if path.suffix.lower() in (".yaml", ".yml"):
        return glossary_from_entries(_yaml_entries(text, str(path)), str(path))
    raise GlossaryError(f"{path}: a glossary is a .tsv, .yaml or .yml file")


def _tsv_entries(text: str, source: str) -> list[GlossaryEntry]:
    out = []
    for number, cells in enumerate(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        cells = [c.strip() for c in cells]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if not cells[0] or any(not c for c in cells[1:]):
            raise GlossaryError(f"{source}:{number}: empty cell")
        out.append(GlossaryEntry(cells[0], tuple(cells[1:])))
    return out


def _yaml_entries(text: str, source: str) -> list[GlossaryEntry]:
    import yaml

    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{source}: not valid YAML: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise GlossaryError(f"{source}: a YAML glossary is a list of {{canonical, variants}} entries")
    out = []
    for i, item in enumerate(data):
        where = f"{source}: entry {i + 1}"
        if not isinstance(item, dict) or set(item) - {"canonical", "variants"} or "canonical" not in item:
            raise GlossaryError(f"{where}: expected keys 'canonical' and optional 'variants'")
        canonical = item["canonical"]
        variants = item.get("variants", [])
        if not isinstance(canonical, str) or not isinstance(variants, list):
            raise GlossaryError(f"{where}: 'canonical' is a string and 'variants' a list of strings")
        if not all(isinstance(v, str) and v.strip() for v in variants):
            raise GlossaryError(f"{where}: 'variants' must be non-empty strings")
        out.append(GlossaryEntry(canonical.strip(), tuple(v.strip() for v in variants)))
    return out
