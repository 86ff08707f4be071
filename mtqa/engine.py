"""Run rules over documents: ``check_document`` and ``check_corpus``.

Pure: documents and rules in, sorted findings out. Selection and severity
overrides from the config are applied to the rules before they run
(``select_rules``), ignores and inline suppressions to the findings after.
"""

from __future__ import annotations

import bisect
import fnmatch
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from mtqa.config import Config, Ignore
from mtqa.document import Document
from mtqa.finding import Finding
from mtqa.kinds import KINDS, corpus_checker, corpus_indexer
from mtqa.rule import Rule


def matches(rule_id: str, selector: str) -> bool:
    """A selector names a rule id, or a prefix of whole id parts ("punctuation")."""
    return selector == "*" or rule_id == selector or rule_id.startswith(selector + ".")


def select_rules(
    rules: Iterable[Rule],
    config: Config,
    enable: Sequence[str] = (),
    disable: Sequence[str] = (),
) -> tuple[Rule, ...]:
    """The rules to run: enabled by default or by name, not disabled, severities overridden.

    A rule with ``enabled: false`` runs only when it is named in ``enable``.
    """
    wanted = (*config.enable, *enable)
    unwanted = (*config.disable, *disable)
    out = []
    for rule in rules:
        named = any(matches(rule.id, s) for s in wanted)
        if wanted and not named:
            continue
        if not rule.enabled and not any(s == rule.id for s in wanted):
            continue
        if any(matches(rule.id, s) for s in unwanted):
            continue
        for selector, severity in config.severity:
            if matches(rule.id, selector):
                rule = replace(rule, severity=severity)
        out.append(rule)
    return tuple(out)


def check_document(doc: Document, rules: Sequence[Rule]) -> tuple[Finding, ...]:
    """Every finding of every rule on one document, sorted by position."""
    found: dict[tuple[str, int, int], Finding] = {}
    for rule in rules:
        for finding in KINDS[rule.kind].check(rule, doc):
            found.setdefault((finding.rule, finding.start, finding.end), finding)
    return tuple(sorted(found.values(), key=Finding.sort_key))


def check_corpus(
    docs: Sequence[Document], rules: Sequence[Rule], indexes: Mapping[str, Sequence[Any]] | None = None
) -> list[tuple[Finding, ...]]:
    """Findings per document, with corpus-wide kinds looking across all documents.

    ``indexes`` maps a kind name to its ``corpus_index`` of each document (in
    the order of ``docs``), for a caller that keeps them (``run.analyse``, from
    the result cache); the others are computed here, once per kind.
    """
    per_doc: list[dict[tuple[str, int, int], Finding]] = [{} for _ in docs]
    known: dict[str, Sequence[Any]] = dict(indexes or {})
    for rule in rules:
        module = KINDS[rule.kind]
        across = corpus_checker(module)
        if across is not None:
            if rule.kind not in known:
                indexer = corpus_indexer(module)
                known[rule.kind] = [indexer(doc) for doc in docs]
            for index, finding in across(rule, docs, known[rule.kind]):
                per_doc[index].setdefault((finding.rule, finding.start, finding.end), finding)
        else:
            for index, doc in enumerate(docs):
                for finding in module.check(rule, doc):
                    per_doc[index].setdefault((finding.rule, finding.start, finding.end), finding)
    return [tuple(sorted(d.values(), key=Finding.sort_key)) for d in per_doc]


def drop_ignored(path: str, findings: Sequence[Finding], ignores: Sequence[Ignore]) -> tuple[Finding, ...]:
    """Findings not covered by an ignore entry of the config."""
    active = [i for i in ignores if fnmatch.fnmatch(path, i.path)]
    if not active:
        return tuple(findings)
    return tuple(f for f in findings if not any(matches(f.rule, i.rule) for i in active))


_DIRECTIVE = re.compile(r"<!--\s*mtqa-(disable-next-line|disable|enable)\b([^>]*?)-->")


def drop_suppressed(doc: Document, findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """Honour inline comments (Markdown, HTML, XLIFF notes that keep them):

    ``<!-- mtqa-disable [RULE...] -->`` until ``<!-- mtqa-enable [RULE...] -->``,
    and ``<!-- mtqa-disable-next-line [RULE...] -->``. No rule: every rule.
    """
    if "mtqa-" not in doc.text:
        return tuple(findings)
    ranges: list[tuple[int, int, tuple[str, ...]]] = []
    open_at: dict[tuple[str, ...], int] = {}
    for m in _DIRECTIVE.finditer(doc.text):
        what = tuple(m.group(2).replace(",", " ").split()) or ("*",)
        if m.group(1) == "disable-next-line":
            line = doc.line_of(m.end())
            nxt = bisect.bisect_right(doc.line_starts, line.end)
            if nxt < len(doc.lines):
                ranges.append((doc.lines[nxt].start, doc.lines[nxt].end, what))
        elif m.group(1) == "disable":
            open_at.setdefault(what, m.end())
        else:
            for key in [k for k in open_at if k == what or what == ("*",)]:
                ranges.append((open_at.pop(key), m.start(), key))
    ranges += [(start, len(doc.text), what) for what, start in open_at.items()]

    def hidden(f: Finding) -> bool:
        return any(s <= f.start < e and any(matches(f.rule, w) for w in what) for s, e, what in ranges)

    return tuple(f for f in findings if not hidden(f))
