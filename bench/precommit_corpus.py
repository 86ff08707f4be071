"""A pre-commit run on a 1,000-file corpus, and corpus mode over the WMT files, timed.

    python bench/precommit_corpus.py [--files 1000] [--commits 3] [--keep] [--skip-hook] [--skip-breakdown]

Part 1 (issue 7: "a pre-commit run that changes one file of a 1,000-file corpus,
corpus-wide hook included, under 2 s"): builds a corpus in a temporary folder
(never in the repository) of one WMT document per file - references and MT
outputs, every doc_id twice in two renderings, so names really are spelled
differently across files; makes it a git repository with a ``mtqa.toml`` whose
baseline holds today's findings (a legacy corpus), and a
``.pre-commit-config.yaml`` with BOTH hooks of this repository (``mtqa`` and
``mtqa-corpus``) pointing at a snapshot of this working tree (tracked and
untracked files, as ``tests/test_precommit.py`` does); installs the hooks,
warms the result cache with ``pre-commit run --all-files``, then changes one
file at a time and times ``git commit`` (both hooks run), and each hook alone
with ``pre-commit run HOOK --files FILE``.

Part 2 (issue 3: corpus mode over all English files of ../shared/data/wmt-ru-en):
in a child process, each file one document, times reading and tokenising,
extraction (``names.corpus_index``: mentions and form traits), and clustering
(each corpus-wide names rule over the pooled index), with the peak resident
memory of that process; then ``mtqa check --scope corpus --no-cache`` on the
same files end to end, with the peak memory of its process tree.

Timings on a shared machine are noisy: each figure is the median of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"
sys.path.insert(0, str(REPO))

from speed import measure  # noqa: E402  (bench/speed.py, beside this script)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}
#: A clean sentence to append to a file (no finding of its own); each edit is new text, never a cache hit.
CLEAN = "The talks resumed on Monday, and {n} more meetings were planned.\n"


def sh(cmd: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def timed(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    result = sh(cmd, cwd, check=False)
    return time.perf_counter() - start, result.returncode, result.stdout + result.stderr


# -- part 1: the pre-commit run ----------------------------------------------------


def build_corpus(folder: Path, count: int) -> int:
    """``count`` files, one WMT document each: every doc_id as the reference, then as MT systems, in rounds."""
    from mtqa.wmt import read_documents

    rounds: list[list[tuple[str, str, str]]] = [[], [], []]  # (name, doc_id, text) per rendering
    for year in sorted(p for p in WMT.iterdir() if p.is_dir()):
        files = sorted(p.name for p in year.glob("*.en"))
        refs = [f for f in files if f.startswith("ref.")]
        hyps = [f for f in files if f.startswith("hyp.")]
        per_file = {f: read_documents(year, f) for f in [refs[0], *hyps]}
        for i, doc in enumerate(per_file[refs[0]]):
            for r, file in enumerate((refs[0], hyps[i % len(hyps)], hyps[(i + 5) % len(hyps)])):
                name = f"{year.name}_{file.removesuffix('.en')}_{doc.doc_id}.txt".replace("/", "_")
                rounds[r].append((name, doc.doc_id, per_file[file][i].text))
    size = 0
    written: set[str] = set()
    for name, _, text in [v for r in rounds for v in r]:
        if len(written) == count:
            break
        if name not in written:
            written.add(name)
            (folder / name).write_text(text + "\n", encoding="utf-8")
            size += len((text + "\n").encode())
    return size


def snapshot(dest: Path) -> str:
    """This working tree (tracked and untracked, not ignored files) as a one-commit repository; its HEAD."""
    listed = sh(["git", "ls-files", "-co", "--exclude-standard"], REPO).stdout.splitlines()
    for rel in listed:
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    sh(["git", "init", "-q"], dest)
    sh(["git", "add", "-A"], dest)
    sh(["git", "commit", "-qm", "snapshot"], dest)
    return sh(["git", "rev-parse", "HEAD"], dest).stdout.strip()


def merge_baselines(paths: list[Path], out: Path) -> int:
    """One baseline holding every finding of either scope (the larger count of a key wins)."""
    rows: dict[tuple[str, str, str, str], int] = {}
    for path in paths:
        for r in json.loads(path.read_text(encoding="utf-8"))["findings"]:
            key = (r["path"], r["rule"], r["text"], r["context"])
            rows[key] = max(rows.get(key, 0), int(r["count"]))
        path.unlink()
    data = [{"path": k[0], "rule": k[1], "text": k[2], "context": k[3], "count": n} for k, n in sorted(rows.items())]
    out.write_text(json.dumps({"mtqa_baseline": 1, "findings": data}, ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(rows.values())


def precommit(tmp: Path, count: int, commits: int) -> None:
    if shutil.which("pre-commit") is None:
        print("pre-commit is not installed", file=sys.stderr)
        return
    # The hook environments live in the temporary folder too, and go with it.
    os.environ["PRE_COMMIT_HOME"] = str(tmp / "pre-commit-home")
    hooks = tmp / "hookrepo"
    hooks.mkdir()
    rev = snapshot(hooks)
    corpus = tmp / "corpus"
    corpus.mkdir()
    size = build_corpus(corpus, count)
    files = sorted(p.name for p in corpus.glob("*.txt"))
    print(f"corpus: {len(files)} files, {size / 2**20:.2f} MB, in {corpus}")
    mtqa = [sys.executable, "-m", "mtqa"]
    # A legacy corpus keeps today's findings in a baseline, so a clean change passes.
    for scope, name in (("document", "b1.json"), ("corpus", "b2.json")):
        sh([*mtqa, "baseline", "write", "--no-cache", "--scope", scope, "--baseline", name, "."], corpus)
    kept = merge_baselines([corpus / "b1.json", corpus / "b2.json"], corpus / ".mtqa-baseline.json")
    print(f"baseline: {kept} findings of today")
    (corpus / "mtqa.toml").write_text('baseline = ".mtqa-baseline.json"\n', encoding="utf-8")
    (corpus / ".gitignore").write_text(".mtqa_cache/\n", encoding="utf-8")
    (corpus / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n  - id: mtqa\n  - id: mtqa-corpus\n", encoding="utf-8"
    )
    sh(["git", "init", "-q"], corpus)
    sh(["git", "add", "-A"], corpus)
    sh(["git", "commit", "-qm", "corpus", "--no-verify"], corpus)
    start = time.perf_counter()
    sh(["pre-commit", "install"], corpus)
    sh(["pre-commit", "install-hooks"], corpus)
    print(f"hook environments built in {time.perf_counter() - start:.1f} s")
    for label in ("cold (fills the cache)", "warm"):
        seconds, code, out = timed(["pre-commit", "run", "--all-files"], corpus)
        print(f"pre-commit run --all-files, {label}: {seconds:.2f} s, exit {code}")
        if code != 0:
            print(out[-3000:])
    rows: dict[str, list[float]] = {"git commit (both hooks)": [], "pre-commit run mtqa --files F": [],
                                    "pre-commit run mtqa-corpus --files F": [], "mtqa check F (hook command)": [],
                                    "mtqa check --scope corpus . (hook command)": []}
    edits = 0
    for n in range(commits):
        changed = files[(n * 337) % len(files)]
        for label, cmd in (("pre-commit run mtqa --files F", ["pre-commit", "run", "mtqa", "--files", changed]),
                           ("pre-commit run mtqa-corpus --files F",
                            ["pre-commit", "run", "mtqa-corpus", "--files", changed])):
            edits += 1
            with (corpus / changed).open("a", encoding="utf-8") as handle:
                handle.write(CLEAN.format(n=edits + 1))
            seconds, code, out = timed(cmd, corpus)
            rows[label].append(seconds)
            sh(["git", "checkout", "-q", "--", changed], corpus)
        venv = _hook_python(corpus)
        if venv is not None:
            for label, cmd in (("mtqa check F (hook command)", [venv, "-m", "mtqa", "check", changed]),
                               ("mtqa check --scope corpus . (hook command)",
                                [venv, "-m", "mtqa", "check", "--scope", "corpus", "."])):
                edits += 1
                with (corpus / changed).open("a", encoding="utf-8") as handle:
                    handle.write(CLEAN.format(n=edits + 1))
                seconds, code, _ = timed(cmd, corpus)
                rows[label].append(seconds)
                sh(["git", "checkout", "-q", "--", changed], corpus)
        edits += 1
        with (corpus / changed).open("a", encoding="utf-8") as handle:
            handle.write(CLEAN.format(n=edits + 1))
        sh(["git", "add", changed], corpus)
        seconds, code, out = timed(["git", "commit", "-m", f"edit {changed}"], corpus)
        rows["git commit (both hooks)"].append(seconds)
        hooks_said = " / ".join(line.strip() for line in out.splitlines() if line.startswith("mtqa"))
        print(f"commit {n + 1}: {changed}: {seconds:.2f} s, exit {code}: {hooks_said}")
        if code != 0:
            print(out[-3000:])
    print(f"\n| one file changed in a {len(files):,}-file corpus | median s | runs |\n|---|---|---|")
    for label, values in rows.items():
        if values:
            runs = ", ".join(f"{v:.2f}" for v in values)
            print(f"| {label} | {statistics.median(values):.2f} | {runs} |")


def _hook_python(corpus: Path) -> str | None:
    """The python of the environment pre-commit built for the hooks (to time the hook command alone)."""
    home = Path(os.environ.get("PRE_COMMIT_HOME") or Path.home() / ".cache" / "pre-commit")
    config = (corpus / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    repo = config.split("repo: ", 1)[1].split("\n", 1)[0]
    with sqlite3.connect(home / "db.db") as db:
        paths = [row[0] for row in db.execute("select path from repos where repo = ?", (repo,))]
    for path in paths:
        for python in Path(path).glob("py_env-*/bin/python"):
            return str(python)
    return None


# -- part 2: corpus mode over the WMT files -------------------------------------------


def breakdown() -> None:
    """In this process: time and peak memory of corpus mode over every English file, by stage."""
    from mtqa.config import Config
    from mtqa.document import Document
    from mtqa.engine import select_rules
    from mtqa.kinds import corpus_wide
    from mtqa.kinds import names as names_kind
    from mtqa.rulefile import builtin_rules_dir, load_rules

    files = sorted(WMT.glob("*/*.en"))
    rules = [r for r in select_rules(load_rules([builtin_rules_dir()]).rules, Config()) if r.kind == "names"]
    stages: dict[str, tuple[float, float]] = {}  # seconds, resident MiB after the stage
    start = time.perf_counter()
    docs = [Document(str(f), f.read_text(encoding="utf-8")) for f in files]
    for d in docs:
        _ = d.tokens
    stages["read and tokenise (Document.tokens)"] = (time.perf_counter() - start, _rss())
    start = time.perf_counter()
    indexes = [names_kind.corpus_index(d) for d in docs]
    stages["extraction (corpus_index: mentions, form traits)"] = (time.perf_counter() - start, _rss())
    start = time.perf_counter()
    pooled = names_kind._pooled(indexes)
    stages["pooling the indexes (unique forms)"] = (time.perf_counter() - start, _rss())
    mentions = sum(len(i[0]) for i in indexes)
    found = 0
    for rule in rules:
        if not corpus_wide(rule):
            continue
        start = time.perf_counter()
        found += sum(1 for _ in names_kind.check_corpus(rule, docs, indexes))
        stages[f"clustering: {rule.id}"] = (time.perf_counter() - start, _rss())
    size = sum(f.stat().st_size for f in files)
    print(json.dumps({
        "files": len(files), "mb": size / 2**20, "words": sum(len(d.text.split()) for d in docs),
        "mentions": mentions, "forms": len(pooled.surfaces), "findings": found, "stages": stages,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def _rss() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def corpus_mode(tmp: Path) -> None:
    out = subprocess.run([sys.executable, __file__, "--breakdown-child"], capture_output=True, text=True, check=True)
    b = json.loads(out.stdout)
    print(f"\ncorpus mode over {b['files']} English files of wmt-ru-en ({b['mb']:.2f} MB, {b['words']} words), "
          f"each file one document: {b['mentions']} mentions, {b['forms']} distinct forms, "
          f"{b['findings']} corpus-wide findings")
    print("\n| stage | seconds | resident MiB after |\n|---|---|---|")
    for stage, (seconds, rss) in b["stages"].items():
        print(f"| {stage} | {seconds:.2f} | {rss:.0f} |")
    print(f"| peak memory of that process | | {b['peak_mib']:.0f} |")
    files = [str(p) for p in sorted(WMT.glob("*/*.en"))]
    cmd = [sys.executable, "-m", "mtqa", "check", "--scope", "corpus", "--no-cache", "--format", "json",
           "--fail-on", "never", *files]
    for jobs in ("1", "2"):
        seconds, peak, code, _ = measure([*cmd, "-j", jobs], cwd=tmp, sample=True)
        print(f"| mtqa check --scope corpus --no-cache -j {jobs} (all rules, end to end) | {seconds:.2f} s, "
              f"peak {peak:.0f} MiB, exit {code} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--skip-hook", action="store_true")
    parser.add_argument("--skip-breakdown", action="store_true")
    parser.add_argument("--breakdown-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.breakdown_child:
        breakdown()
        return 0
    if not WMT.is_dir():
        print(f"no corpus at {WMT}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="mtqa-precommit-"))
    try:
        if not args.skip_hook:
            precommit(tmp, args.files, args.commits)
        if not args.skip_breakdown:
            corpus_mode(tmp)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
