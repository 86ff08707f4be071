"""``mtqa score MT [MT ...] --ref REF [--ref REF2]``: sacrebleu metrics with mtqa's findings.

One MT file: corpus BLEU, chrF and TER with signatures, chrF per document,
the worst segments by chrF with their findings, and finding counts. Several
MT files: a comparison table (system x metric, findings per kind and per
1,000 words). ``--format json`` gives all of it, with chrF for every segment.

Inputs are read by ``mtqa.formats``: plain files aligned line by line with
``--ref``, ``--source`` and ``--docs`` (a ``docs.tsv`` beside the first MT
file is used when ``--docs`` is not given), or TSV/JSONL/PO/XLIFF/TMX files
that carry their own source and reference.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from mtqa import __version__
from mtqa.formats import FormatError, Segment, detect_format, read_segments
from mtqa.formats.plain import read_references, sibling_docs
from mtqa.options import parse_fields
from mtqa.rule import Rule
from mtqa.score import Advance, SystemScore, score_system, select_source_rules, system_dict

EXIT_OK, EXIT_ERROR = 0, 2
#: Show a progress bar from this many documents on (and only on a terminal).
PROGRESS_MIN_DOCUMENTS = 20


def add_arguments(p: argparse.ArgumentParser) -> None:
    from mtqa.options import add_input_arguments, add_rule_arguments

    p.description = "Score MT output against references with sacrebleu (BLEU, chrF, TER), with mtqa's findings."
    p.add_argument("mt", nargs="+", metavar="MT", help="MT output files ('-' reads standard input)")
    add_input_arguments(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of standard output")
    p.add_argument("--worst", type=int, default=10, metavar="N", help="list the N segments with the lowest chrF")
    p.add_argument("--width", type=int, default=1, metavar="N", help="decimals in the text report (sacrebleu's default: 1)")
    p.add_argument("--no-checks", action="store_true", help="metrics only: do not run mtqa's rules and source checks")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    add_rule_arguments(p)


def _error(message: str) -> None:
    print(f"mtqa: {message}", file=sys.stderr)


def read_system(path: str, args: argparse.Namespace) -> tuple[tuple[Segment, ...], list[list[str]]]:
    """The segments of one MT input and its reference streams."""
    fmt = None if args.input_format == "auto" else args.input_format
    if (fmt or detect_format(path)) != "plain":
        segments = read_segments(path, fmt, fields=parse_fields(args.field))
        if args.ref:
            raise FormatError(path, 0, "--ref applies to plain aligned files; this input carries its own references")
        missing = next((s for s in segments if s.ref is None), None)
        if missing is not None:
            raise FormatError(path, missing.line, f"segment {missing.id} has no reference")
        return segments, [[s.ref or "" for s in segments]]
    if not args.ref:
        raise FormatError(path, 0, "no reference: give --ref REF (one line per MT line)")
    docs = args.docs or sibling_docs(path)
    segments = read_segments(path, "plain", args.source, args.ref, docs)
    return segments, read_references(args.ref, path, len(segments))


@contextmanager
def _progress(show: bool, total: int) -> Iterator[Advance | None]:
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as progress:
        task = progress.add_task("checking documents", total=total)
        yield lambda: progress.advance(task)


def run(args: argparse.Namespace) -> int:
    try:
        import sacrebleu  # noqa: F401
    except ImportError:
        _error("mtqa score needs sacrebleu: pip install 'mtqa[score]'")
        return EXIT_ERROR
    problems: list[str] = []
    rules: tuple[Rule, ...] = ()
    source_rules: tuple[str, ...] = ()
    if not args.no_checks:
        from mtqa.run import load_setup

        config, rules, problems = load_setup(args)
        source_rules = select_source_rules((*config.enable, *args.enable), (*config.disable, *args.disable))
    inputs = []
    try:
        for path in args.mt:
            inputs.append((path, *read_system(path, args)))
    except (FormatError, ValueError) as exc:
        for message in problems:
            _error(message)
        _error(str(exc))
        return EXIT_ERROR
    documents = sum(len({s.doc_id for s in segments}) for _, segments, _ in inputs)
    show = not args.no_checks and not args.no_progress and sys.stderr.isatty() and documents >= PROGRESS_MIN_DOCUMENTS
    systems = []
    with _progress(show, documents) as advance:
        for path, segments, refs in inputs:
            systems.append(score_system(path, segments, refs, rules, source_rules, args.worst, advance=advance))
    for message in problems:
        _error(message)
    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "json":
            out.write(json.dumps(report_dict(systems, checks=not args.no_checks), ensure_ascii=False, indent=1) + "\n")
        else:
            render_text(out, systems, args.width, checks=not args.no_checks)
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_ERROR if problems else EXIT_OK


def report_dict(systems: Sequence[SystemScore], checks: bool = True) -> dict[str, Any]:
    return {
        "tool": "mtqa",
        "version": __version__,
        "checks": checks,
        "systems": [system_dict(s) for s in systems],
    }


def render_text(out: TextIO, systems: Sequence[SystemScore], width: int, checks: bool = True) -> None:
    from rich.console import Console

    # A file or pipe gets whole lines: a table is never cut to fit 80 columns.
    console = Console(file=out, highlight=False, soft_wrap=True, width=None if out.isatty() else 1000)
    if len(systems) == 1:
        _render_one(console, systems[0], width, checks)
    else:
        _render_table(console, systems, width, checks)


def _fmt(value: float, width: int) -> str:
    return f"{value:.{width}f}"


def _render_one(console: Any, system: SystemScore, width: int, checks: bool) -> None:
    from rich.markup import escape

    console.print(f"[bold]{escape(system.path)}[/bold]: {len(system.segments)} segments, "
                  f"{len(system.documents)} documents, {system.words} words")
    for m in system.metrics:
        console.print(f"{m.name:<6} {_fmt(m.score, width):>6}  {escape(m.signature)}")
    docs = sorted(system.documents, key=lambda d: d.chrf)
    if len(docs) > 1:
        shown = docs[:5]
        console.print("\nlowest chrF per document:")
        for d in shown:
            console.print(f"  {_fmt(d.chrf, width):>6}  {escape(d.doc_id)} ({d.segments} segments)")
    if system.worst:
        console.print("\nworst segments by chrF:")
    for s in system.worst:
        seg = s.segment
        where = f"{seg.doc_id}:" if seg.doc_id else ""
        console.print(f"  {_fmt(s.chrf, width):>6}  segment {escape(where + seg.id)}: {escape(seg.target)}")
        if seg.ref is not None:
            console.print(f"          ref: {escape(seg.ref)}")
        for f in s.findings:
            console.print(escape(f"          [{f.severity.value}] {f.rule}: {f.message}"))
    if checks:
        kinds = ", ".join(f"{k} {n}" for k, n in system.by_kind().items()) or "none"
        console.print(f"\nfindings: {len(system.findings)} ({system.per_1k_words():.2f} per 1,000 words): {kinds}")


def _render_table(console: Any, systems: Sequence[SystemScore], width: int, checks: bool) -> None:
    """System x metric (with finding totals), then finding counts per kind x system."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE, show_edge=False)
    table.add_column("system")
    for m in systems[0].metrics:
        table.add_column(m.name, justify="right")
    if checks:
        table.add_column("findings", justify="right")
        table.add_column("per 1k words", justify="right")
    for s in systems:
        row = [s.name, *(_fmt(m.score, width) for m in s.metrics)]
        if checks:
            row += [str(len(s.findings)), f"{s.per_1k_words():.2f}"]
        table.add_row(*row)
    console.print(table)
    for m in systems[0].metrics:
        console.print(f"{m.name}: {m.signature}")
    kinds = sorted({k for s in systems for k in s.by_kind()})
    if not checks or not kinds:
        return
    counts = Table(box=box.SIMPLE, show_edge=False, title="findings per kind", title_justify="left")
    counts.add_column("kind")
    for s in systems:
        counts.add_column(s.name, justify="right")
    for kind in kinds:
        counts.add_row(kind, *(str(s.by_kind().get(kind, 0)) for s in systems))
    console.print()
    console.print(counts)
