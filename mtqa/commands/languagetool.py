"""``mtqa languagetool fetch|start|stop|status``, and ``grammar_findings`` for ``check --grammar``.

    mtqa languagetool fetch     # Maven copies LanguageTool into the cache (once; needs `mvn`)
    mtqa languagetool start     # a server on a free loopback port, left running for later runs
    mtqa languagetool status    # exit 0 when one is running, 1 when not
    mtqa languagetool stop

``mtqa check --grammar`` works without ``start``: it starts a server for the
run when none is running (and only when some paragraph is not cached), and
stops it afterwards. ``MTQA_LANGUAGETOOL_URL`` (or ``url``) names a server
of your own instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace

from mtqa.document import Document
from mtqa.finding import Finding, Severity
from mtqa.languagetool import LanguageToolError
from mtqa.rule import Rule

EXIT_OK, EXIT_NOT_RUNNING, EXIT_ERROR = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Fetch, start and stop the local LanguageTool server that `mtqa check --grammar` uses."
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    fetch = sub.add_parser("fetch", help="copy the pinned LanguageTool from Maven Central into the cache")
    fetch.add_argument("--force", action="store_true", help="fetch again even when the jars are there")
    start = sub.add_parser("start", help="start a server on a free loopback port and leave it running")
    start.add_argument("--timeout", type=float, default=90.0, metavar="SECONDS",
                       help="how long to wait for it to answer (default: 90)")
    sub.add_parser("stop", help="stop the server that `start` left running")
    sub.add_parser("status", help="say whether a server is running (exit 0) or not (exit 1)")


def run(args: argparse.Namespace) -> int:
    from mtqa.languagetool import server

    try:
        if args.action == "fetch":
            began = time.monotonic()
            folder = server.fetch(force=args.force)
            jars = len(list(folder.glob("*.jar")))
            print(f"LanguageTool {server.pinned_version()}: {jars} jars in {folder} ({time.monotonic() - began:.0f} s)")
            return EXIT_OK
        if args.action == "start":
            running = server.status()
            if running is not None:
                print(f"LanguageTool {running.version} is already running at {running.url} (pid {running.pid})")
                return EXIT_OK
            began = time.monotonic()
            info = server.start(timeout=args.timeout, record=True)
            print(f"LanguageTool {info.version} answers at {info.url} (pid {info.pid}, "
                  f"{time.monotonic() - began:.1f} s); `mtqa languagetool stop` ends it")
            return EXIT_OK
        if args.action == "stop":
            print("LanguageTool server stopped" if server.stop() else "no LanguageTool server was running")
            return EXIT_OK
        return _status()
    except LanguageToolError as exc:
        print(f"mtqa: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _status() -> int:
    from mtqa.languagetool import server

    version = server.pinned_version()
    fetched = "fetched" if server.is_fetched(version) else "not fetched (run `mtqa languagetool fetch`)"
    info = server.status()
    if info is None:
        print(f"no LanguageTool server running; LanguageTool {version} {fetched}; cache {server.cache_dir()}")
        return EXIT_NOT_RUNNING
    print(f"LanguageTool {info.version} answers at {info.url} (pid {info.pid}); log {info.log}")
    return EXIT_OK


def grammar_findings(
    docs: Sequence[Document],
    rules: Sequence[Rule],
    others: Sequence[Sequence[Finding]],
    url: str | None = None,
    disable: Sequence[str] = (),
    severity: Sequence[tuple[str, Severity]] = (),
) -> list[tuple[Finding, ...]]:
    """LanguageTool findings for each document (``mtqa check --grammar``).

    ``rules``: the selected rules (the ``languagetool`` ones hold the
    settings; none selected means no LanguageTool findings). ``others``:
    mtqa's own findings per document, so nothing is reported twice.
    ``disable`` and ``severity`` are the config's and command line's rule
    selectors and severity overrides, applied to the ``languagetool.<ID>``
    finding ids. Raises ``LanguageToolError`` with a one-line message when
    LanguageTool cannot run; the caller reports it and exits 2.
    """
    from mtqa.engine import matches
    from mtqa.languagetool.session import check_documents

    found = check_documents(docs, rules, others, url=url)
    out = []
    for findings in found:
        kept = []
        for finding in findings:
            if any(matches(finding.rule, s) for s in disable):
                continue
            for selector, level in severity:
                if matches(finding.rule, selector):
                    finding = replace(finding, severity=level)
            kept.append(finding)
        out.append(tuple(kept))
    return out
