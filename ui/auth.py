"""Sign-in (local accounts, optional OIDC through st.login), sign-out and role checks.

The signed-in user lives in st.session_state["user"] as a plain dict
{id, username, display_name, role}; pages call `require_role` first.
A local sign-in also gives the browser a token in a cookie (db.sign_ins), so a
page reload finds the user again instead of asking for the password.
"""
from __future__ import annotations

import logging
import re
import uuid
from typing import Any

import streamlit as st

from . import services

log = logging.getLogger(__name__)

ROLES = ("trainee", "instructor", "supervisor", "admin")
USER_KEY = "user"
TOKEN_KEY = "sign_in_token"
SIGNED_OUT_KEY = "signed_out"   # this session signed out: never resume it from the cookie
COOKIE = "sim_sign_in"
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,128}")   # secrets.token_urlsafe


def current_user() -> dict[str, Any] | None:
    """The signed-in user: from this browser session, else from the sign-in cookie."""
    user = st.session_state.get(USER_KEY)
    if user is None and not st.session_state.get(SIGNED_OUT_KEY):
        user = _resume_sign_in()
    return user


def _sent_cookie() -> str | None:
    """The sign-in cookie as this browser sent it, if it sent one."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no browser context (bare or test runs)
        return None
    return value if isinstance(value, str) else None


def _cookie_token() -> str:
    """The sign-in token this browser sent, if it has a token's shape (it is written back
    into the page's script, so nothing else ever is)."""
    token = _sent_cookie() or ""
    return token if TOKEN_SHAPE.fullmatch(token) else ""


def _resume_sign_in() -> dict[str, Any] | None:
    """After a reload: the user whose live token this browser sent, if any."""
    token = _cookie_token()
    eng = services.engine()
    if not token or eng is None:
        return None
    from db.engine import session_scope
    from db.sign_ins import user_for_token
    try:
        with session_scope(eng) as s:
            user = user_for_token(s, token=token)
            found = None if user is None else _as_dict(user)
    except Exception:  # noqa: BLE001 - database down: the sign-in form explains
        return None
    if found is not None:
        st.session_state[USER_KEY] = found
        st.session_state[TOKEN_KEY] = token
    return found


def _set_cookie_script(token: str, max_age_s: int) -> str:
    return ("<script>document.cookie='" + COOKIE + "=" + token + ";path=/;max-age="
            + str(max_age_s) + ";samesite=strict'+(location.protocol==='https:'?';secure':'');"
            "</script>")


def remember_browser() -> None:
    """Keep this browser's sign-in cookie (an invisible element; idempotent per run)."""
    token = st.session_state.get(TOKEN_KEY)
    if token:
        hours = services.settings().sign_in_hours
        st.html(_set_cookie_script(token, int(hours * 3600)), unsafe_allow_javascript=True)


def _forget_browser() -> None:
    """Drop a sign-in cookie this browser still sends but that no longer signs anyone in."""
    if _sent_cookie() is not None:
        st.html(_set_cookie_script("", 0), unsafe_allow_javascript=True)


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
    _forget_browser()
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
                found, refusal = _checked_sign_in(username, password)
                if found is None:
                    p_err.error(refusal)
                else:
                    st.session_state[USER_KEY] = found
                    st.session_state[TOKEN_KEY] = _open_sign_in(found)
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


def _checked_sign_in(username: str, password: str) -> tuple[dict[str, Any] | None, str]:
    """(user, "") or (None, why): a username with too many recent failures is refused
    before its password is even checked, so guessing it stays slow."""
    from sim_core.ratelimit import RateLimited
    failures = services.rate_limits().failed_sign_ins
    key = username.strip().lower()
    try:
        failures.ensure_allowed(key)
    except RateLimited as exc:
        return None, f"Sign-in paused: {exc}."
    found = authenticate(username, password)
    if found is None:
        failures.count(key)
        return None, "Wrong username or password (or the account is disabled)."
    return found, ""


def authenticate(username: str, password: str) -> dict[str, Any] | None:
    from db.engine import session_scope
    from db.users import authenticate as db_auth
    with session_scope(services.engine()) as s:
        user = db_auth(s, username=username, password=password)
        return None if user is None else _as_dict(user)


def _open_sign_in(user: dict[str, Any]) -> str:
    from db.engine import session_scope
    from db.sign_ins import open_sign_in
    with session_scope(services.engine()) as s:
        return open_sign_in(s, user_id=uuid.UUID(user["id"]),
                            hours=services.settings().sign_in_hours)


def sign_out() -> None:
    """Forget the user and everything they had open (a button callback); the browser's
    sign-in token stops working, so a reload shows the sign-in form."""
    token = st.session_state.get(TOKEN_KEY)
    if token:
        from db.engine import session_scope
        from db.sign_ins import close_sign_in
        try:
            with session_scope(services.engine()) as s:
                close_sign_in(s, token=token)
        except Exception:  # noqa: BLE001 - still sign out of this session
            log.exception("could not close the sign-in token")
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[SIGNED_OUT_KEY] = True
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
    from .navigation import ensure_router
    ensure_router()
    user = current_user()
    if user is None:   # a page run on its own (the first request after a restart)
        sign_in_page()
        st.stop()
    if user["role"] not in roles and user["role"] != "admin":
        st.error("This page is not available for your role.")
        st.stop()
    return user


def is_trainee(user: dict[str, Any]) -> bool:
    return user["role"] == "trainee"
