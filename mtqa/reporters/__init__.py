"""Reporters turn file results into text: ``text`` (rich), ``json`` (CONTRACT.md), ``sarif``."""
