"""`mtqa check one.txt` does not import the heavy optional parts it does not use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("language_tool_python", "sacrebleu", "translate", "mtqa.languagetool", "mtqa.score",
         "mtqa.evaluate", "jsonschema", "numpy", "multiprocessing", "concurrent")


def _check_then(tmp_path: Path, report: str, env: dict[str, str] | None = None,
                sample: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``mtqa check --no-cache`` of ``sample`` (or of a sentence) in a fresh interpreter, which
    then runs ``report``."""
    if sample is None:
        sample = tmp_path / "one.txt"
        sample.write_text("The talks ended on Friday, officials said.\n", encoding="utf-8")
    code = (f"import sys\nfrom mtqa.cli import main\n"
            f"rc = main(['check', '--no-cache', '--format', 'json', {str(sample)!r}])\n{report}\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path,
                          env=env)


def test_check_imports_no_heavy_module(tmp_path: Path) -> None:
    proc = _check_then(tmp_path, f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} "
                                 f"or m in {HEAVY!r})\nprint('HEAVY', heavy)")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_second_check_reads_the_kept_builtin_rules_without_yaml(tmp_path: Path) -> None:
    """The first run keeps the parsed built-in rules; the next one reads them back, no YAML
    parser, and finds the same in the seed article."""
    env = {**os.environ, "MTQA_DATA_DIR": str(tmp_path / "data")}  # a data folder of its own: no rules kept yet
    seed = Path(__file__).resolve().parent.parent / "corpus" / "000_d1dcfbee721b6be1.txt"
    runs = [_check_then(tmp_path, "print('YAML', 'yaml' in sys.modules)", env, seed) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    assert [r.stdout.strip().splitlines()[-1] for r in runs] == ["YAML True", "YAML False"]
    reports = [json.loads(r.stdout[: r.stdout.rindex("YAML")]) for r in runs]
    assert reports[0]["summary"]["findings"] == 17
    assert reports[1] == reports[0]
    assert len(list((tmp_path / "data").glob("mtqa.rulefile.*.pickle"))) == 1
