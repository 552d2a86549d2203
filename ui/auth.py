"""Sign-in (local accounts, optional OIDC through st.login), sign-out and role checks.

The signed-in user lives in st.session_state["user"] as a plain dict
{id, username, display_name, role}; pages call `require_role` first.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from . import services

ROLES = ("trainee", "instructor", "supervisor", "admin")
USER_KEY = "user"


def current_user() -> dict[str, Any] | None:
    return st.session_state.get(USER_KEY)


def _as_dict(user: Any) -> dict[str, Any]:
    return {"id": str(user.id), "username": user.username, "display_name": user.display_name,
            "role": user.role}


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def _oidc_user() -> dict[str, Any] | None:
    """Map an OIDC identity to a local account (by email, then by username)."""
    try:
        info = st.user
        if not info.get("is_logged_in"):
            return None
    except Exception:  # noqa: BLE001
        return None
    from db.engine import session_scope
    from db.users import get_user_by_username
    eng = services.engine()
    if eng is None:
        return None
    for key in ("email", "preferred_username", "name"):
        value = str(info.get(key) or "").strip().lower()
        if not value:
            continue
        with session_scope(eng) as s:
            user = get_user_by_username(s, username=value)
            if user is not None and user.active:
                return _as_dict(user)
    st.session_state["oidc_error"] = (
        f"{info.get('email') or info.get('name')} signed in, but has no account here. "
        "Ask an administrator to add you (the username must be your e-mail).")
    return None


def sign_in_page() -> None:
    """The page shown to anyone not signed in."""
    st.title("🚨 9-1-1 Call-Taker Simulator")
    st.caption("Practise real call-taking: answer, interrogate, dispatch, coach. Sign in to start.")
    if services.db_error():
        st.error(f"The database is unavailable, so nobody can sign in: {services.db_error()}")
        return
    user = _oidc_user() if oidc_configured() else None
    if user is not None:
        st.session_state[USER_KEY] = user
        st.rerun()
    col, _ = st.columns([2, 3])
    with col:
        with st.form("sign_in", border=True):
            username = st.text_input("Username", key="signin_username", autocomplete="username")
            u_err = st.empty()
            password = st.text_input("Password", type="password", key="signin_password",
                                     autocomplete="current-password")
            p_err = st.empty()
            submitted = st.form_submit_button("Sign in", type="primary", width="stretch")
        if submitted:
            if not username.strip():
                u_err.error("Enter your username.")
            elif not password:
                p_err.error("Enter your password.")
            else:
                found = authenticate(username, password)
                if found is None:
                    p_err.error("Wrong username or password (or the account is disabled).")
                else:
                    st.session_state[USER_KEY] = found
                    st.rerun()
        if oidc_configured():
            st.divider()
            if st.session_state.get("oidc_error"):
                st.error(st.session_state["oidc_error"])
            st.button("Sign in with your organisation (SSO)", on_click=st.login,
                      width="stretch")
    note = services.backends().admin_note
    if note.startswith("ADMIN_"):
        st.warning(note)


def authenticate(username: str, password: str) -> dict[str, Any] | None:
    from db.engine import session_scope
    from db.users import authenticate as db_auth
    with session_scope(services.engine()) as s:
        user = db_auth(s, username=username, password=password)
        return None if user is None else _as_dict(user)


def sign_out() -> None:
    """Forget the user and everything they had open (a button callback)."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.query_params.clear()
    if oidc_configured():
        try:
            if st.user.get("is_logged_in"):
                st.logout()
        except Exception:  # noqa: BLE001
            pass


def require_role(*roles: str) -> dict[str, Any]:
    """The signed-in user if their role may see this page; else stop with a message.
    Admins may see every page."""
    user = current_user()
    if user is None:
        st.error("Please sign in.")
        st.stop()
    if user["role"] not in roles and user["role"] != "admin":
        st.error("You do not have access to this page.")
        st.stop()
    return user


def is_trainee(user: dict[str, Any]) -> bool:
    return user["role"] == "trainee"
