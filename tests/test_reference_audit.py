"""Every finding on the human references is in the audit, and false positives stay rare.

The audit (tests/audit/*.tsv) holds each finding the default rules raise on
wmt-ru-en/*/ref.*.en with a verdict; `python bench/audit_refs.py` lists new ones.
"""

from __future__ import annotations

from pathlib import Path

from mtqa.audit import findings_on_references, read_audit, reference_documents, word_count
from mtqa.rule import Rule
from tests.shared_data import REPO, WMT, need

AUDIT_FILES = sorted((REPO / "tests" / "audit").glob("*.tsv"))


def test_audit_files_parse() -> None:
    audit = read_audit(AUDIT_FILES)
    assert audit, "the audit is empty"


def test_every_reference_finding_is_audited_and_fp_rates_hold(default_rules: tuple[Rule, ...]) -> None:
    need(WMT)
    docs = reference_documents(Path(WMT))
    words = word_count(docs)
    assert len(docs) == 603 and words > 100_000
    audit = read_audit(AUDIT_FILES)
    found = findings_on_references(docs, default_rules)
    missing = [rf.key for rf in found if rf.key not in audit]
    assert missing == [], f"{len(missing)} findings on the references are not in the audit; run bench/audit_refs.py"
    produced = {rf.key for rf in found}
    stale = [k for k, row in audit.items() if k not in produced and not row.rule.startswith("languagetool.")]
    assert stale == [], f"{len(stale)} audit rows are no longer raised; remove them"
    fp_warning = sum(1 for rf in found if audit[rf.key].verdict == "fp" and rf.finding.severity.rank >= 1)
    fp_info = sum(1 for rf in found if audit[rf.key].verdict == "fp" and rf.finding.severity.rank == 0)
    assert fp_warning * 10_000 / words < 1.0
    assert fp_info * 10_000 / words < 5.0
