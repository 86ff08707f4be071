"""``mtqa eval GOLD_OR_DIR...``: run the checks on annotated documents and measure them.

Each ``*.gold.json`` (CONTRACT.md section 3) names its text with ``file``
(relative to the gold file; by default the gold file's name with ``.txt``), or
names a document of the WMT data with ``wmt: {year, file, doc_id}``, whose
text is that document's segments joined by newlines, read from ``--wmt-data``.
Prints recall on must and optional errors, precision and false positives per
1,000 words, per kind and per rule, then the misses and the false positives.
Exit 0, or 2 when a gold file or its text could not be read (the others are
still measured).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.document import DecodeError, Document
from mtqa.evaluate import (
    DocumentResult,
    GoldFormatError,
    Report,
    Score,
    evaluate_document,
    false_positives,
    misses,
    report_dict,
    resolve_gold,
    summarize,
)
from mtqa.finding import Finding, Severity
from mtqa.rule import Rule

GOLD_SUFFIX = ".gold.json"
EXIT_OK, EXIT_ERROR = 0, 2
DEFAULT_WMT = Path("..") / "shared" / "data" / "wmt-ru-en"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from mtqa.options import add_rule_arguments

    parser.description = "Run the checks on annotated documents and measure recall and precision."
    parser.add_argument("paths", nargs="+", metavar="GOLD_OR_DIR",
                        help=f"gold files, or folders searched for *{GOLD_SUFFIX}")
    parser.add_argument("--min-severity", choices=("error", "warning", "info"), default="warning",
                        help="score findings at or above this (default: warning)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of standard output")
    parser.add_argument("--wmt-data", metavar="DIR",
                        help="the wmt-ru-en folder for gold files that name a WMT document "
                             "(default: $MTQA_WMT_DATA, else ../shared/data/wmt-ru-en)")
    parser.add_argument("--limit", type=int, default=40, metavar="N",
                        help="list at most N misses and N false positives in the text report (default 40; 0: all)")
    add_rule_arguments(parser)


@dataclass
class _Loader:
    """Reads gold files and their texts; remembers WMT files already split into documents."""

    wmt_root: Path
    problems: list[str] = field(default_factory=list)
    _wmt: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def load(self, gold_path: Path) -> tuple[dict[str, Any], Document] | None:
        try:
            raw = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.problems.append(f"{gold_path}: cannot read gold: {exc}")
            return None
        if not isinstance(raw, dict):
            self.problems.append(f"{gold_path}: a gold file holds a JSON object")
            return None
        try:
            doc = self._wmt_document(raw["wmt"], gold_path) if "wmt" in raw else self._file_document(raw, gold_path)
        except (OSError, ValueError, KeyError) as exc:
            self.problems.append(f"{gold_path}: {exc}")
            return None
        return raw, doc

    def _file_document(self, raw: dict[str, Any], gold_path: Path) -> Document:
        from mtqa.files import read_document

        name = raw.get("file") or gold_path.name[: -len(GOLD_SUFFIX)] + ".txt"
        if not isinstance(name, str):
            raise ValueError("'file' must be a string")
        path = gold_path.parent / name
        try:
            return read_document(str(path))
        except DecodeError as exc:
            raise ValueError(str(exc)) from None
        except OSError as exc:
            raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None

    def _wmt_document(self, ref: Any, gold_path: Path) -> Document:
        if not isinstance(ref, dict) or not all(isinstance(ref.get(k), str) for k in ("year", "file", "doc_id")):
            raise ValueError("'wmt' must be {\"year\": ..., \"file\": ..., \"doc_id\": ...}")
        year, file, doc_id = ref["year"], ref["file"], ref["doc_id"]
        texts = self._wmt_file(year, file)
        if doc_id not in texts:
            raise ValueError(f"document {doc_id!r} not in {year}/{file}")
        return Document(f"{year}/{file}#{doc_id}", texts[doc_id])

    def _wmt_file(self, year: str, file: str) -> dict[str, str]:
        key = (year, file)
        if key not in self._wmt:
            from mtqa.wmt import read_documents

            folder = self.wmt_root / year
            if not (folder / file).is_file():
                raise ValueError(f"WMT file not found: {folder / file} (see --wmt-data)")
            self._wmt[key] = {d.doc_id: d.text for d in read_documents(folder, file)}
        return self._wmt[key]


def gold_files(paths: Sequence[str], problems: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*" + GOLD_SUFFIX)
                           if not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                problems.append(f"{raw}: no *{GOLD_SUFFIX} files")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            problems.append(f"{raw}: no such file or folder")
    return list(dict.fromkeys(out))


def measure(
    golds: Sequence[Path],
    rules: Sequence[Rule],
    wmt_root: Path,
    min_severity: Severity = Severity.WARNING,
) -> tuple[Report, list[str]]:
    """Check each gold file's document with ``rules`` and measure the findings."""
    from mtqa.engine import check_document

    loader = _Loader(wmt_root)
    results: list[DocumentResult] = []
    for path in golds:
        loaded = loader.load(path)
        if loaded is None:
            continue
        raw, doc = loaded
        try:
            gold = resolve_gold(raw, doc.text, doc.path)
        except GoldFormatError as exc:
            loader.problems.append(f"{path}: {exc}")
            continue
        findings: Sequence[Finding] = check_document(doc, rules)
        results.append(evaluate_document(gold, doc.text, findings, len(doc.tokens), min_severity))
    return summarize(results, min_severity), loader.problems


def wmt_root(args: argparse.Namespace) -> Path:
    if args.wmt_data:
        return Path(args.wmt_data)
    return Path(os.environ.get("MTQA_WMT_DATA", str(DEFAULT_WMT)))


def run(args: argparse.Namespace) -> int:
    from mtqa.run import load_setup

    _, rules, problems = load_setup(args)
    golds = gold_files(args.paths, problems)
    report, load_problems = measure(golds, rules, wmt_root(args), Severity.parse(args.min_severity))
    problems += load_problems
    for message in problems:
        print(f"mtqa: {message}", file=sys.stderr)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "json":
            out.write(json.dumps(report_dict(report), ensure_ascii=False, indent=1) + "\n")
        else:
            from rich.console import Console

            width = None if out.isatty() else 160
            render(Console(file=out, highlight=False, soft_wrap=True, width=width), report, args.limit)
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_ERROR if problems else EXIT_OK


# ---------------------------------------------------------------------------
# The rich report


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _frac(caught: int, total: int) -> str:
    return f"{caught}/{total}" if total else "-"


def _score_table(title: str, first: str, scores: Sequence[Score], total: Score | None, kinds: dict[str, str]) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(first)
    if kinds:
        table.add_column("kind")
    for name in ("must", "recall", "optional", "recall opt", "findings", "FP", "precision"):
        table.add_column(name, justify="right")
    if kinds:
        table.add_column("other kinds", justify="right")
    rows = [*scores, *([total] if total is not None else [])]
    for s in rows:
        cells = [s.name, *([kinds.get(s.name, "")] if kinds else []),
                 _frac(s.must_caught, s.must), _pct(s.recall_must),
                 _frac(s.optional_caught, s.optional), _pct(s.recall_optional),
                 str(s.findings), str(s.false_positives), _pct(s.precision),
                 *([str(s.other_caught)] if kinds else [])]
        table.add_row(*cells, style="bold" if s is total else None, end_section=s is scores[-1] if scores else False)
    return table


def _listing(console: Any, title: str, rows: list[dict[str, Any]], limit: int, label: Any) -> None:
    from rich.text import Text

    if not rows:
        return
    shown = rows if limit <= 0 else rows[:limit]
    console.print(Text(f"{title} ({len(rows)})", style="bold"))
    for row in shown:
        before, span, after = row["context"]
        line = Text(f"  {row['file']}:{row['line']}:{row['column']} ")
        line.append(label(row), style="dim")
        line.append("  ")
        line.append(before)
        line.append(span, style="bold reverse")
        line.append(after)
        console.print(line)
    if len(shown) < len(rows):
        console.print(Text(f"  ... {len(rows) - len(shown)} more (--limit 0 lists all)", style="dim"))
    console.print()


def render(console: Any, report: Report, limit: int = 40) -> None:
    from rich.text import Text

    from mtqa.evaluate import rule_kind

    total = report.total
    console.print(Text(
        f"mtqa eval: {len(report.documents)} documents, {report.words} words, "
        f"findings at {report.min_severity.value} or above", style="bold"))
    console.print(_score_table("By kind (recall by gold kind, precision by finding kind)", "kind",
                               report.by_kind, total, {}))
    kinds = {s.name: rule_kind(report, s.name) for s in report.by_rule}
    console.print(_score_table("By rule (recall over the gold errors of the rule's kind; "
                               "'other kinds': errors of other kinds it caught)", "rule",
                               report.by_rule, None, kinds))
    console.print(Text(
        f"recall (must) {_pct(total.recall_must)} ({_frac(total.must_caught, total.must)}), "
        f"recall (optional) {_pct(total.recall_optional)} ({_frac(total.optional_caught, total.optional)}), "
        f"precision {_pct(total.precision)} ({total.findings - total.false_positives}/{total.findings}), "
        f"{report.fp_per_1000_words:.2f} false positives per 1,000 words", style="bold"))
    console.print()
    missed = sorted(misses(report), key=lambda r: (not r["must"], r["file"], r["start"]))
    _listing(console, "Misses", missed, limit,
             lambda r: f"{r['kind']}{'' if r['must'] else ' (optional)'}"
                       f"{' [caught below threshold]' if r['caught_below_threshold'] else ''}")
    _listing(console, "False positives", false_positives(report), limit,
             lambda r: f"{r['rule']} ({r['severity']}): {r['reason']}")
