"""The app does not migrate or seed its database: `python -m cli prestart` does, once,
before the servers start. A server on a database that is not at head says so on the
sign-in page, naming that command, and serves normally once it has been run."""

from __future__ import annotations

import subprocess
import sys

import pytest
import streamlit as st

from sim_core.settings import get_settings
from tests.app.app_helpers import ROOT, app_as
from ui import services


@pytest.fixture
def empty_data_dir(tmp_path, monkeypatch):
    """A DATA_DIR whose SQLite database nobody has migrated; the app's caches start empty
    here and again afterwards, so the other tests get their own database back."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setattr(services, "RETRY_START_S", 0.0)

    def reset() -> None:
        get_settings.cache_clear()
        st.cache_resource.clear()
        st.cache_data.clear()

    reset()
    yield tmp_path
    monkeypatch.undo()
    reset()


def test_a_database_not_at_head_is_named_with_the_command_that_fixes_it(empty_data_dir):
    at = app_as(None)
    shown = " ".join(e.value for e in at.error)
    assert "python -m cli prestart" in shown and "Traceback" not in shown
    assert not _has_form(at)

    done = subprocess.run(
        [sys.executable, "-m", "cli", "prestart"], cwd=ROOT, text=True, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "database at head" in done.stdout

    at = app_as(None)
    assert not at.error
    assert _has_form(at)


def _has_form(at) -> bool:
    return any(t.key == "signin_username" for t in at.text_input)
