"""Time to bring in an interpreter, for a caller who does not speak English.

Every question asked in a language the caller barely follows costs time and
gets a half-understood answer; the call-taker should put an interpreter on the
line as soon as the barrier is clear. The metric is the seconds from answer to
the interpreter joining (None when they never did); a late or missing
interpreter is a customer-service finding. The target is the simulator's own,
not a published standard: a barrier is clear within the first exchange or two.
"""

from __future__ import annotations

from typing import Any

from sim_core.events import Control
from sim_core.scenario.schema import Scenario
from sim_core.timeline import Timeline

from .findings import Finding

TARGET_S = 30.0  # answer → interpreter on the line
LATE_POINTS_PER_S = 0.25
LATE_CAP = 10.0
NEVER_POINTS = 20.0
CATEGORY = "customer_service"


def needs_interpreter(scenario: Scenario) -> bool:
    return not (scenario.caller.language or "en").lower().startswith("en")


def time_to_interpreter(timeline: Timeline) -> float | None:
    """Seconds from answer to the first 'interpreter' control (None: never)."""
    answered = timeline.answered_at()
    joined = next((e.t for e in timeline.kind(Control) if e.payload.action == "interpreter"), None)
    return None if joined is None else round(max(joined - answered, 0.0), 2)


def grade_interpreter(scenario: Scenario, timeline: Timeline, metrics: dict[str, Any], out: list[Finding]) -> float:
    """Adds the metric (calls with a non-English caller only) and its finding; returns the
    points off the customer-service category."""
    if not needs_interpreter(scenario):
        return 0.0
    t = time_to_interpreter(timeline)
    metrics["time_to_interpreter"] = t
    if t is None:
        out.append(
            Finding(
                None,
                "missed",
                CATEGORY,
                "The caller speaks little English and no interpreter was brought in; "
                f"add one as soon as the barrier is clear (aim for {TARGET_S:.0f}s).",
                NEVER_POINTS,
                rule="interpreter",
            )
        )
        return NEVER_POINTS
    if t <= TARGET_S:
        return 0.0
    points = round(min(LATE_CAP, (t - TARGET_S) * LATE_POINTS_PER_S), 1)
    out.append(
        Finding(
            t,
            "late",
            CATEGORY,
            f"The interpreter joined at {t:.0f}s; aim for {TARGET_S:.0f}s: every question "
            "before that reaches the caller half-understood.",
            points,
            rule="interpreter",
        )
    )
    return points
