"""The server settings in .streamlit/config.toml that the load figures depend on."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit import config

ROOT = Path(__file__).resolve().parents[2]


def _project_config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_every_option_is_one_streamlit_knows() -> None:
    # A misspelt option is ignored with only a log line; the setting would silently not apply.
    unknown = [
        f"{section}.{name}"
        for section, opts in _project_config().items()
        for name in opts
        if f"{section}.{name}" not in config._config_options_template
    ]
    assert unknown == []


def test_no_full_garbage_collection_after_each_run() -> None:
    # With the speech and NLP engines loaded, Streamlit's gc.collect(2) after every script
    # and fragment run took half the server's CPU: 20 simultaneous calls waited seconds.
    assert _project_config()["runner"]["postScriptGC"] is False


def test_browsers_never_see_tracebacks() -> None:
    # A traceback shows file paths, SQL and sometimes hosts to whoever triggers it.
    assert _project_config()["client"]["showErrorDetails"] == "none"


def test_a_failing_page_says_what_to_do_with_a_reference(accounts, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app.app_helpers import APP
    from ui import calls

    def broken(*_a, **_k):
        raise RuntimeError("connection to server at 10.1.2.3 port 5432 failed")

    monkeypatch.setattr(calls, "scenarios", broken)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = accounts["tina"]
    at.run()
    shown = " ".join(e.value for e in at.error)
    assert "Something went wrong on this page (reference " in shown
    assert "reload the page" in shown and "10.1.2.3" not in shown
