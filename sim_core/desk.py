"""The call desk: every front end (the pages, the API) starts, finds and forgets live
calls here, with the same backends and the same ownership rule.

`CallRegistry` holds this process's live CallSession objects; a call that is not
in it is resumed from the live store (another process or replica started it).
Only the trainee who owns a call may find it.
"""
from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass
from typing import Any, Callable

from .scenario import Scenario
from .session import CallSession

log = logging.getLogger(__name__)


class CallRegistry:
    """Live CallSession objects of this process, keyed by call id (thread-safe)."""

    def __init__(self) -> None:
        self._calls: dict[str, Any] = {}
        self._lock = threading.Lock()

    def put(self, call: Any) -> None:
        with self._lock:
            self._calls[call.call_id] = call

    def get(self, call_id: str) -> Any | None:
        with self._lock:
            return self._calls.get(call_id)

    def drop(self, call_id: str) -> None:
        with self._lock:
            self._calls.pop(call_id, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._calls)


@dataclass
class CallDesk:
    """Builds and finds live calls with one set of backends (any of them may be None:
    the session then uses its defaults)."""

    registry: CallRegistry
    live_store: Any = None
    recorder: Any = None
    actor: Any = None
    analyzer: Callable[[str], Any] | None = None

    def _backends(self) -> dict[str, Any]:
        out: dict[str, Any] = {"actor": self.actor, "recorder": self.recorder,
                               "live_store": self.live_store}
        if self.analyzer is not None:
            out["analyzer"] = self.analyzer
        return out

    def start(self, scenario: Scenario, version_id: str | None, owner_id: str, *,
              mode: str = "text", record: bool = True, seed: int | None = None) -> CallSession:
        """Ring the phone: a new call owned by `owner_id`, registered in this process."""
        backends = self._backends()
        if not record:
            backends["recorder"] = None
        call = CallSession.start(
            scenario, trainee_id=owner_id, mode=mode, scenario_version_id=version_id,
            seed=random.randrange(1_000_000) if seed is None else seed, **backends)
        self.registry.put(call)
        return call

    def find(self, call_id: str, owner_id: str) -> CallSession | None:
        """The live call with this id if `owner_id` owns it (from this process or the
        live store); None for an unknown or expired call, or someone else's."""
        if not call_id:
            return None
        call = self.registry.get(call_id)
        if call is None or self._newer_elsewhere(call):
            call = self._resume(call_id)
            if call is None:
                return None
        if str(call.trainee_id) != str(owner_id):
            return None
        return call

    def _newer_elsewhere(self, call: CallSession) -> bool:
        """True when another process moved this call on since this one last held it
        (the client reconnected elsewhere, then came back): its timeline in the live
        store is longer than ours."""
        if self.live_store is None:
            return False
        try:
            state = self.live_store.load(call.call_id)
        except Exception:  # noqa: BLE001 - live store down: keep what we have
            return False
        return bool(state) and len(state.get("timeline") or ()) > len(call.timeline)

    def _resume(self, call_id: str) -> CallSession | None:
        if self.live_store is None:
            return None
        try:
            state = self.live_store.load(call_id)
        except Exception:  # noqa: BLE001 - live store down: cannot resume
            log.exception("live store load failed")
            return None
        if not state:
            return None
        call = CallSession.from_state(state, **self._backends())
        self.registry.put(call)
        return call

    def forget(self, call_id: str) -> None:
        """Drop an ended call from this process (its live state expires on its own)."""
        self.registry.drop(call_id)


__all__ = ["CallDesk", "CallRegistry"]
