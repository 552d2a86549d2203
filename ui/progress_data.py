"""A trainee's progress from their scored calls: the score over time, each key
metric against its standard, the categories to work on, and scenarios that
practise the weakest one. Pure functions of rows (db.app_queries.scored_calls)
and scenarios; no Streamlit."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sim_core.scenario import Scenario

# metric → (label, standard s, where the standard comes from); seconds from answer
# except the ring, which is measured from the first ring.
KEY_METRICS = {
    "time_to_answer": ("Ring → answer", 15.0, "NENA: 90% within 15 s"),
    "time_to_address": ("Answer → address", 30.0, "case entry: address first"),
    "time_to_arrest_recognition": ("Answer → arrest recognised", 120.0, "T-CPR: < 120 s (goal 60 s)"),
    "time_to_first_compression": ("Answer → first compression", 180.0, "T-CPR: < 180 s (goal 90 s)"),
    "time_to_dispatch": ("Answer → help announced", 60.0, "NFPA 1225: 60 s"),
}
CATEGORY_NAMES = {
    "case_entry": "Case entry",
    "chief_complaint": "Chief complaint",
    "key_questions": "Key questions",
    "instructions": "Instructions (DLS)",
    "cad_accuracy": "CAD accuracy",
    "customer_service": "Customer service",
}
RECENT = 5  # calls in the "recent" window of the headline


@dataclass(frozen=True)
class MetricStanding:
    metric: str
    label: str
    median_s: float | None
    measured: int  # calls where it happened
    within: int  # of those, how many within the standard
    standard_s: float
    source: str

    @property
    def share_within(self) -> float | None:
        return None if not self.measured else self.within / self.measured


def headline(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Calls scored, mean of the last RECENT and the change against the RECENT before."""
    scores = [float(r["score"]) for r in rows if r.get("score") is not None]
    recent = scores[-RECENT:]
    before = scores[-2 * RECENT : -RECENT]
    return {
        "calls": len(scores),
        "recent_mean": statistics.fmean(recent) if recent else None,
        "change": (statistics.fmean(recent) - statistics.fmean(before)) if recent and before else None,
        "best": max(scores) if scores else None,
    }


def metric_standings(rows: list[dict[str, Any]]) -> list[MetricStanding]:
    """Each key metric that happened on at least one call: median and how often it was
    within its standard."""
    out = []
    for key, (label, std, source) in KEY_METRICS.items():
        values = [float(r[key]) for r in rows if r.get(key) is not None]
        if not values:
            continue
        out.append(
            MetricStanding(
                key, label, statistics.median(values), len(values), sum(1 for v in values if v <= std), std, source
            )
        )
    return out


def category_means(rows: list[dict[str, Any]]) -> list[tuple[str, float, int]]:
    """(category, mean score, calls) weakest first."""
    sums: dict[str, list[float]] = {}
    for r in rows:
        for name in CATEGORY_NAMES:
            value = r.get(f"cat_{name}")
            if value is not None:
                sums.setdefault(name, []).append(float(value))
    means = [(name, statistics.fmean(v), len(v)) for name, v in sums.items()]
    return sorted(means, key=lambda x: (x[1], x[0]))


def practice_weight(scenario: Scenario, category: str) -> float:
    """How much of this scenario's grading is in `category` (weights of its required acts
    and instructions in that category)."""
    proto = scenario.protocol
    return sum(r.weight for r in (*proto.required_acts, *proto.required_instructions) if r.category == category)


def suggest(category: str, scenarios: Iterable[Scenario], played: dict[str, int], limit: int = 3) -> list[Scenario]:
    """Scenarios that grade `category` most, the ones played least first among equals;
    when no scenario grades it explicitly (CAD accuracy), the least played ones."""
    pool = list(scenarios)
    ranked = sorted(pool, key=lambda sc: (-practice_weight(sc, category), played.get(sc.id, 0), sc.id))
    if ranked and practice_weight(ranked[0], category) == 0:
        ranked = sorted(pool, key=lambda sc: (played.get(sc.id, 0), sc.id))
    return ranked[:limit]


__all__ = [
    "CATEGORY_NAMES",
    "KEY_METRICS",
    "MetricStanding",
    "category_means",
    "headline",
    "metric_standings",
    "practice_weight",
    "suggest",
]
