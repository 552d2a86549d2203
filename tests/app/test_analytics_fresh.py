"""Analytics keep their figures between page runs, but never older than the latest call."""

from __future__ import annotations

import time

from db.engine import get_engine, session_scope
from db.overrides import overrule
from db.queries import get_call
from db.recorder import build_recorder
from db.users import create_user
from sim_core.nlp.schema import ACTS
from sim_core.scenario import ScenarioLibrary
from sim_core.session import CallSession
from tests.app.app_helpers import PASSWORD, app_as


def _finish_a_call(settings, trainee_id: str, address_at: float) -> str:
    rec = build_recorder(settings)
    now = time.time()
    call = CallSession.start(
        ScenarioLibrary(settings.scenarios_dir).get("stroke"), trainee_id=trainee_id, recorder=rec, clock=lambda: now
    )
    call.trainee_says("911, what is the address of your emergency?", at=3.0)
    call.cad_update({"address": "1425 Oak Street", "priority": 1}, at=address_at)
    call.end(at=address_at + 20)
    if hasattr(rec, "flush"):
        rec.flush()
    return call.call_id


def _figures(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_call_finished_after_the_page_was_drawn_shows_at_once(accounts, recorded_calls, app_settings):
    with session_scope(get_engine(app_settings)) as s:
        newcomer = str(
            create_user(s, username="newcomer", display_name="Newcomer", role="trainee", password=PASSWORD).id
        )
    at = app_as(accounts["sue"], "pages/analytics.py")
    before = _figures(at)
    at.run()  # the figures kept from the first run
    assert _figures(at) == before

    call_id = _finish_a_call(app_settings, newcomer, address_at=5.0)
    at.run()
    after = _figures(at)
    assert int(after["Scored calls"]) == int(before["Scored calls"]) + 1
    assert int(after["Trainees"]) == int(before["Trainees"]) + 1
    assert call_id in set(at.dataframe[-1].value["call_id"])

    # a fresh session sees it too
    assert _figures(app_as(accounts["sue"], "pages/analytics.py")) == after


def test_a_call_re_scored_by_an_instructor_shows_its_new_score(accounts, recorded_calls, app_settings):
    with session_scope(get_engine(app_settings)) as s:
        rescored = str(
            create_user(s, username="rescored", display_name="Rescored", role="trainee", password=PASSWORD).id
        )
    call_id = _finish_a_call(app_settings, rescored, address_at=50.0)
    at = app_as(accounts["sue"], "pages/analytics.py")

    def score() -> float:
        table = at.dataframe[-1].value
        return float(table.loc[table["call_id"] == call_id, "score"].iloc[0])

    old = score()
    with session_scope(get_engine(app_settings)) as s:
        findings = get_call(s, call_id=call_id)["metrics"]["findings"]
        missed = next(f["rule"] for f in findings if f.get("kind") == "missing" and f.get("rule") in ACTS)
        result = overrule(
            s, call_id=call_id, author_id=accounts["ivan"]["id"], kind="mark_done", act=missed, line=0, reason="done"
        )
    assert round(result["score"]) != round(old)
    at.run()
    assert round(score()) == round(result["score"])
