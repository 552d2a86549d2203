"""Call lifecycle for the pages: the scenario list, starting a call, finding a
call to resume (only its owner may), and the call's transcript as rows.

Thin glue around sim_core.CallSession; no scoring or caller logic here.
"""
from __future__ import annotations

import logging
import random
import time
from typing import Any

import streamlit as st

from sim_core.scenario import Scenario, ScenarioError, parse_scenario, parse_scenario_yaml
from sim_core.session import CallSession
from sim_core.timeline import EventType

from . import services

log = logging.getLogger(__name__)


@st.cache_data(ttl=60, show_spinner=False)
def scenario_catalog() -> list[dict[str, Any]]:
    """Active scenarios (latest version) from the database; the scenarios folder
    when the database is unavailable. Rows: {scenario (json), version_id}."""
    eng = services.engine()
    rows: list[dict[str, Any]] = []
    if eng is not None:
        from db.engine import session_scope
        from db.scenarios import get_active_version, list_scenarios
        with session_scope(eng) as s:
            for row in list_scenarios(s, include_inactive=False):
                v = get_active_version(s, slug=row["slug"])
                if v is None:
                    continue
                try:
                    sc = parse_scenario_yaml(v.yaml_text, f"{row['slug']} v{v.version}")
                except ScenarioError as exc:
                    log.warning("skipping %s", exc)
                    continue
                rows.append({"scenario": sc.model_dump(mode="json"), "version_id": str(v.id),
                             "version": v.version})
    if not rows:
        from sim_core.scenario import ScenarioLibrary
        for sc in ScenarioLibrary(services.settings().scenarios_dir):
            rows.append({"scenario": sc.model_dump(mode="json"), "version_id": None, "version": 0})
    return rows


def scenarios() -> list[tuple[Scenario, str | None]]:
    return [(parse_scenario(r["scenario"]), r["version_id"]) for r in scenario_catalog()]


def pick_surprise(options: list[tuple[Scenario, str | None]], seed: int | None = None):
    return random.Random(seed).choice(options) if options else None


def new_call(scenario: Scenario, version_id: str | None, user: dict[str, Any],
             mode: str = "text", record: bool = True) -> CallSession:
    """Ring the phone: a new CallSession owned by `user`, registered in this process."""
    call = CallSession.start(
        scenario, trainee_id=user["id"], seed=random.randrange(1_000_000), mode=mode,
        actor=services.actor(), analyzer=services.analyzer(),
        recorder=services.recorder() if record else None, live_store=services.live_store(),
        scenario_version_id=version_id)
    services.registry().put(call)
    return call


def find_call(call_id: str, user: dict[str, Any]) -> CallSession | None:
    """The live call with this id if it belongs to `user` (from this process or the
    live store); None for an unknown call or someone else's."""
    if not call_id:
        return None
    call = services.registry().get(call_id)
    if call is not None:
        try:  # another server may have taken turns on it since: never trust this copy
            call.refresh()
        except Exception:  # noqa: BLE001 - live store down: go on with this copy
            log.exception("live store check failed")
    else:
        try:
            found = services.live_store().load_versioned(call_id)
        except Exception:  # noqa: BLE001 - live store down: cannot resume
            log.exception("live store load failed")
            found = None
        if not found:
            return None
        call = CallSession.from_state(found[0], version=found[1], actor=services.actor(),
                                      analyzer=services.analyzer(), recorder=services.recorder(),
                                      live_store=services.live_store())
        services.registry().put(call)
    if str(call.trainee_id) != str(user["id"]):
        return None
    return call


def heartbeat(call: CallSession) -> None:
    """An open call page says the trainee is still there (the call clock ends calls
    nobody is on as abandoned, and keeps in memory the calls a page here shows)."""
    services.registry().get(call.call_id)
    try:
        services.live_store().touch(call.call_id, time.time())
    except Exception:  # noqa: BLE001 - presence is best effort
        log.debug("presence not recorded", exc_info=True)


def transcript_rows(call: CallSession) -> list[dict[str, Any]]:
    """Transcript lines (t from answer) with their entities, in call order."""
    answered = call.answered_at or 0.0
    ents: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for e in call.timeline.of(EventType.ENTITY_FOUND):
        ents.setdefault((e.data.get("speaker", ""), int(e.data.get("line", -1))), []).append(e.data)
    rows = []
    for speaker, e in call.timeline.said():
        line = int(e.data.get("line", -1))
        rows.append({"speaker": speaker, "text": e.data.get("text", ""),
                     "t": round(e.t - answered, 1), "emotion": e.data.get("emotion"),
                     "entities": ents.get((speaker, line), [])})
    return rows


def all_entities(call: CallSession) -> list[dict[str, Any]]:
    return [dict(e.data, t=e.t) for e in call.timeline.of(EventType.ENTITY_FOUND)]


def cad_state(call: CallSession) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for e in call.timeline.of(EventType.CAD_UPDATED):
        out.update(e.data.get("fields", {}))
    return out


def call_clock(call: CallSession) -> float:
    """Seconds since the phone started ringing (frozen once the call has ended)."""
    if call.status == "ended":
        return call.timeline.last_t
    return call.now()
