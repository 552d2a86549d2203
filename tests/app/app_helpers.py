"""Helpers for the AppTest tests: run the app as a user on a page."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PASSWORD = "correct-horse-1"


def app_as(user: dict | None, page: str | None = None, **query: str):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=60)
    if user is not None:
        at.session_state["user"] = user
    at.run()
    if page:
        at.switch_page(page)
    if page or query:
        for k, v in query.items():
            at.query_params[k] = v
        at.run()
    return at


ALL_PAGES = ("call.py", "review.py", "progress.py", "editor.py", "analytics.py", "admin.py")


def registered_pages(at) -> set[str]:
    """The pages st.navigation registered for this session."""
    found = set()
    for name in ALL_PAGES:
        try:
            at.switch_page(f"pages/{name}")
        except ValueError:
            continue
        found.add(name)
    return found


def texts(at, kind: str = "markdown") -> list[str]:
    return [e.value for e in getattr(at, kind)]
