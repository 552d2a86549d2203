"""Stored calls for the review and analytics pages: reads through db with the
trainee restriction applied, scenario truth for a call, CAD against truth, audio."""

from __future__ import annotations

from typing import Any

import streamlit as st

from db import calls as db_calls
from db import queries
from db.app_queries import latest_versions
from db.engine import session_scope
from db.learning_records import NotScored, statement_for_call
from db.models import Role
from db.scenarios import load_version
from db.signed_in import SignedInUser
from db.users import list_users
from sim_core.call_view import stored_transcript_rows
from sim_core.events import (
    ActDetected,
    CadUpdated,
    CallEnded,
    CallerAction,
    CallerSaid,
    Control,
    EmotionChanged,
    EntityFound,
    FactRevealed,
    ScenarioEventFired,
    TraineeSaid,
)
from sim_core.scenario import Scenario, ScenarioError, parse_scenario_yaml
from sim_core.scenario.placeholders import resolve
from sim_core.timeline import Event

from . import services
from .labels import NONE, human


def own_filter(user: SignedInUser) -> str | None:
    """The trainee id every query must be limited to (None: may see everyone's)."""
    return user.id if user.role == Role.TRAINEE else None


def list_calls(user: SignedInUser, trainee_id: str | None = None, **filters: Any) -> list[dict[str, Any]]:
    """Calls newest first; a trainee always gets only their own, whatever `trainee_id` says."""
    with session_scope(services.engine()) as s:
        return queries.list_calls(s, trainee_id=own_filter(user) or trainee_id, **filters)


def answered_offset(events: list[dict[str, Any]]) -> float:
    """Seconds from ring to answer in a stored call's timeline (0 when never answered)."""
    return next((e["t"] for e in events if e["type"] == "call_answered"), 0.0)


def get_call(user: SignedInUser, call_id: str) -> dict[str, Any] | None:
    """The call, or None when unknown or (for a trainee) not theirs."""
    try:
        with session_scope(services.engine()) as s:
            return queries.get_call(s, call_id=call_id, trainee_id=own_filter(user))
    except (ValueError, TypeError):
        return None


def learning_record(user: SignedInUser, call_id: str) -> dict[str, Any] | None:
    """The call's xAPI statement (None when unknown, not theirs, or not scored yet)."""
    try:
        with session_scope(services.engine()) as s:
            return statement_for_call(
                s, call_id=call_id, trainee_id=own_filter(user), activity_base=services.settings().xapi_activity_base
            )
    except (NotScored, ValueError, TypeError):
        return None


def add_comment(user: SignedInUser, call_id: str, text: str) -> None:
    with session_scope(services.engine()) as s:
        db_calls.add_comment(s, call_id=call_id, author_id=user.id, text=text)


def scenario_for(call: dict[str, Any]) -> Scenario | None:
    """The exact scenario version the call was played against (else the current one)."""
    try:
        with session_scope(services.engine()) as s:
            if call.get("scenario_version_id"):
                sc = load_version(s, version_id=call["scenario_version_id"])
            else:
                latest = latest_versions(s).get(call["scenario"])
                sc = parse_scenario_yaml(latest["yaml_text"]) if latest else None
            return resolve(sc) if sc is not None else None
    except (KeyError, ScenarioError):
        return None


def event_detail(event: dict[str, Any]) -> str:
    """One stored event in a few words for the review page's event list: what was said,
    the CAD fields entered, or the act, fact, scenario event, control or emotion."""
    p = Event.from_dict(event).payload
    if isinstance(p, (TraineeSaid, CallerSaid, EntityFound)):
        return p.text[:80]
    if isinstance(p, CadUpdated):
        return "; ".join(f"{human(k)}: {_cad_value(k, v)}" for k, v in p.fields.items())
    word = (
        p.act
        if isinstance(p, ActDetected)
        else p.slot
        if isinstance(p, FactRevealed)
        else p.id
        if isinstance(p, ScenarioEventFired)
        else p.action
        if isinstance(p, (Control, CallerAction))
        else p.emotion
        if isinstance(p, EmotionChanged)
        else p.reason
        if isinstance(p, CallEnded)
        else ""
    )
    return human(word) if word else ""


def cad_vs_truth(events: list[dict[str, Any]], scenario: Scenario | None) -> list[dict[str, Any]]:
    entered: dict[str, Any] = {}
    first: dict[str, float] = {}
    answered = answered_offset(events)
    for ev in map(Event.from_dict, events):
        if isinstance(ev.payload, CadUpdated):
            for k, v in ev.payload.fields.items():
                entered[k] = v
                first.setdefault(k, round(ev.t - answered, 1))
    truth: dict[str, Any] = {}
    if scenario is not None:
        truth = {
            "address": scenario.cad.address,
            "incident_type": scenario.cad.incident_type,
            "priority": scenario.cad.priority,
            "callback": scenario.callback,
        }
    rows = []
    for field in ("address", "callback", "incident_type", "priority", "units", "narrative"):
        got, want = entered.get(field), truth.get(field)
        if want is None:
            ok = "—"
        elif got is None:
            ok = "✗ missing"
        else:
            ok = "✓ matches" if _same(field, got, want) else "✗ differs"
        rows.append(
            {
                "field": human(field),
                "entered": _cad_value(field, got),
                "truth": _cad_value(field, want),
                "match": ok,
                "first entered (s from answer)": first.get(field),
            }
        )
    return rows


def _cad_value(field: str, value: Any) -> str:
    """A CAD field's value as shown: the incident type's words for its code, "—" for none,
    anything typed exactly as typed."""
    if value is None or value == "":
        return NONE
    return human(value) if field == "incident_type" else str(value)


def _same(field: str, got: Any, want: Any) -> bool:
    import re

    if field == "callback":
        return re.sub(r"\D", "", str(got)) == re.sub(r"\D", "", str(want))
    if field == "priority":
        return str(got).strip() == str(want)
    norm = lambda x: " ".join(re.sub(r"[^a-z0-9 ]", " ", str(x).lower()).split())  # noqa: E731
    return norm(want) in norm(got) or norm(got) == norm(want)


def transcript_rows(call: dict[str, Any]) -> list[dict[str, Any]]:
    """Transcript lines with their entities (from the timeline events, which name the speaker)."""
    return stored_transcript_rows(call["events"])


def audio(key: str | None) -> bytes | None:
    if not key:
        return None
    store = services.object_store()
    if store is None:
        return None
    try:
        return store.get(key)
    except Exception:
        return None


@st.cache_data(ttl=60, show_spinner=False)
def trainees() -> list[dict[str, Any]]:
    with session_scope(services.engine()) as s:
        return list_users(s, role=Role.TRAINEE)


@st.cache_data(ttl=60, show_spinner=False)
def scenario_meta(published_only: bool = False) -> dict[str, dict[str, Any]]:
    """slug → {title, call_type, difficulty, cardiac_arrest, active} for every scenario (latest
    version; `published_only`: the latest published one, never-published scenarios left out)."""
    with session_scope(services.engine()) as s:
        return {
            slug: {
                "title": v["title"],
                "call_type": v["call_type"],
                "difficulty": (v["content"] or {}).get("difficulty", "?"),
                "cardiac_arrest": bool(((v["content"] or {}).get("protocol") or {}).get("cardiac_arrest")),
                "active": v["active"],
            }
            for slug, v in latest_versions(s, published_only=published_only).items()
        }
