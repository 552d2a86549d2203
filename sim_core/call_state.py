"""A live call's saved state: the snapshot it is kept as in the live store, and the
transaction every public operation of a call runs in.

Every public operation is one transaction on the live state: it first adopts a
newer version another process saved, then saves with that version
(compare-and-set) and only then hands its events to the recorder. A save that
lost a race reloads and re-applies the operation, so two servers taking turns
on one call never fork it, and nothing is recorded twice.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from .call_status import CallInputError, CallMode, CallStatus
from .caller import Director, DirectorState
from .live.store import LiveStore, StaleState
from .scenario import Scenario, parse_scenario
from .timeline import Timeline

if TYPE_CHECKING:
    from .persist.recorder import CallRecorder
    from .scoring import ScoreResult

STALE_RETRIES = 3


class StaleCall(CallInputError):
    """Another server kept changing the call while this one tried to save it."""


def transaction(activity: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run a public operation as one live-state transaction (see the module doc); nested
    operations (an answer inside a first line, a hang-up inside a turn) join the outer one.
    `activity`: the trainee did something (the call clock's idle timer restarts)."""

    def wrap(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def run(self: LiveCallState, *args: Any, **kwargs: Any) -> Any:
            with self.lock:
                if self._depth:
                    return method(self, *args, **kwargs)
                for _ in range(STALE_RETRIES):
                    self.refresh()
                    self._depth += 1
                    try:
                        out = method(self, *args, **kwargs)
                    except BaseException:
                        self._rollback()
                        raise
                    finally:
                        self._depth -= 1
                    if self._commit(activity):
                        return out
                raise StaleCall("this call was changed on another server at the same moment; please try again")

        return run

    return wrap


class LiveCallState:
    """The saving side of a call (a base of CallSession): its snapshot, the version it was
    built from, and the recorder calls held back until the state is saved."""

    call_id: str
    trainee_id: str | None
    seed: int
    mode: CallMode
    scenario: Scenario
    scenario_version_id: str | None
    started_epoch: float
    status: CallStatus
    muted: bool
    held: bool
    end_reason: str
    director: Director
    timeline: Timeline
    result: ScoreResult | None
    recorder: CallRecorder | None
    live_store: LiveStore | None
    clock: Callable[[], float]

    if TYPE_CHECKING:  # provided by the CallSession

        def __init__(self, scenario: Scenario, **kwargs: Any) -> None: ...
        def _score(self) -> ScoreResult: ...

    def _init_state(self) -> None:
        self.lock = threading.RLock()
        self.version = 0  # the live-store version this copy was built from
        self._depth = 0  # > 0 inside an operation
        self._dirty = False  # the operation changed the state
        self._deferred: list[Callable[[], None]] = []  # recorder calls, after the save

    def _defer(self, record: Callable[..., None], **kwargs: Any) -> None:
        """Hand something to the recorder once the operation's state is saved."""
        self._deferred.append(functools.partial(record, **kwargs))

    # ------------------------------------------------------------ snapshot
    def to_state(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "trainee_id": self.trainee_id,
            "seed": self.seed,
            "mode": self.mode,
            "scenario": self.scenario.model_dump(mode="json"),
            "scenario_version_id": self.scenario_version_id,
            "started_epoch": self.started_epoch,
            "status": self.status,
            "muted": self.muted,
            "held": self.held,
            "end_reason": self.end_reason,
            "director": self.director.s.to_dict(),
            "timeline": self.timeline.to_list(),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], *, version: int = 0, **kwargs: Any) -> Self:
        """The call as saved; `version` is the live-store version `state` was loaded at."""
        scenario = parse_scenario(state["scenario"], f"live call {state['call_id']}")
        call = cls(
            scenario,
            call_id=state["call_id"],
            trainee_id=state.get("trainee_id"),
            seed=state["seed"],
            mode=state.get("mode", CallMode.TEXT),
            scenario_version_id=state.get("scenario_version_id"),
            **kwargs,
        )
        call._adopt(state, version)
        return call

    def _adopt(self, state: dict[str, Any], version: int) -> None:
        """Take over a saved state of this call (the scenario never changes mid-call)."""
        self.started_epoch = state["started_epoch"]
        self.status = CallStatus(state["status"])
        self.muted, self.held = state["muted"], state["held"]
        self.end_reason = state.get("end_reason", "")
        self.director = Director(self.scenario, seed=self.seed, state=DirectorState.from_dict(state["director"]))
        self.timeline = Timeline.from_list(state["timeline"])
        self.result = self._score() if self.status == CallStatus.ENDED else None
        self.version = version

    # ---------------------------------------------------------- transaction
    def refresh(self) -> bool:
        """Adopt a newer state another process saved; True when this copy changed."""
        with self.lock:
            if self.live_store is None or self._depth:
                return False
            if (self.live_store.version(self.call_id) or 0) <= self.version:
                return False
            found = self.live_store.load_versioned(self.call_id)
            if found is None or found[1] <= self.version:
                return False
            self._adopt(*found)
            return True

    def _save(self) -> None:
        """Mark the state changed; the operation saves it once, when it is done."""
        self._dirty = True

    def _commit(self, activity: bool) -> bool:
        """Save the changed state (compare-and-set), then record its events. False when
        another process saved first: this copy has adopted theirs and recorded nothing."""
        deferred, self._deferred = self._deferred, []
        dirty, self._dirty = self._dirty, False
        store = self.live_store
        if store is not None and dirty:
            try:
                self.version = store.save(self.call_id, self.to_state(), expected_version=self.version)
            except StaleState:
                found = store.load_versioned(self.call_id)
                if found is not None:
                    self._adopt(*found)
                return False
        for record in deferred:
            record()
        if store is not None:
            if self.status == CallStatus.ENDED:
                if dirty:
                    store.retire(self.call_id)
            elif activity:
                store.touch(self.call_id, self.clock())
        return True

    def _rollback(self) -> None:
        """An operation failed half-way: back to the last saved state, nothing recorded."""
        deferred, self._deferred = self._deferred, []
        dirty, self._dirty = self._dirty, False
        if self.live_store is None:  # nothing to go back to: keep and record what happened
            for record in deferred:
                record()
            return
        if deferred or dirty:
            found = self.live_store.load_versioned(self.call_id)
            if found is not None:
                self._adopt(*found)
