"""Learning records to an LRS: every finished call's xAPI statement is queued and
sent to XAPI_ENDPOINT, in order, retried while the LRS (or the database the
statement is read from) is unreachable.

The queue is an outbox like the database writes' (a Redis list with the spool
folder as fallback, or the folder alone), so queued records survive a restart.
A statement is PUT with its own id, so a resend never makes a second record.
`LearningRecordRecorder` wraps the call recorder: a call that finishes queues
its record, whichever front end ran it.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from sim_core.xapi import XAPI_VERSION

from .outbox import FileOutbox, Outbox

if TYPE_CHECKING:
    from sim_core.settings import Settings

log = logging.getLogger(__name__)
GIVE_UP_S = 24 * 3600.0  # a call still unknown or unscored after a day is set aside


class LrsRejected(RuntimeError):
    """The LRS refused the statement itself (HTTP 400-class other than auth): resending
    the same statement cannot help."""


class Retry(RuntimeError):
    """Not now: the LRS or the database is unreachable, or the call is not scored yet."""


class LrsSender:
    def __init__(
        self,
        settings: Settings,
        statement_for: Callable[[str], dict[str, Any] | None],
        outbox: Outbox,
        *,
        dead_letter: Path | None = None,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.endpoint = settings.xapi_endpoint.rstrip("/")
        self.auth = (settings.xapi_username, settings.xapi_password) if settings.xapi_username else None
        self.retry_s = settings.xapi_retry_s
        self.statement_for = statement_for
        self.outbox = outbox
        self.dead = dead_letter
        self.client = client or httpx.Client(timeout=5.0)
        self.clock = clock
        self.last_error = ""
        self._lock = threading.Lock()
        self._seq_last = 0
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False

    # ------------------------------------------------------------- queueing
    def enqueue(self, call_id: str) -> None:
        with self._lock:
            self._seq_last = max(self._seq_last + 1, time.time_ns())
            seq = self._seq_last
        self.outbox.push(
            {"op": "xapi", "call_id": str(call_id), "id": str(uuid.uuid4()), "seq": seq, "queued_at": self.clock()}
        )
        self._kick()

    @property
    def pending(self) -> int:
        return len(self.outbox)

    # ------------------------------------------------------------- sending
    def flush(self) -> int:
        """Send queued statements oldest first; stop at the first that must wait.
        Returns how many left the queue now (sent or set aside)."""
        done = 0
        with self._lock:
            while (op := self.outbox.peek()) is not None:
                try:
                    self._send(op)
                except Retry as exc:
                    self.last_error = str(exc)
                    if self.clock() - float(op.get("queued_at", self.clock())) < GIVE_UP_S:
                        return done
                    self._set_aside(op, exc)
                except LrsRejected as exc:
                    self._set_aside(op, exc)
                self.outbox.remove(op)
                done += 1
            self.last_error = ""
        return done

    def _send(self, op: dict[str, Any]) -> None:
        try:
            statement = self.statement_for(op["call_id"])
        except LookupError as exc:  # not scored yet (its score may be queued)
            raise Retry(str(exc)) from None
        except Exception as exc:
            raise Retry(f"cannot read call {op['call_id']}: {exc.__class__.__name__}") from None
        if statement is None:
            raise Retry(f"call {op['call_id']} is not stored yet")
        try:
            resp = self.client.put(
                f"{self.endpoint}/statements",
                params={"statementId": statement["id"]},
                json=statement,
                auth=httpx.USE_CLIENT_DEFAULT if self.auth is None else self.auth,
                headers={"X-Experience-API-Version": XAPI_VERSION},
            )
        except httpx.HTTPError as exc:
            raise Retry(f"XAPI_ENDPOINT: cannot reach {self.endpoint} ({exc.__class__.__name__})") from None
        if resp.status_code < 300 or resp.status_code == 409:  # stored, or stored before
            return
        if resp.status_code in (401, 403):
            raise Retry(f"XAPI_USERNAME/XAPI_PASSWORD: rejected by {self.endpoint} (HTTP {resp.status_code})")
        if resp.status_code >= 500 or resp.status_code in (408, 429):
            raise Retry(f"XAPI_ENDPOINT: {self.endpoint} answered HTTP {resp.status_code}")
        raise LrsRejected(f"HTTP {resp.status_code}: {resp.text[:200]}")

    def _set_aside(self, op: dict[str, Any], exc: BaseException) -> None:
        log.error("learning record of call %s set aside: %s", op.get("call_id"), exc)
        if self.dead is not None:
            FileOutbox(self.dead).push(dict(op, error=str(exc), set_aside_at=datetime.now(UTC).isoformat()))

    # ------------------------------------------------------------- the worker
    def _kick(self) -> None:
        with self._lock:
            if self._closed:
                return
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True, name="xapi-sender")
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        """Send until the queue is empty, waiting XAPI_RETRY_S after each failed try."""
        while not self._closed:
            self._wake.clear()
            try:
                self.flush()
            except Exception:
                log.exception("learning-record flush failed")
            if not self.pending:
                return
            self._wake.wait(self.retry_s)

    def close(self) -> None:
        self._closed = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)


class LearningRecordRecorder:
    """A call recorder that also queues the learning record of every finished call."""

    def __init__(self, inner: Any, sender: LrsSender) -> None:
        self.inner = inner
        self.sender = sender

    def call_finished(self, *, call_id: str, result: dict[str, Any]) -> None:
        self.inner.call_finished(call_id=call_id, result=result)
        self.sender.enqueue(call_id)

    def __getattr__(self, name: str) -> Any:  # every other recorder method and property
        return getattr(self.inner, name)


__all__ = ["LearningRecordRecorder", "LrsRejected", "LrsSender"]
