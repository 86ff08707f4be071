"""Seconds per MB of the lexical rules, as the engine runs them, after one-time loading.

    python bench/lexical_speed.py [--docs] [--glob 'wmt22/*.en'] [--repeat 3]

Reads the files (each whole file one document, or with ``--docs`` each doc_id
one document), loads the lexicon tables and runs every lexical rule once to
warm them, then, document by document as ``engine.check_document`` does,
times the shared context (``kinds._lexical.context``) and each rule. CPU time
of the process, best of ``--repeat`` passes: on a shared machine the best pass
is the least disturbed one. The first-run costs are printed apart.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.lexical_snapshot import WMT, lexical_rules  # noqa: E402
from mtqa.document import Document  # noqa: E402
from mtqa.kinds import KINDS, _lexical  # noqa: E402
from mtqa.wmt import read_documents  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", action="store_true", help="each doc_id is one document")
    parser.add_argument("--glob", default="wmt22/*.en")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(WMT.glob(args.glob))
    if not files:
        print(f"no files for {args.glob} under {WMT}", file=sys.stderr)
        return 2
    if args.docs:
        docs = [Document(d.name, d.text) for f in files for d in read_documents(f.parent, f.name)]
    else:
        docs = [Document(str(f), f.read_text(encoding="utf-8")) for f in files]
    for doc in docs:
        _ = doc.tokens
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 2**20
    rules = lexical_rules()

    started = time.perf_counter()
    for rule in rules:  # one-time loading: tables, word lists, the first dictionary builds
        list(KINDS[rule.kind].check(rule, docs[0]))
    first = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:  # the rest of the warm-up (tables turned into dictionaries on use)
        for rule in rules:
            list(KINDS[rule.kind].check(rule, doc))
    warm = time.perf_counter() - started

    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent: dict[str, float] = {}
        for doc in docs:
            _lexical.context.cache_clear()
            t = time.process_time()
            _lexical.context(doc)
            spent["context"] = spent.get("context", 0.0) + time.process_time() - t
            for rule in rules:
                t = time.process_time()
                list(KINDS[rule.kind].check(rule, doc))
                spent[rule.id] = spent.get(rule.id, 0.0) + time.process_time() - t
        for key, seconds in spent.items():
            best[key] = min(best.get(key, float("inf")), seconds)
    unit = "doc_id" if args.docs else "file"
    print(f"{len(docs)} documents (one per {unit}), {size:.2f} MB; first document {first:.2f} s, "
          f"first pass over all {warm:.2f} s (loading included)")
    print("| part | seconds | s/MB |\n|---|---|---|")
    for key, seconds in best.items():
        print(f"| {key} | {seconds:.3f} | {seconds / size:.3f} |")
    total = sum(best.values())
    print(f"| total | {total:.3f} | {total / size:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
