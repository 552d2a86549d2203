"""The recorder's outbox: writes wait in order while the database is unreachable and are
replayed exactly once (SQLite; the 'unreachable' database is a closed loopback port)."""

from __future__ import annotations

import socket
import uuid
from datetime import UTC, datetime

import pytest

import db
from db.cli_commands import upgrade_engine
from db.engine import make_engine
from db.recorder import DbRecorder, build_recorder
from sim_core.events import CallerSaid, CallStarted, TraineeSaid
from sim_core.persist import NullRecorder
from sim_core.persist.outbox import FileOutbox
from sim_core.settings import load_settings
from sim_core.timeline import Event


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'sim.db'}")
    upgrade_engine(engine)
    yield engine
    engine.dispose()


def test_file_outbox_keeps_order_across_instances(tmp_path):
    box = FileOutbox(tmp_path / "ob")
    for seq in (3, 1, 2):
        box.push({"id": f"op{seq}", "seq": seq})
    again = FileOutbox(tmp_path / "ob")
    assert [op["id"] for op in again.items()] == ["op1", "op2", "op3"]
    head = again.peek()
    again.remove(head)
    assert again.peek()["id"] == "op2" and len(again) == 2


def test_outage_then_flush_writes_everything_once(sqlite_engine, tmp_path):
    down = make_engine(f"postgresql+psycopg://u@127.0.0.1:{_closed_port()}/x", connect_timeout_s=1)
    rec = DbRecorder(down, FileOutbox(tmp_path / "ob"), retry_s=60.0)
    call_id = str(uuid.uuid4())
    rec.call_started(
        call_id=call_id,
        trainee_id=None,
        scenario_id="cardiac-arrest",
        scenario_version_id=None,
        mode="live_voice",
        started_at=datetime.now(UTC),
    )
    for i in range(5):
        rec.record(call_id=call_id, event=Event(float(i), TraineeSaid(text=f"line {i}", idx=i)))
    assert rec.degraded and rec.pending == 6

    rec.engine = sqlite_engine  # the database is back
    assert rec.flush() == 6 and not rec.degraded
    # a replay of an already-applied write (crash before it left the outbox) is harmless
    rec2 = DbRecorder(sqlite_engine, FileOutbox(tmp_path / "ob2"))
    op = {
        "op": "event",
        "call_id": call_id,
        "row_id": str(uuid.uuid4()),
        "line_index": 5,
        "event": Event(6.0, CallerSaid(text="late")).to_dict(),
        "at": datetime.now(UTC).isoformat(),
        "seq": 4 * 10**18,
    }
    rec2._apply(dict(op))
    rec2._apply(dict(op))
    with db.session_scope(sqlite_engine) as s:
        call = db.get_call(s, call_id=call_id)
    assert call["mode"] == "live_voice"
    assert [ln["text"] for ln in call["transcript"]] == [f"line {i}" for i in range(5)] + ["late"]


def test_events_for_an_unrecorded_start_create_the_call(sqlite_engine, tmp_path):
    rec = DbRecorder(sqlite_engine, FileOutbox(tmp_path / "ob"))
    call_id = "not-a-uuid-call-id"
    rec.record(call_id=call_id, event=Event(1.0, CallerSaid(text="hello?")))
    rec.call_started(
        call_id=call_id,
        trainee_id="nobody",
        scenario_id="chest-pain",
        scenario_version_id=None,
        mode="text",
        started_at=datetime.now(UTC),
    )
    with db.session_scope(sqlite_engine) as s:
        call = db.get_call(s, call_id=call_id)
    assert call["scenario"] == "chest-pain" and call["trainee_id"] is None
    assert call["transcript"][0]["text"] == "hello?"


def test_factory_and_null_recorder(tmp_path):
    settings = load_settings(database_url="", redis_url="", data_dir=tmp_path)
    assert isinstance(build_recorder(settings), DbRecorder)
    null = build_recorder(settings, enabled=False)
    assert isinstance(null, NullRecorder)
    null.record(call_id="x", event=Event(0.0, CallStarted()))


class _DownRedis:
    """A Redis list that is unreachable (or restarted and empty) whenever `down` is set."""

    def __init__(self):
        self.items_, self.down = [], False

    def _check(self):
        from redis.exceptions import ConnectionError as RedisConnectionError

        if self.down:
            raise RedisConnectionError("Connection refused")

    def rpush(self, key, raw):
        self._check()
        self.items_.append(raw)

    def lindex(self, key, i):
        self._check()
        return self.items_[i] if self.items_ else None

    def lrem(self, key, n, raw):
        self._check()
        if raw in self.items_:
            self.items_.remove(raw)

    def llen(self, key):
        self._check()
        return len(self.items_)

    def lrange(self, key, a, b):
        self._check()
        return list(self.items_)


def test_spool_is_written_first_so_losing_redis_loses_no_write(tmp_path):
    from sim_core.persist.outbox import RedisOutbox, SpooledOutbox

    redis = _DownRedis()
    box = SpooledOutbox(FileOutbox(tmp_path / "spool"), RedisOutbox(redis))
    ops = [{"id": f"op{i}", "seq": i, "op": "event"} for i in range(6)]
    for op in ops[:3]:
        box.push(op)
    assert len(box) == 3 and len(redis.items_) == 3  # a copy for the other servers
    redis.items_.clear()  # Redis restarted empty
    redis.down = True
    for op in ops[3:]:
        box.push(op)  # and then went away
    assert len(box) == 6
    redis.down = False
    replayed = []
    while (op := box.peek()) is not None:
        replayed.append(op["id"])
        box.remove(op)
    assert replayed == [op["id"] for op in ops] and len(box) == 0


def test_writes_another_server_left_in_redis_are_replayed_here_once(tmp_path):
    from sim_core.persist.outbox import RedisOutbox, SpooledOutbox

    redis = _DownRedis()
    theirs = SpooledOutbox(FileOutbox(tmp_path / "dead-server"), RedisOutbox(redis))
    mine = SpooledOutbox(FileOutbox(tmp_path / "spool"), RedisOutbox(redis))
    theirs.push({"id": "a", "seq": 1, "op": "event"})
    mine.push({"id": "b", "seq": 2, "op": "event"})
    assert len(mine) == 2 and [op["id"] for op in mine.items()] == ["a", "b"]
    assert mine.peek()["id"] == "a"
