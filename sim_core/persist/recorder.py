"""The call recorder: how a live call hands everything it produces to storage.

`sim_core.session.CallSession` calls `record` for every timeline event as it
happens; the recorder turns them into rows (transcript lines, entities, call
times). `build_recorder(settings)` gives the database-backed one.
"""
from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from sim_core.events import Payload
from sim_core.timeline import Event

if TYPE_CHECKING:
    from sim_core.settings import Settings


@runtime_checkable
class CallRecorder(Protocol):
    def call_started(self, *, call_id: str, trainee_id: str | None, scenario_id: str,
                     scenario_version_id: str | None, mode: str,
                     started_at: datetime) -> None:
        """A call began (mode: text | push_to_talk | live_voice)."""

    def record(self, *, call_id: str, event: Event[Payload]) -> None:
        """One timeline event, as it happens."""

    def call_finished(self, *, call_id: str, result: dict[str, Any]) -> None:
        """The scoring result: score, grade, metrics, categories, findings, scorer_version."""

    def usage(self, *, call_id: str, tokens: int, cost: float | None) -> None:
        """LLM use to add to the call's totals."""

    def recording(self, *, call_id: str, key: str) -> None:
        """The object-store key of the call's stereo recording."""


class NullRecorder:
    """Records nothing (tests, demos without persistence)."""

    degraded = False
    pending = 0

    def call_started(self, *, call_id: str, trainee_id: str | None, scenario_id: str,
                     scenario_version_id: str | None, mode: str,
                     started_at: datetime) -> None:
        return None

    def record(self, *, call_id: str, event: Event[Payload]) -> None:
        return None

    def call_finished(self, *, call_id: str, result: dict[str, Any]) -> None:
        return None

    def usage(self, *, call_id: str, tokens: int, cost: float | None) -> None:
        return None

    def recording(self, *, call_id: str, key: str) -> None:
        return None

    def flush(self) -> int:
        return 0


def build_outbox(settings: "Settings", *, redis_client: Any = None, key: str = "sim:outbox",
                 folder: str = "outbox"):
    """The spool folder DATA_DIR/`folder`, plus a copy in a Redis list (for the other
    replicas) when REDIS_URL is set."""
    from .outbox import FileOutbox, RedisOutbox, SpooledOutbox

    spool = FileOutbox(Path(settings.data_dir) / folder)
    if not settings.redis_url and redis_client is None:
        return spool
    if redis_client is None:
        from sim_core.live.store import redis_client as make_client

        redis_client = make_client(settings.redis_url)
    return SpooledOutbox(spool, RedisOutbox(redis_client, key))


def build_recorder(settings: "Settings", *, enabled: bool = True) -> CallRecorder:
    """The database recorder for the configured DATABASE_URL (SQLite by default).

    One per configuration per process, so every page and call shares one outbox.
    """
    if not enabled:
        return NullRecorder()
    from db.engine import get_engine

    from .db_recorder import DbRecorder

    key = (settings.effective_database_url, settings.redis_url, str(settings.data_dir),
           settings.xapi_endpoint)
    with _LOCK:
        recorder = _RECORDERS.get(key)
        if recorder is None:
            recorder = DbRecorder(get_engine(settings), build_outbox(settings),
                                  dead_letter=Path(settings.data_dir) / "outbox-rejected")
            if settings.xapi_endpoint:   # finished calls also go to the LRS as learning records
                from .lrs import LearningRecordRecorder, build_lrs_sender
                recorder = LearningRecordRecorder(recorder, build_lrs_sender(settings))
            _RECORDERS[key] = recorder
        return recorder


_RECORDERS: dict[tuple[str, ...], Any] = {}
_LOCK = threading.Lock()


__all__ = ["CallRecorder", "NullRecorder", "build_outbox", "build_recorder"]
