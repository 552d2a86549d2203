"""Nothing a call produces is lost: a resumed call, PostgreSQL cut mid-call (with a
restart in between), the outbox in Redis or in a spool folder."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

import db
from db import cli_commands
from db.engine import get_engine, make_engine
from db.recorder import DbRecorder, build_recorder
from sim_core.events import CallerSaid, EntityFound, Payload, TraineeSaid
from sim_core.live.store import build_live_store, redis_client
from sim_core.persist import build_outbox
from sim_core.persist.outbox import FileOutbox
from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import Event, EventType

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
_TAG = re.compile(r"\[([a-z_, ]+)\]")


def tagged(text: str):
    """Acts named in the line as [act, act]: no NLP model needed."""
    from sim_core.nlp import Analysis

    m = _TAG.search(text)
    acts = tuple(a.strip() for a in m.group(1).split(",")) if m else ("other",)
    return Analysis(text=text, acts=acts, entities=(), distress=0.0, act_confidence={a: 1.0 for a in acts})


@pytest.fixture(params=["sqlite+memory", "postgres+redis"])
def backends(request, make_settings, tmp_path):
    if request.param == "sqlite+memory":
        settings = make_settings()
    else:
        url = request.getfixturevalue("pg_database")[1]
        settings = make_settings(database_url=url, redis_url=request.getfixturevalue("shared_redis_url"))
    cli_commands.upgrade(settings)
    return settings


def _fresh_recorder(settings) -> DbRecorder:
    """A recorder with nothing in memory, as a restarted process builds it."""
    return DbRecorder(get_engine(settings), build_outbox(settings))


def test_recorder_and_live_store_resume_a_call(backends):
    """The storage side alone: new recorder and store objects pick the call up."""
    settings = backends
    call_id = str(uuid.uuid4())
    rec = build_recorder(settings)
    rec.call_started(
        call_id=call_id,
        trainee_id=None,
        scenario_id="cardiac-arrest",
        scenario_version_id=None,
        mode="push_to_talk",
        started_at=datetime.now(UTC),
    )
    _play(rec, call_id, range(0, 3))
    build_live_store(settings).save(call_id, {"turns": 3})
    del rec
    assert build_live_store(settings).load(call_id) == {"turns": 3}
    rec = _fresh_recorder(settings)  # as in a new process
    _play(rec, call_id, range(3, 6))
    rec.record(call_id=call_id, event=Event(6.0, EntityFound(label="AGE", text="67", start=0, end=2, line=5)))
    with db.session_scope(get_engine(settings)) as s:
        call = db.get_call(s, call_id=call_id)
    assert [ln["idx"] for ln in call["transcript"]] == list(range(6))
    assert call["mode"] == "push_to_talk" and call["entities"][0]["line"] == 5
    if settings.redis_url:
        build_live_store(settings).delete(call_id)


def test_call_resumed_after_its_objects_are_discarded(backends):
    settings = backends
    scenario = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    call = CallSession.start(
        scenario,
        analyzer=tagged,
        recorder=build_recorder(settings),
        live_store=build_live_store(settings),
        clock=lambda: 0.0,
        seed=3,
    )
    call.answer(at=2.0)
    call.trainee_says("911, what is the address of your emergency? [ask_address]", at=4.0)
    call_id = call.call_id
    del call  # page reload / process restart: every in-process object is gone

    state = build_live_store(settings).load(call_id)
    assert state is not None
    resumed = CallSession.from_state(
        state,
        analyzer=tagged,
        clock=lambda: 0.0,
        recorder=_fresh_recorder(settings),
        live_store=build_live_store(settings),
    )
    resumed.trainee_says("Is he breathing? [ask_breathing]", at=9.0)
    resumed.end(at=30.0)

    said = [e.data["text"] for e in resumed.timeline if e.type in (EventType.CALLER_SAID, EventType.TRAINEE_SAID)]
    with db.session_scope(get_engine(settings)) as s:
        stored = db.get_call(s, call_id=call_id)
    assert [ln["text"] for ln in stored["transcript"]] == said
    assert [ln["idx"] for ln in stored["transcript"]] == list(range(len(said)))
    assert len(stored["events"]) == len(resumed.timeline)
    assert stored["status"] == "scored" and stored["metrics"] is not None
    if settings.redis_url:
        build_live_store(settings).delete(call_id)


def _line(i: int) -> Event[Payload]:
    said = TraineeSaid if i % 2 == 0 else CallerSaid
    return Event(float(i), said(text=f"line {i:03d}", idx=i))


def _play(recorder, call_id: str, lines: range) -> None:
    for i in lines:
        recorder.record(call_id=call_id, event=_line(i))


@pytest.mark.parametrize("outbox_kind", ["spool-folder", "redis"])
def test_postgres_cut_mid_call_loses_nothing_and_keeps_order(
    request, pg_database, tcp_proxy, make_settings, outbox_kind
):
    name, _ = pg_database
    proxy = tcp_proxy("127.0.0.1", 5432)
    url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/{name}"
    settings = make_settings(database_url=url.replace("+psycopg", ""))
    if outbox_kind == "redis":
        settings = make_settings(
            database_url=settings.database_url, redis_url=request.getfixturevalue("shared_redis_url")
        )
    cli_commands.upgrade(settings)
    key = f"simtest:outbox:{uuid.uuid4().hex[:8]}"

    now = [0.0]  # the recorder's clock: frozen through the outage, moved on after it

    def recorder() -> DbRecorder:
        return DbRecorder(make_engine(url), build_outbox(settings, key=key), retry_s=0.2, clock=lambda: now[0])

    rec = recorder()
    call_id = str(uuid.uuid4())
    rec.call_started(
        call_id=call_id,
        trainee_id=None,
        scenario_id="cardiac-arrest",
        scenario_version_id=None,
        mode="text",
        started_at=datetime.now(UTC),
    )
    _play(rec, call_id, range(0, 10))
    proxy.cut()
    tries = []
    apply = rec._apply
    rec._apply = lambda op: (tries.append(op["op"]), apply(op))[1]
    _play(rec, call_id, range(10, 30))  # the call goes on
    assert rec.degraded and rec.pending == 20
    # a database outage must not stall the call: the dead database is tried once, then every
    # line goes straight to the outbox until the retry time comes
    assert len(tries) == 1, tries
    rec.call_finished(
        call_id=call_id,
        result={"score": 77.0, "grade": "C", "metrics": {}, "categories": {}, "findings": [], "scorer_version": "t"},
    )
    rec.engine.dispose()
    del rec  # the app restarts while the database is still down

    proxy.restore()
    now[0] += 1.0
    rec = recorder()
    assert rec.degraded
    _play(rec, call_id, range(30, 35))  # the first write after the restart flushes the outbox
    assert not rec.degraded and rec.pending == 0
    with db.session_scope(make_engine(url)) as s:
        call = db.get_call(s, call_id=call_id)
    assert [ln["text"] for ln in call["transcript"]] == [f"line {i:03d}" for i in range(35)]
    assert [ln["idx"] for ln in call["transcript"]] == list(range(35))
    assert call["metrics"]["score"] == 77.0


def test_writes_queued_in_a_database_outage_survive_redis_restarting(
    pg_database, tcp_proxy, redis_process, make_settings
):
    """PostgreSQL cut, lines said, Redis restarted and then flushed, PostgreSQL back: every
    line lands once and in order, and the call is scored."""
    name, _ = pg_database
    proxy = tcp_proxy("127.0.0.1", 5432)
    settings = make_settings(
        database_url=f"postgresql://postgres@127.0.0.1:{proxy.port}/{name}", redis_url=redis_process.url
    )
    cli_commands.upgrade(settings)
    rec = build_recorder(settings)
    rec.retry_s = 0.0
    scenario = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    call = CallSession.start(
        scenario, analyzer=tagged, recorder=rec, live_store=build_live_store(settings), clock=lambda: 0.0, seed=5
    )
    call.answer(at=1.0)
    call.trainee_says("911, what is the address of your emergency? [ask_address]", at=3.0)
    proxy.cut()
    call.trainee_says("How old is he? [ask_age]", at=6.0)
    call.trainee_says("Is he breathing? [ask_breathing]", at=9.0)
    assert rec.degraded and rec.pending > 0
    redis_process.restart()  # comes back empty: no persistence
    call.trainee_says("Is he awake? [ask_conscious]", at=12.0)
    redis_client(redis_process.url).flushall()  # and then someone flushes it
    call.trainee_says("Help is on the way. [dispatch_notice]", at=15.0)
    waiting = rec.pending
    assert waiting == len(FileOutbox(settings.data_dir / "outbox")) > 0  # all on disk
    proxy.restore()
    call.end(at=20.0)  # the first write after the outage replays the queue first
    assert rec.flush() == 0 and not rec.degraded
    said = [e.data["text"] for _, e in call.timeline.said()]
    with db.session_scope(get_engine(settings)) as s:
        stored = db.get_call(s, call_id=call.call_id)
    assert [ln["text"] for ln in stored["transcript"]] == said
    assert [ln["idx"] for ln in stored["transcript"]] == list(range(len(said)))
    assert len(stored["events"]) == len(call.timeline)
    assert stored["status"] == "scored" and stored["metrics"] is not None
