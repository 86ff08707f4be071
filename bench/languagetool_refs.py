"""LanguageTool over the human references: cost, and findings per rule before and after filtering.

    python bench/languagetool_refs.py                # start a server, cold then warm run, figures
    python bench/languagetool_refs.py --write FILE   # also add unaudited findings to FILE (verdict 'fp';
                                                     # then read each one and correct the verdict)

"Before" is every LanguageTool match with no rule disabled and nothing dropped;
"after" is what ``mtqa check --grammar`` reports with rules/languagetool/*.yaml
and mtqa's own findings to de-duplicate against. FP per 10,000 words come
from the verdicts in tests/audit/refs-languagetool.tsv.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from mtqa.audit import AuditRow, read_audit, reference_documents, word_count, write_rows
from mtqa.config import Config
from mtqa.engine import check_document, select_rules
from mtqa.finding import Finding, Severity
from mtqa.kinds.languagetool import Options
from mtqa.languagetool import server
from mtqa.languagetool.client import ResultCache, Stats
from mtqa.languagetool.session import check_documents
from mtqa.rulefile import builtin_rules_dir, load_rules

REPO = Path(__file__).resolve().parent.parent
WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"
AUDIT = REPO / "tests" / "audit" / "refs-languagetool.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", type=Path, help="add unaudited findings to this audit file")
    parser.add_argument("--no-before", action="store_true", help="skip the unfiltered run")
    args = parser.parse_args()
    docs = reference_documents(WMT)
    words = word_count(docs)
    documents = [d for _, d in docs]
    ruleset = load_rules([builtin_rules_dir()])
    rules = select_rules(ruleset.rules, Config())
    lt_rules = [r for r in rules if r.kind == "languagetool"]
    own = [r for r in rules if r.kind != "languagetool"]
    others = [check_document(d, own) for d in documents]
    print(f"{len(docs)} documents, {words} words")

    began = time.monotonic()
    info = server.start(record=False)
    print(f"server start: {time.monotonic() - began:.1f} s ({info.url})")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cache = ResultCache(Path(tmp) / "results.sqlite3")
            for label in ("cold", "warm"):
                stats = Stats()
                began = time.monotonic()
                after = check_documents(documents, lt_rules, others, url=info.url, cache=cache, stats=stats)
                spent = time.monotonic() - began
                print(f"{label}: {spent:.1f} s, {words / spent:.0f} words/s, {stats.requests} requests, "
                      f"{stats.cached}/{stats.paragraphs} paragraphs cached, {stats.dropped} matches across paragraphs")
            before: list[tuple[Finding, ...]] = []
            if not args.no_before:
                bare = [replace(r, options=_bare(r.options)) for r in lt_rules]
                before = check_documents(documents, bare, url=info.url, cache=cache, explain=False)
    finally:
        server.stop(info)
    report(docs, words, before, after, args.write)
    return 0


def _bare(options: Options) -> Options:
    return replace(options, disabled_rules=(), disabled_categories=())


def report(docs: list[tuple[str, object]], words: int, before: list[tuple[Finding, ...]],
           after: list[tuple[Finding, ...]], write: Path | None) -> None:
    audit = read_audit([AUDIT]) if AUDIT.exists() else {}
    rows = [(name, f) for (name, _), found in zip(docs, after, strict=True) for f in found]
    counts_before = Counter(f.rule for found in before for f in found)
    counts_after = Counter(f.rule for _, f in rows)
    fps: Counter[str] = Counter()
    fps_warn: Counter[str] = Counter()
    missing: list[AuditRow] = []
    for name, f in rows:
        row = audit.get((name, f.rule, f.start, f.end, _clean(f.text)))
        if row is None:
            missing.append(AuditRow(name, f.rule, f.start, f.end, _clean(f.text), "fp", "unaudited"))
        elif row.verdict == "fp":
            fps[f.rule] += 1
            if f.severity.rank >= Severity.WARNING.rank:
                fps_warn[f.rule] += 1
    per10k = 10000 / words
    print(f"\n{'rule':48} {'before':>7} {'after':>6} {'fp':>4} {'fp/10k':>7}")
    for rule in sorted(set(counts_before) | set(counts_after), key=lambda r: (-counts_before[r], r)):
        print(f"{rule:48} {counts_before[rule]:7} {counts_after[rule]:6} {fps[rule]:4} {fps[rule] * per10k:7.2f}")
    total_before = sum(counts_before.values())
    print(f"{'total':48} {total_before:7} {len(rows):6} {sum(fps.values()):4} {sum(fps.values()) * per10k:7.2f}")
    print(f"fp at warning or above: {sum(fps_warn.values())} = {sum(fps_warn.values()) * per10k:.2f} per 10,000 words")
    if missing:
        print(f"\n{len(missing)} findings are not in {AUDIT.name}", file=sys.stderr)
        if write is not None:
            old = list(read_audit([write]).values()) if write.exists() else []
            write_rows(write, [*old, *missing])
            print(f"added them to {write}", file=sys.stderr)


def _clean(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


if __name__ == "__main__":
    sys.exit(main())
