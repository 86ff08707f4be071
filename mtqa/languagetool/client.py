"""Send paragraphs to a LanguageTool server in large batches; keep the answers.

Paragraphs are joined with blank lines into requests of about ``batch_chars``
characters (LanguageTool treats a blank line as a paragraph break, so its
rules never look across two of them), sent through language-tool-python's
``remote_server`` mode, and the matches are split back per paragraph.

Offsets: LanguageTool counts UTF-16 code units. language-tool-python corrects
a match's start for characters outside the BMP (emoji) but not its length;
the end is converted here. (LanguageTool's ``context`` excerpt is sometimes
shifted after emoji while its offsets are right, so it is not used.)

The answers are cached in SQLite under a hash of (LanguageTool version,
request settings, paragraph text), so a warm run over unchanged text sends
no request at all and never starts a server.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.kinds.languagetool import Options
from mtqa.languagetool import LanguageToolError

#: Paragraphs are joined with this; LanguageTool reads it as a paragraph break.
SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class LtMatch:
    """One LanguageTool match in one paragraph; offsets in code points, end exclusive."""

    start: int
    end: int
    rule: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()

    def to_json(self) -> list[Any]:
        return [self.start, self.end, self.rule, self.category, self.issue_type, self.message, list(self.replacements)]

    @classmethod
    def from_json(cls, row: Sequence[Any]) -> LtMatch:
        start, end, rule, category, issue_type, message, replacements = row
        return cls(int(start), int(end), str(rule), str(category), str(issue_type), str(message),
                   tuple(str(r) for r in replacements))


@dataclass(slots=True)
class Stats:
    """What one run cost: paragraphs asked, answered from the cache, requests and characters sent."""

    paragraphs: int = 0
    cached: int = 0
    requests: int = 0
    characters: int = 0
    #: Matches that ran past their paragraph into the separator.
    dropped: int = 0
    seconds: list[float] = field(default_factory=list)


def request_settings(options: Options) -> dict[str, str]:
    """The request parameters besides the text; part of every cache key."""
    settings = {"language": options.language, "motherTongue": options.mother_tongue}
    if options.disabled_rules:
        settings["disabledRules"] = ",".join(s.id for s in options.disabled_rules)
    if options.disabled_categories:
        settings["disabledCategories"] = ",".join(s.id for s in options.disabled_categories)
    if options.enabled_rules:
        settings["enabledRules"] = ",".join(s.id for s in options.enabled_rules)
    if options.level != "default":
        settings["level"] = options.level
    return settings


def paragraph_key(version: str, settings: Mapping[str, str], paragraph: str) -> str:
    blob = json.dumps([version, sorted(settings.items()), paragraph], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """Matches by paragraph key, in one SQLite file (``None``: remember nothing)."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("CREATE TABLE IF NOT EXISTS matches (key TEXT PRIMARY KEY, json TEXT NOT NULL)")

    def get(self, keys: Iterable[str]) -> dict[str, tuple[LtMatch, ...]]:
        if self._db is None:
            return {}
        wanted = list(dict.fromkeys(keys))
        out: dict[str, tuple[LtMatch, ...]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(f"SELECT key, json FROM matches WHERE key IN ({marks})", chunk):
                out[key] = tuple(LtMatch.from_json(row) for row in json.loads(blob))
        return out

    def put(self, items: Mapping[str, tuple[LtMatch, ...]]) -> None:
        if self._db is None or not items:
            return
        rows = [(k, json.dumps([m.to_json() for m in v], ensure_ascii=False)) for k, v in items.items()]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO matches (key, json) VALUES (?, ?)", rows)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def check_paragraphs(
    paragraphs: Sequence[str],
    options: Options,
    version: str,
    connect: Callable[[], str],
    cache: ResultCache,
    stats: Stats | None = None,
) -> list[tuple[LtMatch, ...]]:
    """LanguageTool's matches for each paragraph (offsets into that paragraph).

    ``connect`` gives the server URL; it is called only when some paragraph is
    not in the cache, so a warm run never starts or asks a server.
    """
    stats = stats if stats is not None else Stats()
    settings = request_settings(options)
    keys = [paragraph_key(version, settings, p) for p in paragraphs]
    known = cache.get(keys)
    stats.paragraphs += len(paragraphs)
    stats.cached += sum(1 for k in keys if k in known)
    missing: dict[str, str] = {}
    for key, paragraph in zip(keys, paragraphs, strict=True):
        if key not in known and key not in missing:
            missing[key] = paragraph
    if missing:
        sender = _Sender(connect(), options, stats)
        todo = list(missing.items())
        for batch in _batches([p for _, p in todo], options.batch_chars):
            answers = sender.send([todo[i][1] for i in batch])
            fresh = {todo[i][0]: found for i, found in zip(batch, answers, strict=True)}
            cache.put(fresh)
            known.update(fresh)
    return [known[k] for k in keys]


def _batches(paragraphs: Sequence[str], limit: int) -> list[list[int]]:
    """Indexes of paragraphs, grouped so each group's joined text is about ``limit`` characters."""
    out: list[list[int]] = []
    size = 0
    for i, paragraph in enumerate(paragraphs):
        if out and size + len(paragraph) + len(SEPARATOR) <= limit:
            out[-1].append(i)
            size += len(paragraph) + len(SEPARATOR)
        else:
            out.append([i])
            size = len(paragraph)
    return out


class _Sender:
    """One language-tool-python client on a remote (loopback) server."""

    def __init__(self, url: str, options: Options, stats: Stats) -> None:
        import language_tool_python

        self.url = url
        self.options = options
        self.stats = stats
        try:
            tool = language_tool_python.LanguageTool(
                options.language, mother_tongue=options.mother_tongue, remote_server=url
            )
        except Exception as exc:  # the library raises several types; all mean the same here
            raise LanguageToolError(f"LanguageTool at {url} is not usable: {_one_line(exc)}") from None
        tool.disabled_rules = {s.id for s in options.disabled_rules}
        tool.disabled_categories = {s.id for s in options.disabled_categories}
        tool.enabled_rules = {s.id for s in options.enabled_rules}
        tool.picky = options.level == "picky"
        # The library's per-request time-out is a class constant (300 s); ours is configurable.
        setattr(tool, "_TIMEOUT", options.timeout)  # noqa: B010
        self.tool = tool

    def send(self, paragraphs: Sequence[str]) -> list[tuple[LtMatch, ...]]:
        import time

        text = SEPARATOR.join(paragraphs)
        began = time.monotonic()
        try:
            raw = self.tool.check(text)
        except Exception as exc:
            message = _one_line(exc)
            if "timed out" in message.lower() or "timeout" in message.lower():
                raise LanguageToolError(
                    f"LanguageTool at {self.url} did not answer within {self.options.timeout:.0f} s "
                    f"(request of {len(text)} characters): raise 'timeout' or lower 'batch_chars' "
                    "in rules/languagetool/settings.yaml"
                ) from None
            raise LanguageToolError(f"LanguageTool at {self.url} failed: {message}") from None
        self.stats.seconds.append(time.monotonic() - began)
        self.stats.requests += 1
        self.stats.characters += len(text)
        return self._split(text, paragraphs, raw)

    def _split(self, text: str, paragraphs: Sequence[str], raw: Sequence[Any]) -> list[tuple[LtMatch, ...]]:
        starts = []
        pos = 0
        for paragraph in paragraphs:
            starts.append(pos)
            pos += len(paragraph) + len(SEPARATOR)
        found: list[list[LtMatch]] = [[] for _ in paragraphs]
        for match in raw:
            start = int(match.offset)
            end = advance_utf16(text, start, int(match.error_length))
            index = bisect.bisect_right(starts, start) - 1
            base = starts[index]
            if end > base + len(paragraphs[index]) or end <= start:
                self.stats.dropped += 1  # runs into the separator: not a match of one paragraph
                continue
            found[index].append(LtMatch(
                start - base, end - base, str(match.rule_id), str(match.category), str(match.rule_issue_type),
                str(match.message), tuple(str(r) for r in match.replacements),
            ))
        return [tuple(f) for f in found]


def advance_utf16(text: str, start: int, units: int) -> int:
    """The code-point offset ``units`` UTF-16 code units after ``start``."""
    pos = start
    while units > 0 and pos < len(text):
        units -= 2 if ord(text[pos]) > 0xFFFF else 1
        pos += 1
    return pos


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
