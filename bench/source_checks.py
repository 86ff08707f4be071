"""Run the source-aware checks over the WMT ru->en data: findings on references and on MT systems.

On the human references (``src.ru`` against each ``ref.*.en``) every finding
is counted as a false positive per 10,000 words (words = ``Document.tokens``
of the reference), although some point at real slips of the reference; on
the MT systems the findings are counted per system. ``--show RULE`` prints
the findings of one rule for reading by hand.

    python bench/source_checks.py [--years wmt22] [--refs-only] [--show source.number-mismatch]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mtqa.document import Document  # noqa: E402
from mtqa.finding import Severity  # noqa: E402
from mtqa.formats import read_segments  # noqa: E402
from mtqa.source import RULES, check_segment  # noqa: E402

WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"


def run(path: Path, show: str | None, label: str) -> tuple[Counter[tuple[str, str]], int]:
    segments = read_segments(str(path), source=str(path.parent / "src.ru"))
    counts: Counter[tuple[str, str]] = Counter()
    words = 0
    for seg in segments:
        words += len(Document("", seg.target).tokens)
        for f in check_segment(seg):
            counts[(f.rule, f.severity.value)] += 1
            if f.rule == show:
                src = seg.source or ""
                s0, s1 = (f.source_span.start, f.source_span.end) if f.source_span else (0, 0)
                print(f"{label}:{seg.id} [{f.severity.value}] {f.message}\n    src: {src[max(0, s0 - 60) : s1 + 60]!r}"
                      f"\n    tgt: {seg.target[max(0, f.start - 60) : f.end + 60]!r}")
    return counts, words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=WMT)
    parser.add_argument("--years", nargs="*", default=["wmt21", "wmt22", "wmt23"])
    parser.add_argument("--refs-only", action="store_true")
    parser.add_argument("--systems-only", action="store_true")
    parser.add_argument("--show", metavar="RULE", help="print every finding of this rule")
    args = parser.parse_args()
    for kind, pattern in (("references", "ref.*.en"), ("systems", "hyp.*.en")):
        if (kind == "systems" and args.refs_only) or (kind == "references" and args.systems_only):
            continue
        total: Counter[tuple[str, str]] = Counter()
        total_words = 0
        print(f"== {kind}")
        for year in args.years:
            for path in sorted((args.data / year).glob(pattern)):
                counts, words = run(path, args.show, f"{year}/{path.name}")
                total += counts
                total_words += words
                row = "  ".join(f"{r.split('.')[-1]}={sum(v for (rr, _), v in counts.items() if rr == r)}" for r in RULES)
                print(f"{year}/{path.name:<28} words={words:<6} {row}")
        print(f"-- {kind} total: {total_words} words")
        for rule in RULES:
            for sev in Severity:
                n = total[(rule, sev.value)]
                if n:
                    print(f"   {rule:<32} {sev.value:<8} {n:>5}  {n / total_words * 1e4:6.2f} per 10k words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
