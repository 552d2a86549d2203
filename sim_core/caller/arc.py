"""The caller's emotional arc, read back from a call's timeline for the debrief:
where the caller started, each change of emotion and what came just before it
(a trainee line, a scenario event, a long silence)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..events import CallAnswered, CallerSaid, EmotionChanged, Payload, ScenarioEventFired, TraineeSaid
from ..timeline import Event

SILENCE_S = 15.0


@dataclass(frozen=True, slots=True)
class ArcPoint:
    t: float  # seconds from answer
    emotion: str
    level: float
    cause: str  # what came just before: 'you said "..."', 'event: ...', 'a long silence', 'start'


def emotion_arc(events: Iterable[Event[Payload] | Mapping[str, Any]]) -> list[ArcPoint]:
    """The caller's emotion at the start and at every change, with its likely cause
    (`events`: a timeline, or a stored call's {type, t, data} dicts)."""
    parsed = [e if isinstance(e, Event) else Event.from_dict(e) for e in events]
    answered = next((e.t for e in parsed if isinstance(e.payload, CallAnswered)), 0.0)
    points: list[ArcPoint] = []
    line: tuple[float, str] | None = None  # the latest trainee line: its moment and text
    gap = 0.0  # silence before the latest trainee line
    event: tuple[float, str] | None = None  # the latest scenario event: its moment and id
    for e in parsed:
        p, t = e.payload, e.t
        if isinstance(p, TraineeSaid):
            gap = t - (line[0] if line else t)
            line = (t, p.text)
        elif isinstance(p, ScenarioEventFired):
            event = (t, p.id)
        elif isinstance(p, CallerSaid) and not points and p.emotion:
            points.append(ArcPoint(round(t - answered, 1), p.emotion, p.level, "start"))
        elif isinstance(p, EmotionChanged):
            if event is not None and event[0] >= t - 0.01:
                cause = f"event: {event[1]}"
            elif line is not None and line[0] >= t - 0.01:
                cause = f'you said "{line[1][:70]}"'
                if gap > SILENCE_S:
                    cause += f" after {gap:.0f} s of silence"
            else:
                cause = "a long silence"
            points.append(ArcPoint(round(t - answered, 1), p.emotion, p.level, cause))
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
