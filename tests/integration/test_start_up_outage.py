"""A database that is down when the app starts: anonymous visitors are told plainly (no
host, port or user), and the app signs people in as soon as the database is back, with
no restart."""

from __future__ import annotations

import pytest

from tests.app.app_helpers import app_as, texts

pytestmark = pytest.mark.integration


def _reset_caches() -> None:
    import streamlit as st

    from sim_core.settings import get_settings

    get_settings.cache_clear()
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def app_env(monkeypatch, tmp_path):
    def configure(**env: str) -> None:
        for name in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT", "ADMIN_USERNAME", "ADMIN_PASSWORD"):
            monkeypatch.delenv(name, raising=False)
        for name, value in {"DATA_DIR": str(tmp_path / "data"), "CALLER_ACTOR": "scripted", **env}.items():
            monkeypatch.setenv(name, value)
        _reset_caches()

    yield configure
    _reset_caches()


def test_a_database_down_at_start_up_heals_without_a_restart(app_env, pg_database, tcp_proxy, monkeypatch):
    from db.bootstrap import prestart
    from sim_core.settings import load_settings
    from ui import services

    name, url = pg_database
    prestart(load_settings(database_url=url))  # deployed as usual, then the database drops
    proxy = tcp_proxy("127.0.0.1", 5432)
    proxy.cut()
    app_env(
        DATABASE_URL=f"postgresql://postgres:s3cret-pw@127.0.0.1:{proxy.port}/{name}",
        ADMIN_USERNAME="root",
        ADMIN_PASSWORD="root-password-1",
    )
    at = app_as(None)
    assert not at.exception
    errors = " ".join(texts(at, "error"))
    assert "database is unavailable" in errors and "tries again by itself" in errors
    page = " ".join(texts(at, "error") + texts(at) + texts(at, "caption"))
    for secret in (str(proxy.port), "127.0.0.1", "postgres", "s3cret-pw", name):
        assert secret not in page  # nothing internal for anonymous eyes
    assert not [t for t in at.text_input]  # no form while nobody can sign in

    # the database is still unreachable: the next visitor is told the same, without waiting
    # on another connection attempt of their own
    assert "database is unavailable" in " ".join(texts(app_as(None), "error"))

    proxy.restore()
    monkeypatch.setattr(services, "RETRY_START_S", 0.0)  # the retry interval has passed
    at = app_as(None)
    at.text_input(key="signin_username").input("root")
    at.text_input(key="signin_password").input("root-password-1")
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert at.session_state["user"]["role"] == "admin"
