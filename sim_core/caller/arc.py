"""The caller's emotional arc, read back from a call's timeline for the debrief:
where the caller started, each change of emotion and what came just before it
(a trainee line, a scenario event, a long silence)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ..timeline import Event

SILENCE_S = 15.0


@dataclass(frozen=True, slots=True)
class ArcPoint:
    t: float          # seconds from answer
    emotion: str
    level: float
    cause: str        # what came just before: 'you said "..."', 'event: ...', 'a long silence', 'start'


def _as_dict(e: Event | dict[str, Any]) -> dict[str, Any]:
    if isinstance(e, Event):
        return {"type": e.type.value, "t": e.t, "data": e.data}
    return {"type": str(e["type"]), "t": float(e["t"]), "data": e.get("data") or {}}


def emotion_arc(events: Iterable[Event | dict[str, Any]]) -> list[ArcPoint]:
    """The caller's emotion at the start and at every change, with its likely cause."""
    rows = [_as_dict(e) for e in events]
    answered = next((r["t"] for r in rows if r["type"] == "call_answered"), 0.0)
    points: list[ArcPoint] = []
    line: dict[str, Any] | None = None
    gap = 0.0                                  # silence before the latest trainee line
    event: dict[str, Any] | None = None
    for r in rows:
        kind, t, data = r["type"], r["t"], r["data"]
        if kind == "trainee_said":
            gap = t - (line["t"] if line else t)
            line = r
        elif kind == "scenario_event":
            event = r
        elif kind == "caller_said" and not points and data.get("emotion"):
            points.append(ArcPoint(round(t - answered, 1), data["emotion"], float(data.get("level", 0.0)), "start"))
        elif kind == "emotion_changed":
            if event is not None and event["t"] >= t - 0.01:
                cause = f"event: {event['data'].get('id', '')}"
            elif line is not None and line["t"] >= t - 0.01:
                cause = f'you said "{line["data"].get("text", "")[:70]}"'
                if gap > SILENCE_S:
                    cause += f" after {gap:.0f} s of silence"
            else:
                cause = "a long silence"
            points.append(ArcPoint(round(t - answered, 1), data.get("emotion", ""),
                                   float(data.get("level", 0.0)), cause))
    return points


def step_label(point: ArcPoint, previous: ArcPoint | None) -> str:
    """The emotion at a point; "whispering, more upset" when only the intensity moved."""
    if previous is None or point.emotion != previous.emotion:
        return point.emotion
    return f"{point.emotion}, {'calmer' if point.level < previous.level else 'more upset'}"


def arc_summary(points: list[ArcPoint]) -> str:
    """One line: "panicked → hysterical (12 s) → anxious (48 s)"."""
    if not points:
        return ""
    steps = [f"{step_label(p, prev)} ({p.t:.0f} s)" for prev, p in zip(points, points[1:])]
    return " → ".join([points[0].emotion, *steps])
