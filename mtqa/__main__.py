"""``python -m mtqa``."""

from mtqa.cli import entry

entry()
