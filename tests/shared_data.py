"""Where the shared WMT data and seed live, and how tests skip without them.

Tests that need ``../shared`` skip with a reason where it is absent, and fail
instead when ``MTQA_REQUIRE_SHARED=1`` (which ``.ci/run`` sets).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTQA_SHARED", REPO.parent / "shared"))
WMT = SHARED / "data" / "wmt-ru-en"
SEED = SHARED / "seed" / "000_d1dcfbee721b6be1.txt"
SEED_GOLD = SHARED / "seed" / "000_d1dcfbee721b6be1.gold.json"


def need(path: Path) -> Path:
    """Return path, or skip (fail under MTQA_REQUIRE_SHARED=1) when it is missing."""
    if path.exists():
        return path
    reason = f"shared data not found: {path}"
    if os.environ.get("MTQA_REQUIRE_SHARED") == "1":
        pytest.fail(reason + " (MTQA_REQUIRE_SHARED=1)")
    pytest.skip(reason)
