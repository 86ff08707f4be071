"""mtqa as a real pre-commit hook: a commit with a bad file is blocked, a clean one passes.

The hook repository is a snapshot of this working tree (so uncommitted work is
what gets tested); pre-commit builds its own environment from it with pip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shared_data import REPO

BAD = "Officials said the US and the U.S. Army agreed.\n“We are ready”, — the minister said.\n"
CLEAN = "Officials said the talks would resume on Monday.\n"


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def snapshot(dest: Path) -> str:
    """Copy the files git knows (tracked and untracked, not ignored) into a new repo; return its HEAD."""
    listed = git(REPO, "ls-files", "-co", "--exclude-standard").stdout.splitlines()
    for rel in listed:
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    assert git(dest, "commit", "-qm", "snapshot").returncode == 0
    return git(dest, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module", autouse=True)
def own_precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each snapshot is a new hook revision: keep its environment out of ~/.cache/pre-commit."""
    old = os.environ.get("PRE_COMMIT_HOME")
    os.environ["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    yield
    if old is None:
        del os.environ["PRE_COMMIT_HOME"]
    else:
        os.environ["PRE_COMMIT_HOME"] = old


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed (it is a dev dependency)")
    hook_repo = tmp_path_factory.mktemp("hookrepo")
    rev = snapshot(hook_repo)
    work = tmp_path_factory.mktemp("corpus")
    git(work, "init", "-q")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hook_repo}\n  rev: {rev}\n  hooks:\n  - id: mtqa\n", encoding="utf-8")
    git(work, "add", ".pre-commit-config.yaml")
    assert git(work, "commit", "-qm", "config").returncode == 0
    assert subprocess.run(["pre-commit", "install"], cwd=work, capture_output=True, check=False).returncode == 0
    return work


def test_commit_with_a_bad_file_is_blocked(project: Path) -> None:
    (project / "bad.txt").write_text(BAD, encoding="utf-8")
    git(project, "add", "bad.txt")
    try:
        result = git(project, "commit", "-m", "add bad")
        out = result.stdout + result.stderr
        assert result.returncode != 0
        assert "Failed" in out
        assert "bad.txt" in out
        assert "1:20" in out and "abbreviations.us" in out and "'US' here, 'U.S.' elsewhere" in out
        assert "2:14" in out and "punctuation.quote-dash" in out
        assert git(project, "rev-list", "--count", "HEAD").stdout.strip() == "1"
    finally:
        git(project, "reset", "-q", "bad.txt")
        (project / "bad.txt").unlink()


def test_clean_commit_passes(project: Path) -> None:
    (project / "clean.txt").write_text(CLEAN, encoding="utf-8")
    git(project, "add", "clean.txt")
    result = git(project, "commit", "-m", "add clean")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout + result.stderr
    assert git(project, "rev-list", "--count", "HEAD").stdout.strip() == "2"
