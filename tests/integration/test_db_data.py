"""Data functions on SQLite and PostgreSQL: users, scenario versions, calls, analytics."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

import db
from db import cli_commands
from db.engine import get_engine
from db.models import ScenarioVersion
from db.recorder import DbRecorder
from db.sign_ins import rotate_sign_in, sign_in_for_token
from sim_core.events import CallAnswered, CallEnded, CallerSaid, CallStarted, EntityFound, TraineeSaid
from sim_core.persist.outbox import FileOutbox
from sim_core.scenario import parse_scenario_yaml
from sim_core.timeline import Event

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
YAML = (ROOT / "scenarios" / "cardiac-arrest.yaml").read_text()


@pytest.fixture
def engine(db_url, make_settings):
    settings = make_settings(database_url=db_url)
    cli_commands.upgrade(settings)
    return get_engine(settings)


def _user(engine, name="trainee1", role="trainee"):
    with db.session_scope(engine) as s:
        return db.create_user(s, username=name, display_name=name.title(), role=role, password="correct horse").id


def test_users_roles_and_authentication(engine):
    uid = _user(engine, "Alice")
    assert db.authenticate(engine, username="alice", password="correct horse").id == uid
    assert db.authenticate(engine, username="alice", password="wrong pass") is None
    assert db.authenticate(engine, username="nobody", password="correct horse") is None
    with db.session_scope(engine) as s:
        with pytest.raises(db.UserError, match="taken"):
            db.create_user(s, username="alice", display_name="A", role="trainee", password="another pw")
    with db.session_scope(engine) as s:
        with pytest.raises(db.UserError, match="role must be one of"):
            db.set_role(s, user_id=uid, role="boss")
    with db.session_scope(engine) as s:
        db.set_role(s, user_id=uid, role="instructor")
        db.set_active(s, user_id=uid, active=False)
    assert db.authenticate(engine, username="alice", password="correct horse") is None
    with db.session_scope(engine) as s:
        assert db.list_users(s, role="instructor")[0]["active"] is False


def test_sign_in_token_lasts_until_expiry_sign_out_or_disabled_account(engine):
    uid = _user(engine, "Bea")
    now = datetime.now(UTC)
    with db.session_scope(engine) as s:
        token = db.open_sign_in(s, user_id=uid, hours=12, now=now)
        other = db.open_sign_in(s, user_id=uid, hours=12, now=now + timedelta(seconds=1))
    with db.session_scope(engine) as s:
        assert db.user_for_token(s, token=token, now=now + timedelta(hours=11)).id == uid
        assert db.user_for_token(s, token=token, now=now + timedelta(hours=13)) is None
        assert db.user_for_token(s, token=token + "x") is None
        assert db.user_for_token(s, token="") is None
        # the database never holds the token itself
        stored = s.exec(sa.text("SELECT token_hash FROM sign_ins")).scalars().all()
        assert token not in stored and len(stored) == 2
    with db.session_scope(engine) as s:
        assert db.close_sign_in(s, token=token) is True
        assert db.close_sign_in(s, token=token) is False
    with db.session_scope(engine) as s:
        assert db.user_for_token(s, token=token) is None  # signed out in this browser
        assert db.user_for_token(s, token=other).id == uid  # still signed in in another one
        db.set_active(s, user_id=uid, active=False)
    with db.session_scope(engine) as s:
        assert db.user_for_token(s, token=other) is None


def test_a_sign_in_rotates_its_token_and_signing_out_ends_every_token_of_it(engine):
    uid = _user(engine, "Cleo")
    start = datetime.now(UTC) - timedelta(hours=1)
    with db.session_scope(engine) as s:
        first = db.open_sign_in(s, user_id=uid, hours=0.5, now=start)
        elsewhere = db.open_sign_in(s, user_id=uid, hours=12, now=start + timedelta(seconds=5))
    with db.session_scope(engine) as s:  # an hour later the first token expired...
        assert db.user_for_token(s, token=first) is None
        later = rotate_sign_in(s, token=first, minutes=30, shift_hours=12)  # ...the tab renews it
    with db.session_scope(engine) as s:
        assert db.user_for_token(s, token=later).id == uid
        assert rotate_sign_in(s, token=first, minutes=30, shift_hours=1) is None  # shift over
        assert db.close_sign_in(s, token=later) is True
    with db.session_scope(engine) as s:
        for token in (first, later):  # every token of that sign-in is over
            assert sign_in_for_token(s, token=token) is None
        assert db.user_for_token(s, token=elsewhere).id == uid  # another sign-in is not


def test_scenario_versions_are_immutable_and_only_new_on_change(engine):
    author = _user(engine, "inst", "instructor")
    scenario = parse_scenario_yaml(YAML)
    with db.session_scope(engine) as s:
        v1 = db.save_scenario_version(s, scenario=scenario, yaml_text=YAML, author_id=author)
        again = db.save_scenario_version(s, scenario=scenario, yaml_text=YAML + "\n# comment\n", author_id=author)
        assert again.id == v1.id and v1.version == 1
    changed = scenario.model_copy(update={"title": "Husband collapsed (v2)"})
    with db.session_scope(engine) as s:
        v2 = db.save_scenario_version(s, scenario=changed, yaml_text=YAML, author_id=author)
        assert v2.version == 2
    with db.session_scope(engine) as s:
        history = db.version_history(s, slug="cardiac-arrest")
        assert [h["version"] for h in history] == [2, 1]
        assert history[0]["author"] == "inst"
        assert db.get_active_version(s, slug="cardiac-arrest").version == 2
        assert s.get(ScenarioVersion, v1.id).content["title"] == scenario.title
        db.set_scenario_active(s, slug="cardiac-arrest", active=False)
    with db.session_scope(engine) as s:
        assert db.get_active_version(s, slug="cardiac-arrest") is None
        assert db.list_scenarios(s, include_inactive=False) == []


def test_version_that_no_longer_validates_is_reported_and_skipped(engine):
    scenario = parse_scenario_yaml(YAML)
    with db.session_scope(engine) as s:
        db.save_scenario_version(s, scenario=scenario, yaml_text=YAML, author_id=None)
        other = scenario.model_copy(update={"id": "other-one"})
        bad = db.save_scenario_version(s, scenario=other, yaml_text=YAML, author_id=None)
        bad.yaml_text = YAML.replace("difficulty: medium", "difficulty: impossible")
        s.add(bad)
    with db.session_scope(engine) as s:
        good, errors = db.load_active_scenarios(s)
        assert [sc.id for sc in good] == ["cardiac-arrest"]
        assert len(errors) == 1 and "other-one" in errors[0] and "difficulty" in errors[0]


def _play_call(recorder, call_id, trainee, started, score=80.0, lines=6):
    recorder.call_started(
        call_id=call_id,
        trainee_id=str(trainee),
        scenario_id="cardiac-arrest",
        scenario_version_id=None,
        mode="text",
        started_at=started,
    )
    recorder.record(call_id=call_id, event=Event(0.0, CallStarted()))
    recorder.record(call_id=call_id, event=Event(3.0, CallAnswered()))
    for i in range(lines):
        said = (
            CallerSaid(text=f"line {i}", idx=i, actor="scripted")
            if i % 2
            else TraineeSaid(text=f"line {i}", idx=i, confidence=0.9)
        )
        recorder.record(call_id=call_id, event=Event(4.0 + i, said))
    recorder.record(
        call_id=call_id,
        event=Event(
            5.0, EntityFound(label="ADDRESS", text="1425 Oak Street", start=0, end=15, confidence=0.95, line=1)
        ),
    )
    recorder.record(call_id=call_id, event=Event(20.0, CallEnded(reason="trainee_ended")))
    recorder.usage(call_id=call_id, tokens=120, cost=0.002)
    recorder.call_finished(
        call_id=call_id,
        result={
            "score": score,
            "grade": "B" if score >= 80 else "C",
            "metrics": {
                "time_to_address": 12.0 + score / 10,
                "time_to_arrest_recognition": 50.0,
                "time_to_first_compression": 95.0,
            },
            "categories": {
                "case_entry": {"score": score, "level": "high" if score >= 80 else "partial"},
                "instructions": {"score": 70.0, "level": "compliant"},
            },
            "findings": [{"kind": "late", "text": "compressions late"}],
            "scorer_version": "1.0",
        },
    )


def test_recorded_call_reads_back_whole(engine, tmp_path):
    trainee = _user(engine)
    recorder = DbRecorder(engine, FileOutbox(tmp_path / "outbox"))
    call_id = str(uuid.uuid4())
    _play_call(recorder, call_id, trainee, datetime.now(UTC))
    assert recorder.pending == 0
    with db.session_scope(engine) as s:
        call = db.get_call(s, call_id=call_id)
        assert call["status"] == "scored" and call["end_reason"] == "trainee_ended"
        assert call["answered_at"] is not None and call["ended_at"] is not None
        assert [ln["text"] for ln in call["transcript"]] == [f"line {i}" for i in range(6)]
        assert [ln["idx"] for ln in call["transcript"]] == list(range(6))
        assert call["transcript"][0]["speaker"] == "trainee"
        assert call["transcript"][0]["confidence"] == pytest.approx(0.9)
        assert call["entities"][0]["text"] == "1425 Oak Street" and call["entities"][0]["line"] == 1
        assert [e["type"] for e in call["events"]][:2] == ["call_started", "call_answered"]
        assert call["metrics"]["grade"] == "B" and call["metrics"]["scorer_version"] == "1.0"
        assert call["llm_tokens"] == 120 and call["llm_cost"] == pytest.approx(0.002)
        db.add_comment(s, call_id=call_id, author_id=None, text="Good control of the caller.")
    with db.session_scope(engine) as s:
        assert db.get_call(s, call_id=call_id)["comments"][0]["text"].startswith("Good")
        assert db.get_call(s, call_id=call_id, trainee_id=uuid.uuid4()) is None  # someone else's
        assert db.delete_call(s, call_id=call_id)
    with db.session_scope(engine) as s:
        counts = db.count_rows(s)
        assert counts["transcript_lines"] == counts["timeline_events"] == 0
        assert counts["performance_metrics"] == counts["call_comments"] == 0


def test_analytics_queries(engine, tmp_path):
    a, b = _user(engine, "amy"), _user(engine, "bob")
    recorder = DbRecorder(engine, FileOutbox(tmp_path / "outbox"))
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    for i, score in enumerate([60.0, 70.0, 85.0]):
        _play_call(recorder, str(uuid.uuid4()), a, t0 + timedelta(days=i), score=score, lines=2)
    _play_call(recorder, str(uuid.uuid4()), b, t0 + timedelta(days=10), score=90.0, lines=2)
    with db.session_scope(engine) as s:
        trend = db.score_trend(s, trainee_id=a)
        assert [r["score"] for r in trend] == [60.0, 70.0, 85.0]
        assert trend[0]["started_at"] == t0
        dist = {r["metric"]: r for r in db.metric_distributions(s, scenario="cardiac-arrest")}
        assert dist["time_to_address"]["n"] == 4
        assert dist["time_to_address"]["min"] == pytest.approx(18.0)
        assert dist["time_to_first_compression"]["median"] == pytest.approx(95.0)
        levels = db.compliance_levels(s, trainee_ids=[a], since=t0, until=t0 + timedelta(days=2))
        case = {r["level"]: r["n"] for r in levels if r["category"] == "case_entry"}
        assert case == {"partial": 2}
        mine = db.list_calls(s, trainee_id=b)
        assert len(mine) == 1 and mine[0]["trainee"] == "bob" and mine[0]["score"] == 90.0
        assert len(db.list_calls(s, since=t0 + timedelta(days=1))) == 3


def test_seed_is_idempotent_and_skips_invalid_files(make_settings, db_url, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "cardiac-arrest.yaml").write_text(YAML)
    (folder / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    settings = make_settings(database_url=db_url, scenarios_dir=folder)
    first = cli_commands.seed(settings)
    assert first["new_versions"] == 1 and first["skipped"] == 1
    assert "broken.yaml" in first["errors"][0]
    assert cli_commands.seed(settings)["new_versions"] == 0
    (folder / "cardiac-arrest.yaml").write_text(YAML.replace("difficulty: medium", "difficulty: hard"))
    assert cli_commands.seed(settings)["new_versions"] == 1
    with db.session_scope(get_engine(settings)) as s:
        assert [h["version"] for h in db.version_history(s, slug="cardiac-arrest")] == [2, 1]
        assert s.execute(sa.text("select count(*) from scenarios")).scalar_one() == 1


def test_wrong_credentials_and_unreachable_url_give_one_line(make_settings, pg_server, unused_port):
    for url, cause in [
        (f"postgresql://nosuchuser:pw@127.0.0.1:{pg_server[1]}/postgres", "wrong user"),
        (f"postgresql://postgres:secret@127.0.0.1:{unused_port}/sim", "unreachable"),
    ]:
        settings = make_settings(database_url=url)
        with pytest.raises(db.DatabaseUnavailable) as info:
            cli_commands.upgrade(settings)
        message = str(info.value)
        assert "\n" not in message and message.startswith("DATABASE_URL:")
        assert cause in message and "secret" not in message


def test_no_database_connection_is_held_while_a_password_is_hashed(engine, monkeypatch):
    """A sign-in flood queues on the hashing slots, never on the connection pool."""
    import db.passwords as passwords

    held: list[int] = []
    real = passwords._HASHER

    class Watching:
        def hash(self, password):
            held.append(engine.pool.checkedout())
            return real.hash(password)

        def verify(self, password_hash, password):
            held.append(engine.pool.checkedout())
            return real.verify(password_hash, password)

        def check_needs_rehash(self, password_hash):
            return real.check_needs_rehash(password_hash)

    monkeypatch.setattr(passwords, "_HASHER", Watching())
    with db.session_scope(engine) as s:
        uid = db.create_user(s, username="hal", display_name="Hal", role="trainee", password="correct horse").id
    assert db.authenticate(engine, username="hal", password="correct horse").id == uid
    assert db.authenticate(engine, username="hal", password="wrong horse") is None
    assert db.authenticate(engine, username="nobody", password="correct horse") is None
    with db.session_scope(engine) as s:
        db.set_password(s, user_id=uid, password="new correct horse")
    assert len(held) == 5 and held == [0] * 5
