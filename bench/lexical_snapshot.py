"""Every finding of the lexical rules on the WMT corpus, written to a file to compare across changes.

    python bench/lexical_snapshot.py OUT.tsv [--files] [--quick]

Runs the lexical rules (kinds garbled, capitalisation, acronym) over every
document (one doc_id each) of every reference and every MT output file in
../shared/data/wmt-ru-en and writes one sorted line per finding: document,
rule, start, end, text, severity, suggestion, message. With ``--files`` each
whole file is one document instead (what ``mtqa check FILE`` sees, and where
per-document work grows with the document). ``--quick``: only wmt21.

``--inject`` first plants the errors these rules look for, deterministically,
so that far more of their code runs: acronyms written lower-case ("us",
"eu", "un"), every 29th lower-case word capitalised, every 41st word of five
or more letters garbled (first letter lost, or a letter doubled and the word
capitalised). It is a harness for comparing two versions, not an evaluation.

An optimisation must leave the file identical: ``cmp before.tsv after.tsv``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from mtqa.document import Document
from mtqa.kinds import KINDS
from mtqa.rule import Rule
from mtqa.rulefile import builtin_rules_dir, load_rules
from mtqa.wmt import read_documents, reference_files, system_files

REPO = Path(__file__).resolve().parent.parent
WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"
LEXICAL_KINDS = ("garbled", "capitalisation", "acronym")


def lexical_rules() -> tuple[Rule, ...]:
    return tuple(r for r in load_rules([builtin_rules_dir()]).rules if r.kind in LEXICAL_KINDS)


def documents(root: Path, whole_files: bool, quick: bool, planted: bool = False) -> list[Document]:
    files = reference_files(root) + system_files(root)
    if quick:
        files = [(folder, name) for folder, name in files if folder.name == "wmt21"]
    docs: list[Document] = []
    for folder, name in files:
        if whole_files:
            docs.append(Document(f"{folder.name}/{name}", (folder / name).read_text(encoding="utf-8")))
        else:
            docs.extend(Document(d.name, d.text) for d in read_documents(folder, name))
    return [Document(d.path, inject(d.text)) for d in docs] if planted else docs


_ACRONYMS = re.compile(r"\b(US|EU|UN|UK|NATO|USA|IS)\b")
_WORD = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")


def inject(text: str) -> str:
    """The text with lexical errors planted at fixed intervals (see the module docstring)."""
    text = _ACRONYMS.sub(lambda m: m.group(1).lower(), text)
    n = 0

    def plant(m: re.Match[str]) -> str:
        nonlocal n
        n += 1
        word = m.group(0)
        if n % 41 == 0 and len(word) >= 5:
            return word[1:] if n % 2 else (word[:2] + word[2] + word[2:]).capitalize()
        if n % 29 == 0 and word.islower() and m.start() > 0 and text[m.start() - 1] == " ":
            return word.capitalize()
        return word

    return _WORD.sub(plant, text)


def _cell(value: object) -> str:
    return "" if value is None else str(value).replace("\t", "\\t").replace("\n", "\\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", action="store_true", help="each whole file is one document")
    parser.add_argument("--quick", action="store_true", help="only the wmt21 files")
    parser.add_argument("--inject", action="store_true", help="plant lexical errors first")
    args = parser.parse_args()
    if not WMT.is_dir():
        print(f"no corpus at {WMT}", file=sys.stderr)
        return 2
    rules = lexical_rules()
    docs = documents(WMT, args.files, args.quick, args.inject)
    for doc in docs:  # tokenise outside the timing
        _ = doc.tokens
    rows: list[tuple[object, ...]] = []
    started = time.perf_counter()
    for doc in docs:
        for rule in rules:
            for f in KINDS[rule.kind].check(rule, doc):
                rows.append((doc.path, f.rule, f.start, f.end, f.text, f.severity.name, f.suggestion, f.message))
    seconds = time.perf_counter() - started
    rows.sort(key=lambda r: tuple(_cell(v).zfill(9) if isinstance(v, int) else _cell(v) for v in r))
    lines = ["\t".join(_cell(v) for v in row) for row in rows]
    args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    size = sum(len(d.text.encode()) for d in docs) / 2**20
    print(f"{len(docs)} documents, {size:.2f} MB, {len(rows)} findings, {seconds:.2f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
