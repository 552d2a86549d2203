"""What a live call looks like to whoever shows it (the call page, the API): its
transcript rows with their entities, the extracted entities, the CAD entries and
the call clock. Read-only views of a CallSession's timeline."""
from __future__ import annotations

from typing import Any

from .caller.interpreter import caller_lines, needs_interpreter
from .session import CallSession
from .timeline import EventType


def _heard(data: dict[str, Any]) -> dict[str, Any]:
    """How sure the recogniser was of a spoken line: its calibrated confidence and the
    words it was unsure of (nothing for a typed line)."""
    out: dict[str, Any] = {}
    if isinstance(data.get("confidence"), (int, float)):
        out["confidence"] = float(data["confidence"])
    unsure = data.get("unsure_words")
    if isinstance(unsure, list) and unsure:
        out["unsure_words"] = [str(w) for w in unsure]
    return out


def transcript_rows(call: CallSession) -> list[dict[str, Any]]:
    """Transcript lines (t from answer) with their entities, in call order."""
    answered = call.answered_at or 0.0
    ents: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for e in call.timeline.of(EventType.ENTITY_FOUND):
        ents.setdefault((e.data.get("speaker", ""), int(e.data.get("line", -1))), []).append(e.data)
    joined = next((c.t for c in call.timeline.of(EventType.CONTROL)
                   if c.data.get("action") == "interpreter"), None) \
        if needs_interpreter(call.scenario) else None
    rows = []
    for speaker, e in call.timeline.said():
        line = int(e.data.get("line", -1))
        row = {"speaker": speaker, "text": e.data.get("text", ""),
               "t": round(e.t - answered, 1), "emotion": e.data.get("emotion"),
               "entities": ents.get((speaker, line), []), **_heard(e.data)}
        if speaker == "caller" and joined is not None and e.t >= joined:
            # what the interpreter told the call-taker (the caller spoke her own language)
            row["in_own_language"], row["interpreted"] = caller_lines(call.scenario, row["text"])
        rows.append(row)
    return rows


def all_entities(call: CallSession) -> list[dict[str, Any]]:
    return [dict(e.data, t=e.t) for e in call.timeline.of(EventType.ENTITY_FOUND)]


def cad_state(call: CallSession) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for e in call.timeline.of(EventType.CAD_UPDATED):
        out.update(e.data.get("fields", {}))
    return out


def call_clock(call: CallSession) -> float:
    """Seconds since the phone started ringing (frozen once the call has ended)."""
    if call.status == "ended":
        return call.timeline.last_t
    return call.now()


def stored_transcript_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same rows from a stored call's events ({type, t, data} dicts, in call order)."""
    ents: dict[tuple[str, int], list[dict[str, Any]]] = {}
    answered = next((e["t"] for e in events if e["type"] == "call_answered"), 0.0)
    for e in events:
        d = e["data"]
        if e["type"] == "entity_found":
            ents.setdefault((d.get("speaker", ""), int(d.get("line", -1))), []).append(d)
    rows = []
    for e in events:
        if e["type"] in ("caller_said", "trainee_said"):
            d = e["data"]
            speaker = "caller" if e["type"] == "caller_said" else "trainee"
            rows.append({"speaker": speaker, "text": d.get("text", ""), "t": e["t"] - answered,
                         "you": False, "audio_key": d.get("audio_key"),
                         "entities": ents.get((speaker, int(d.get("line", -1))), []), **_heard(d)})
    return rows


__all__ = ["all_entities", "cad_state", "call_clock", "stored_transcript_rows", "transcript_rows"]
