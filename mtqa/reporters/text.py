"""The terminal report: per file, each finding with its sentence and suggestion, then a summary.

Colour when the console is a terminal (rich); plain text with carets under the
span when it is not, or when NO_COLOR is set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mtqa.document import Document
from mtqa.finding import Finding, Severity
from mtqa.result import FileResult

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_CONTEXT = 60  # code points of context on each side of a span


def context(doc: Document, finding: Finding) -> tuple[str, int, int]:
    """The sentence around a finding, clipped to a window (with "…" where cut), and the span's place in it."""
    line = doc.line_of(finding.start)
    start, end = doc.sentence_of(finding.start)
    end = max(end, min(finding.end, line.end))
    start = max(start, finding.start - _CONTEXT)
    end = min(end, finding.end + _CONTEXT)
    prefix = "…" if start > line.start and start == finding.start - _CONTEXT else ""
    suffix = "…" if end < line.end and end == finding.end + _CONTEXT else ""
    left = finding.start - start + len(prefix)
    right = min(finding.end, end) - start + len(prefix)
    return prefix + doc.text[start:end] + suffix, left, right


def _segment_document(result: FileResult, segment: str) -> Document | None:
    if result.segments is None or segment not in result.segments:
        return None
    return Document(f"{result.path}#{segment}", result.segments[segment])


def render_file(console: Console, result: FileResult) -> None:
    if result.error is not None:
        console.print(Text(f"{result.path}: error: {result.error}", style="bold red"))
        return
    if not result.findings:
        return
    # The file's report is printed at once: each ``console.print`` costs some 0.1 ms of set-up.
    console.print(Text("\n").join(_file_lines(result, console.is_terminal, console.no_color)), soft_wrap=True)


def _file_lines(result: FileResult, terminal: bool, no_color: bool) -> list[Text]:
    """The lines of one file's report: its path, then each finding with its context and suggestion."""
    lines = [Text(result.path, style="bold underline")]
    doc = result.document
    for f in result.findings:
        if f.segment is not None:
            where = f"seg {f.segment}:{f.start + 1}"  # column in the segment's target
        else:
            line, col = doc.position(f.start) if doc else (0, f.start)
            where = f"{line}:{col}"
        head = Text("  ")
        head.append(f"{where:<9} ", style="dim")
        head.append(f"{f.severity.value:<8}", style=_STYLES[f.severity])
        head.append(f"{f.rule}  ", style="magenta")
        head.append(f.message)
        lines.append(head)
        shown_doc = doc if f.segment is None else _segment_document(result, f.segment)
        if shown_doc is not None:
            snippet, left, right = context(shown_doc, f)
            snippet = snippet.replace("\t", " ").replace("\r", " ")
            shown = Text("      ")
            shown.append(snippet[:left])
            shown.append(snippet[left:right], style="bold reverse" if terminal else "")
            shown.append(snippet[right:])
            lines.append(shown)
            if not terminal or no_color:
                lines.append(Text(" " * (6 + left) + "^" * max(1, right - left)))
        if f.suggestion is not None:
            lines.append(Text("      suggestion: ", style="dim") + Text(repr(f.suggestion), style="green"))
    return lines


def render_summary(console: Console, results: Sequence[FileResult]) -> None:
    counts: Counter[tuple[str, Severity]] = Counter()
    for r in results:
        for f in r.findings:
            counts[(f.kind.value, f.severity)] += 1
    errors = sum(1 for r in results if r.error)
    total = sum(counts.values())
    files_with = sum(1 for r in results if r.findings)
    if counts:
        table = Table(box=box.SIMPLE if console.is_terminal else box.ASCII, title=None)
        table.add_column("kind")
        for sev in reversed(Severity):
            table.add_column(sev.value, justify="right")
        table.add_column("total", justify="right")
        for kind in sorted({k for k, _ in counts}):
            row = [counts[(kind, s)] for s in reversed(Severity)]
            table.add_row(kind, *(str(n) if n else "" for n in row), str(sum(row)))
        console.print(table)
    line = f"{total} finding{'s' * (total != 1)} in {files_with} of {len(results)} file{'s' * (len(results) != 1)}"
    if errors:
        line += f"; {errors} file{'s' * (errors != 1)} could not be checked"
    console.print(line + ".")


def render(console: Console, results: Sequence[FileResult]) -> None:
    for result in results:
        render_file(console, result)
    render_summary(console, results)
