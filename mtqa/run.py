"""The ``check`` and ``rules`` workflows: config, rules, files, checks, report, exit code."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mtqa.baseline import Key, drop_baselined, normal_path, read_baseline
from mtqa.cache import Cache, cache_dir, content_key, fingerprint
from mtqa.config import Config, ConfigError, find_config, load_config
from mtqa.document import DecodeError, Document, decode
from mtqa.engine import check_corpus, check_document, drop_ignored, drop_suppressed, select_rules
from mtqa.files import discover
from mtqa.finding import Finding, Severity
from mtqa.kinds import KINDS, corpus_indexer, corpus_wide
from mtqa.result import FileResult, count_at_least
from mtqa.rule import Rule
from mtqa.rulefile import builtin_rules_dir, load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: Below this much text to check, one process is faster than starting a pool.
PARALLEL_MIN_BYTES = 256 * 1024


def error(message: str) -> None:
    print(f"mtqa: {message}", file=sys.stderr)


@dataclass(frozen=True, slots=True)
class Input:
    """A file as read: its bytes and document, or why it could not be read."""

    path: str
    data: bytes | None
    document: Document | None
    error: str | None = None


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
    ruleset = load_rules(dirs, trusted=[builtin_rules_dir()])
    problems += [str(e) for e in ruleset.errors]
    loaded = ruleset.rules
    glossary = getattr(args, "glossary", None) or config.glossary
    if glossary:
        loaded = _with_glossary(loaded, Path(glossary), problems)
    rules = select_rules(loaded, config, args.enable, args.disable)
    return config, rules, problems


def _with_glossary(rules: tuple[Rule, ...], path: Path, problems: list[str]) -> tuple[Rule, ...]:
    """Give the name rules the project glossary, and switch its own rule on."""
    from mtqa.kinds.names import with_glossary
    from mtqa.names.glossary import GlossaryError, load_glossary

    try:
        glossary = load_glossary(path)
    except GlossaryError as exc:
        problems.append(str(exc))
        return rules
    return tuple(
        replace(with_glossary(r, glossary), enabled=True) if r.id == "names.glossary" else with_glossary(r, glossary)
        for r in rules
    )


def read_inputs(paths: Sequence[str]) -> list[Input]:
    out = []
    for path in paths:
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            out.append(Input(path, data, Document(path, decode(data, path))))
        except DecodeError as exc:
            out.append(Input(path, None, None, str(exc)))
        except OSError as exc:
            out.append(Input(path, None, None, f"{path}: cannot read: {exc.strerror or exc}"))
    return out


_WORKER_RULES: tuple[Rule, ...] = ()
_WORKER_KINDS: tuple[str, ...] = ()
_WORKER_DOCS: Sequence[Document] = ()
#: A document's findings, and the ``corpus_index`` of each cross-file kind asked for.
Checked = tuple[tuple[Finding, ...], dict[str, Any]]


def _init_worker(rules: tuple[Rule, ...], kinds: tuple[str, ...], docs: Sequence[Document]) -> None:
    """A forked worker's rules, kinds and documents: its parent's own, never pickled."""
    global _WORKER_RULES, _WORKER_KINDS, _WORKER_DOCS
    _WORKER_RULES, _WORKER_KINDS, _WORKER_DOCS = rules, kinds, docs


def _check_nth(n: int) -> Checked:
    doc = _WORKER_DOCS[n]
    return _check_one(Document(doc.path, doc.text), _WORKER_RULES, _WORKER_KINDS)


def _check_one(doc: Document, rules: tuple[Rule, ...], kinds: tuple[str, ...]) -> Checked:
    """Findings and indexes in one pass: the index reuses what the kind's checks just computed."""
    return check_document(doc, rules), {kind: corpus_indexer(KINDS[kind])(doc) for kind in kinds}


def check_documents(
    docs: Sequence[Document], rules: tuple[Rule, ...], jobs: int, advance: Callable[[], None] = lambda: None,
    kinds: tuple[str, ...] = (),
) -> list[Checked]:
    """Per-document checks (and corpus indexes of ``kinds``), over ``jobs`` processes when there is enough text."""
    if _in_process(docs, jobs):
        out = []
        for doc in docs:
            # A fresh copy of each document: what the checks derive from it (tokens, tables)
            # is freed once it is checked, instead of piling up over the whole run.
            out.append(_check_one(Document(doc.path, doc.text), rules, kinds))
            advance()
        return out
    from concurrent.futures import ProcessPoolExecutor  # a run over few documents does without
    from multiprocessing import get_context

    order = sorted(range(len(docs)), key=lambda i: -len(docs[i].text))  # biggest first balances the load
    results: dict[int, Checked] = {}
    # Forked workers inherit the documents: each task is a number, not a pickled text.
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork"), initializer=_init_worker,
                             initargs=(rules, kinds, docs)) as pool:
        for i, checked in zip(order, pool.map(_check_nth, order, chunksize=1), strict=True):
            results[i] = checked
            advance()
    return [results[i] for i in range(len(docs))]


def analyse(inputs: Sequence[Input], rules: tuple[Rule, ...], scope: str, jobs: int, use_cache: bool,
            progress: bool) -> list[tuple[Finding, ...]]:
    """Findings for each readable input, from the cache where it can.

    The cache keeps each document's findings of all the rules as in document
    scope, and the corpus indexes of the cross-file kinds (computed in the same
    pass as the findings). With ``--scope corpus`` the corpus-wide rules'
    findings are replaced by theirs over all documents, from the indexes. So
    both scopes (and both pre-commit hooks) share entries, and a corpus in
    which one file changed re-checks and re-indexes that file alone.
    """
    across = tuple(r for r in rules if scope == "corpus" and corpus_wide(r))
    docs = [i.document for i in inputs if i.document is not None]
    datas = [i.data or b"" for i in inputs if i.document is not None]
    cache = Cache(cache_dir(), fingerprint(rules)) if use_cache else None
    kinds = tuple(sorted({r.kind for r in rules if corpus_indexer(KINDS[r.kind]) is not None}))
    found: list[tuple[Finding, ...] | None] = [None] * len(docs)
    keys = [content_key(d) for d in datas] if cache else []
    if cache:
        for n, key in enumerate(keys):
            found[n] = cache.get(key)
    todo = [n for n, f in enumerate(found) if f is None]
    with _progress(progress and len(todo) > 20, len(todo)) as advance:
        fresh = check_documents([docs[n] for n in todo], rules, jobs, advance, kinds if cache or across else ())
    computed: dict[int, dict[str, Any]] = {}
    for n, (findings, indexes) in zip(todo, fresh, strict=True):
        found[n] = findings
        computed[n] = indexes
        if cache:
            cache.put(keys[n], findings)
            for kind, index in indexes.items():
                cache.put_index(keys[n], kind, index)
    per_doc = [f or () for f in found]
    if across:
        indexes = {kind: _corpus_index(kind, docs, keys, computed, cache) for kind in {r.kind for r in across}}
        extra = check_corpus(docs, across, indexes)
        wide = {r.id for r in across}
        per_doc = [tuple(sorted((*(f for f in a if f.rule not in wide), *b), key=Finding.sort_key))
                   for a, b in zip(per_doc, extra, strict=True)]
    return per_doc


def _in_process(docs: Sequence[Document], jobs: int) -> bool:
    """``check_documents`` checks these documents in this process (no pool)."""
    return jobs <= 1 or len(docs) < 2 or sum(len(d.text) for d in docs) < PARALLEL_MIN_BYTES


def _corpus_index(kind: str, docs: Sequence[Document], keys: Sequence[str], computed: dict[int, dict[str, Any]],
                  cache: Cache | None) -> list[Any]:
    """A kind's ``corpus_index`` of each document: computed in this run, from the cache, or computed now."""
    out = []
    for n, doc in enumerate(docs):
        index = computed.get(n, {}).get(kind)
        if index is None and cache:
            index = cache.get_index(keys[n], kind)
        if index is None:
            index = corpus_indexer(KINDS[kind])(doc)
            if cache:
                cache.put_index(keys[n], kind, index)
        out.append(index)
    return out


class _progress:
    """A rich progress bar on standard error when it is a terminal; a no-op otherwise."""

    def __init__(self, show: bool, total: int) -> None:
        self.show = show and sys.stderr.isatty()
        self.total = total
        self.bar: object = None

    def __enter__(self) -> Callable[[], None]:
        if not self.show:
            return lambda: None
        from rich.progress import Progress

        bar = Progress(transient=True)
        self.bar = bar
        bar.start()
        task = bar.add_task("checking", total=self.total)
        return lambda: bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()  # type: ignore[attr-defined]


def check(args: argparse.Namespace) -> int:
    config, rules, problems = load_setup(args)
    found = discover(args.paths, config.include, config.exclude)
    problems += found.errors
    segmented = [p for p in found.files if _segment_mode(args, p)]
    inputs = read_inputs([p for p in found.files if p not in segmented])
    problems += [i.error for i in inputs if i.error]
    jobs = args.jobs or os.cpu_count() or 1
    per_doc = analyse(inputs, rules, args.scope, jobs, not args.no_cache, progress=True)
    baseline: Counter[Key] | None = None
    baseline_path = args.baseline or (str(config.baseline) if config.baseline else None)
    if baseline_path and not args.write_baseline:
        try:
            baseline = read_baseline(Path(baseline_path))
        except ValueError as exc:
            problems.append(str(exc))
    if args.grammar:
        per_doc = add_grammar(args, config, inputs, rules, per_doc, problems)
    results = []
    per_doc_iter = iter(per_doc)
    for i in inputs:
        if i.document is None:
            results.append(FileResult(i.path, None, error=i.error))
            continue
        findings = drop_ignored(normal_path(i.path), next(per_doc_iter), config.ignore)
        findings = drop_suppressed(i.document, findings)
        if baseline is not None:
            findings = drop_baselined(i.path, i.document, findings, baseline)
        results.append(FileResult(i.path, i.document, findings))
    if segmented:
        results += check_segmented(args, segmented, rules, problems)
    if args.write_baseline:
        from mtqa.baseline import write_baseline

        count = write_baseline(Path(args.write_baseline),
                               [(r.path, r.document, r.findings) for r in results if r.document is not None])
        print(f"mtqa: wrote {count} findings to {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if problems else EXIT_OK
    if args.fix or args.diff:
        before = results
        results, fix_problems = fix_files(args, inputs, results, rules)
        problems += fix_problems
        if args.diff:  # the diff replaces the report; exit 1 when there is something to fix
            for message in problems:
                error(message)
            return EXIT_ERROR if problems else (EXIT_FINDINGS if _any_fixable(before, rules) else EXIT_OK)
    minimum = Severity.parse(args.min_severity)
    results = [replace(r, findings=tuple(f for f in r.findings if f.severity.rank >= minimum.rank)) for r in results]
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


def add_grammar(args: argparse.Namespace, config: Config, inputs: Sequence[Input], rules: tuple[Rule, ...],
                per_doc: list[tuple[Finding, ...]], problems: list[str]) -> list[tuple[Finding, ...]]:
    """LanguageTool's findings beside mtqa's own (``--grammar``); a problem when it cannot run."""
    from mtqa.commands.languagetool import grammar_findings
    from mtqa.languagetool import LanguageToolError

    docs = [i.document for i in inputs if i.document is not None]
    try:
        extra = grammar_findings(docs, rules, per_doc, url=args.languagetool_url or config.languagetool_url,
                                 disable=(*config.disable, *args.disable), severity=config.severity)
    except LanguageToolError as exc:
        problems.append(str(exc))
        return per_doc
    return [tuple(sorted((*a, *b), key=Finding.sort_key)) for a, b in zip(per_doc, extra, strict=True)]


def _segment_mode(args: argparse.Namespace, path: str) -> bool:
    """Segment-based input: a bilingual format, or a plain file with --source/--ref."""
    if args.input_format != "auto":
        return True
    if args.source or args.ref:
        return True
    from mtqa.formats import detect_format

    return detect_format(path) != "plain"


def check_segmented(args: argparse.Namespace, paths: Sequence[str], rules: tuple[Rule, ...],
                    problems: list[str]) -> list[FileResult]:
    """Findings per segment (offsets into each segment's target) for bilingual inputs."""
    from mtqa.formats import FormatError, read_segments
    from mtqa.options import parse_fields
    from mtqa.score import check_segments, select_source_rules

    fmt = None if args.input_format == "auto" else args.input_format
    out = []
    for path in paths:
        try:
            segments = read_segments(path, fmt, args.source, args.ref, args.docs, parse_fields(args.field))
        except (FormatError, OSError, ValueError) as exc:
            problems.append(str(exc))
            out.append(FileResult(path, None, error=str(exc)))
            continue
        findings = check_segments(path, segments, rules, select_source_rules(args.enable, args.disable))
        out.append(FileResult(path, None, findings, segments={seg.id: seg.target for seg in segments}))
    return out


def fix_files(args: argparse.Namespace, inputs: Sequence[Input], results: list[FileResult],
              rules: tuple[Rule, ...]) -> tuple[list[FileResult], list[str]]:
    """Apply safe fixes (or print their diff); report what is left in each file."""
    from mtqa.fix import FixError, apply_fixes, unified_diff, write_fixed

    fixable = {r.id for r in rules if r.fix}
    local = tuple(r for r in rules if not corpus_wide(r) or args.scope != "corpus")
    problems: list[str] = []
    out = []
    for inp, result in zip(inputs, results, strict=True):
        if result.document is None or inp.data is None or inp.path == "-":
            out.append(result)
            continue
        fixed = apply_fixes(result.document.text, result.findings, fixable)
        if not fixed.applied:
            out.append(result)
            continue
        if args.diff:
            sys.stdout.write(unified_diff(inp.path, result.document.text, fixed.text))
            out.append(result)
            continue
        try:
            write_fixed(Path(inp.path), inp.data, fixed.text)
        except (FixError, OSError) as exc:
            problems.append(str(exc))
            out.append(result)
            continue
        doc = Document(inp.path, fixed.text)
        left = drop_suppressed(doc, check_document(doc, local))
        print(f"mtqa: fixed {len(fixed.applied)} in {inp.path}", file=sys.stderr)
        out.append(FileResult(inp.path, doc, left))
    return out, problems


def _any_fixable(results: Sequence[FileResult], rules: Sequence[Rule]) -> bool:
    fixable = {r.id for r in rules if r.fix}
    return any(f.rule in fixable and f.suggestion is not None for r in results for f in r.findings)


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
                 "severity": r.severity.value, "fix": r.fix, "description": r.description} for r in rules]
        print(json.dumps(rows, indent=1))
    else:
        for r in rules:
            first = r.description.splitlines()[0] if r.description else ""
            print(f"{r.id:<40} {r.severity.value:<8} {r.finding_kind.value:<24} {first}")
    return EXIT_ERROR if problems else EXIT_OK
