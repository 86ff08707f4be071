"""Speed and memory of mtqa beside the peers a user would otherwise run.

    python bench/speed.py [--quick]

Runs every tool on the same corpus (all English files of ../shared/data/wmt-ru-en,
about 6 MB), in one run on this machine, and prints a table of wall time, MB/s,
CPU time (user + system, whole process tree) and peak memory (resident set of
the whole process tree, sampled every 20 ms in a run of its own: the sampler
takes about a tenth of a core, which a run that keeps both cores busy would
otherwise pay in its wall time). Then mtqa's own figures: -j 1
against -j 2 (run in turn, and compared pair by pair too), a warm re-run, one
small file, and time and findings per rule kind. mtqa's rows are the fastest of
--repeat runs. Timings on a shared machine
are noisy: read the ratios between rows of the same run, and the CPU column,
not the absolute wall times.

mtqa's modules are byte-compiled first, as ``pip install`` does: where
PYTHONDONTWRITEBYTECODE is set (it is on the team's machine) Python would
otherwise compile them again on every run, which no installed tool pays.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import psutil

REPO = Path(__file__).resolve().parent.parent
WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"


class Run(NamedTuple):
    seconds: float  # wall time
    peak: float  # MiB, resident set of the whole process tree
    code: int  # exit code
    cpu: float  # user + system seconds of the process tree


def measure(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 900,
            cwd: Path | None = None, sample: bool = False) -> Run:
    """Run ``cmd`` once: wall time, exit code and CPU time, and with ``sample`` peak memory
    (sampled every 20 ms, which slows the run down a little; without it the peak is 0)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    peak = 0
    while sample and proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        if time.perf_counter() - start > timeout:
            break
        time.sleep(0.02)
    try:
        proc.wait(max(0.0, timeout - (time.perf_counter() - start)))
    except psutil.TimeoutExpired:
        proc.kill()
        proc.wait()
        return Run(float("inf"), peak / 2**20, -9, float("inf"))
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Run(seconds, peak / 2**20, proc.returncode or 0, cpu)


def best(cmd: list[str], times: int, env: dict[str, str] | None = None) -> Run:
    """The fastest of ``times`` runs: on a shared machine, noise only ever adds time."""
    return min((measure(cmd, env) for _ in range(times)), key=lambda r: r.seconds)


def with_peak(run: Run, cmd: list[str], env: dict[str, str] | None = None, timeout: float = 900) -> Run:
    """``run`` with the peak memory of one more run of ``cmd``, sampled (none when that run
    timed out or failed otherwise than ``run``: its peak would be a part of one)."""
    sampled = measure(cmd, env, timeout, sample=True)
    return run._replace(peak=sampled.peak if sampled.code == run.code else 0)


def row(name: str, run: Run, size: int, note: str = "") -> str:
    rate = size / 2**20 / run.seconds if run.seconds not in (0, float("inf")) else 0.0
    peak = f"{run.peak:.0f}" if run.peak else "-"
    return f"| {name} | {run.seconds:.2f} | {rate:.2f} | {run.cpu:.2f} | {peak} | {note} |"


def per_kind(files: list[Path]) -> list[str]:
    """CPU seconds and findings per rule kind, in this process, every file one document
    (work shared between rules, such as a document's lexical context, counts for the first)."""
    from mtqa.cli import GC_THRESHOLDS
    from mtqa.config import Config
    from mtqa.document import Document
    from mtqa.engine import select_rules
    from mtqa.kinds import KINDS
    from mtqa.rulefile import builtin_rules_dir, load_rules

    gc.set_threshold(*GC_THRESHOLDS)  # as a check runs
    rules = select_rules(load_rules([builtin_rules_dir()]).rules, Config())
    docs = [Document(str(f), f.read_text(encoding="utf-8")) for f in files]
    for d in docs:  # tokenise once, outside the timings
        _ = d.tokens, d.sentences
    seconds: Counter[str] = Counter()
    found: Counter[str] = Counter()
    check = {rule.id: KINDS[rule.kind].check for rule in rules}
    for d in docs:  # as the engine runs: every rule on one document, then the next
        for rule in rules:
            t = time.process_time()
            found[rule.kind] += sum(1 for _ in check[rule.id](rule, d))
            seconds[rule.kind] += time.process_time() - t
    total = sum(seconds.values())
    lines = ["| rule kind | rules | seconds | share | findings |", "|---|---|---|---|---|"]
    counts = Counter(r.kind for r in rules)
    for kind, s in seconds.most_common():
        lines.append(f"| {kind} | {counts[kind]} | {s:.2f} | {100 * s / total:.0f}% | {found[kind]} |")
    return lines


def byte_compile() -> None:
    """Write mtqa's bytecode (``__pycache__``, ignored by git) as an install would."""
    import compileall

    compileall.compile_dir(REPO / "mtqa", quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="only the wmt21 files")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each mtqa row; the fastest is shown")
    args = parser.parse_args()
    files = sorted(WMT.glob("wmt21/*.en" if args.quick else "*/*.en"))
    if not files:
        print(f"no corpus at {WMT}", file=sys.stderr)
        return 2
    size = sum(f.stat().st_size for f in files)
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    names = [str(f) for f in files]
    byte_compile()
    mtqa = [sys.executable, "-m", "mtqa", "check", "--format", "json", "--fail-on", "never"]
    print(f"corpus: {len(files)} files, {size / 2**20:.2f} MB, {words} words; {os.cpu_count()} cores\n")
    print("| tool | seconds | MB/s | CPU s | peak MiB | note |")
    print("|---|---|---|---|---|---|")
    n = args.repeat
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "MTQA_CACHE_DIR": cache}
        # -j 1 and -j 2 alternate, so that both meet the machine's slow and fast spells alike.
        j1, j2 = ([*mtqa, "--no-cache", "-j", j, *names] for j in ("1", "2"))
        pairs = [(measure(j1, env), measure(j2, env)) for _ in range(n)]
        one = with_peak(min((a for a, _ in pairs), key=lambda r: r.seconds), j1, env)
        two = with_peak(min((b for _, b in pairs), key=lambda r: r.seconds), j2, env)
        ratios = sorted(a.seconds / b.seconds for a, b in pairs)
        print(row("mtqa -j 1", one, size, "default checks, no cache"), flush=True)
        print(row("mtqa -j 2", two, size, f"{one.seconds / two.seconds:.2f}x faster than -j 1 "
                  f"(pair by pair: median {statistics.median(ratios):.2f}x, {ratios[0]:.2f}-{ratios[-1]:.2f}x)"),
              flush=True)
        measure([*mtqa, "-j", "2", *names], env)  # fill the cache
        warm = with_peak(best([*mtqa, *names], n, env), [*mtqa, *names], env)
        print(row("mtqa, warm re-run", warm, size, "unchanged corpus, result cache"), flush=True)
        seed = [*mtqa, "--no-cache", str(REPO / "corpus" / "000_d1dcfbee721b6be1.txt")]
        small = [measure(seed, env) for _ in range(5)]
        middle = with_peak(sorted(small, key=lambda r: r.seconds)[2], seed, env)
        print(row("mtqa, one small file", middle, 2048, "median of 5, the seed article"))
    if not args.no_peers:
        peers = {
            "codespell": ["codespell", *names],
            "typos": ["typos", "--format", "brief", *names],
            "hunspell -l (en_US)": ["hunspell", "-l", "-d", "en_US", *names],
            "proselint": ["proselint", "check", *names],
        }
        for name, cmd in peers.items():
            if shutil.which(cmd[0]) is None:
                print(f"| {name} | - | - | - | - | not installed |")
                continue
            peer = measure(cmd, timeout=1200)
            if peer.seconds != float("inf"):
                peer = with_peak(peer, cmd, timeout=1200)
            print(row(name, peer, size, "timed out" if peer.seconds == float("inf") else ""), flush=True)
    print()
    print("\n".join(per_kind(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
