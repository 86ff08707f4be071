"""omission: a translation far too short for its source.

Length is counted in letters and digits, so spaces and punctuation do not
matter. The thresholds were measured with ``bench/calibrate_omission.py`` on
the human references of ``../shared/data/wmt-ru-en`` (wmt21 A/B, wmt22 A,
wmt23 refA: 5,528 segments with 20+ letters of source; median ratio 1.04).
Per band of source length, the threshold is the lowest ratio any reference
reaches, times 0.85, rounded down to 0.05: 20-99 letters, lowest 0.457
("Пропускать в большом количестве запятые?" -> "Skip a lot of commas?") ->
0.35; 100+ letters, lowest 0.603 -> 0.50. No reference segment falls below.
Sources shorter than 20 letters are not checked: their ratios say little.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mtqa.finding import Finding, Kind, Severity
from mtqa.formats.segment import Segment
from mtqa.source._finding import segment_finding, whole_target

RULE = "source.omission"
SEVERITY = Severity.WARNING
#: Sources with fewer letters and digits than this are not checked.
MIN_SOURCE = 20
#: (lowest source length, end of the band, threshold on target/source length), see the module docstring.
BANDS = ((MIN_SOURCE, 100, 0.35), (100, 10**9, 0.50))
_ALNUM = regex.compile(r"[\p{L}\p{N}]")


def measure(text: str) -> int:
    """Letters and digits in a text."""
    return len(_ALNUM.findall(text))


def threshold(source_length: int) -> float | None:
    for low, high, ratio in BANDS:
        if low <= source_length < high:
            return ratio
    return None


def check(segment: Segment) -> Iterator[Finding]:
    if not segment.source:
        return
    n_source = measure(segment.source)
    limit = threshold(n_source)
    if limit is None:
        return
    n_target = measure(segment.target)
    ratio = n_target / n_source
    if ratio >= limit or not segment.target.strip():
        return
    message = (
        f"The translation is {ratio:.0%} of its source's length ({n_target} letters for {n_source}); "
        f"human translations stay above {limit:.0%}: something may be left out."
    )
    yield segment_finding(RULE, Kind.OMISSION, SEVERITY, segment, whole_target(segment), message,
                          source_span=(0, len(segment.source)))
