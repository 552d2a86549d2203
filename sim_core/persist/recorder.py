"""The call recorder: how a live call hands everything it produces to storage.

`sim_core.session.CallSession` calls `record` for every timeline event as it
happens; the recorder turns them into rows (transcript lines, entities, call
times). The database-backed one lives with the database (`db.recorder`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from sim_core.events import Payload
from sim_core.live.store import redis_client as make_redis_client
from sim_core.timeline import Event

from .outbox import FileOutbox, RedisOutbox, SpooledOutbox

if TYPE_CHECKING:
    from sim_core.settings import Settings


@runtime_checkable
class CallRecorder(Protocol):
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


def build_outbox(settings: Settings, *, redis_client: Any = None, key: str = "sim:outbox", folder: str = "outbox"):
    """The spool folder DATA_DIR/`folder`, plus a copy in a Redis list (for the other
    replicas) when REDIS_URL is set."""
    spool = FileOutbox(Path(settings.data_dir) / folder)
    if not settings.redis_url and redis_client is None:
        return spool
    if redis_client is None:
        redis_client = make_redis_client(settings.redis_url)
    return SpooledOutbox(spool, RedisOutbox(redis_client, key))


__all__ = ["CallRecorder", "NullRecorder", "build_outbox"]
