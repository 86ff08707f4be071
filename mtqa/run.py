"""The ``check`` and ``rules`` workflows: config, rules, files, checks, report, exit code."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from mtqa.config import Config, ConfigError, find_config, load_config
from mtqa.document import DecodeError
from mtqa.engine import check_corpus, check_document, drop_ignored, select_rules
from mtqa.files import discover, read_document
from mtqa.finding import Finding, Severity
from mtqa.result import FileResult, count_at_least
from mtqa.rule import Rule
from mtqa.rulefile import builtin_rules_dir, load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def error(message: str) -> None:
    print(f"mtqa: {message}", file=sys.stderr)


def load_setup(args: argparse.Namespace) -> tuple[Config, tuple[Rule, ...], list[str]]:
    """Config and selected rules; problems come back as one-line messages."""
    problems: list[str] = []
    config_path = Path(args.config) if args.config else find_config(Path.cwd())
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        problems.append(str(exc))
        config = Config()
    dirs = [] if args.no_builtin else [builtin_rules_dir()]
    dirs += [*config.rules, *(Path(d) for d in args.rules)]
    ruleset = load_rules(dirs)
    problems += [str(e) for e in ruleset.errors]
    rules = select_rules(ruleset.rules, config, args.enable, args.disable)
    return config, rules, problems


def read_all(paths: Sequence[str]) -> list[FileResult]:
    results = []
    for path in paths:
        try:
            results.append(FileResult(path, read_document(path)))
        except DecodeError as exc:
            results.append(FileResult(path, None, error=str(exc)))
        except OSError as exc:
            results.append(FileResult(path, None, error=f"{path}: cannot read: {exc.strerror or exc}"))
    return results


def run_checks(results: list[FileResult], rules: Sequence[Rule], config: Config, scope: str) -> list[FileResult]:
    docs = [r.document for r in results if r.document is not None]
    per_doc = check_corpus(docs, rules) if scope == "corpus" else [check_document(doc, rules) for doc in docs]
    by_doc: dict[int, tuple[Finding, ...]] = {id(d): f for d, f in zip(docs, per_doc, strict=True)}
    out = []
    for r in results:
        if r.document is None:
            out.append(r)
            continue
        findings = drop_ignored(r.path, by_doc[id(r.document)], config.ignore)
        out.append(FileResult(r.path, r.document, findings))
    return out


def filter_severity(results: list[FileResult], minimum: Severity) -> list[FileResult]:
    return [
        FileResult(r.path, r.document, tuple(f for f in r.findings if f.severity.rank >= minimum.rank), r.error)
        for r in results
    ]


def check(args: argparse.Namespace) -> int:
    config, rules, problems = load_setup(args)
    found = discover(args.paths, config.include, config.exclude)
    problems += found.errors
    results = read_all(found.files)
    problems += [r.error for r in results if r.error]
    results = run_checks(results, rules, config, args.scope)
    results = filter_severity(results, Severity.parse(args.min_severity))
    for message in problems:
        error(message)
    write_report(args, results, rules)
    fail_on = config.fail_on if args.fail_on is None else (
        None if args.fail_on == "never" else Severity.parse(args.fail_on)
    )
    if problems:
        return EXIT_ERROR
    if fail_on is not None and count_at_least(results, fail_on):
        return EXIT_FINDINGS
    return EXIT_OK


def write_report(args: argparse.Namespace, results: list[FileResult], rules: Sequence[Rule]) -> None:
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "json":
            from mtqa.reporters import json as json_reporter

            out.write(json_reporter.render(results))
        elif args.format == "sarif":
            from mtqa.reporters import sarif

            out.write(sarif.render(results, rules))
        else:
            from rich.console import Console

            from mtqa.reporters import text

            text.render(Console(file=out, highlight=False, soft_wrap=True), results)
    finally:
        if out is not sys.stdout:
            out.close()


def list_rules(args: argparse.Namespace) -> int:
    _, rules, problems = load_setup(args)
    for message in problems:
        error(message)
    if args.format == "json":
        rows = [{"id": r.id, "kind": r.kind, "finding_kind": r.finding_kind.value,
                 "severity": r.severity.value, "description": r.description} for r in rules]
        print(json.dumps(rows, indent=1))
    else:
        for r in rules:
            print(f"{r.id:<40} {r.severity.value:<8} {r.finding_kind.value:<24} {r.description.splitlines()[0] if r.description else ''}")
    return EXIT_ERROR if problems else EXIT_OK


__all__ = ["check", "list_rules"]
