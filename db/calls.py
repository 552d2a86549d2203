"""Call write functions: start, one timeline event (plus its transcript line or entity),
finish with metrics, LLM usage, recording key, comments.

Every row id is chosen by the caller, so replaying a write from the outbox is
idempotent: a row that already exists is detected and skipped.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, overload

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from sim_core.call_status import CallMode
from sim_core.events import CallAnswered, CallEnded, CallerSaid, EntityFound, TraineeSaid
from sim_core.timeline import Event

from .models import (
    CallComment,
    CallRecordStatus,
    CallSession,
    ExtractedEntity,
    PerformanceMetrics,
    ScenarioVersion,
    TimelineEvent,
    TranscriptLine,
    User,
    table,
)

_NS = uuid.UUID("6f1c1b8e-4d0a-4f7e-9a51-0c2f3e9d1a77")
ABANDONED = CallRecordStatus.ABANDONED  # nobody was on the call: ended by the server's clock
KEY_METRICS = ("time_to_address", "time_to_arrest_recognition", "time_to_first_compression", "time_to_dispatch")


def call_uuid(call_id: uuid.UUID | str) -> uuid.UUID:
    """The UUID key of a call id: a UUID string as is, any other id mapped stably (uuid5)."""
    if isinstance(call_id, uuid.UUID):
        return call_id
    try:
        return uuid.UUID(str(call_id))
    except ValueError:
        return uuid.uuid5(_NS, str(call_id))


def _opt_uuid(value: Any) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


@overload
def _utc(value: datetime | str) -> datetime: ...
@overload
def _utc(value: None) -> None: ...
@overload
def _utc(value: datetime | str | None) -> datetime | None: ...
def _utc(value: datetime | str | None) -> datetime | None:
    """A stored or given moment as an aware UTC datetime (ISO text is parsed)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def start_call(
    session: Session,
    *,
    call_id: uuid.UUID | str,
    trainee_id: Any,
    scenario_slug: str,
    scenario_version_id: Any,
    mode: str,
    started_at: datetime | str,
) -> uuid.UUID:
    """Create the call row (no-op if it exists). Unknown trainee/version ids become NULL."""
    cid = call_uuid(call_id)
    existing = session.get(CallSession, cid)
    if existing is not None and (existing.scenario_slug != "unknown" or scenario_slug == "unknown"):
        return cid
    trainee = _opt_uuid(trainee_id)
    if trainee is not None and session.get(User, trainee) is None:
        trainee = None
    version = _opt_uuid(scenario_version_id)
    if version is not None and session.get(ScenarioVersion, version) is None:
        version = None
    fields: dict[str, Any] = {
        "trainee_id": trainee,
        "scenario_slug": scenario_slug[:64],
        "scenario_version_id": version,
        "mode": mode if mode in tuple(CallMode) else CallMode.TEXT,
        "started_at": _utc(started_at),
    }
    if existing is not None:  # a placeholder made by writes that arrived before the start
        for key, value in fields.items():
            setattr(existing, key, value)
        session.add(existing)
    else:
        session.add(CallSession(id=cid, **fields))
    session.flush()
    return cid


def ensure_call(session: Session, *, call_id: uuid.UUID | str, at: datetime | str) -> None:
    """Make sure a call row exists (a placeholder when its start was never recorded)."""
    start_call(
        session,
        call_id=call_id,
        trainee_id=None,
        scenario_slug="unknown",
        scenario_version_id=None,
        mode="text",
        started_at=at,
    )


def event_exists(session: Session, *, event_row_id: uuid.UUID | str) -> bool:
    return session.get(TimelineEvent, _opt_uuid(event_row_id)) is not None


def line_taken(session: Session, *, call_id: uuid.UUID | str, idx: int) -> bool:
    """A transcript line is already stored at this place in the call."""
    lines = table(TranscriptLine)
    found = session.execute(
        sa.select(lines.c.id).where(lines.c.call_id == call_uuid(call_id), lines.c.idx == int(idx)).limit(1)
    ).first()
    return found is not None


def record_event(
    session: Session | Connection,
    *,
    call_id: uuid.UUID | str,
    event: dict[str, Any],
    seq: int,
    at: datetime | str,
    row_id: uuid.UUID | str,
    line_index: int | None = None,
) -> None:
    """Write one timeline event and what it implies (transcript line, entity, call times).

    `event` is `Event.to_dict()`; `row_id` keys the timeline row and derives the
    ids of the rows written with it; `line_index` numbers transcript lines.
    Takes a Session or, on the hot path, a plain Connection.
    """
    cid = call_uuid(call_id)
    rid = _opt_uuid(row_id) or uuid.uuid4()
    ev = Event.from_dict(event)
    p, t, kind = ev.payload, ev.t, ev.type.value
    when = _utc(at)
    rows: list[tuple[sa.Table, dict[str, Any]]] = [
        (
            table(TimelineEvent),
            {
                "id": rid,
                "call_id": cid,
                "seq": seq,
                "type": kind,
                "offset_s": t,
                "payload": dict(event.get("data") or {}),
            },
        )
    ]
    if isinstance(p, (CallerSaid, TraineeSaid)):
        rows.append(
            (
                table(TranscriptLine),
                {
                    "id": uuid.uuid5(rid, "line"),
                    "call_id": cid,
                    "idx": int(line_index or 0),
                    "seq": seq,
                    "speaker": "caller" if isinstance(p, CallerSaid) else "trainee",
                    "text": p.text,
                    "offset_s": t,
                    "actor": _short(p.actor, 32) if isinstance(p, CallerSaid) else None,
                    "audio_key": _short(p.audio_key, 512) if isinstance(p, TraineeSaid) else None,
                    "stt_confidence": p.confidence if isinstance(p, TraineeSaid) else None,
                },
            )
        )
    elif isinstance(p, EntityFound):
        rows.append(
            (
                table(ExtractedEntity),
                {
                    "id": uuid.uuid5(rid, "entity"),
                    "call_id": cid,
                    "seq": seq,
                    "label": p.label[:32],
                    "text": p.text,
                    "span_start": p.start,
                    "span_end": p.end,
                    "confidence": p.confidence,
                    "line_index": p.line,
                },
            )
        )
    for target, values in rows:
        session.execute(_INSERT[target.name], values)  # cached statement, bound parameters
    calls = table(CallSession)
    if isinstance(p, CallAnswered):
        session.execute(
            sa.update(calls).where(calls.c.id == cid, calls.c.answered_at.is_(None)).values(answered_at=when)
        )
    elif isinstance(p, CallEnded):
        status = (
            ABANDONED
            if p.reason == ABANDONED
            else sa.case(
                (calls.c.status.in_((CallRecordStatus.SCORED, ABANDONED)), calls.c.status), else_=CallRecordStatus.ENDED
            )
        )
        session.execute(
            sa.update(calls)
            .where(calls.c.id == cid)
            .values(ended_at=when, end_reason=_short(p.reason, 64), status=status)
        )


_INSERT = {t.name: sa.insert(t) for t in (table(TimelineEvent), table(TranscriptLine), table(ExtractedEntity))}


def finish_call(
    session: Session, *, call_id: uuid.UUID | str, result: dict[str, Any], at: datetime | str | None = None
) -> None:
    """Store the scoring result (replacing an earlier one) and mark the call scored, or
    `abandoned` (scored too) when nobody was on it at the end (result's `end_reason`)."""
    cid = call_uuid(call_id)
    metrics = dict(result.get("metrics") or {})
    values: dict[str, Any] = {
        "score": float(result.get("score") or 0.0),
        "grade": str(result.get("grade", ""))[:8],
        "metrics": metrics,
        "categories": dict(result.get("categories") or {}),
        "findings": list(result.get("findings") or []),
        "scorer_version": str(result.get("scorer_version", ""))[:32],
    }
    for name in KEY_METRICS:
        values[f"{name}_s"] = _float(metrics.get(name, metrics.get(f"{name}_s")))
    row = session.exec(select(PerformanceMetrics).where(col(PerformanceMetrics.call_id) == cid)).first()
    if row is None:
        session.add(PerformanceMetrics(call_id=cid, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
        session.add(row)
    calls = table(CallSession)
    status = (
        ABANDONED
        if result.get("end_reason") == ABANDONED
        else sa.case((calls.c.status == ABANDONED, ABANDONED), else_=CallRecordStatus.SCORED)
    )
    session.execute(
        sa.update(calls)
        .where(calls.c.id == cid)
        .values(status=status, ended_at=sa.func.coalesce(calls.c.ended_at, _utc(at) or _now()))
    )
    session.flush()


def add_usage(session: Session, *, call_id: uuid.UUID | str, tokens: int, cost: float | None) -> None:
    """Add one LLM use (tokens, cost) to the call's running totals."""
    calls = table(CallSession)
    values: dict[str, Any] = {"llm_tokens": calls.c.llm_tokens + int(tokens)}
    if cost is not None:
        values["llm_cost"] = sa.func.coalesce(calls.c.llm_cost, 0.0) + float(cost)
    session.execute(sa.update(calls).where(calls.c.id == call_uuid(call_id)).values(**values))


def set_recording_key(session: Session, *, call_id: uuid.UUID | str, key: str) -> None:
    calls = table(CallSession)
    session.execute(sa.update(calls).where(calls.c.id == call_uuid(call_id)).values(recording_key=key[:512]))


def add_comment(session: Session, *, call_id: uuid.UUID | str, author_id: Any, text: str) -> CallComment:
    """An instructor's comment saved with the call."""
    text = text.strip()
    if not text:
        raise ValueError("a comment needs text")
    cid = call_uuid(call_id)
    if session.get(CallSession, cid) is None:
        raise KeyError(f"unknown call {call_id}")
    comment = CallComment(call_id=cid, author_id=_opt_uuid(author_id), text=text)
    session.add(comment)
    session.flush()
    return comment


def delete_call(session: Session, *, call_id: uuid.UUID | str) -> bool:
    """Delete a call and (by cascade) everything it produced."""
    row = session.get(CallSession, call_uuid(call_id))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def _now() -> datetime:
    return datetime.now(UTC)


def _short(value: Any, n: int) -> str | None:
    return None if value is None else str(value)[:n]


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


__all__ = [
    "KEY_METRICS",
    "add_comment",
    "add_usage",
    "call_uuid",
    "delete_call",
    "ensure_call",
    "event_exists",
    "finish_call",
    "line_taken",
    "record_event",
    "set_recording_key",
    "start_call",
]
