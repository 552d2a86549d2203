"""The progress page: a trainee's scores over time, key metrics against the
standards, the weakest category and scenarios that practise it."""

from __future__ import annotations

from pathlib import Path

from sim_core.scenario import ScenarioLibrary
from tests.app.app_helpers import app_as, texts
from ui import progress_data

LIB = ScenarioLibrary(Path(__file__).resolve().parents[2] / "scenarios")


def _row(score, **extra):
    return {"score": score, "scenario": "stroke", **extra}


def test_headline_compares_the_last_five_calls_with_the_five_before():
    rows = [_row(s) for s in (40, 50, 60, 50, 50, 70, 80, 70, 80, 75)]
    head = progress_data.headline(rows)
    assert head["calls"] == 10 and head["best"] == 80
    assert head["recent_mean"] == 75 and head["change"] == 25


def test_metric_standing_counts_calls_within_the_standard():
    rows = [_row(70, time_to_address=t) for t in (12, 25, 41, None)]
    addr = next(m for m in progress_data.metric_standings(rows) if m.metric == "time_to_address")
    assert (addr.measured, addr.within, addr.median_s) == (3, 2, 25)


def test_suggestions_practise_the_weakest_category_least_played_first():
    rows = [_row(60, cat_instructions=30, cat_case_entry=90), _row(70, cat_instructions=50, cat_case_entry=80)]
    weakest = progress_data.category_means(rows)[0]
    assert weakest[0] == "instructions" and weakest[1] == 40
    picks = progress_data.suggest("instructions", LIB, played={"cardiac-arrest": 3})
    assert picks and all(progress_data.practice_weight(p, "instructions") > 0 for p in picks)
    weights = [progress_data.practice_weight(p, "instructions") for p in picks]
    assert weights == sorted(weights, reverse=True)


def test_trainee_sees_their_own_progress(accounts, recorded_calls):
    at = app_as(accounts["tina"], "pages/progress.py")
    assert not at.exception
    assert "My progress" in texts(at, "title")
    assert int({m.label: m.value for m in at.metric}["Scored calls"]) >= 1
    assert any(m.startswith("**Weakest:") for m in texts(at))
    assert [b for b in at.button if b.key and b.key.startswith("pg_take_")]
    # each suggested scenario's difficulty in words ("Hard"), not the stored code ("hard")
    picks = [m for m in texts(at) if "played" in m and "×" in m]
    assert picks and all(any(f"· {d}" in m for d in ("Easy", "Medium", "Hard")) for m in picks)


def test_supervisor_picks_a_trainee(accounts, recorded_calls):
    at = app_as(accounts["sue"], "pages/progress.py")
    at.selectbox(key="pg_trainee").set_value(accounts["tom"]["id"]).run()
    assert not at.exception
    assert int({m.label: m.value for m in at.metric}["Scored calls"]) >= 1
    assert not [b for b in at.button if b.key and b.key.startswith("pg_take_")]


def _scored_call(trainee_id: str) -> None:
    import time

    from db.recorder import build_recorder
    from sim_core.session import CallSession
    from sim_core.settings import get_settings

    rec = build_recorder(get_settings())
    now = time.time()
    call = CallSession.start(LIB.get("cardiac-arrest"), trainee_id=trainee_id, recorder=rec, clock=lambda: now)
    call.trainee_says("911, what is the address of your emergency?", at=3.0)
    call.end(at=20.0)
    if hasattr(rec, "flush"):
        rec.flush()


def test_a_call_scored_a_moment_ago_shows_on_the_progress_page_at_once(accounts):
    from db.engine import get_engine, session_scope
    from db.users import create_user
    from sim_core.settings import get_settings

    with session_scope(get_engine(get_settings())) as s:
        u = create_user(s, username="tara", display_name="Tara", role="trainee", password="correct-horse-1")
        tara = {"id": str(u.id), "username": "tara", "display_name": "Tara", "role": "trainee"}
    at = app_as(tara, "pages/progress.py")
    assert any("No scored calls yet" in i for i in texts(at, "info"))
    _scored_call(tara["id"])
    at.run()  # the same server, seconds later
    assert not any("No scored calls yet" in i for i in texts(at, "info"))
    assert int({m.label: m.value for m in at.metric}["Scored calls"]) == 1
    _scored_call(tara["id"])
    at.run()
    assert int({m.label: m.value for m in at.metric}["Scored calls"]) == 2
