"""Assignments on SQLite and PostgreSQL: what a trainee sees as due, done or overdue,
and what staff see as completion per trainee."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import db
from db import cli_commands
from db.assignments import (
    AssignmentError,
    assignment_completion,
    create_assignment,
    list_cohorts,
    set_cohort,
    trainee_assignments,
)
from db.engine import get_engine
from db.models import CallSession

pytestmark = pytest.mark.integration

SET_AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DUE = SET_AT + timedelta(days=7)


@pytest.fixture
def engine(db_url, make_settings):
    settings = make_settings(database_url=db_url)
    cli_commands.upgrade(settings)
    return get_engine(settings)


@pytest.fixture
def people(engine):
    out = {}
    with db.session_scope(engine) as s:
        for name, role in (("ivy", "instructor"), ("tia", "trainee"), ("tom", "trainee"), ("una", "trainee")):
            out[name] = str(
                db.create_user(s, username=name, display_name=name.title(), role=role, password="correct horse").id
            )
    return out


def _call(engine, trainee, slug, started, status="scored"):
    with db.session_scope(engine) as s:
        s.add(
            CallSession(
                trainee_id=trainee,
                scenario_slug=slug,
                started_at=started,
                ended_at=started + timedelta(minutes=4),
                status=status,
            )
        )


def _assign(engine, people, **kw):
    args = dict(
        title="Week 1: breathing problems",
        scenario_slugs=["cardiac-arrest", "stroke"],
        due_at=DUE,
        created_by=people["ivy"],
        now=SET_AT,
    )
    args.update(kw)
    with db.session_scope(engine) as s:
        return str(create_assignment(s, **args).id)


def test_a_cohort_gets_the_assignment_and_each_trainee_sees_their_own_state(engine, people):
    import uuid as _u

    with db.session_scope(engine) as s:
        set_cohort(s, user_id=people["tia"], cohort="  Spring   class ")
        set_cohort(s, user_id=people["tom"], cohort="Spring class")
        assert sorted(list_cohorts(s)["Spring class"]) == sorted([people["tia"], people["tom"]])
    _assign(engine, people, cohort="Spring class")
    # before it was set: does not count; abandoned: does not count
    _call(engine, _u.UUID(people["tia"]), "cardiac-arrest", SET_AT - timedelta(days=1))
    _call(engine, _u.UUID(people["tia"]), "stroke", SET_AT + timedelta(days=1), "abandoned")
    _call(engine, _u.UUID(people["tom"]), "cardiac-arrest", SET_AT + timedelta(days=1))
    _call(engine, _u.UUID(people["tom"]), "stroke", SET_AT + timedelta(days=2))
    with db.session_scope(engine) as s:
        tia = trainee_assignments(s, trainee_id=people["tia"], now=SET_AT + timedelta(days=3))
        tom = trainee_assignments(s, trainee_id=people["tom"], now=SET_AT + timedelta(days=3))
        una = trainee_assignments(s, trainee_id=people["una"], now=SET_AT + timedelta(days=3))
    assert [(a.status, a.done_count) for a in tia] == [("due", 0)]
    assert [(a.status, a.done_count) for a in tom] == [("done", 2)]
    assert una == []  # not in the cohort
    with db.session_scope(engine) as s:
        late = trainee_assignments(s, trainee_id=people["tia"], now=DUE + timedelta(hours=1))
    assert late[0].status == "overdue"


def test_finishing_after_the_due_date_is_done_late(engine, people):
    import uuid as _u

    _assign(engine, people, trainee_ids=[people["una"]], scenario_slugs=["stroke"])
    _call(engine, _u.UUID(people["una"]), "stroke", DUE + timedelta(days=1))
    with db.session_scope(engine) as s:
        (row,) = trainee_assignments(s, trainee_id=people["una"], now=DUE + timedelta(days=2))
    assert row.status == "done_late" and row.scenarios[0].call_id


def test_staff_see_completion_per_trainee(engine, people):
    import uuid as _u

    _assign(engine, people, trainee_ids=[people["tia"], people["tom"]], scenario_slugs=["stroke"])
    _call(engine, _u.UUID(people["tom"]), "stroke", SET_AT + timedelta(hours=2))
    with db.session_scope(engine) as s:
        (one,) = assignment_completion(s, now=SET_AT + timedelta(days=1))
    assert one.completed == 1 and len(one.trainees) == 2
    assert {t.trainee_name: t.status for t in one.trainees} == {"Tia": "due", "Tom": "done"}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": "  "}, "title"),
        ({"scenario_slugs": []}, "scenario"),
        ({"due_at": SET_AT - timedelta(days=1)}, "future"),
        ({"trainee_ids": []}, "trainees or a cohort"),
        ({"cohort": "Nobody here"}, "No active trainee"),
    ],
)
def test_an_incomplete_assignment_is_refused_with_the_reason(engine, people, change, message):
    args = {"trainee_ids": [people["tia"]], **change}
    with pytest.raises(AssignmentError, match=message):
        _assign(engine, people, **args)


def test_only_trainees_can_be_assigned_or_grouped(engine, people):
    with pytest.raises(AssignmentError, match="trainees only"):
        _assign(engine, people, trainee_ids=[people["ivy"]])
    with db.session_scope(engine) as s, pytest.raises(AssignmentError, match="Only a trainee"):
        set_cohort(s, user_id=people["ivy"], cohort="Staff")
