"""What a live call looks like to whoever shows it (the call page, the API): its
transcript rows with their entities, the extracted entities, the CAD entries and
the call clock. Read-only views of a CallSession's timeline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .call_status import CallStatus
from .caller.interpreter import caller_lines, needs_interpreter
from .events import CadUpdated, CallerSaid, Control, EntityFound, EventType, Payload, TraineeSaid
from .session import CallSession
from .timeline import Event, Said


def _heard(p: Said) -> dict[str, Any]:
    """How sure the recogniser was of a spoken line: its calibrated confidence and the
    words it was unsure of (nothing for a typed or a caller line)."""
    out: dict[str, Any] = {}
    if isinstance(p, TraineeSaid):
        if p.confidence is not None:
            out["confidence"] = p.confidence
        if p.unsure_words:
            out["unsure_words"] = list(p.unsure_words)
    return out


def _line_entities(events: Iterable[Event[Payload]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Each spoken line's entities (their stored form), by (speaker, line)."""
    ents: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for e in events:
        if isinstance(e.payload, EntityFound):
            p = e.payload
            key = (p.speaker or "", -1 if p.line is None else p.line)
            ents.setdefault(key, []).append(p.to_dict())
    return ents


def transcript_rows(call: CallSession) -> list[dict[str, Any]]:
    """Transcript lines (t from answer) with their entities, in call order."""
    answered = call.answered_at or 0.0
    ents = _line_entities(call.timeline.of(EventType.ENTITY_FOUND))
    joined = (
        next((c.t for c in call.timeline.kind(Control) if c.payload.action == "interpreter"), None)
        if needs_interpreter(call.scenario)
        else None
    )
    rows = []
    for speaker, e in call.timeline.said():
        p = e.payload
        row = {
            "speaker": speaker,
            "text": p.text,
            "t": round(e.t - answered, 1),
            "emotion": p.emotion if isinstance(p, CallerSaid) else None,
            "entities": ents.get((speaker, p.line), []),
            **_heard(p),
        }
        if speaker == "caller" and joined is not None and e.t >= joined:
            # what the interpreter told the call-taker (the caller spoke her own language)
            row["in_own_language"], row["interpreted"] = caller_lines(call.scenario, p.text)
        rows.append(row)
    return rows


def all_entities(call: CallSession) -> list[dict[str, Any]]:
    return [dict(e.payload.to_dict(), t=e.t) for e in call.timeline.kind(EntityFound)]


def cad_state(call: CallSession) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for e in call.timeline.kind(CadUpdated):
        out.update(e.payload.fields)
    return out


def call_clock(call: CallSession) -> float:
    """Seconds since the phone started ringing (frozen once the call has ended)."""
    if call.status == CallStatus.ENDED:
        return call.timeline.last_t
    return call.now()


def stored_transcript_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same rows from a stored call's events ({type, t, data} dicts, in call order)."""
    parsed = [Event.from_dict(e) for e in events]
    answered = next((e.t for e in parsed if e.type == EventType.CALL_ANSWERED), 0.0)
    ents = _line_entities(parsed)
    rows = []
    for e in parsed:
        p = e.payload
        if isinstance(p, (CallerSaid, TraineeSaid)):
            speaker = "caller" if isinstance(p, CallerSaid) else "trainee"
            rows.append(
                {
                    "speaker": speaker,
                    "text": p.text,
                    "t": e.t - answered,
                    "you": False,
                    "audio_key": p.audio_key if isinstance(p, TraineeSaid) else None,
                    "entities": ents.get((speaker, p.line), []),
                    **_heard(p),
                }
            )
    return rows


__all__ = ["all_entities", "cad_state", "call_clock", "stored_transcript_rows", "transcript_rows"]
