"""Sign-in sessions: a random token the browser keeps in a cookie, so a page reload
does not sign the user out. The database holds only the token's SHA-256; a token
stops working when it expires, when the user signs out, or when the account is
disabled."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, select

from .models import SignIn, User, utcnow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_sign_in(session: Session, *, user_id, hours: float, now: datetime | None = None) -> str:
    """A new token for this user, valid for `hours`."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(SignIn(user_id=user_id, token_hash=_digest(token), created_at=now,
                       expires_at=now + timedelta(hours=hours)))
    session.flush()
    return token


def issue_api_token(session: Session, *, username: str, days: float,
                    now: datetime | None = None) -> tuple[str, str, datetime]:
    """An API token an admin issues for an active user's integration: a long-lived
    sign-in (usable as an API bearer token). (token, username, expires at); LookupError
    when there is no such active user."""
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None or not user.active:
        raise LookupError(f"no active user {username.strip().lower()!r}")
    now = now or utcnow()
    token = open_sign_in(session, user_id=user.id, hours=days * 24, now=now)
    return token, user.username, now + timedelta(days=days)


def user_for_token(session: Session, *, token: str, now: datetime | None = None) -> User | None:
    """The active user a live (unexpired, not signed-out) token belongs to, else None."""
    if not token or len(token) > 128:
        return None
    stmt = (select(User).join(SignIn, SignIn.user_id == User.id)
            .where(SignIn.token_hash == _digest(token), SignIn.revoked_at.is_(None),
                   SignIn.expires_at > (now or utcnow()), User.active.is_(True)))
    return session.exec(stmt).first()


def close_sign_in(session: Session, *, token: str, now: datetime | None = None) -> bool:
    """Sign this browser out; True if the token was live."""
    row = session.exec(select(SignIn).where(SignIn.token_hash == _digest(token),
                                            SignIn.revoked_at.is_(None))).first()
    if row is None:
        return False
    row.revoked_at = now or utcnow()
    session.add(row)
    session.flush()
    return True


__all__ = ["close_sign_in", "issue_api_token", "open_sign_in", "user_for_token"]
