"""Command line: argument parsing, progress and exit codes, nothing else.

Exit codes (CONTRACT.md): 0 no findings at or above --fail-on; 1 findings at
or above it; 2 usage, input or tool errors (2 wins over 1).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from mtqa import __version__
from mtqa.options import add_input_arguments, add_rule_arguments

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

#: Subcommands whose modules are imported only when used.
PLUGINS = {
    "eval": ("mtqa.commands.eval", "measure mtqa against gold annotations"),
    "score": ("mtqa.commands.score", "score MT output against references (sacrebleu)"),
    "languagetool": ("mtqa.commands.languagetool", "fetch, start, stop a local LanguageTool server"),
}


def build_parser(plugin: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mtqa", description="Find the artifacts machine translation leaves in English.")
    parser.add_argument("--version", action="version", version=f"mtqa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="check files and folders", description="Check text files for MT artifacts.")
    add_check_arguments(check)
    baseline = sub.add_parser(
        "baseline", help="record today's findings so later runs report only new ones",
        description="Record the findings of PATHS in a baseline file; `mtqa check --baseline FILE` then reports "
        "only findings that are not in it.",
    )
    baseline.add_argument("action", choices=("write",))
    add_check_arguments(baseline, default_baseline=".mtqa-baseline.json")
    rules = sub.add_parser("rules", help="list the rules", description="List the rules that would run.")
    add_rule_arguments(rules)
    rules.add_argument("--format", choices=("text", "json"), default="text")
    for name, (module_name, help_text) in PLUGINS.items():
        p = sub.add_parser(name, help=help_text)
        if name == plugin:
            importlib.import_module(module_name).add_arguments(p)
    return parser


def add_check_arguments(p: argparse.ArgumentParser, default_baseline: str | None = None) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; '-' reads standard input")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of standard output")
    p.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help="exit 1 at this severity (default: warning)")
    p.add_argument("--min-severity", choices=("error", "warning", "info"), default="info", help="report only findings at or above this")
    p.add_argument("--scope", choices=("document", "corpus"), default="document",
                   help="corpus: compare names across all files, not just within each")
    p.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="processes to use (default: all cores)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write the result cache (.mtqa_cache)")
    p.add_argument("--baseline", metavar="FILE", default=default_baseline,
                   help="report only findings not recorded in this baseline")
    p.add_argument("--grammar", action="store_true",
                   help="also check grammar and style with LanguageTool (see `mtqa languagetool`)")
    p.add_argument("--languagetool-url", metavar="URL",
                   help="use this LanguageTool server (default: $MTQA_LANGUAGETOOL_URL, a running one, or start one)")
    p.add_argument("--fix", action="store_true", help="apply the fixes that are certain, rewriting files atomically")
    p.add_argument("--diff", action="store_true", help="print the fixes --fix would make as a diff instead of the report; write nothing")
    add_rule_arguments(p)
    add_input_arguments(p)


#: The cyclic garbage collector's thresholds for a run. A check allocates millions of
#: short-lived tuples and makes no cycles worth collecting; the default (a young
#: collection every 700 allocations, each promoting survivors towards full scans of a
#: heap that holds the lexicon) cost about a fifth of a run on the benchmark corpus.
GC_THRESHOLDS = (100_000, 50, 100)


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    args_list = list(sys.argv[1:] if argv is None else argv)
    plugin = next((a for a in args_list if not a.startswith("-")), None)
    parser = build_parser(plugin if plugin in PLUGINS else None)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return EXIT_ERROR if exc.code not in (0, None) else EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    if args.command in PLUGINS:
        code: int = importlib.import_module(PLUGINS[args.command][0]).run(args)
        return code
    from mtqa import run

    if args.command == "rules":
        return run.list_rules(args)
    args.write_baseline = args.baseline if args.command == "baseline" else None
    return run.check(args)


def entry() -> NoReturn:
    """The ``mtqa`` command (and ``python -m mtqa``): ``main``, then an exit that skips tearing
    the interpreter down.

    Freeing every table a run built (the lexicon's dictionaries, the word tables, the rules)
    and the final garbage collection took 0.1-0.2 s after a check of the benchmark corpus,
    for nothing: the process ends. The exit handlers that libraries registered run first
    (what they print is kept), then the output streams are flushed: a report that cannot be
    written (a full disk, a closed pipe) is an error, as it would be at a normal exit.
    Under a profiler or a debugger (``python -m cProfile -m mtqa``) the exit is a normal one.
    """
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or a debugger is watching: let it finish and write its results
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError):
            print(f"mtqa: cannot write the report: {exc.strerror or exc}", file=sys.stderr)
        code = EXIT_ERROR
    except ValueError:  # standard output was closed by the caller: nothing more to write
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)
