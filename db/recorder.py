"""The database side of a live call: `DbRecorder` writes each event as it happens,
parks writes in an outbox while the database is unreachable and replays them, in
order, when it is back; `build_recorder` and `build_lrs_sender` build them from
Settings for the pages and the API.

Every operation carries its own row ids and a monotonic `seq`, so a replay is
idempotent and the stored order never depends on when a row was written.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sim_core.events import CallerSaid, Payload, TraineeSaid
from sim_core.persist import CallRecorder, NullRecorder, build_outbox
from sim_core.persist.lrs import LearningRecordRecorder, LrsSender
from sim_core.persist.outbox import FileOutbox, Outbox
from sim_core.settings import Settings
from sim_core.timeline import Event

from . import calls as dbcalls
from .engine import get_engine, is_connectivity_error, session_scope
from .learning_records import statement_for_call

log = logging.getLogger(__name__)


class DuplicateLine(ValueError):
    """A second, different line for a place in a transcript that is already written."""


class _Seq:
    """Monotonic nanosecond stamps, unique within the process and ordered across restarts."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            self._last = max(self._last + 1, time.time_ns())
            return self._last


class DbRecorder:
    def __init__(
        self,
        engine: Engine,
        outbox: Outbox,
        *,
        retry_s: float = 1.0,
        dead_letter: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.outbox = outbox
        self.retry_s = retry_s
        self._clock = clock
        self._seq = _Seq()
        self._lock = threading.RLock()
        self._backlog = len(self.outbox) > 0
        self._next_try = 0.0
        self._dead = dead_letter

    # --- the CallRecorder protocol -------------------------------------------------
    def call_started(
        self,
        *,
        call_id: str,
        trainee_id: str | None,
        scenario_id: str,
        scenario_version_id: str | None,
        mode: str,
        started_at: datetime,
    ) -> None:
        self._submit(
            {
                "op": "start",
                "call_id": call_id,
                "trainee_id": trainee_id,
                "scenario_slug": scenario_id,
                "scenario_version_id": scenario_version_id,
                "mode": mode,
                "started_at": _iso(started_at),
            }
        )

    def record(self, *, call_id: str, event: Event[Payload]) -> None:
        # a spoken line's place in the whole transcript comes from the session (`idx`)
        p = event.payload
        line_index = p.idx if isinstance(p, (CallerSaid, TraineeSaid)) else None
        self._submit(
            {
                "op": "event",
                "call_id": call_id,
                "event": event.to_dict(),
                "row_id": str(uuid.uuid4()),
                "line_index": line_index,
                "at": _iso(datetime.now(UTC)),
            }
        )

    def call_finished(self, *, call_id: str, result: dict[str, Any]) -> None:
        self._submit({"op": "finish", "call_id": call_id, "result": result, "at": _iso(datetime.now(UTC))})

    def usage(self, *, call_id: str, tokens: int, cost: float | None) -> None:
        self._submit({"op": "usage", "call_id": call_id, "tokens": int(tokens), "cost": cost})

    def recording(self, *, call_id: str, key: str) -> None:
        """Remember where the call's recording is stored."""
        self._submit({"op": "recording", "call_id": call_id, "key": key})

    # --- state ---------------------------------------------------------------------
    @property
    def pending(self) -> int:
        """Operations waiting in the outbox."""
        return len(self.outbox)

    @property
    def degraded(self) -> bool:
        """True while writes are parked because the database is unreachable."""
        return self._backlog

    def flush(self) -> int:
        """Replay the outbox oldest first; stops at the first connectivity error.

        Returns how many operations were applied now.
        """
        done = 0
        with self._lock:
            while True:
                op = self.outbox.peek()
                if op is None:
                    self._backlog = False
                    if done:
                        log.warning("database reachable again: %d queued writes flushed", done)
                    return done
                try:
                    self._apply(op)
                except Exception as exc:
                    if is_connectivity_error(exc):
                        self._next_try = self._clock() + self.retry_s
                        return done
                    self._dead_letter(op, exc)
                self.outbox.remove(op)
                done += 1

    # --- internals -----------------------------------------------------------------
    def _submit(self, op: dict[str, Any]) -> None:
        op["id"] = str(uuid.uuid4())
        op["seq"] = self._seq.next()
        if not self._backlog:
            try:
                self._apply(op)
                return
            except Exception as exc:
                if not is_connectivity_error(exc):
                    self._dead_letter(op, exc)
                    return
                with self._lock:
                    self._park(op, exc)
                return
        with self._lock:
            if self._backlog and self._clock() >= self._next_try:
                self.flush()
            if self._backlog:
                self.outbox.push(op)
                return
        self._submit_direct(op)

    def _submit_direct(self, op: dict[str, Any]) -> None:
        try:
            self._apply(op)
        except Exception as exc:
            if not is_connectivity_error(exc):
                self._dead_letter(op, exc)
                return
            with self._lock:
                self._park(op, exc)

    def _park(self, op: dict[str, Any], exc: BaseException) -> None:
        if not self._backlog:
            log.warning(
                "database unreachable, writes go to the outbox until it is back: %s",
                str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__,
            )
        self._backlog = True
        self._next_try = self._clock() + self.retry_s
        self.outbox.push(op)

    def _apply(self, op: dict[str, Any]) -> None:
        kind, call_id = op["op"], op["call_id"]
        if kind == "event":
            try:
                self._write_event(op)
            except sa.exc.IntegrityError as exc:
                with session_scope(self.engine) as session:
                    if dbcalls.event_exists(session, event_row_id=op["row_id"]):
                        return  # replayed: already written
                    idx = op.get("line_index")
                    if idx is not None and dbcalls.line_taken(session, call_id=call_id, idx=idx):
                        raise DuplicateLine(
                            f"line {idx} of call {call_id} is already stored "
                            "(written by another server); not stored twice"
                        ) from exc
                    dbcalls.ensure_call(session, call_id=call_id, at=op["at"])
                self._write_event(op)
            return
        with session_scope(self.engine) as session:
            if kind == "start":
                dbcalls.start_call(
                    session,
                    call_id=call_id,
                    trainee_id=op["trainee_id"],
                    scenario_slug=op["scenario_slug"],
                    scenario_version_id=op["scenario_version_id"],
                    mode=op["mode"],
                    started_at=op["started_at"],
                )
            elif kind == "finish":
                dbcalls.ensure_call(session, call_id=call_id, at=op["at"])
                dbcalls.finish_call(session, call_id=call_id, result=op["result"], at=op["at"])
            elif kind == "usage":
                dbcalls.add_usage(session, call_id=call_id, tokens=op["tokens"], cost=op["cost"])
            elif kind == "recording":
                dbcalls.set_recording_key(session, call_id=call_id, key=op["key"])
            else:
                raise ValueError(f"unknown outbox operation {kind!r}")

    def _write_event(self, op: dict[str, Any]) -> None:
        with self.engine.begin() as conn:  # the hot path: one short transaction, no ORM
            dbcalls.record_event(
                conn,
                call_id=op["call_id"],
                event=op["event"],
                seq=op["seq"],
                at=op["at"],
                row_id=op["row_id"],
                line_index=op["line_index"],
            )

    def _dead_letter(self, op: dict[str, Any], exc: BaseException) -> None:
        log.error(
            "write %s for call %s rejected by the database and set aside: %s", op.get("op"), op.get("call_id"), exc
        )
        if self._dead is not None:
            FileOutbox(self._dead).push(op)


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def build_recorder(settings: Settings, *, enabled: bool = True) -> CallRecorder:
    """The database recorder for the configured DATABASE_URL (SQLite by default).

    One per configuration per process, so every page and call shares one outbox.
    """
    if not enabled:
        return NullRecorder()
    key = (settings.effective_database_url, settings.redis_url, str(settings.data_dir), settings.xapi_endpoint)
    with _LOCK:
        recorder = _RECORDERS.get(key)
        if recorder is None:
            recorder = DbRecorder(
                get_engine(settings), build_outbox(settings), dead_letter=Path(settings.data_dir) / "outbox-rejected"
            )
            if settings.xapi_endpoint:  # finished calls also go to the LRS as learning records
                recorder = LearningRecordRecorder(recorder, build_lrs_sender(settings))
            _RECORDERS[key] = recorder
        return recorder


_RECORDERS: dict[tuple[str, ...], Any] = {}
_LOCK = threading.Lock()


def build_lrs_sender(settings: Settings, engine: Engine | None = None) -> LrsSender:
    """The sender for XAPI_ENDPOINT, reading statements from the configured database."""
    eng = engine or get_engine(settings)

    def statement_for(call_id: str) -> dict[str, Any] | None:
        with session_scope(eng) as s:
            return statement_for_call(s, call_id=call_id, activity_base=settings.xapi_activity_base)

    sender = LrsSender(
        settings,
        statement_for,
        build_outbox(settings, key="sim:xapi-outbox", folder="xapi-outbox"),
        dead_letter=Path(settings.data_dir) / "xapi-rejected",
    )
    if sender.pending:  # records queued before a restart go out now
        sender._kick()
    return sender


__all__ = ["DbRecorder", "DuplicateLine", "build_lrs_sender", "build_recorder"]
