"""Configuration: ``[tool.mtqa]`` in pyproject.toml, or ``mtqa.toml``.

Keys (all optional)::

    enable   = ["punctuation", "names.truncated"]   # rule ids or id prefixes; default: all enabled rules
    disable  = ["calques.about-this"]
    severity = {"abbreviations.us" = "info"}
    rules    = ["my-rules"]             # extra rule folders, relative to the config file
    include  = ["*.txt", "*.md"]        # file globs for folders given on the command line
    exclude  = ["drafts/**"]
    fail-on  = "warning"                # error | warning | info | never
    ignore   = [{path = "legacy/**", rule = "punctuation"}]
    glossary = "names.yaml"             # canonical names for the whole project
    baseline = ".mtqa-baseline.json"    # findings recorded by `mtqa baseline write`
    languagetool-url = "http://127.0.0.1:8081"   # a LanguageTool server of your own for --grammar

Unknown keys are errors naming the file and key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.finding import Severity

DEFAULT_INCLUDE = ("*.txt", "*.md")
_KEYS = frozenset({"enable", "disable", "severity", "rules", "include", "exclude", "fail-on", "ignore", "glossary", "baseline", "languagetool-url"})


class ConfigError(ValueError):
    """A configuration file is malformed; the message names file and key."""


@dataclass(frozen=True, slots=True)
class Ignore:
    """Findings of ``rule`` (an id or prefix, or '*') in files matching ``path`` are dropped."""

    path: str
    rule: str


@dataclass(frozen=True, slots=True)
class Config:
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    rules: tuple[Path, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.WARNING
    ignore: tuple[Ignore, ...] = ()
    glossary: Path | None = None
    baseline: Path | None = None
    languagetool_url: str | None = None
    source: Path | None = field(default=None, compare=False)


def find_config(start: Path) -> Path | None:
    """The nearest ``mtqa.toml``, or pyproject.toml with a [tool.mtqa] table, at or above start."""
    for folder in (start, *start.parents):
        own = folder / "mtqa.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.mtqa" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("mtqa", {}) if path.name == "pyproject.toml" else data
    return parse_config(table, path)


def parse_config(table: dict[str, Any], path: Path) -> Config:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key '{unknown[0]}' (known: {', '.join(sorted(_KEYS))})")
    base = path.parent
    fail_on_raw = _string(table, "fail-on", path, "warning")
    try:
        fail_on = None if fail_on_raw == "never" else Severity.parse(fail_on_raw)
        severity = tuple((k, Severity.parse(_str(v, f"severity.{k}", path))) for k, v in _table(table, "severity", path))
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    glossary = table.get("glossary")
    baseline = table.get("baseline")
    return Config(
        enable=_strings(table, "enable", path),
        disable=_strings(table, "disable", path),
        severity=severity,
        rules=tuple(base / p for p in _strings(table, "rules", path)),
        include=_strings(table, "include", path) or DEFAULT_INCLUDE,
        exclude=_strings(table, "exclude", path),
        fail_on=fail_on,
        ignore=_ignores(table, path),
        glossary=base / _str(glossary, "glossary", path) if glossary is not None else None,
        baseline=base / _str(baseline, "baseline", path) if baseline is not None else None,
        languagetool_url=_str(table["languagetool-url"], "languagetool-url", path) if "languagetool-url" in table else None,
        source=path,
    )


def _str(value: Any, key: str, path: Path) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{path}: '{key}' must be a string")
    return value


def _string(table: dict[str, Any], key: str, path: Path, default: str) -> str:
    return _str(table.get(key, default), key, path)


def _strings(table: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def _table(table: dict[str, Any], key: str, path: Path) -> list[tuple[str, Any]]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: '{key}' must be a table")
    return sorted(value.items())


def _ignores(table: dict[str, Any], path: Path) -> tuple[Ignore, ...]:
    value = table.get("ignore", [])
    if not isinstance(value, list):
        raise ConfigError(f"{path}: 'ignore' must be a list of {{path, rule}} tables")
    out = []
    for item in value:
        if not isinstance(item, dict) or set(item) - {"path", "rule"}:
            raise ConfigError(f"{path}: 'ignore' entries are tables with 'path' and 'rule'")
        out.append(Ignore(_str(item.get("path", "*"), "ignore.path", path), _str(item.get("rule", "*"), "ignore.rule", path)))
    return tuple(out)
