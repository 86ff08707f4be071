"""`mtqa check one.txt` does not import the heavy optional parts it does not use."""

from __future__ import annotations

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
