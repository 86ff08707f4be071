"""Run the default rules over the human references and show what the audit lacks.

    python bench/audit_refs.py                 # figures per rule; unaudited findings listed
    python bench/audit_refs.py --write FILE    # append unaudited findings to FILE with verdict 'fp'
                                               # (then read each one and correct the verdict)

False positives per 10,000 words come from the verdicts in tests/audit/*.tsv.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from mtqa.audit import (
    AuditRow,
    findings_on_references,
    read_audit,
    reference_documents,
    word_count,
    write_rows,
)
from mtqa.config import Config
from mtqa.engine import select_rules
from mtqa.rulefile import builtin_rules_dir, load_rules

REPO = Path(__file__).resolve().parent.parent
WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", metavar="FILE", help="add unaudited findings to this audit file")
    parser.add_argument("--enable", action="append", default=[])
    args = parser.parse_args()
    ruleset = load_rules([builtin_rules_dir()])
    rules = select_rules(ruleset.rules, Config(), args.enable)
    docs = reference_documents(WMT)
    words = word_count(docs)
    found = findings_on_references(docs, rules)
    audit = read_audit(sorted((REPO / "tests" / "audit").glob("*.tsv")))
    per_rule: Counter[tuple[str, str, str]] = Counter()
    missing = []
    for rf in found:
        row = audit.get(rf.key)
        verdict = row.verdict if row else "?"
        level = "warning+" if rf.finding.severity.rank >= 1 else "info"
        per_rule[(rf.finding.rule, level, verdict)] += 1
        if row is None:
            missing.append(rf)
    print(f"{len(docs)} reference documents, {words} words, {len(found)} findings")
    print(f"{'rule':<36} {'level':<9} {'real':>5} {'fp':>5} {'?':>5}")
    for rule, level in sorted({(r, lv) for r, lv, _ in per_rule}):
        c = [per_rule[(rule, level, v)] for v in ("real", "fp", "?")]
        print(f"{rule:<36} {level:<9} {c[0]:>5} {c[1]:>5} {c[2]:>5}")
    for level in ("warning+", "info"):
        fp = sum(n for (_, lv, v), n in per_rule.items() if lv == level and v in ("fp", "?"))
        print(f"false positives at {level}: {fp} = {fp * 10000 / words:.2f} per 10,000 words (unaudited counted as fp)")
    for rf in missing:
        f = rf.finding
        print(f"UNAUDITED\t{rf.doc}\t{f.rule}\t{f.start}\t{f.end}\t{f.text}\t{f.message}", file=sys.stderr)
    if args.write and missing:
        path = Path(args.write)
        old = list(read_audit([path]).values()) if path.exists() else []
        new = [AuditRow(rf.doc, rf.finding.rule, rf.finding.start, rf.finding.end, rf.finding.text, "fp", "") for rf in missing]
        write_rows(path, old + new)
        print(f"wrote {len(new)} rows to {path}: read each and set its verdict")
    return 0


if __name__ == "__main__":
    sys.exit(main())
