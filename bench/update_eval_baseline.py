"""Record today's evaluation figures as the regression gate: ``python bench/update_eval_baseline.py``.

Runs the built-in rules (default selection, no config file) on ``corpus/`` and,
when ``../shared`` is present, on the real-MT gold of ``tests/realmt/``, and
writes ``tests/eval_baseline.json``. ``tests/test_eval_baseline.py`` and
``tests/test_realmt.py`` fail when recall on must errors or precision (overall
or per kind) falls below it. Run it after a change that improves the figures,
and commit the file with the change; never to hide a drop.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mtqa.commands.eval import gold_files, measure  # noqa: E402
from mtqa.config import Config  # noqa: E402
from mtqa.engine import select_rules  # noqa: E402
from mtqa.evaluate import figures  # noqa: E402
from mtqa.finding import Severity  # noqa: E402
from mtqa.rulefile import builtin_rules_dir, load_rules  # noqa: E402

BASELINE = REPO / "tests" / "eval_baseline.json"
CORPUS = REPO / "corpus"
REALMT = REPO / "tests" / "realmt"
WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"


def measure_figures(folder: Path, wmt: Path) -> dict[str, Any]:
    rules = select_rules(load_rules([builtin_rules_dir()]).rules, Config())
    problems: list[str] = []
    report, load_problems = measure(gold_files([str(folder)], problems), rules, wmt, Severity.WARNING)
    problems += load_problems
    if problems:
        raise SystemExit("\n".join(problems))
    return figures(report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wmt-data", type=Path, default=WMT)
    parser.add_argument("--output", type=Path, default=BASELINE)
    args = parser.parse_args()
    old = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    data = {"corpus": measure_figures(CORPUS, args.wmt_data)}
    if args.wmt_data.is_dir():
        data["realmt"] = measure_figures(REALMT, args.wmt_data)
    elif "realmt" in old:
        print(f"{args.wmt_data} not found: keeping the old real-MT figures", file=sys.stderr)
        data["realmt"] = old["realmt"]
    args.output.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for name, fig in data.items():
        print(f"{name}: recall (must) {fig['recall_must']}, precision {fig['precision']}, "
              f"FP/1000 words {fig['fp_per_1000_words']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
