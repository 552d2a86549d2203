"""Who is signed in, checked again on every script run; sign-out and role checks.

The signed-in user lives in st.session_state["user"] as a plain dict
{id, username, display_name, role}; pages call `ui.access.require_role` first. Every run re-reads
that user from the database (one indexed lookup): a disabled account, a changed role, a
signed-out or expired sign-in take effect on the user's next click, not at the end of
the tab's life. While the database is unreachable the session keeps the user it has
(calls go on through an outage); the check applies again as soon as it is back.

A sign-in gives the browser a token in a cookie (db.sign_ins), so a page reload finds the
user again instead of asking for the password. Served by serve.py, the server sets that
cookie HttpOnly (ui.cookie_route) and the page only ever holds a one-time ticket. Under
plain `streamlit run app.py` a script cannot set an HttpOnly cookie, so the page writes it
and page scripts could read it; each token then lives SIGN_IN_TOKEN_MINUTES (30) and is
swapped for a fresh one every third of that on the user's clicks. Signing out ends every
token of the sign-in. The form and SSO are in ui.sign_in.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

import streamlit as st

from db.engine import is_connectivity_error, session_scope
from db.models import utcnow
from db.sign_ins import close_sign_in, open_sign_in, rotate_sign_in, sign_in_for_token, user_for_token
from db.signed_in import SignedInUser
from db.users import get_user

from . import cookie_route, services

log = logging.getLogger(__name__)

USER_KEY = "user"
TOKEN_KEY = "sign_in_token"
CHECKED_KEY = "user_checked_at"
TOKEN_AT_KEY = "sign_in_token_at"  # when this session's token was issued (monotonic s)
TICKET_KEY = "sign_in_ticket"  # a fresh sign-in's one-time ticket, not yet handed over
SIGNED_OUT_KEY = "signed_out"  # this session signed out: never resume it from the cookie
ENDED_KEY = "sign_in_ended"  # why the session was signed out by the server, for the form
COOKIE = cookie_route.COOKIE
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,128}")  # secrets.token_urlsafe


def current_user(*, max_age_s: float = 0.0) -> SignedInUser | None:
    """The signed-in user (re-read from the database), else the one the sign-in cookie
    names, else None. `max_age_s` lets a fragment that reruns every second re-read at
    most that often; a full script run always re-reads."""
    stored = st.session_state.get(USER_KEY)
    if stored is None:
        return None if st.session_state.get(SIGNED_OUT_KEY) else _resume_sign_in()
    fresh = _recheck(SignedInUser.from_dict(stored), max_age_s)
    if fresh is not None and not max_age_s:  # a full run: it writes the cookie
        _rotate_if_due()
    return fresh


def _recheck(user: SignedInUser, max_age_s: float) -> SignedInUser | None:
    now = time.monotonic()
    if max_age_s and now - st.session_state.get(CHECKED_KEY, float("-inf")) < max_age_s:
        return user
    fresh = reread_user(user, st.session_state.get(TOKEN_KEY))
    st.session_state[CHECKED_KEY] = now
    if fresh is None:
        end_session(
            "Your sign-in has ended (signed out elsewhere, expired, or the account "
            "was disabled). Sign in again to continue."
        )
        return None
    if fresh != user:
        st.session_state[USER_KEY] = fresh.to_dict()
    return fresh


def reread_user(user: SignedInUser, token: str | None) -> SignedInUser | None:
    """The user as the database has it now: None when the account is gone or disabled or
    the sign-in token is no longer live; `user` unchanged when the database cannot say."""
    eng = services.engine()
    if eng is None:
        return user
    try:
        with session_scope(eng) as s:
            if token:
                found = sign_in_for_token(s, token=token)
                row = None if found is None or str(found[0].id) != user.id else found[0]
                if found is not None and _shift_over(found[1].created_at, utcnow()):
                    row = None
            else:
                row = get_user(s, user_id=user.id)
                if row is not None and not row.active:
                    row = None
            return None if row is None else SignedInUser.of(row)
    except Exception as exc:
        if not is_connectivity_error(exc):
            raise
        log.warning("cannot re-check %s: database unreachable", user.username)
        return user


def _shift_over(started: Any, now: Any) -> bool:
    if started.tzinfo is None:
        started = started.replace(tzinfo=now.tzinfo)
    hours = services.settings().sign_in_hours
    return (now - started).total_seconds() > hours * 3600


def _token_minutes() -> float:
    cfg = services.settings()
    return min(cfg.sign_in_token_minutes, cfg.sign_in_hours * 60)


def _rotate_if_due() -> None:
    """Swap this session's token for a fresh one once a third of its life has passed."""
    token = st.session_state.get(TOKEN_KEY)
    due = st.session_state.get(TOKEN_AT_KEY, float("-inf")) + _token_minutes() * 20
    if not token or time.monotonic() < due or services.engine() is None:
        return
    if cookie_route.mounted():  # the server renews its HttpOnly cookie instead
        return
    try:
        with session_scope(services.engine()) as s:
            fresh = rotate_sign_in(
                s, token=token, minutes=_token_minutes(), shift_hours=services.settings().sign_in_hours
            )
    except Exception:
        log.warning("could not renew the sign-in token", exc_info=True)
        return
    if fresh is not None:
        st.session_state[TOKEN_KEY] = fresh
        st.session_state[TOKEN_AT_KEY] = time.monotonic()


def end_session(reason: str = "") -> None:
    """Forget the user and everything this browser session had open."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[SIGNED_OUT_KEY] = True
    if reason:
        st.session_state[ENDED_KEY] = reason


def _sent_cookie() -> str | None:
    """The sign-in cookie as this browser sent it, if it sent one."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:
        return None
    return value if isinstance(value, str) else None


def _cookie_token() -> str:
    """The sign-in token this browser sent, if it has a token's shape (it is written back
    into the page's script, so nothing else ever is)."""
    token = _sent_cookie() or ""
    return token if TOKEN_SHAPE.fullmatch(token) else ""


def _resume_sign_in() -> SignedInUser | None:
    """After a reload: the user whose live token this browser sent, if any."""
    token = _cookie_token()
    eng = services.engine()
    if not token or eng is None:
        return None
    try:
        with session_scope(eng) as s:
            user = user_for_token(s, token=token)
            found = None if user is None else SignedInUser.of(user)
    except Exception:
        return None
    if found is not None:
        st.session_state[USER_KEY] = found.to_dict()
        st.session_state[TOKEN_KEY] = token
        st.session_state[CHECKED_KEY] = time.monotonic()
        st.session_state[TOKEN_AT_KEY] = float("-inf")  # a reload gets a fresh token
        _rotate_if_due()
    return found


def _set_cookie_script(token: str, max_age_s: int) -> str:
    return (
        "<script>document.cookie='"
        + COOKIE
        + "="
        + token
        + ";path=/;max-age="
        + str(max_age_s)
        + ";samesite=strict'+(location.protocol==='https:'?';secure':'');"
        "</script>"
    )


def remember_browser() -> None:
    """Keep this browser's sign-in cookie (an invisible element; idempotent per run).
    Served with the cookie routes: hand a fresh sign-in's one-time ticket to the server,
    or ask it to renew the HttpOnly cookie; the page never holds the cookie's token."""
    token = st.session_state.get(TOKEN_KEY)
    if not token:
        return
    if not cookie_route.mounted():
        st.html(_set_cookie_script(token, int(_token_minutes() * 60)), unsafe_allow_javascript=True)
        return
    ticket = st.session_state.pop(TICKET_KEY, None)
    if ticket:
        st.html(cookie_route.post_script(cookie_route.SIGN_IN, {"ticket": ticket}), unsafe_allow_javascript=True)
    elif time.monotonic() >= st.session_state.get(TOKEN_AT_KEY, float("-inf")) + _token_minutes() * 20:
        st.session_state[TOKEN_AT_KEY] = time.monotonic()
        st.html(cookie_route.post_script(cookie_route.RENEW), unsafe_allow_javascript=True)


def forget_browser() -> None:
    """Drop a sign-in cookie this browser still sends but that no longer signs anyone in."""
    if _sent_cookie() is None:
        return
    if cookie_route.mounted():
        st.html(cookie_route.post_script(cookie_route.FORGET), unsafe_allow_javascript=True)
    else:
        st.html(_set_cookie_script("", 0), unsafe_allow_javascript=True)


def signed_in(user: SignedInUser) -> None:
    """Start this session for user: a new sign-in token (so the server can end it), kept
    in this browser's cookie."""
    hours = cookie_route.TICKET_S / 3600 if cookie_route.mounted() else _token_minutes() / 60
    with session_scope(services.engine()) as s:
        token = open_sign_in(s, user_id=uuid.UUID(user.id), hours=hours)
    if cookie_route.mounted():
        st.session_state[TICKET_KEY] = token  # for the server to swap for the cookie
    st.session_state.pop(SIGNED_OUT_KEY, None)
    st.session_state.pop(ENDED_KEY, None)
    st.session_state[USER_KEY] = user.to_dict()
    st.session_state[TOKEN_KEY] = token
    st.session_state[CHECKED_KEY] = time.monotonic()
    st.session_state[TOKEN_AT_KEY] = time.monotonic()


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def sign_out() -> None:
    """Forget the user and everything they had open (a button callback); the browser's
    sign-in token stops working, so a reload shows the sign-in form."""
    token = st.session_state.get(TOKEN_KEY)
    if token:
        try:
            with session_scope(services.engine()) as s:
                close_sign_in(s, token=token)
        except Exception:
            log.exception("could not close the sign-in token")
    end_session()
    st.query_params.clear()
    if oidc_configured():
        try:
            if st.user.get("is_logged_in"):
                st.logout()
        except Exception:
            pass


def is_trainee(user: SignedInUser) -> bool:
    return user.is_trainee
