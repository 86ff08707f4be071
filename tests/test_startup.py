"""`mtqa check one.txt` does not import the heavy optional parts it does not use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("language_tool_python", "sacrebleu", "translate", "mtqa.languagetool", "mtqa.score",
         "mtqa.evaluate", "jsonschema", "numpy", "multiprocessing", "concurrent")


def test_check_imports_no_heavy_module(tmp_path: Path) -> None:
    sample = tmp_path / "one.txt"
    sample.write_text("The talks ended on Friday, officials said.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from mtqa.cli import main\n"
        f"rc = main(['check', '--no-cache', {str(sample)!r}])\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r})\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_second_check_reads_the_kept_builtin_rules_without_yaml(tmp_path: Path) -> None:
    """The first run keeps the parsed built-in rules; the next one reads them back, no YAML parser."""
    sample = tmp_path / "one.txt"
    sample.write_text("The talks ended on Friday, officials said.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from mtqa.cli import main\n"
        f"rc = main(['check', '--no-cache', {str(sample)!r}])\n"
        "print('YAML', 'yaml' in sys.modules)\n"
    )
    env = {**os.environ, "MTQA_DATA_DIR": str(tmp_path / "data")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                           cwd=tmp_path, env=env) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    assert [r.stdout.strip().splitlines()[-1] for r in runs] == ["YAML True", "YAML False"]
    assert len(list((tmp_path / "data").glob("mtqa.rulefile-*.pickle"))) == 1
