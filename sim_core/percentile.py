"""One definition of a percentile for every figure the project prints or stores.

Linear interpolation between the two nearest ranks (`statistics.quantiles` with the
"inclusive" method): the same as numpy's default and PostgreSQL's `percentile_cont`, so a
figure computed in Python matches the one the database computes.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable


def percentile(values: Iterable[float], pct: int) -> float:
    """The `pct`-th percentile (an integer 0–100) of `values` (at least one)."""
    xs = sorted(values)
    if not xs:
        raise ValueError("a percentile of no values")
    if not 0 <= pct <= 100 or int(pct) != pct:
        raise ValueError(f"percentile must be an integer from 0 to 100, not {pct!r}")
    if len(xs) == 1 or pct == 0:
        return float(xs[0])
    if pct == 100:
        return float(xs[-1])
    return float(statistics.quantiles(xs, n=100, method="inclusive")[int(pct) - 1])
