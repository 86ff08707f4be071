"""languagetool: how LanguageTool's matches become findings.

A rule of this kind holds settings, not a check: which LanguageTool rules and
categories are off, the language and mother tongue sent with each request, and
how LanguageTool's issue types map to finding kinds and severities. The work
is done in batch by ``mtqa.languagetool`` (``mtqa check --grammar``), which
talks to a real LanguageTool server; ``check`` here yields nothing, so a run
without ``--grammar`` never needs Java.

``classify`` is an ordered list; the first entry whose ``rule``, ``category``
and ``type`` (LanguageTool's rule id, category id and issue type; each
optional) all match decides the finding's ``kind`` and ``severity``. A match
that no entry covers takes the rule file's ``finding_kind`` and ``severity``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mtqa.document import Document
from mtqa.finding import Finding, Kind, Severity
from mtqa.rule import OptionError, Rule, expect_type

#: Rules of this kind run in batch outside the engine (see ``mtqa.languagetool``).
EXTERNAL = True
KEYS = (
    "language",
    "mother_tongue",
    "level",
    "disabled_rules",
    "disabled_categories",
    "enabled_rules",
    "classify",
    "skip_name_spelling",
    "typo_max_edits",
    "typo_min_zipf",
    "typo_min_length",
    "batch_chars",
    "timeout",
)
PLACEHOLDERS = ("found", "expected", "lt_message", "lt_rule")
_LEVELS = ("default", "picky")
_MATCHERS = ("rule", "category", "type")


@dataclass(frozen=True, slots=True)
class Switch:
    """A LanguageTool rule or category id, with the reason it is switched."""

    id: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class Class:
    """One ``classify`` entry: matchers (empty = any) and the kind and severity they give."""

    rule: str = ""
    category: str = ""
    type: str = ""
    kind: Kind | None = None
    severity: Severity | None = None

    def matches(self, rule: str, category: str, issue_type: str) -> bool:
        return (
            (not self.rule or self.rule == rule)
            and (not self.category or self.category == category)
            and (not self.type or self.type == issue_type)
        )


@dataclass(frozen=True, slots=True)
class Options:
    language: str = "en-US"
    mother_tongue: str = "ru"
    level: str = "default"
    disabled_rules: tuple[Switch, ...] = ()
    disabled_categories: tuple[Switch, ...] = ()
    enabled_rules: tuple[Switch, ...] = ()
    classify: tuple[Class, ...] = ()
    #: Drop spelling matches on capitalised tokens: names, which mtqa's name logic handles.
    skip_name_spelling: bool = True
    #: A lower-case word the speller flags is kept only when its first suggestion is one
    #: common word (Zipf >= typo_min_zipf) at most this many edits away (None: keep all).
    typo_max_edits: int | None = None
    typo_min_zipf: float = 3.0
    #: Shorter words are left alone: "mln", "fo" are a letter away from too many words.
    typo_min_length: int = 5
    #: Paragraphs are sent together in requests of about this many characters.
    batch_chars: int = 20000
    #: Seconds to wait for one request.
    timeout: float = 120.0


def parse(raw: Mapping[str, Any]) -> Options:
    defaults = Options()
    language = _string(raw, "language", defaults.language)
    mother_tongue = _string(raw, "mother_tongue", defaults.mother_tongue)
    level = _string(raw, "level", defaults.level)
    if level not in _LEVELS:
        raise OptionError("level", f"'level' must be one of: {', '.join(_LEVELS)} (got {level!r})")
    skip = expect_type(raw.get("skip_name_spelling", True), "skip_name_spelling", bool)
    edits = raw.get("typo_max_edits")
    if edits is not None and (expect_type(edits, "typo_max_edits", int) < 1):
        raise OptionError("typo_max_edits", "'typo_max_edits' must be at least 1 (or null)")
    min_zipf = expect_type(raw.get("typo_min_zipf", defaults.typo_min_zipf), "typo_min_zipf", (int, float))
    min_length = expect_type(raw.get("typo_min_length", defaults.typo_min_length), "typo_min_length", int)
    batch = expect_type(raw.get("batch_chars", defaults.batch_chars), "batch_chars", int)
    if batch < 100:
        raise OptionError("batch_chars", "'batch_chars' must be at least 100")
    timeout = expect_type(raw.get("timeout", defaults.timeout), "timeout", (int, float))
    if timeout <= 0:
        raise OptionError("timeout", "'timeout' must be a positive number of seconds")
    return Options(
        language=language,
        mother_tongue=mother_tongue,
        level=level,
        disabled_rules=_switches(raw, "disabled_rules"),
        disabled_categories=_switches(raw, "disabled_categories"),
        enabled_rules=_switches(raw, "enabled_rules"),
        classify=_classes(raw),
        skip_name_spelling=skip,
        typo_max_edits=edits,
        typo_min_zipf=float(min_zipf),
        typo_min_length=min_length,
        batch_chars=batch,
        timeout=float(timeout),
    )


def check(rule: Rule, doc: Document) -> Iterator[Finding]:
    """Nothing: LanguageTool runs in batch over all documents (``mtqa check --grammar``)."""
    del rule, doc
    return iter(())


def classify(options: Options, rule: str, category: str, issue_type: str) -> tuple[Kind | None, Severity | None]:
    """The kind and severity of the first ``classify`` entry that matches, or (None, None)."""
    for entry in options.classify:
        if entry.matches(rule, category, issue_type):
            return entry.kind, entry.severity
    return None, None


def _string(raw: Mapping[str, Any], key: str, default: str) -> str:
    value: str = expect_type(raw.get(key, default), key, str)
    if not value.strip():
        raise OptionError(key, f"'{key}' must not be empty")
    return value


def _switches(raw: Mapping[str, Any], key: str) -> tuple[Switch, ...]:
    items = expect_type(raw.get(key, []), key, list)
    out: list[Switch] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, str):
            switch = Switch(item)
        elif isinstance(item, dict) and isinstance(item.get("id"), str) and not set(item) - {"id", "why"}:
            why = item.get("why", "")
            if not isinstance(why, str):
                raise OptionError(key, f"'{key}': 'why' must be a string")
            switch = Switch(item["id"], why)
        else:
            raise OptionError(key, f"'{key}' entries are ids or {{id, why}} mappings, not {item!r}")
        if not switch.id or not switch.id.replace("_", "").isalnum() or switch.id.upper() != switch.id:
            raise OptionError(key, f"'{key}': {switch.id!r} is not a LanguageTool id (UPPER_CASE)")
        if switch.id in seen:
            raise OptionError(key, f"'{key}': {switch.id} is listed twice")
        seen.add(switch.id)
        out.append(switch)
    return tuple(out)


def _classes(raw: Mapping[str, Any]) -> tuple[Class, ...]:
    items = expect_type(raw.get("classify", []), "classify", list)
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise OptionError("classify", f"'classify' entries are mappings, not {item!r}")
        unknown = set(item) - {*_MATCHERS, "kind", "severity"}
        if unknown:
            raise OptionError("classify", f"'classify': unknown key {sorted(unknown)[0]!r}")
        if not {"kind", "severity"} & set(item):
            raise OptionError("classify", "'classify' entries need a 'kind' or a 'severity'")
        matchers = {m: item.get(m, "") for m in _MATCHERS}
        if not all(isinstance(v, str) for v in matchers.values()):
            raise OptionError("classify", "'classify': rule, category and type are strings")
        out.append(Class(**matchers, kind=_enum(item, "kind", Kind), severity=_enum(item, "severity", Severity)))
    return tuple(out)


def _enum(item: Mapping[str, Any], key: str, enum: Any) -> Any:
    if key not in item:
        return None
    try:
        return enum(item[key])
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise OptionError("classify", f"'classify': {key} must be one of: {allowed} (got {item[key]!r})") from None
