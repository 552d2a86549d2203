"""A backend cut mid-call on the call page (AppTest, real services behind a TcpProxy):
the trainee is told plainly, the call and its transcript go on, and the notice goes
away by itself once the service is back, with nothing lost."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from tests.app.app_helpers import app_as

pytestmark = pytest.mark.integration
LINES = ("What is the address of your emergency?", "Is he breathing normally?")


def _reset_caches() -> None:
    import streamlit as st

    from sim_core.settings import get_settings

    get_settings.cache_clear()
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def app_on(monkeypatch, tmp_path):
    """Point the app's Settings at the given backends (env restored afterwards), bring the
    database to head and return a trainee account in it."""

    def configure(**env: str) -> dict:
        for name in (
            "DATABASE_URL",
            "REDIS_URL",
            "S3_ENDPOINT",
            "S3_BUCKET",
            "S3_ACCESS_KEY",
            "S3_SECRET_KEY",
            "ADMIN_USERNAME",
            "ADMIN_PASSWORD",
        ):
            monkeypatch.delenv(name, raising=False)
        for name, value in {"DATA_DIR": str(tmp_path / "data"), "CALLER_ACTOR": "scripted", **env}.items():
            monkeypatch.setenv(name, value)
        _reset_caches()
        from db.bootstrap import prestart
        from db.engine import get_engine, session_scope
        from db.users import create_user
        from sim_core.settings import get_settings

        prestart(get_settings())
        with session_scope(get_engine(get_settings())) as s:
            u = create_user(s, username="tina", display_name="Tina", role="trainee", password="correct-horse-1")
            return {"id": str(u.id), "username": u.username, "display_name": u.display_name, "role": u.role}

    yield configure
    _reset_caches()


def _answered_call(user: dict):
    at = app_as(user)
    at.radio(key="pick_scenario").set_value("cardiac-arrest")
    at.button(key="start_call").click().run()
    at.button(key="answer").click().run()
    call_id = at.query_params["call"]
    return at, call_id[0] if isinstance(call_id, list) else call_id


def _say(at, text: str) -> None:
    at.text_input(key="say_text").input(text)
    at.button(key="FormSubmitter:say-Send").click().run()


def _notices(at) -> list[str]:
    return [w.value for w in at.warning]


def _transcript(at) -> str:
    return next(m.value for m in at.markdown if "column-reverse" in m.value)


def _bubbles(at) -> tuple[int, int]:
    """(caller lines, trainee lines) on the page."""
    text = _transcript(at)
    return text.count(">Caller · "), text.count(">You · ")


def _until_notices_gone(at, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while _notices(at) and time.monotonic() < deadline:
        time.sleep(0.5)
        at.run()


def _cut_mid_call(at, proxy) -> tuple[int, int]:
    """One exchange, cut the service, another exchange; returns the bubbles before the cut."""
    _say(at, LINES[0])
    assert not _notices(at)
    before = _bubbles(at)
    proxy.cut()
    _say(at, LINES[1])
    assert not at.exception
    assert _bubbles(at) == (before[0] + 1, before[1] + 1)  # the caller still answered
    assert all(line in _transcript(at) for line in LINES)  # the earlier line is still there
    return before


def test_database_cut_mid_call(app_on, pg_database, tcp_proxy):
    import db
    from db.engine import get_engine
    from sim_core.settings import get_settings

    name, _ = pg_database
    proxy = tcp_proxy("127.0.0.1", 5432)
    user = app_on(DATABASE_URL=f"postgresql://postgres@127.0.0.1:{proxy.port}/{name}")
    at, call_id = _answered_call(user)
    _cut_mid_call(at, proxy)
    notices = _notices(at)
    assert len(notices) == 1
    assert notices[0].startswith("The database is unreachable: this call is kept on the server (")
    assert "events waiting) and saved when it is back." in notices[0]

    proxy.restore()
    _until_notices_gone(at)
    assert not _notices(at)
    with db.session_scope(get_engine(get_settings())) as s:
        row = db.get_call(s, call_id=call_id)
    assert len(row["transcript"]) == sum(_bubbles(at))  # the waiting events were written
    assert [ln["text"] for ln in row["transcript"] if ln["speaker"] != "caller"] == list(LINES)


def test_database_cut_then_redis_restarted_loses_nothing(app_on, pg_database, tcp_proxy, redis_process):
    """The queued writes sit on this server's disk, not only in Redis: the trainee is told
    they are kept, Redis restarts empty, and every line still reaches the database."""
    import db
    from db.engine import get_engine
    from sim_core.settings import get_settings

    name, _ = pg_database
    proxy = tcp_proxy("127.0.0.1", 5432)
    user = app_on(DATABASE_URL=f"postgresql://postgres@127.0.0.1:{proxy.port}/{name}", REDIS_URL=redis_process.url)
    at, call_id = _answered_call(user)
    _cut_mid_call(at, proxy)
    assert _notices(at)[0].startswith("The database is unreachable: this call is kept")
    redis_process.restart()
    _say(at, "Is he awake?")
    assert "Is he awake?" in _transcript(at) and not at.exception

    proxy.restore()
    _until_notices_gone(at)
    assert not _notices(at)
    with db.session_scope(get_engine(get_settings())) as s:
        row = db.get_call(s, call_id=call_id)
    assert len(row["transcript"]) == sum(_bubbles(at))
    assert [ln["text"] for ln in row["transcript"] if ln["speaker"] != "caller"] == [*LINES, "Is he awake?"]


def test_redis_cut_mid_call(app_on, redis_process, tcp_proxy):
    from sim_core.live.store import redis_client

    proxy = tcp_proxy("127.0.0.1", redis_process.port)
    user = app_on(REDIS_URL=f"redis://127.0.0.1:{proxy.port}/0")
    at, call_id = _answered_call(user)
    _cut_mid_call(at, proxy)
    assert _notices(at) == [
        "Redis is unreachable: this call's live state is kept in this server's memory, so "
        "the call goes on; don't reload the page until this notice goes away."
    ]

    proxy.restore()
    _until_notices_gone(at)
    assert not _notices(at)
    state = json.loads(redis_client(redis_process.url).hget(f"sim:live:{call_id}", "s"))
    said = [e for e in state["timeline"] if e["type"] in ("caller_said", "trainee_said")]
    assert len(said) == sum(_bubbles(at))  # the live state caught up with the call


def test_audio_storage_cut_mid_call(app_on, s3_server, tcp_proxy):
    from sim_core.storage import call_prefix
    from sim_core.storage.s3 import S3Store
    from ui import services

    endpoint, access, secret = s3_server
    proxy = tcp_proxy("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))
    bucket = f"outage-{uuid.uuid4().hex[:10]}"
    user = app_on(
        S3_ENDPOINT=f"http://127.0.0.1:{proxy.port}", S3_BUCKET=bucket, S3_ACCESS_KEY=access, S3_SECRET_KEY=secret
    )
    at, call_id = _answered_call(user)
    proxy.cut()
    key = f"{call_prefix(call_id)}turns/000.wav"
    services.object_store().put(key, b"turn0", "audio/wav")  # as a push-to-talk turn does
    _say(at, LINES[0])
    assert _notices(at) == [
        "Audio storage is unreachable: recordings wait on this server's disk (1 file waiting) "
        "and upload when it is back."
    ]
    assert LINES[0] in _transcript(at)

    proxy.restore()
    _until_notices_gone(at)
    assert not _notices(at)
    direct = S3Store(endpoint=endpoint, bucket=bucket, access_key=access, secret_key=secret)
    assert direct.get(key) == b"turn0"  # the spooled clip was uploaded
