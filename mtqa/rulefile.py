"""Rule files (``rules/**/*.yaml``) -> validated ``Rule`` values.

With config.py, the only module that reads YAML. A rule's id is its path below
its rules folder (``punctuation/quote-dash.yaml`` -> ``punctuation.quote-dash``).
Unknown keys, bad types and bad regexes are errors that name the file, the key
and its line; one bad file never stops the others from loading.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mtqa import datacache
from mtqa.finding import Kind, Severity
from mtqa.kinds import KINDS
from mtqa.kinds._text import deferred_compilation
from mtqa.rule import Example, OptionError, Rule, placeholders

COMMON_KEYS = ("id", "kind", "finding_kind", "severity", "message", "description", "enabled", "fix", "examples")


@dataclass(frozen=True, slots=True)
class RuleFileError:
    """A rule file that could not be loaded; ``str()`` is the one-line message."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    errors: tuple[RuleFileError, ...]


def builtin_rules_dir() -> Path:
    """The rules shipped with mtqa: inside the wheel, or the repository's ``rules/``."""
    package = Path(__file__).resolve().parent
    inside = package / "_rules"
    return inside if inside.is_dir() else package.parent / "rules"


def load_rules(dirs: Sequence[Path], trusted: Sequence[Path] = ()) -> RuleSet:
    """Load every ``*.yaml`` under each folder, in a stable order.

    Regexes of rules under a ``trusted`` folder (the built-in rules, which the
    test suite validates) are compiled on first use instead of now, and the
    folder's rules are kept between runs (``_trusted_folder``).
    """
    rules: list[Rule] = []
    errors: list[RuleFileError] = []
    seen: dict[str, str] = {}
    for folder in dirs:
        if not folder.is_dir():
            errors.append(RuleFileError(str(folder), 0, "rules folder not found"))
            continue
        paths = sorted(folder.rglob("*.yaml"))
        loaded = _trusted_folder(folder, paths) if folder in trusted else [load_rule_file(p, folder) for p in paths]
        for path, result in zip(paths, loaded, strict=True):
            if isinstance(result, RuleFileError):
                errors.append(result)
            elif result.id in seen:
                errors.append(RuleFileError(str(path), 1, f"rule id '{result.id}' is also defined in {seen[result.id]}"))
            else:
                seen[result.id] = str(path)
                rules.append(result)
    return RuleSet(tuple(rules), tuple(errors))


def _trusted_folder(folder: Path, paths: list[Path]) -> list[Rule | RuleFileError]:
    """The rule files of a trusted folder, their regexes compiled on first use.

    A run without a rule error keeps them (``datacache``), one entry per folder,
    under a key of the files' paths and contents, the sizes and times of mtqa's
    modules and the versions of Python and of the packages whose objects the
    rules hold, so a later run reads them back in a few milliseconds without
    parsing YAML; editing a rule file, or mtqa's code, loads them afresh. What
    is kept holds no compiled regex (``deferred_compilation``): only sources.
    """
    name = f"{__name__}.{hashlib.sha256(str(folder).encode()).hexdigest()[:8]}"
    key = _stamp(folder, paths)
    found = datacache.recall(name, key) if key else None
    if isinstance(found, list) and len(found) == len(paths) and all(isinstance(r, Rule) for r in found):
        return found
    with deferred_compilation():
        loaded = [load_rule_file(p, folder) for p in paths]
    if key and not any(isinstance(r, RuleFileError) for r in loaded):
        datacache.keep(name, key, loaded)
    return loaded


#: The packages whose objects kept rules hold, or which shape how rule files are read.
_PACKAGES = ("regex", "PyYAML")


def _stamp(folder: Path, paths: list[Path]) -> str | None:
    """The key of a trusted folder's kept rules, or ``None`` when a file cannot be read
    (then ``load_rule_file`` reports it)."""
    digest = hashlib.sha256(f"{sys.version}\0{datacache.versions(_PACKAGES)}".encode())
    try:
        for path in paths:
            digest.update(f"\0{path}\0".encode())
            digest.update(path.read_bytes())
        for path in sorted(p for p in Path(__file__).parent.rglob("*.py") if "__pycache__" not in p.parts):
            stat = os.stat(path)
            digest.update(f"\0{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    except OSError:
        return None
    return digest.hexdigest()[:16]


def rule_id_for(path: Path, root: Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts)


def load_rule_file(path: Path, root: Path) -> Rule | RuleFileError:
    """One rule file -> a Rule, or the error that says what is wrong and where."""
    import yaml  # only when a rule file is read: the built-in rules are usually kept

    where = str(path)
    try:
        node, raw = _parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return RuleFileError(where, 0, f"cannot read rule file: {exc}")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return RuleFileError(where, line, f"not valid YAML: {getattr(exc, 'problem', exc)}")
    lines = _key_lines(node)
    if not isinstance(raw, dict):
        return RuleFileError(where, 1, "a rule file must be a mapping of keys")
    try:
        return _build_rule(raw, rule_id_for(path, root), where)
    except OptionError as exc:
        top = exc.key.split("[")[0].split(".")[0]
        return RuleFileError(where, lines.get(top, 1), f"key '{exc.key}': {exc}")


def _parse(text: str) -> tuple[Any, Any]:
    """A YAML document's node tree (for the keys' lines) and its value, from one parse
    (with libyaml's loader when PyYAML was built with it: ten times faster)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _key_lines(node: Any) -> dict[str, int]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _build_rule(raw: Mapping[str, Any], expected_id: str, where: str) -> Rule:
    kind_name = raw.get("kind")
    if not isinstance(kind_name, str) or kind_name not in KINDS:
        raise OptionError("kind", f"unknown rule kind {kind_name!r} (known: {', '.join(KINDS)})")
    module = KINDS[kind_name]
    unknown = [k for k in raw if k not in COMMON_KEYS and k not in module.KEYS]
    if unknown:
        allowed = ", ".join((*COMMON_KEYS, *module.KEYS))
        raise OptionError(str(unknown[0]), f"unknown key (a '{kind_name}' rule takes: {allowed})")
    rule_id = raw.get("id")
    if rule_id != expected_id:
        raise OptionError("id", f"id must be '{expected_id}' (its path), not {rule_id!r}")
    finding_kind = _parse_enum(raw, "finding_kind", Kind)
    severity = _parse_enum(raw, "severity", Severity)
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        raise OptionError("message", "'message' must be a non-empty string")
    try:
        names = placeholders(message)
    except ValueError as exc:
        raise OptionError("message", str(exc)) from None
    bad = [n for n in names if n not in module.PLACEHOLDERS]
    if bad:
        raise OptionError("message", f"unknown placeholder {{{bad[0]}}} (this kind offers: {', '.join(module.PLACEHOLDERS)})")
    options = module.parse({k: v for k, v in raw.items() if k in module.KEYS})
    fail, passes = _parse_examples(raw.get("examples"))
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise OptionError("description", "'description' must be a string")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise OptionError("enabled", "'enabled' must be true or false")
    fix = raw.get("fix", False)
    if not isinstance(fix, bool):
        raise OptionError("fix", "'fix' must be true or false")
    rule = Rule(
        id=expected_id,
        kind=kind_name,
        finding_kind=finding_kind,
        severity=severity,
        message=message.strip(),
        options=options,
        path=where,
        description=description.strip(),
        fail=fail,
        passes=passes,
        fix=fix,
    )
    return rule if enabled else replace(rule, enabled=False)


def _parse_enum(raw: Mapping[str, Any], key: str, enum: Any) -> Any:
    value = raw.get(key)
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise OptionError(key, f"'{key}' must be one of: {allowed} (got {value!r})") from None


def _parse_examples(raw: Any) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(raw, dict) or set(raw) - {"fail", "pass"}:
        raise OptionError("examples", "'examples' must be a mapping with 'fail' and 'pass' lists")
    fail = _example_list(raw.get("fail"), "examples.fail")
    passes = _example_list(raw.get("pass"), "examples.pass")
    if not fail or not passes:
        raise OptionError("examples", "every rule needs at least one 'fail' and one 'pass' example")
    return fail, passes


def _example_list(raw: Any, key: str) -> tuple[Example, ...]:
    if not isinstance(raw, list):
        raise OptionError(key, f"'{key}' must be a list")
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and not set(item) - {"text", "expect"}:
            expect = item.get("expect", [])
            if not isinstance(expect, list) or not all(isinstance(e, str) for e in expect):
                raise OptionError(key, f"'{key}': 'expect' must be a list of strings")
            out.append(Example(item["text"], tuple(expect)))
        else:
            raise OptionError(key, f"'{key}' entries are strings or {{text, expect}} mappings")
    return tuple(out)
