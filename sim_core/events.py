"""What each timeline event carries: one frozen dataclass per event type.

In memory a timeline holds these objects and every reader uses their
attributes. They become plain dicts only at the edges (the live store, the
database, the API, transcript files) through `to_dict()` / `payload_from_dict()`,
and reading accepts every shape stored so far: a key an older version did not
write takes its default, a key no longer written is ignored, and a value of the
wrong kind is read as the default rather than failing the whole call.

Fields marked `optional` are left out of the stored form while they hold their
default (a typed line has no `confidence`, a caller line that did not talk over
has no `talk_over`), so the stored shape is the one the project always wrote.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, TypeVar


class EventType(str, Enum):
    CALL_STARTED = "call_started"  # phone starts ringing (offset 0)
    CALL_ANSWERED = "call_answered"  # trainee picks up
    CALLER_SAID = "caller_said"
    TRAINEE_SAID = "trainee_said"
    ACT_DETECTED = "act_detected"
    ENTITY_FOUND = "entity_found"
    EMOTION_CHANGED = "emotion_changed"
    FACT_REVEALED = "fact_revealed"
    SCENARIO_EVENT = "scenario_event"
    CAD_UPDATED = "cad_updated"
    CONTROL = "control"  # mute / hold / resume / end / interpreter
    CALLER_ACTION = "caller_action"  # e.g. started compressions
    CALL_ENDED = "call_ended"


_OMIT = {"omit_default": True}


def optional(default: Any) -> Any:
    """A field left out of the stored form while it holds `default`."""
    return field(default=default, metadata=_OMIT)


P = TypeVar("P", bound="Payload")


class Payload:
    """Base of every event payload (frozen dataclasses below)."""

    __slots__ = ()
    TYPE: ClassVar[EventType]
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]  # every payload is one

    def to_dict(self) -> dict[str, Any]:
        """The stored form: JSON-ready, optional fields at their default left out."""
        out: dict[str, Any] = {}
        for name, omit, default in _writers(type(self)):
            value = getattr(self, name)
            if omit and value == default:
                continue
            out[name] = _plain(value) if isinstance(value, (tuple, dict)) else value
        return out

    @classmethod
    def from_dict(cls: type[P], data: Mapping[str, Any]) -> P:
        """Read a stored payload of this type (any shape stored so far)."""
        kwargs: dict[str, Any] = {}
        for name, convert in _readers(cls):
            if data.get(name) is None:
                continue
            try:
                kwargs[name] = convert(data[name])
            except (TypeError, ValueError):
                continue  # unreadable value: the field keeps its default
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class CallStarted(Payload):
    TYPE: ClassVar[EventType] = EventType.CALL_STARTED
    scenario: str = ""
    seed: int = 0
    mode: str = "text"


@dataclass(frozen=True, slots=True)
class CallAnswered(Payload):
    TYPE: ClassVar[EventType] = EventType.CALL_ANSWERED


@dataclass(frozen=True, slots=True)
class TraineeSaid(Payload):
    TYPE: ClassVar[EventType] = EventType.TRAINEE_SAID
    text: str = ""
    line: int = 0  # the trainee's own line number
    idx: int | None = optional(None)  # place in the whole transcript (both speakers)
    audio_key: str | None = optional(None)  # the spoken clip, when it was spoken
    confidence: float | None = optional(None)  # the recogniser's calibrated confidence
    unsure_words: tuple[str, ...] = optional(())  # words the recogniser was unsure of


@dataclass(frozen=True, slots=True)
class CallerSaid(Payload):
    TYPE: ClassVar[EventType] = EventType.CALLER_SAID
    text: str = ""
    line: int = 0  # the caller's own line number
    idx: int | None = optional(None)  # place in the whole transcript (both speakers)
    actor: str = ""  # who wrote the words: scripted | llm
    reason: str = ""  # why that actor (e.g. the LLM failed)
    emotion: str = ""
    level: float = 0.0
    kinds: tuple[str, ...] = ()  # the parts of the reply (answer, filler, ...)
    dont_know: tuple[str, ...] = ()  # slots the caller said she does not know
    answered: tuple[str, ...] = ()  # slots the reply answered
    talk_over: bool = optional(False)  # the caller cut in over the trainee
    audio_s: float | None = optional(None)  # how long the line took to say, when known


@dataclass(frozen=True, slots=True)
class ActDetected(Payload):
    TYPE: ClassVar[EventType] = EventType.ACT_DETECTED
    act: str = ""
    line: int | None = optional(None)
    confidence: float | None = optional(None)
    by: str | None = optional(None)  # "instructor" when counted on review


@dataclass(frozen=True, slots=True)
class EntityFound(Payload):
    TYPE: ClassVar[EventType] = EventType.ENTITY_FOUND
    speaker: str | None = optional(None)  # caller | trainee
    line: int | None = optional(None)  # the speaker's line it was found in
    label: str = ""
    text: str = ""
    start: int | None = optional(None)
    end: int | None = optional(None)
    confidence: float | None = optional(None)
    heard_uncertain: bool = optional(False)  # taken from doubtful speech: confirm it


@dataclass(frozen=True, slots=True)
class EmotionChanged(Payload):
    TYPE: ClassVar[EventType] = EventType.EMOTION_CHANGED
    emotion: str = ""
    level: float = 0.0


@dataclass(frozen=True, slots=True)
class FactRevealed(Payload):
    TYPE: ClassVar[EventType] = EventType.FACT_REVEALED
    slot: str = ""


@dataclass(frozen=True, slots=True)
class ScenarioEventFired(Payload):
    TYPE: ClassVar[EventType] = EventType.SCENARIO_EVENT
    id: str = ""


@dataclass(frozen=True, slots=True)
class CadUpdated(Payload):
    TYPE: ClassVar[EventType] = EventType.CAD_UPDATED
    fields: dict[str, Any] = field(default_factory=dict)  # CAD field -> value entered


@dataclass(frozen=True, slots=True)
class Control(Payload):
    TYPE: ClassVar[EventType] = EventType.CONTROL
    action: str = ""


@dataclass(frozen=True, slots=True)
class CallerAction(Payload):
    TYPE: ClassVar[EventType] = EventType.CALLER_ACTION
    action: str = ""
    said_at: float | None = optional(None)  # caller_audio: the offset of the line it timed
    audio_s: float | None = optional(None)  # caller_audio: how long that line took to say


@dataclass(frozen=True, slots=True)
class CallEnded(Payload):
    TYPE: ClassVar[EventType] = EventType.CALL_ENDED
    reason: str = ""


AnyPayload = (
    CallStarted
    | CallAnswered
    | TraineeSaid
    | CallerSaid
    | ActDetected
    | EntityFound
    | EmotionChanged
    | FactRevealed
    | ScenarioEventFired
    | CadUpdated
    | Control
    | CallerAction
    | CallEnded
)
PAYLOADS: dict[EventType, type[Payload]] = {
    cls.TYPE: cls
    for cls in (
        CallStarted,
        CallAnswered,
        TraineeSaid,
        CallerSaid,
        ActDetected,
        EntityFound,
        EmotionChanged,
        FactRevealed,
        ScenarioEventFired,
        CadUpdated,
        Control,
        CallerAction,
        CallEnded,
    )
}
assert set(PAYLOADS) == set(EventType), "every event type has its payload"


def payload_from_dict(type_: EventType | str, data: Mapping[str, Any] | None) -> Payload:
    """The typed payload of a stored event (`type_` its type, `data` its stored dict)."""
    return PAYLOADS[EventType(type_)].from_dict(data or {})


# ---------------------------------------------------------------- reading stored values
def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _number(kind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TypeError(f"not a number: {value!r}")
        return kind(value)

    return read


def _words(value: Any) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise TypeError(f"not a list: {value!r}")
    return tuple(str(v) for v in value)


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"not a mapping: {value!r}")
    return {str(k): v for k, v in value.items()}


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"not a flag: {value!r}")
    return value


_READ_BY_ANNOTATION: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "int": _number(int),
    "float": _number(float),
    "bool": _flag,
    "tuple[str, ...]": _words,
    "dict[str, Any]": _mapping,
}
_READERS: dict[type[Payload], list[tuple[str, Callable[[Any], Any]]]] = {}
_WRITERS: dict[type[Payload], list[tuple[str, bool, Any]]] = {}


def _writers(cls: type[Payload]) -> list[tuple[str, bool, Any]]:
    """(field name, left out at its default?, the default) of a payload class."""
    found = _WRITERS.get(cls)
    if found is None:
        found = [(f.name, bool(f.metadata.get("omit_default")), f.default) for f in dataclasses.fields(cls)]
        _WRITERS[cls] = found
    return found


def _readers(cls: type[Payload]) -> list[tuple[str, Callable[[Any], Any]]]:
    """(field name, reader) of a payload class, from its annotations (`X | None` reads as X:
    a stored None is the same as a missing key)."""
    found = _READERS.get(cls)
    if found is None:
        found = []
        for f in dataclasses.fields(cls):
            annotation = str(f.type).removesuffix(" | None")
            found.append((f.name, _READ_BY_ANNOTATION[annotation]))
        _READERS[cls] = found
    return found


__all__ = [
    "ActDetected",
    "AnyPayload",
    "CadUpdated",
    "CallAnswered",
    "CallEnded",
    "CallStarted",
    "CallerAction",
    "CallerSaid",
    "Control",
    "EmotionChanged",
    "EntityFound",
    "EventType",
    "FactRevealed",
    "PAYLOADS",
    "Payload",
    "ScenarioEventFired",
    "TraineeSaid",
    "payload_from_dict",
]
