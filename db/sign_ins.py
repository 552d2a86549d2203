"""Sign-in sessions: a random token the browser keeps in a cookie, so a page reload
does not sign the user out. The database holds only the token's SHA-256.

The page's own script writes that cookie (plain `streamlit run` has no server hook to set
an HttpOnly one), so a token lives briefly: each is valid for `token_minutes` (30) and the
app swaps it for a fresh one while the user is active. The tokens of one sign-in form a
chain (they share its `created_at`): the sign-in ends for every tab and every token of the
chain when the user signs out, when its shift (SIGN_IN_HOURS from the password) is over,
or when the account is disabled.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from .models import SignIn, User, utcnow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_sign_in(
    session: Session, *, user_id, hours: float, now: datetime | None = None, started_at: datetime | None = None
) -> str:
    """A new token for this user, valid for `hours` (capped by the shift when `started_at`,
    the start of the sign-in it continues, is given by a rotation)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        SignIn(
            user_id=user_id,
            token_hash=_digest(token),
            created_at=started_at or now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    session.flush()
    return token


def issue_api_token(
    session: Session, *, username: str, days: float, now: datetime | None = None
) -> tuple[str, str, datetime]:
    """An API token an admin issues for an active user's integration: a long-lived
    sign-in (usable as an API bearer token). (token, username, expires at); LookupError
    when there is no such active user."""
    user = session.exec(select(User).where(col(User.username) == username.strip().lower())).first()
    if user is None or not user.active:
        raise LookupError(f"no active user {username.strip().lower()!r}")
    now = now or utcnow()
    token = open_sign_in(session, user_id=user.id, hours=days * 24, now=now)
    return token, user.username, now + timedelta(days=days)


def user_for_token(session: Session, *, token: str, now: datetime | None = None) -> User | None:
    """The active user a live (unexpired, not signed-out) token belongs to, else None."""
    if not token or len(token) > 128:
        return None
    stmt = (
        select(User)
        .join(SignIn, col(SignIn.user_id) == col(User.id))
        .where(
            col(SignIn.token_hash) == _digest(token),
            col(SignIn.revoked_at).is_(None),
            col(SignIn.expires_at) > (now or utcnow()),
            col(User.active).is_(True),
        )
    )
    return session.exec(stmt).first()


def sign_in_for_token(session: Session, *, token: str) -> tuple[User, SignIn] | None:
    """The active user and the sign-in row of a token that was not signed out (expired or
    not: a tab that stays open keeps its session until the shift ends)."""
    if not token or len(token) > 128:
        return None
    stmt = (
        select(User, SignIn)
        .join(SignIn, col(SignIn.user_id) == col(User.id))
        .where(col(SignIn.token_hash) == _digest(token), col(SignIn.revoked_at).is_(None), col(User.active).is_(True))
    )
    row = session.exec(stmt).first()
    return None if row is None else (row[0], row[1])


def rotate_sign_in(
    session: Session, *, token: str, minutes: float, shift_hours: float, now: datetime | None = None
) -> str | None:
    """A fresh token continuing the sign-in `token` belongs to, valid for `minutes` but not
    past the shift's end; None when that sign-in is over."""
    now = now or utcnow()
    found = sign_in_for_token(session, token=token)
    if found is None:
        return None
    user, row = found
    started = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=now.tzinfo)
    left_h = (started + timedelta(hours=shift_hours) - now).total_seconds() / 3600
    if left_h <= 0:
        return None
    return open_sign_in(session, user_id=user.id, hours=min(minutes / 60, left_h), now=now, started_at=row.created_at)


def exchange_ticket(
    session: Session, *, ticket: str, minutes: float, shift_hours: float, now: datetime | None = None
) -> str | None:
    """A fresh token for the live (unexpired) one-time `ticket`, in the same sign-in; the
    ticket stops resuming anything (it expires now) but still names its sign-in, so the
    session that holds it keeps its checks. None if the ticket is not live."""
    now = now or utcnow()
    if user_for_token(session, token=ticket, now=now) is None:
        return None
    fresh = rotate_sign_in(session, token=ticket, minutes=minutes, shift_hours=shift_hours, now=now)
    row = session.exec(select(SignIn).where(col(SignIn.token_hash) == _digest(ticket))).first()
    if row is not None:
        row.expires_at = now
        session.add(row)
        session.flush()
    return fresh


def close_sign_in(session: Session, *, token: str, now: datetime | None = None) -> bool:
    """Sign out the sign-in this token belongs to: every token of its chain stops working
    (other tabs, and any earlier token someone may have copied). True if it was live."""
    row = session.exec(
        select(SignIn).where(col(SignIn.token_hash) == _digest(token), col(SignIn.revoked_at).is_(None))
    ).first()
    if row is None:
        return False
    chain = session.exec(
        select(SignIn).where(
            col(SignIn.user_id) == row.user_id,
            col(SignIn.created_at) == row.created_at,
            col(SignIn.revoked_at).is_(None),
        )
    ).all()
    for r in chain:
        r.revoked_at = now or utcnow()
        session.add(r)
    session.flush()
    return True


__all__ = [
    "close_sign_in",
    "exchange_ticket",
    "issue_api_token",
    "open_sign_in",
    "rotate_sign_in",
    "sign_in_for_token",
    "user_for_token",
]
