"""Call lifecycle for the pages: the scenario list, starting a call, finding a
call to resume (only its owner may), and the call's transcript as rows.

Thin glue around sim_core.CallSession; no scoring or caller logic here.
"""

from __future__ import annotations

import logging
import random
from typing import Any

import streamlit as st

from db.engine import session_scope
from db.scenarios import get_active_version, list_scenarios
from db.signed_in import SignedInUser
from sim_core.call_view import all_entities, cad_state, call_clock, transcript_rows  # noqa: F401
from sim_core.scenario import Scenario, ScenarioError, ScenarioLibrary, parse_scenario, parse_scenario_yaml
from sim_core.session import CallSession

from . import services

log = logging.getLogger(__name__)


@st.cache_data(ttl=60, show_spinner=False)
def scenario_catalog() -> list[dict[str, Any]]:
    """Active scenarios (latest published version) from the database; the scenarios
    folder only when there is no database (an empty list when every scenario is
    deactivated or unpublished). Rows: {scenario (json), version_id}."""
    eng = services.engine()
    rows: list[dict[str, Any]] = []
    if eng is not None:
        with session_scope(eng) as s:
            for row in list_scenarios(s, include_inactive=False, published_only=True):
                v = get_active_version(s, slug=row["slug"])
                if v is None:
                    continue
                try:
                    sc = parse_scenario_yaml(v.yaml_text, f"{row['slug']} v{v.version}")
                except ScenarioError as exc:
                    log.warning("skipping %s", exc)
                    continue
                rows.append({"scenario": sc.model_dump(mode="json"), "version_id": str(v.id), "version": v.version})
    if eng is None:
        for sc in ScenarioLibrary(services.settings().scenarios_dir):
            rows.append({"scenario": sc.model_dump(mode="json"), "version_id": None, "version": 0})
    return rows


def scenarios() -> list[tuple[Scenario, str | None]]:
    return [(parse_scenario(r["scenario"]), r["version_id"]) for r in scenario_catalog()]


def pick_surprise(options: list[tuple[Scenario, str | None]], seed: int | None = None):
    return random.Random(seed).choice(options) if options else None


def new_call(
    scenario: Scenario, version_id: str | None, user: SignedInUser, mode: str = "text", record: bool = True
) -> CallSession:
    """Ring the phone: a new CallSession owned by `user`, registered in this process."""
    return services.desk().start(scenario, version_id, user.id, mode=mode, record=record)


def find_call(call_id: str, user: SignedInUser) -> CallSession | None:
    """The live call with this id if it belongs to `user` (from this process or the
    live store); None for an unknown call or someone else's."""
    return services.desk().find(call_id, user.id)


def heartbeat(call: CallSession) -> None:
    """An open call page says the trainee is still there (the call clock ends calls
    nobody is on as abandoned, and keeps in memory the calls a page here shows)."""
    services.desk().heartbeat(call.call_id)


def tick_unless_busy(call: CallSession) -> bool:
    """Let time pass in the call (timed events, silence) unless another thread holds it
    right now: a live-voice turn being heard and answered, or the server's call clock.
    The page never waits for a call: a page run that waits holds up every later run of
    that browser tab, so the timer and the transcript would stand still until the turns
    queued behind the lock were done. The skipped tick is not lost: the call clock and
    the next second's run tick again. False when skipped."""
    if not call.lock.acquire(blocking=False):
        return False
    try:
        call.tick()
    finally:
        call.lock.release()
    return True


def ring_time(call: CallSession) -> float | None:
    """How long the phone rang before it was answered (None while it still rings)."""
    return call.answered_at


def talk_clock(call: CallSession) -> float:
    """Seconds since the call was answered: the one clock every time on screen uses."""
    return max(call_clock(call) - (call.answered_at or 0.0), 0.0)
