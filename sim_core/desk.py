"""The call desk: every front end (the pages, the API) starts, finds and keeps alive
live calls here, with the same backends and the same ownership rule.

The registry (sim_core.live) holds this process's live CallSession objects; a call
that is not in it is resumed from the live store (another process or replica
started it), and one that is in it first adopts whatever another process saved
since. Only the trainee who owns a call may find it.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .live.registry import CallRegistry
from .scenario import Scenario
from .session import CallSession

if TYPE_CHECKING:
    from .caller import Actor
    from .live.store import LiveStore
    from .nlp import Analysis
    from .persist.recorder import CallRecorder

log = logging.getLogger(__name__)


@dataclass
class CallDesk:
    """Builds and finds live calls with one set of backends (any of them may be None:
    the session then uses its defaults)."""

    registry: CallRegistry
    live_store: LiveStore | None = None
    recorder: CallRecorder | None = None
    actor: Actor | None = None
    analyzer: Callable[[str], Analysis] | None = None

    def backends(self) -> dict[str, Any]:
        """What a CallSession built here gets (also for the call clock's `resume`)."""
        out: dict[str, Any] = {"actor": self.actor, "recorder": self.recorder, "live_store": self.live_store}
        if self.analyzer is not None:
            out["analyzer"] = self.analyzer
        return out

    def start(
        self,
        scenario: Scenario,
        version_id: str | None,
        owner_id: str,
        *,
        mode: str = "text",
        record: bool = True,
        seed: int | None = None,
    ) -> CallSession:
        """Ring the phone: a new call owned by `owner_id`, registered in this process."""
        backends = self.backends()
        if not record:
            backends["recorder"] = None
        call = CallSession.start(
            scenario,
            trainee_id=owner_id,
            mode=mode,
            scenario_version_id=version_id,
            seed=random.randrange(1_000_000) if seed is None else seed,
            **backends,
        )
        self.registry.put(call)
        return call

    def find(self, call_id: str, owner_id: str) -> CallSession | None:
        """The live call with this id if `owner_id` owns it (from this process, brought up
        to date, or from the live store); None for an unknown or expired call, or
        someone else's."""
        if not call_id:
            return None
        call = self.registry.get(call_id)
        if call is not None:
            # another server may have taken turns on it since: never trust this copy; but
            # never wait for it either: a thread here holding it (a live-voice turn, the
            # call clock) is changing this very copy, which is then the newest there is
            if call.lock.acquire(blocking=False):
                try:
                    call.refresh()
                except Exception:
                    log.exception("live store check failed")
                finally:
                    call.lock.release()
        else:
            call = self.resume(call_id)
            if call is None:
                return None
            self.registry.put(call)
        if str(call.trainee_id) != str(owner_id):
            return None
        return call

    def resume(self, call_id: str) -> CallSession | None:
        """The call as the live store has it (None when absent, expired or unreachable)."""
        if self.live_store is None:
            return None
        try:
            found = self.live_store.load_versioned(call_id)
        except Exception:
            log.exception("live store load failed")
            return None
        if not found:
            return None
        return CallSession.from_state(found[0], version=found[1], **self.backends())

    def heartbeat(self, call_id: str) -> None:
        """Someone is on this call (an open page or socket): the call clock neither ends
        it as abandoned nor drops it from this process's memory."""
        self.registry.get(call_id)
        if self.live_store is None:
            return
        try:
            self.live_store.touch(call_id, time.time())
        except Exception:
            log.debug("presence not recorded", exc_info=True)

    def forget(self, call_id: str) -> None:
        """Drop an ended call from this process (its live state expires on its own)."""
        self.registry.drop(call_id)


__all__ = ["CallDesk", "CallRegistry"]
