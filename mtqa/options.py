"""Command-line options shared by every subcommand that runs rules."""

from __future__ import annotations

import argparse


def add_rule_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule folder (repeatable)")
    p.add_argument("--config", metavar="FILE", help="config file (default: nearest mtqa.toml or pyproject.toml)")
    p.add_argument("--enable", action="append", default=[], metavar="ID", help="run only these rules or prefixes")
    p.add_argument("--disable", action="append", default=[], metavar="ID", help="skip these rules or prefixes")
    p.add_argument("--no-builtin", action="store_true", help="do not load the built-in rules")
    p.add_argument("--glossary", metavar="FILE", help="canonical names for the project (.tsv or .yaml)")


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    """Options for bilingual and segment-based input (aligned files, TSV, JSONL, PO, XLIFF, TMX)."""
    from mtqa.formats import FORMATS

    p.add_argument("--source", metavar="SRC", help="source file aligned with the MT lines: enables source checks")
    p.add_argument("--ref", action="append", default=[], metavar="REF",
                   help="reference file aligned with the MT lines (repeatable)")
    p.add_argument("--docs", metavar="TSV",
                   help="table with a 'doc_id' column (and 'line') mapping lines to documents "
                        "(default: docs.tsv beside the MT file, if any)")
    p.add_argument("--input-format", choices=("auto", *FORMATS), default="auto",
                   help="input format (default: by extension; plain aligned lines otherwise)")
    p.add_argument("--field", action="append", default=[], metavar="ROLE=NAME",
                   help="TSV column / JSONL field for a role: mt, source, ref, doc_id, id (repeatable)")


def parse_fields(raw: list[str]) -> dict[str, str]:
    """``--field ROLE=NAME`` options as a mapping; ValueError on a malformed one."""
    out = {}
    for item in raw:
        role, sep, name = item.partition("=")
        if not sep or not role or not name:
            raise ValueError(f"--field expects ROLE=NAME, not {item!r}")
        out[role] = name
    return out
