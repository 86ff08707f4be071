"""One ``--grammar`` run: find or start a server, check every paragraph, build findings.

Which server: the ``url`` given (config), else ``$MTQA_LANGUAGETOOL_URL``, else
the one ``mtqa languagetool start`` left running, else a server started for
this run and stopped at its end. A server is looked for only when some
paragraph is not in the cache: a warm run starts nothing and sends nothing
(with a URL given, one tiny request asks the server's version).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from mtqa.document import Document
from mtqa.finding import Finding
from mtqa.languagetool import server
from mtqa.languagetool.client import ResultCache, Stats, check_paragraphs
from mtqa.languagetool.findings import drop_explained, to_finding
from mtqa.rule import Rule

KIND = "languagetool"
URL_VARIABLE = "MTQA_LANGUAGETOOL_URL"


def paragraphs_of(doc: Document) -> list[tuple[int, str]]:
    """(offset, text) of each line that has text: LanguageTool's unit of work and of caching."""
    text = doc.text
    return [(line.start, text[line.start : line.end]) for line in doc.lines if text[line.start : line.end].strip()]


class _Server:
    """The server for one run, found or started only when first needed."""

    def __init__(self, url: str | None) -> None:
        self.url = url.rstrip("/") if url else None
        self.started: server.ServerInfo | None = None
        self._version: str | None = None

    def version(self) -> str:
        if self._version is None:
            if self.url is not None:
                self._version = server.server_version(self.url)
            else:
                running = server.status()
                if running is not None:
                    self.url = running.url
                    self._version = running.version
                else:
                    self._version = server.pinned_version()
        return self._version

    def connect(self) -> str:
        if self.url is None:
            self.started = server.start(record=False)
            self.url = self.started.url
        return self.url

    def close(self) -> None:
        if self.started is not None:
            server.stop(self.started)
            self.started = None


def check_documents(
    docs: Sequence[Document],
    rules: Sequence[Rule],
    others: Sequence[Sequence[Finding]] | None = None,
    url: str | None = None,
    cache: ResultCache | None = None,
    stats: Stats | None = None,
    explain: bool = True,
) -> list[tuple[Finding, ...]]:
    """LanguageTool findings per document, one run of each ``languagetool`` rule.

    ``others``: mtqa's own findings per document, which LanguageTool's must
    not repeat. ``explain=False`` keeps every match (for measuring).
    Raises ``LanguageToolError`` (one line) when LanguageTool cannot run.
    """
    settings_rules = [r for r in rules if r.kind == KIND]
    per_doc: list[list[Finding]] = [[] for _ in docs]
    if not settings_rules or not docs:
        return [() for _ in docs]
    mine = others if others is not None else [() for _ in docs]
    own_cache = cache is None
    cache = cache if cache is not None else ResultCache(default_cache_path())
    found = _Server(url or os.environ.get(URL_VARIABLE) or None)
    try:
        places = [(d, offset, text) for d, doc in enumerate(docs) for offset, text in paragraphs_of(doc)]
        for rule in settings_rules:
            answers = check_paragraphs([t for _, _, t in places], rule.options, found.version(), found.connect,
                                       cache, stats)
            raw: list[list[Finding]] = [[] for _ in docs]
            for (d, offset, _), matches in zip(places, answers, strict=True):
                raw[d].extend(to_finding(rule, docs[d], offset, m) for m in matches)
            for d, findings in enumerate(raw):
                per_doc[d].extend(drop_explained(rule.options, findings, mine[d]) if explain else findings)
    finally:
        found.close()
        if own_cache:
            cache.close()
    return [tuple(sorted(f, key=Finding.sort_key)) for f in per_doc]


def default_cache_path() -> Path:
    return server.cache_dir() / "results.sqlite3"
