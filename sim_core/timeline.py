"""The call as data: an append-only timeline of events.

Every event carries a monotonic offset in seconds from call start. Scoring,
replay, analytics and the debrief all read the same timeline.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable, Iterator


class EventType(str, Enum):
    CALL_STARTED = "call_started"      # phone starts ringing (offset 0)
    CALL_ANSWERED = "call_answered"    # trainee picks up
    CALLER_SAID = "caller_said"
    TRAINEE_SAID = "trainee_said"
    ACT_DETECTED = "act_detected"
    ENTITY_FOUND = "entity_found"
    EMOTION_CHANGED = "emotion_changed"
    FACT_REVEALED = "fact_revealed"
    SCENARIO_EVENT = "scenario_event"
    CAD_UPDATED = "cad_updated"
    CONTROL = "control"                # mute / hold / resume / end
    CALLER_ACTION = "caller_action"    # e.g. started compressions
    CALL_ENDED = "call_ended"


@dataclass(frozen=True, slots=True)
class Event:
    type: EventType
    t: float
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type.value, "t": round(self.t, 3), "data": self.data}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Event":
        return cls(type=EventType(raw["type"]), t=float(raw["t"]), data=dict(raw.get("data") or {}))


class TimelineError(ValueError):
    pass


class Timeline:
    """Append-only list of events with non-decreasing offsets."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        self._events: list[Event] = []
        # per type, its events in order: a turn reads "the lines so far" without scanning
        # the whole call, so a long call stays linear
        self._by_type: dict[EventType, list[Event]] = {}
        self._said: list[tuple[str, Event]] = []
        for ev in events:
            self.append(ev)

    def append(self, event: Event) -> Event:
        if self._events and event.t + 1e-9 < self._events[-1].t:
            raise TimelineError(
                f"event at {event.t:.2f}s is earlier than the last event at {self._events[-1].t:.2f}s"
            )
        self._events.append(event)
        self._by_type.setdefault(event.type, []).append(event)
        if event.type in (EventType.CALLER_SAID, EventType.TRAINEE_SAID):
            self._said.append(("caller" if event.type == EventType.CALLER_SAID else "trainee",
                               event))
        return event

    def add(self, type_: EventType, t: float, **data: Any) -> Event:
        return self.append(Event(type_, t, data))

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, i: int) -> Event:
        return self._events[i]

    @property
    def last_t(self) -> float:
        return self._events[-1].t if self._events else 0.0

    def of(self, *types: EventType) -> list[Event]:
        if len(types) == 1:
            return list(self._by_type.get(types[0], ()))
        return [e for e in self._events if e.type in types]

    def count(self, type_: EventType) -> int:
        return len(self._by_type.get(type_, ()))

    def first(self, type_: EventType, **match: Any) -> Event | None:
        for e in self._events:
            if e.type == type_ and all(e.data.get(k) == v for k, v in match.items()):
                return e
        return None

    def said(self) -> list[tuple[str, Event]]:
        """Every spoken line in order, as ("caller" | "trainee", its event)."""
        return list(self._said)

    def said_count(self) -> int:
        return len(self._said)

    def said_tail(self, n: int) -> list[tuple[str, Event]]:
        """The last n spoken lines (cheap at any call length)."""
        return self._said[-n:] if n > 0 else []

    def answered_at(self) -> float:
        ev = self.first(EventType.CALL_ANSWERED)
        return ev.t if ev else 0.0

    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self._events]

    @classmethod
    def from_list(cls, raw: Iterable[dict[str, Any]]) -> "Timeline":
        return cls(Event.from_dict(r) for r in raw)


__all__ = ["Event", "EventType", "Timeline", "TimelineError"]
