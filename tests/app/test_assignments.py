"""The assignments page and what a trainee sees of it: instructors set scenarios for
trainees or a cohort with a due date and put trainees in cohorts; supervisors see
completion only; trainees see what is due, done and overdue on their progress page."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from db.signed_in import SignedInUser
from tests.app.app_helpers import app_as, texts


def _engine():
    from db.engine import get_engine
    from sim_core.settings import get_settings

    return get_engine(get_settings())


def _assign(accounts, title, slugs, trainees=(), cohort=None, due_days=5):
    from db.assignments import create_assignment
    from db.engine import session_scope

    with session_scope(_engine()) as s:
        return str(
            create_assignment(
                s,
                title=title,
                scenario_slugs=slugs,
                created_by=accounts["ivan"]["id"],
                due_at=datetime.now(UTC) + timedelta(days=due_days),
                trainee_ids=[accounts[t]["id"] for t in trainees],
                cohort=cohort,
            ).id
        )


def _play(accounts, name, slug):
    from db.recorder import build_recorder
    from sim_core.scenario import ScenarioLibrary
    from sim_core.session import CallSession
    from sim_core.settings import get_settings

    settings = get_settings()
    rec = build_recorder(settings)
    now = time.time()
    call = CallSession.start(
        ScenarioLibrary(settings.scenarios_dir).get(slug),
        trainee_id=accounts[name]["id"],
        recorder=rec,
        clock=lambda: now,
    )
    call.trainee_says("911, what is the address of your emergency?", at=3.0)
    call.end(at=20.0)
    if hasattr(rec, "flush"):
        rec.flush()


@pytest.fixture(autouse=True)  # recorded calls first: the progress page caches a trainee's calls
def _no_assignments(accounts, recorded_calls):
    from sqlmodel import delete

    from db.engine import session_scope
    from db.models import Assignment

    with session_scope(_engine()) as s:
        s.exec(delete(Assignment))
    yield


def test_instructor_assigns_scenarios_to_a_trainee_and_sees_it_due(accounts):
    at = app_as(accounts["ivan"], "pages/assignments.py")
    assert not at.exception and "Assignments" in texts(at, "title")
    at.text_input(key="as_title_0").input("Week 1: arrests")
    at.multiselect(key="as_scenarios_0").set_value(["cardiac-arrest", "stroke"])
    at.multiselect(key="as_trainees_0").set_value([accounts["tom"]["id"]])
    at.button(key="FormSubmitter:as_new-Assign").click().run()
    assert not at.exception
    assert any("Assigned Week 1: arrests." in s for s in texts(at, "success"))
    assert at.text_input(key="as_title_1").value == ""  # the form is fresh
    table = at.dataframe[0].value
    assert list(table["Trainee"]) == ["Tom"] and list(table["Status"]) == ["Due"]
    assert list(table["Done"]) == ["0 of 2"]


def test_an_assignment_without_scenarios_is_refused_with_the_reason(accounts):
    at = app_as(accounts["ivan"], "pages/assignments.py")
    at.text_input(key="as_title_0").input("Nothing in it")
    at.multiselect(key="as_trainees_0").set_value([accounts["tom"]["id"]])
    at.button(key="FormSubmitter:as_new-Assign").click().run()
    assert "Pick at least one scenario." in texts(at, "error")
    assert not texts(at, "success")


def test_a_cohort_gets_the_assignment_and_the_trainee_sees_it_on_progress(accounts):
    at = app_as(accounts["ivan"], "pages/assignments.py")
    at.selectbox(key="as_cohort_trainee").set_value(accounts["tina"]["id"])
    at.text_input(key="as_cohort_name_0").input("Night shift")
    at.button(key="FormSubmitter:as_cohort_form-Save cohort").click().run()
    assert any("Tina is now in Night shift." in s for s in texts(at, "success"))
    _assign(accounts, "Night drill", ["stroke", "cardiac-arrest"], cohort="Night shift")
    mine = app_as(accounts["tina"], "pages/progress.py")
    assert not mine.exception and "Assigned to me" in texts(mine, "subheader")
    assert any("Night drill" in s and "Due" in s and "0 of 2 done" in s for s in texts(mine))
    take = [b for b in mine.button if b.key and b.key.startswith("as_take_")]
    assert len(take) == 2
    take[0].click().run()
    assert not mine.exception


def test_a_played_scenario_counts_and_a_finished_assignment_is_done(accounts):
    _assign(accounts, "One stroke call", ["stroke"], trainees=["tom"])
    _play(accounts, "tom", "stroke")
    mine = app_as(accounts["tom"], "pages/progress.py")
    assert not [b for b in mine.button if b.key and b.key.startswith("as_take_")]
    assert any("One stroke call" in s and "Done" in s for s in texts(mine))
    sup = app_as(accounts["sue"], "pages/assignments.py")
    table = sup.dataframe[0].value
    assert list(table["Status"]) == ["Done"] and list(table["Done"]) == ["1 of 1"]


def test_overdue_shows_as_overdue(accounts):
    from db.engine import session_scope
    from db.models import Assignment

    aid = _assign(accounts, "Late one", ["stroke"], trainees=["tina"])
    import uuid

    with session_scope(_engine()) as s:
        row = s.get(Assignment, uuid.UUID(aid))
        row.due_at = datetime.now(UTC) - timedelta(hours=1)
        s.add(row)
    mine = app_as(accounts["tina"], "pages/progress.py")
    assert any("Late one" in s and "Overdue" in s for s in texts(mine))


def test_supervisor_sees_completion_but_cannot_assign_or_delete(accounts):
    _assign(accounts, "Read only", ["stroke"], trainees=["tina", "tom"])
    at = app_as(accounts["sue"], "pages/assignments.py")
    assert not at.exception
    assert not at.tabs and not [b for b in at.button if b.key and b.key.startswith("as_del_")]
    assert any("0 of 2 trainees done" in s for s in texts(at))


def test_instructor_deletes_an_assignment(accounts):
    _assign(accounts, "Mistake", ["stroke"], trainees=["tina"])
    at = app_as(accounts["ivan"], "pages/assignments.py")
    [b for b in at.button if b.key and b.key.startswith("as_del_")][0].click().run()
    assert any("Deleted Mistake." in s for s in texts(at, "success"))
    assert any("No assignments yet." in s for s in texts(at, "info"))


def test_trainee_is_refused_the_assignments_page_even_when_run_directly(accounts):
    from streamlit.testing.v1 import AppTest

    from tests.app.app_helpers import ROOT

    at = AppTest.from_file(str(ROOT / "pages" / "assignments.py"), default_timeout=60)
    at.session_state["user"] = accounts["tina"]
    at.run()
    assert any("not available for your role" in e for e in texts(at, "error"))
    assert not at.dataframe and not at.button


def test_trainee_at_the_assignments_address_is_told_it_is_not_for_their_role():
    from streamlit.testing.v1 import AppTest

    def script():
        from ui import navigation

        navigation._not_available("assignments")()

    at = AppTest.from_function(script, default_timeout=30).run()
    assert any("not available for your role" in w and "instructors and supervisors" in w for w in texts(at, "warning"))


def test_a_trainee_never_reads_another_trainees_assignments(accounts):
    from ui import assignments

    _assign(accounts, "Tom only", ["stroke"], trainees=["tom"])
    tina, sue = (SignedInUser.from_dict(accounts[name]) for name in ("tina", "sue"))
    assert assignments.mine(tina, accounts["tom"]["id"]) == []
    assert [a.title for a in assignments.mine(sue, accounts["tom"]["id"])] == ["Tom only"]
