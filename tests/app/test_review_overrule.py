"""An instructor overrules the grader on the review page; the trainee sees the adjusted debrief."""

from __future__ import annotations

import time

import pytest

from tests.app.app_helpers import app_as, texts


@pytest.fixture(scope="module")
def overruled_call(accounts) -> str:
    from db.recorder import build_recorder
    from sim_core.scenario import ScenarioLibrary
    from sim_core.session import CallSession
    from sim_core.settings import get_settings

    settings = get_settings()
    rec = build_recorder(settings)
    now = time.time()
    call = CallSession.start(
        ScenarioLibrary(settings.scenarios_dir).get("cardiac-arrest"),
        trainee_id=accounts["tina"]["id"],
        recorder=rec,
        clock=lambda: now,
    )
    call.trainee_says("911, what is the address of your emergency?", at=3.0)
    call.trainee_says("Is he a senior?", at=12.0)
    call.end(at=30.0)
    if hasattr(rec, "flush"):
        rec.flush()
    return call.call_id


def _findings_count(at) -> int:
    return int(next(m.value for m in at.metric if m.label == "Findings"))


def test_instructor_marks_a_missed_act_done_and_the_trainee_reads_why(accounts, overruled_call):
    at = app_as(accounts["ivan"], "pages/review.py", call=overruled_call)
    assert not at.exception
    before = _findings_count(at)
    assert any("Never did: ask age" in m for m in texts(at))
    at.radio(key="ov_kind").set_value("mark_done").run()
    at.selectbox(key="ov_act").set_value("ask_age")
    at.selectbox(key="ov_line").set_value(1)
    at.text_area(key="ov_reason").input("Asking if he is a senior is the age question.")
    at.button(key="FormSubmitter:overrule-Re-score the call").click().run()
    assert not at.exception
    assert _findings_count(at) == before - 1  # "never asked his age" is gone
    assert not any("Never did: ask age" in m for m in texts(at))
    trainee = app_as(accounts["tina"], "pages/review.py", call=overruled_call)
    notes = [m for m in texts(trainee, "info") if "Adjusted by your instructor" in m]
    assert notes and "is the age question" in notes[0]
    assert not trainee.get("radio") or all(r.key != "ov_kind" for r in trainee.radio)  # trainees cannot overrule


def test_a_decision_without_a_reason_is_refused(accounts, overruled_call):
    at = app_as(accounts["ivan"], "pages/review.py", call=overruled_call)
    at.button(key="FormSubmitter:overrule-Re-score the call").click().run()
    assert any("Give a reason" in e for e in texts(at, "error"))


def test_analytics_counts_the_decision_against_the_scorer_version(accounts, overruled_call):
    from sim_core.scoring import SCORER_VERSION

    at = app_as(accounts["sue"], "pages/analytics.py")
    assert not at.exception
    grid = next(d for d in at.dataframe if "calls_reviewed" in d.value.columns)
    table = grid.value
    assert "Calls reviewed" in grid.proto.columns and "Findings upheld (%)" in grid.proto.columns  # headers in words
    row = table[table["scorer_version"] == SCORER_VERSION].iloc[0]
    assert row["calls_reviewed"] >= 1 and row["marked_done"] >= 1
    assert row["dismissed"] == 0 and row["overturned"] >= 1 and row["upheld_share"] < 100.0


def test_admin_downloads_the_corrected_lines(accounts, overruled_call):
    at = app_as(accounts["ada"], "pages/admin.py")
    assert not at.exception
    assert any("corrected on the review page" in c and not c.startswith("0 ") for c in texts(at, "caption"))
    button = next(b for b in at.get("download_button") if "corrections" in str(b.proto.label).lower())
    assert not button.proto.disabled
