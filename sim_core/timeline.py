"""The call as data: an append-only timeline of events.

Every event carries a monotonic offset in seconds from call start. Scoring,
replay, analytics and the debrief all read the same timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeGuard, TypeVar, cast

from .events import CallerSaid, EventType, Payload, TraineeSaid, payload_from_dict

P = TypeVar("P", bound=Payload)
P_co = TypeVar("P_co", bound=Payload, covariant=True)
Said = CallerSaid | TraineeSaid


@dataclass(frozen=True, slots=True)
class Event(Generic[P_co]):
    """One moment of the call: its offset in seconds and its typed payload."""

    t: float
    payload: P_co

    @property
    def type(self) -> EventType:
        return self.payload.TYPE

    @property
    def data(self) -> dict[str, Any]:
        """The payload's stored form (what the live store and the database keep)."""
        return self.payload.to_dict()

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type.value, "t": round(self.t, 3), "data": self.payload.to_dict()}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Event[Payload]:
        """An event as stored ({type, t, data}), any shape stored so far."""
        return Event(float(raw["t"]), payload_from_dict(raw["type"], raw.get("data")))


class TimelineError(ValueError):
    pass


class Timeline:
    """Append-only list of events with non-decreasing offsets."""

    def __init__(self, events: Iterable[Event[Payload]] = ()) -> None:
        self._events: list[Event[Payload]] = []
        # per type, its events in order: a turn reads "the lines so far" without scanning
        # the whole call, so a long call stays linear
        self._by_type: dict[EventType, list[Event[Payload]]] = {}
        self._said: list[tuple[str, Event[Said]]] = []
        for ev in events:
            self.append(ev)

    def append(self, event: Event[P]) -> Event[P]:
        if self._events and event.t + 1e-9 < self._events[-1].t:
            raise TimelineError(f"event at {event.t:.2f}s is earlier than the last event at {self._events[-1].t:.2f}s")
        self._events.append(event)
        self._by_type.setdefault(event.type, []).append(event)
        if isinstance(event.payload, (CallerSaid, TraineeSaid)):
            speaker = "caller" if isinstance(event.payload, CallerSaid) else "trainee"
            self._said.append((speaker, cast("Event[Said]", event)))
        return event

    def add(self, t: float, payload: P) -> Event[P]:
        return self.append(Event(t, payload))

    def __iter__(self) -> Iterator[Event[Payload]]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, i: int) -> Event[Payload]:
        return self._events[i]

    @property
    def last_t(self) -> float:
        return self._events[-1].t if self._events else 0.0

    def of(self, *types: EventType) -> list[Event[Payload]]:
        if len(types) == 1:
            return list(self._by_type.get(types[0], ()))
        return [e for e in self._events if e.type in types]

    def kind(self, cls: type[P]) -> list[Event[P]]:
        """The events of one payload type, typed: `timeline.kind(TraineeSaid)`."""
        return [e for e in self._by_type.get(cls.TYPE, ()) if _is(e, cls)]

    def count(self, type_: EventType) -> int:
        return len(self._by_type.get(type_, ()))

    def first(self, type_: EventType, **match: Any) -> Event[Payload] | None:
        """The first event of a type whose payload has the given field values."""
        for e in self._by_type.get(type_, ()):
            if all(getattr(e.payload, k, None) == v for k, v in match.items()):
                return e
        return None

    def said(self) -> list[tuple[str, Event[Said]]]:
        """Every spoken line in order, as ("caller" | "trainee", its event)."""
        return list(self._said)

    def said_count(self) -> int:
        return len(self._said)

    def said_tail(self, n: int) -> list[tuple[str, Event[Said]]]:
        """The last n spoken lines (cheap at any call length)."""
        return self._said[-n:] if n > 0 else []

    def answered_at(self) -> float:
        ev = self.first(EventType.CALL_ANSWERED)
        return ev.t if ev else 0.0

    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self._events]

    @classmethod
    def from_list(cls, raw: Iterable[Mapping[str, Any]]) -> Timeline:
        """A timeline from its stored form (a list of {type, t, data})."""
        return cls(Event.from_dict(r) for r in raw)


def _is(event: Event[Payload], cls: type[P]) -> TypeGuard[Event[P]]:
    return isinstance(event.payload, cls)


__all__ = ["Event", "EventType", "Said", "Timeline", "TimelineError"]
