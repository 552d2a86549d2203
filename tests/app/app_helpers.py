"""Helpers for the AppTest tests: run the app as a user on a page."""

from __future__ import annotations

import re
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


ALL_PAGES = ("call.py", "review.py", "progress.py", "assignments.py", "editor.py", "analytics.py", "admin.py")


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


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


_CHAR_REF = re.compile(r"(?<!\\)&#(\d+);")


def shown(source: str) -> str:
    """Markdown source as the reader sees it: numeric character references (HTML blocks)
    shown as their characters, backslash escapes removed."""
    return _MD_ESCAPE.sub(r"\1", _CHAR_REF.sub(lambda m: chr(int(m.group(1))), source))


def texts(at, kind: str = "markdown", *, raw: bool = False) -> list[str]:
    """The text of each element of that kind, as the reader sees it (Markdown escapes
    removed); raw=True: the Markdown source the page sent."""
    values = [e.value for e in getattr(at, kind)]
    return values if raw else [shown(v) if isinstance(v, str) else v for v in values]


def oidc_app(user_info: dict):
    """The app with organisation sign-in configured, as the identity user_info."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-real-secret",
        "client_id": "simulator",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    at.user = user_info
    return at.run()
