"""Speed and memory of mtqa beside the peers a user would otherwise run.

    python bench/speed.py [--quick]

Runs every tool on the same corpus (all English files of ../shared/data/wmt-ru-en,
about 6 MB), in one run on this machine, and prints a table of wall time, MB/s
and peak memory (resident set of the whole process tree, sampled every 20 ms).
Then mtqa's own figures: -j 1 against -j 2, a warm re-run, one small file, and
time and findings per rule kind. Timings on a shared machine are noisy: read
the ratios between rows of the same run, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"


def measure(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 900,
            cwd: Path | None = None) -> tuple[float, float, int]:
    """(seconds, peak MiB of the process tree, exit code)."""
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        if time.perf_counter() - start > timeout:
            proc.kill()
            return float("inf"), peak / 2**20, -9
        time.sleep(0.02)
    return time.perf_counter() - start, peak / 2**20, proc.returncode or 0


def row(name: str, seconds: float, peak: float, size: int, note: str = "") -> str:
    rate = size / 2**20 / seconds if seconds not in (0, float("inf")) else 0.0
    return f"| {name} | {seconds:.2f} | {rate:.2f} | {peak:.0f} | {note} |"


def per_kind(files: list[Path]) -> list[str]:
    """Seconds and findings per rule kind, in this process, every file one document."""
    from mtqa.config import Config
    from mtqa.document import Document
    from mtqa.engine import select_rules
    from mtqa.kinds import KINDS
    from mtqa.rulefile import builtin_rules_dir, load_rules

    rules = select_rules(load_rules([builtin_rules_dir()]).rules, Config())
    docs = [Document(str(f), f.read_text(encoding="utf-8")) for f in files]
    for d in docs:  # tokenise once, outside the timings
        _ = d.tokens, d.sentences
    seconds: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for rule in rules:
        t = time.perf_counter()
        for d in docs:
            found[rule.kind] += sum(1 for _ in KINDS[rule.kind].check(rule, d))
        seconds[rule.kind] += time.perf_counter() - t
    total = sum(seconds.values())
    lines = ["| rule kind | rules | seconds | share | findings |", "|---|---|---|---|---|"]
    counts = Counter(r.kind for r in rules)
    for kind, s in seconds.most_common():
        lines.append(f"| {kind} | {counts[kind]} | {s:.2f} | {100 * s / total:.0f}% | {found[kind]} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="only the wmt21 files")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    files = sorted(WMT.glob("wmt21/*.en" if args.quick else "*/*.en"))
    if not files:
        print(f"no corpus at {WMT}", file=sys.stderr)
        return 2
    size = sum(f.stat().st_size for f in files)
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    names = [str(f) for f in files]
    mtqa = [sys.executable, "-m", "mtqa", "check", "--format", "json", "--fail-on", "never"]
    print(f"corpus: {len(files)} files, {size / 2**20:.2f} MB, {words} words; {os.cpu_count()} cores\n")
    print("| tool | seconds | MB/s | peak MiB | note |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "MTQA_CACHE_DIR": cache}
        one = measure([*mtqa, "--no-cache", "-j", "1", *names], env)
        print(row("mtqa -j 1", one[0], one[1], size, "default checks, no cache"), flush=True)
        two = measure([*mtqa, "--no-cache", "-j", "2", *names], env)
        print(row("mtqa -j 2", two[0], two[1], size, f"{one[0] / two[0]:.2f}x faster than -j 1"), flush=True)
        measure([*mtqa, "-j", "2", *names], env)  # fill the cache
        warm = measure([*mtqa, *names], env)
        print(row("mtqa, warm re-run", warm[0], warm[1], size, "unchanged corpus, result cache"), flush=True)
        small = [measure([*mtqa, "--no-cache", str(REPO / "corpus" / "000_d1dcfbee721b6be1.txt")], env)[0]
                 for _ in range(5)]
        print(row("mtqa, one small file", statistics.median(small), 0, 2048, "median of 5, the seed article"))
    if not args.no_peers:
        peers = {
            "codespell": ["codespell", *names],
            "typos": ["typos", "--format", "brief", *names],
            "hunspell -l (en_US)": ["hunspell", "-l", "-d", "en_US", *names],
            "proselint": ["proselint", "check", *names],
        }
        for name, cmd in peers.items():
            if shutil.which(cmd[0]) is None:
                print(f"| {name} | - | - | - | not installed |")
                continue
            s, peak, _ = measure(cmd, timeout=1200)
            print(row(name, s, peak, size, "timed out" if s == float("inf") else ""), flush=True)
    print()
    print("\n".join(per_kind(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
