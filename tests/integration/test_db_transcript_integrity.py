"""One line per place in a transcript, whichever server writes it; abandoned calls are
stored as such (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

import db
from db import cli_commands
from db.engine import get_engine
from db.recorder import DbRecorder
from sim_core.events import CallEnded, TraineeSaid
from sim_core.persist.outbox import FileOutbox
from sim_core.timeline import Event

pytestmark = pytest.mark.integration
RESULT = {"score": 41.0, "grade": "F", "metrics": {}, "categories": {}, "findings": [], "scorer_version": "t"}


def _recorder(settings, tmp_path) -> DbRecorder:
    return DbRecorder(get_engine(settings), FileOutbox(tmp_path / "outbox"), dead_letter=tmp_path / "rejected")


def _started(rec) -> str:
    call_id = str(uuid.uuid4())
    rec.call_started(
        call_id=call_id,
        trainee_id=None,
        scenario_id="cardiac-arrest",
        scenario_version_id=None,
        mode="text",
        started_at=datetime.now(UTC),
    )
    return call_id


def _said(idx: int, text: str) -> Event[TraineeSaid]:
    return Event(float(idx), TraineeSaid(text=text, idx=idx))


def test_a_second_line_at_the_same_place_is_set_aside_not_stored(db_url, make_settings, tmp_path):
    settings = make_settings(database_url=db_url)
    cli_commands.upgrade(settings)
    rec = _recorder(settings, tmp_path)
    call_id = _started(rec)
    rec.record(call_id=call_id, event=_said(0, "Where is your emergency?"))
    rec.record(call_id=call_id, event=_said(1, "Is he breathing?"))
    rec.record(call_id=call_id, event=_said(1, "How old is he?"))  # a stale server's fork
    rec.record(call_id=call_id, event=_said(2, "Start compressions."))
    with db.session_scope(get_engine(settings)) as s:
        lines = db.get_call(s, call_id=call_id)["transcript"]
    assert [(ln["idx"], ln["text"]) for ln in lines] == [
        (0, "Where is your emergency?"),
        (1, "Is he breathing?"),
        (2, "Start compressions."),
    ]
    rejected = FileOutbox(tmp_path / "rejected").items()
    assert [op["event"]["data"]["text"] for op in rejected] == ["How old is he?"]
    assert rec.pending == 0 and not rec.degraded  # the call's other writes go on


def test_the_migration_keeps_the_first_of_two_forked_lines(db_url, make_settings):
    settings = make_settings(database_url=db_url)
    cli_commands.upgrade(settings, "0002")
    engine = get_engine(settings)
    call_id = uuid.uuid4()
    with db.session_scope(engine) as s:
        db.start_call(
            s,
            call_id=call_id,
            trainee_id=None,
            scenario_slug="x",
            scenario_version_id=None,
            mode="text",
            started_at=datetime.now(UTC),
        )
    lines = sa.table(
        "transcript_lines", *[sa.column(c) for c in ("id", "call_id", "idx", "seq", "speaker", "text", "offset_s")]
    )
    with engine.begin() as conn:
        for seq, idx, text in ((1, 0, "first"), (2, 1, "kept"), (3, 1, "fork"), (4, 2, "last")):
            conn.execute(
                sa.insert(lines).values(
                    id=uuid.uuid4() if engine.dialect.name == "postgresql" else uuid.uuid4().hex,
                    call_id=call_id if engine.dialect.name == "postgresql" else call_id.hex,
                    idx=idx,
                    seq=seq,
                    speaker="trainee",
                    text=text,
                    offset_s=float(seq),
                )
            )
    cli_commands.upgrade(settings)
    with db.session_scope(engine) as s:
        texts = [ln["text"] for ln in db.get_call(s, call_id=call_id)["transcript"]]
    assert texts == ["first", "kept", "last"]


def test_an_abandoned_call_is_stored_as_abandoned_and_scored(db_url, make_settings, tmp_path):
    settings = make_settings(database_url=db_url)
    cli_commands.upgrade(settings)
    rec = _recorder(settings, tmp_path)
    call_id = _started(rec)
    rec.record(call_id=call_id, event=Event(200.0, CallEnded(reason="abandoned")))
    rec.call_finished(call_id=call_id, result=dict(RESULT, end_reason="abandoned"))
    with db.session_scope(get_engine(settings)) as s:
        row = db.get_call(s, call_id=call_id)
        listed = db.list_calls(s, status="abandoned")
    assert row["status"] == "abandoned" and row["end_reason"] == "abandoned"
    assert row["metrics"]["score"] == 41.0
    assert call_id in json.dumps([c["id"] for c in listed])
