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
