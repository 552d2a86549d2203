"""Graded telecommunicator-CPR timing: recognition and first compression against the
AHA / Resuscitation Academy goals. Late costs points in proportion to how late;
never costs the most. Announcing CPR without coaching the steps is named."""

from __future__ import annotations

from typing import Any

from ..scenario.schema import Scenario
from .findings import Finding
from .metrics import CallFacts
from .standards import STANDARDS, late_points

RECOGNITION_PER_S, RECOGNITION_CAP = 0.3, 30.0  # overall points per second past the goal; never
COMPRESSION_PER_S, COMPRESSION_CAP = 0.25, 30.0


def _timing(t: float | None, key: str, per_s: float, cap: float, category: str, what: str, tip: str) -> Finding | None:
    std = STANDARDS[key]
    pts = late_points(t, std, per_s, cap)
    if pts <= 0:
        return None
    if t is None:
        msg = f"Critical: {what} never happened (goal {std.goal_s:.0f}s, minimum {std.minimum_s:.0f}s). {tip}"
    else:
        band = "misses the minimum" if std.minimum_s is not None and t > std.minimum_s else "misses the goal"
        msg = f"{what.capitalize()} at {t:.0f}s {band} (goal {std.goal_s:.0f}s, minimum {std.minimum_s:.0f}s). {tip}"
    return Finding(
        t,
        "tcpr_late",
        category,
        msg,
        min(100.0, pts * 2),
        rule=key,
        overall_points=pts,
        critical=t is None or (std.minimum_s is not None and t > std.minimum_s),
        standard=key,
    )


def grade_tcpr(scenario: Scenario, f: CallFacts, metrics: dict[str, Any], out: list[Finding]) -> dict[str, float]:
    """Appends the T-CPR findings; returns points off per category."""
    if not scenario.protocol.cardiac_arrest:
        return {}
    lost: dict[str, float] = {}
    rec = _timing(
        metrics["time_to_arrest_recognition"],
        "tcpr_recognition",
        RECOGNITION_PER_S,
        RECOGNITION_CAP,
        "key_questions",
        "recognition of the cardiac arrest",
        "Unconscious and not breathing normally (gasping counts) is an arrest: say so and go to CPR.",
    )
    comp = _timing(
        metrics["time_to_first_compression"],
        "tcpr_first_compression",
        COMPRESSION_PER_S,
        COMPRESSION_CAP,
        "instructions",
        "the first compression",
        "Coach hands and push at once: heel of the hand in the center of the chest, push hard and fast.",
    )
    for fnd in (rec, comp):
        if fnd is not None:
            out.append(fnd)
            lost[fnd.category] = lost.get(fnd.category, 0.0) + fnd.points
    announced = next((a for a in f.acts if a.act == "instruct_cpr"), None)
    if (
        announced is not None
        and metrics.get("time_to_cpr_instruction") is None
        and metrics["time_to_first_compression"] is None
    ):
        missing = [
            w
            for w, act in (("where to put the hands", "instruct_cpr_hands"), ("to push", "instruct_cpr_push"))
            if f.first(act) is None
        ]
        out.append(
            Finding(
                announced.t,
                "tcpr_steps",
                "instructions",
                f"CPR was announced but the caller was never told {' and '.join(missing)}: "
                'a caller who only hears "we\'re going to do CPR" has not started.',
                0.0,
                rule="instruct_cpr",
                line=announced.line,
                quote=f.text(announced.line),
            )
        )
    return lost
