"""The sign-in page: the password form (bounded, rate-limited) and organisation SSO.

Password sign-in: one atomic reservation on the shared limiter (per username and per
client address) before the password is checked, the check itself through the bounded
hashing gate with no database connection held; a flood is told "busy, try again".
SSO: an identity maps to a local account only by an e-mail address its provider says is
verified; its name or preferred_username never picks an account.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import streamlit as st

from db.engine import session_scope
from db.passwords import HashingBusy
from db.signed_in import SignedInUser
from db.users import authenticate, get_user_by_username
from sim_core.ratelimit import RateLimited

from . import auth, services
from .safe_text import md

log = logging.getLogger(__name__)

WRONG = "Wrong username or password (or the account is disabled)."


def verified_email(identity: Mapping[str, Any]) -> str:
    """The identity's e-mail, lower-cased, if its provider vouches for it, else ""."""
    email = str(identity.get("email") or "").strip().lower()
    flag = identity.get("email_verified")
    verified = flag is True or (isinstance(flag, str) and flag.strip().lower() == "true")
    return email if verified and "@" in email else ""


def _oidc_user() -> SignedInUser | None:
    """The local account of the signed-in organisation identity, if it has one."""
    try:
        info = st.user
        if not info.get("is_logged_in"):
            return None
        identity = {"email": info.get("email"), "email_verified": info.get("email_verified")}
    except Exception:
        return None
    eng = services.engine()
    if eng is None:
        return None
    email = verified_email(identity)
    if not email:
        st.session_state["oidc_error"] = (
            "Your organisation signed you in, but did not confirm your e-mail address, so "
            "it cannot be matched to an account here. Ask an administrator."
        )
        return None
    with session_scope(eng) as s:
        user = get_user_by_username(s, username=email)
        found = SignedInUser.of(user) if user is not None and user.active else None
    if found is None:
        st.session_state["oidc_error"] = (
            f"{email} signed in, but has no account here. Ask an administrator to add "
            "you (the username must be your e-mail)."
        )
    return found


def address_from(forwarded: list[str], peer: str | None, hops: int) -> str:
    """The client's address: with `hops` trusted proxies in front, the address the
    outermost of them wrote into X-Forwarded-For (entries a client added itself, to the
    left of it, are ignored); else the TCP peer. Loopback (peer None) is "local"."""
    if hops:
        chain = [a.strip() for a in ",".join(forwarded).split(",") if a.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return peer or "local"


def client_address() -> str:
    """This browser's address as the sign-in limiter counts it (TRUSTED_PROXY_HOPS)."""
    try:
        return address_from(
            st.context.headers.get_all("X-Forwarded-For"), st.context.ip_address, services.settings().trusted_proxy_hops
        )
    except Exception:
        return "local"


def checked_sign_in(username: str, password: str) -> tuple[SignedInUser | None, str]:
    """(user, "") or (None, why). Refused before the password is checked when this username
    or this address has too many recent failures, or when hashing is saturated."""
    guard = services.rate_limits().sign_ins
    try:
        slot = guard.reserve(username, client_address())
    except RateLimited as exc:
        return None, f"Sign-in paused: {exc}."
    try:
        user = authenticate(services.engine(), username=username, password=password)
    except HashingBusy as exc:
        slot.succeeded()  # not a guess that was checked: give the slot back
        return None, f"Sign-in is busy: {exc}."
    except Exception:
        slot.succeeded()
        log.exception("sign-in failed")
        return None, "Sign-in is unavailable right now (the database did not answer); try again."
    if user is None:
        slot.failed()
        return None, WRONG
    slot.succeeded()
    return SignedInUser.of(user), ""


# Signed-out page runs at once. A flood of visitors otherwise runs a hundred scripts side
# by side, and every live call's turn waits its share of the interpreter; past this many,
# a visitor's run waits (asleep, costing nothing) for a free place.
SIGNED_OUT_RUNS = 2
SIGNED_OUT_WAIT_S = 15.0
_signed_out_runs = threading.BoundedSemaphore(SIGNED_OUT_RUNS)


@contextmanager
def signed_out_run() -> Iterator[None]:
    """Hold one of the few places for a signed-out page run; a visitor who waits too long
    is asked to try again."""
    if not _signed_out_runs.acquire(timeout=SIGNED_OUT_WAIT_S):
        st.warning("Many people are signing in right now; reload this page in a moment.")
        st.stop()
    try:
        yield
    finally:
        _signed_out_runs.release()


def sign_in_page() -> None:
    """The page shown to anyone not signed in."""
    st.title(":material/emergency: 9-1-1 Call-Taker Simulator")
    st.caption("Practise real call-taking: answer, interrogate, dispatch, coach. Sign in to start.")
    if services.db_error():
        st.error(services.public_db_error())
        return
    auth.forget_browser()
    if st.session_state.get(auth.ENDED_KEY):
        st.info(st.session_state[auth.ENDED_KEY])
    user = _oidc_user() if auth.oidc_configured() else None
    if user is not None:
        auth.signed_in(user)
        st.rerun()
    col, _ = st.columns([2, 3])
    with col:
        _password_form()
        if auth.oidc_configured():
            st.divider()
            if st.session_state.get("oidc_error"):
                st.error(md(st.session_state["oidc_error"]))
            st.button("Sign in with your organisation (SSO)", on_click=st.login, width="stretch")
    note = services.backends().admin_note
    if note.startswith("ADMIN_"):
        st.warning(md(note))


def _password_form() -> None:
    with st.form("sign_in", border=True):
        username = st.text_input("Username", key="signin_username", autocomplete="username", max_chars=64)
        u_err = st.empty()
        password = st.text_input(
            "Password", type="password", key="signin_password", autocomplete="current-password", max_chars=256
        )
        p_err = st.empty()
        submitted = st.form_submit_button("Sign in", type="primary", width="stretch")
    if not submitted:
        return
    if not username.strip():
        u_err.error("Enter your username.")
    elif not password:
        p_err.error("Enter your password.")
    else:
        found, refusal = checked_sign_in(username, password)
        if found is None:
            p_err.error(refusal)
        else:
            auth.signed_in(found)
            st.rerun()
