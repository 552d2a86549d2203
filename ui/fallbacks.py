"""Embedded stand-in used when the shared recorder (sim_core.persist) cannot be built.

`ThreadRecorder` writes a call's timeline to the database on one background thread, in order,
retrying while the database is down, so a turn never waits on a write.
No streamlit here: these are plain objects the services module builds.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from datetime import datetime, timezone
from typing import Any

log = logging.getLogger(__name__)


class ThreadRecorder:
    """The recorder interface CallSession calls (call_started / record / usage /
    call_finished), written to the database by one worker thread."""

    name = "thread-recorder"

    def __init__(self, engine: Any, retry_s: float = 2.0) -> None:
        self.engine = engine
        self.retry_s = retry_s
        self._q: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self._seq: dict[str, int] = {}
        self._lines: dict[str, int] = {}
        self._lock = threading.Lock()
        self.last_error = ""
        self._idle = threading.Event()
        self._idle.set()
        threading.Thread(target=self._work, name="call-recorder", daemon=True).start()

    # ---- the interface CallSession uses
    def call_started(self, **kw: Any) -> None:
        self._put("start", kw)

    def record(self, *, call_id: str, event: Any) -> None:
        ev = event.to_dict() if hasattr(event, "to_dict") else dict(event)
        with self._lock:
            seq = self._seq.get(call_id, 0)
            self._seq[call_id] = seq + 1
            line = None
            if ev["type"] in ("caller_said", "trainee_said"):
                line = self._lines.get(call_id, 0)
                self._lines[call_id] = line + 1
        self._put("event", {"call_id": call_id, "event": ev, "seq": seq, "line_index": line,
                            "at": datetime.now(timezone.utc), "row_id": uuid.uuid4()})

    def usage(self, *, call_id: str, tokens: int, cost: float | None) -> None:
        self._put("usage", {"call_id": call_id, "tokens": tokens, "cost": cost})

    def call_finished(self, *, call_id: str, result: dict[str, Any]) -> None:
        self._put("finish", {"call_id": call_id, "result": result})

    def resume(self, call_id: str, events: int, lines: int) -> None:
        """Continue numbering for a call resumed from the live store."""
        with self._lock:
            self._seq.setdefault(call_id, events)
            self._lines.setdefault(call_id, lines)

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Wait until every queued write is done (tests, debrief)."""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            if self._q.unfinished_tasks == 0:
                return True
            time.sleep(0.01)
        return False

    @property
    def pending(self) -> int:
        return self._q.unfinished_tasks

    # ---- worker
    def _put(self, kind: str, payload: dict[str, Any]) -> None:
        self._q.put((kind, payload))

    def _work(self) -> None:
        from db import calls as dbc
        from db.engine import session_scope
        while True:
            kind, p = self._q.get()
            while True:
                try:
                    with session_scope(self.engine) as s:
                        if kind == "start":
                            dbc.start_call(s, call_id=p["call_id"], trainee_id=p.get("trainee_id"),
                                           scenario_slug=p["scenario_id"],
                                           scenario_version_id=p.get("scenario_version_id"),
                                           mode=p.get("mode", "text"), started_at=p["started_at"])
                        elif kind == "event":
                            if not dbc.event_exists(s, event_row_id=p["row_id"]):
                                dbc.ensure_call(s, call_id=p["call_id"], at=p["at"])
                                dbc.record_event(s, **p)
                        elif kind == "usage":
                            dbc.add_usage(s, **p)
                        elif kind == "finish":
                            dbc.finish_call(s, call_id=p["call_id"], result=p["result"])
                    self.last_error = ""
                    break
                except Exception as exc:  # noqa: BLE001 - keep the call alive, retry later
                    self.last_error = f"{exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}"
                    log.warning("recorder: %s failed (%s); retrying", kind, self.last_error)
                    time.sleep(self.retry_s)
            self._q.task_done()
