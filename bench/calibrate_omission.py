"""Calibrate the ``omission`` check: how short can a human translation be for its source?

For every segment of every human reference in ``../shared/data/wmt-ru-en``
(wmt21 A and B, wmt22 A, wmt23 refA; source ``src.ru``), take the ratio of
letters and digits in the reference to letters and digits in the source.
Per band of source length, print the distribution and the lowest ratios, and
propose a threshold: the lowest ratio any reference reaches in the band, times
0.85, rounded down to 0.05. ``mtqa/source/omission.py`` keeps the result.

    python bench/calibrate_omission.py [--show N]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mtqa.formats import read_segments  # noqa: E402
from mtqa.source.omission import BANDS, MIN_SOURCE, measure  # noqa: E402

WMT = REPO.parent / "shared" / "data" / "wmt-ru-en"
MARGIN = 0.85


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=5, help="lowest ratios to print per band")
    parser.add_argument("--data", type=Path, default=WMT)
    args = parser.parse_args()
    rows = []
    for ref in sorted(args.data.glob("*/ref.*.en")):
        for seg in read_segments(str(ref), source=str(ref.parent / "src.ru")):
            assert seg.source is not None
            n_src, n_tgt = measure(seg.source), measure(seg.target)
            if n_src >= MIN_SOURCE:
                rows.append((n_tgt / n_src, n_src, f"{ref.parent.name}/{ref.name}:{seg.id}", seg))
    print(f"{len(rows)} reference segments with >= {MIN_SOURCE} letters/digits of source")
    for low, high, used in BANDS:
        band = sorted((r for r in rows if low <= r[1] < high), key=lambda r: r[0])
        ratios = [r[0] for r in band]
        proposed = math.floor(ratios[0] * MARGIN / 0.05) * 0.05
        print(
            f"source {low}-{high}: {len(band)} segments, median {statistics.median(ratios):.3f}, "
            f"1st percentile {ratios[len(ratios) // 100]:.3f}, min {ratios[0]:.3f} "
            f"-> proposed threshold {proposed:.2f} (in use: {used:.2f})"
        )
        for ratio, _, where, seg in band[: args.show]:
            print(f"   {ratio:.3f} {where}: {seg.source[:70]!r} -> {seg.target[:70]!r}")
    flagged = sum(1 for ratio, n, _, _ in rows for low, high, used in BANDS if low <= n < high and ratio < used)
    print(f"references below the thresholds in use: {flagged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
