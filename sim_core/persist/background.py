"""A call recorder that never makes a turn wait for the database.

`BackgroundRecorder` hands every write (start, event, finish, usage, recording)
to one worker thread that applies them in the order they were made, through the
wrapped recorder (which still parks them in its outbox while the database is
down). A front end calls `wait_idle` where it promises the data is stored, e.g.
before showing the score, so a finished call is in the database when it says so.
If the process dies, writes still queued in memory are lost; the call's live
state (live store) is unaffected.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from typing import Any

log = logging.getLogger(__name__)


class BackgroundRecorder:
    def __init__(self, inner: Any, *, max_queue: int = 10_000) -> None:
        self.inner = inner
        self._queue: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue(maxsize=max_queue)
        self._unfinished = 0
        self._idle = threading.Condition()
        self._worker = threading.Thread(target=self._run, daemon=True, name="call-recorder")
        self._worker.start()

    # --- the CallRecorder protocol: queue, return at once ----------------------------
    def call_started(self, **kwargs: Any) -> None:
        self._put("call_started", kwargs)

    def record(self, **kwargs: Any) -> None:
        self._put("record", kwargs)

    def call_finished(self, **kwargs: Any) -> None:
        self._put("call_finished", kwargs)

    def usage(self, **kwargs: Any) -> None:
        self._put("usage", kwargs)

    def recording(self, **kwargs: Any) -> None:
        self._put("recording", kwargs)

    # --- state -------------------------------------------------------------------------
    @property
    def queued(self) -> int:
        """Writes handed over but not yet applied."""
        with self._idle:
            return self._unfinished

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Block until every write queued so far is applied (True) or timeout_s passed."""
        deadline = time.monotonic() + timeout_s
        with self._idle:
            while self._unfinished:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def __getattr__(self, name: str) -> Any:   # pending, degraded, flush, sender… of the inner
        return getattr(self.inner, name)

    # --- internals ---------------------------------------------------------------------
    def _put(self, method: str, kwargs: dict[str, Any]) -> None:
        with self._idle:
            self._unfinished += 1
        self._queue.put((method, kwargs))      # blocks only when max_queue writes wait

    def _run(self) -> None:
        while True:
            method, kwargs = self._queue.get()
            try:
                getattr(self.inner, method)(**kwargs)
            except Exception:  # noqa: BLE001 - one failed write must not stop the others
                log.exception("recorder %s failed for call %s", method, kwargs.get("call_id"))
            finally:
                with self._idle:
                    self._unfinished -= 1
                    if not self._unfinished:
                        self._idle.notify_all()


__all__ = ["BackgroundRecorder"]
