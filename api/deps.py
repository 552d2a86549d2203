"""What every endpoint shares: the backends, a database session (503 naming the
database when it is down), the signed-in user from the bearer token (the same typed `SignedInUser` the
pages use), role checks (the pages' rules: admins may do everything) and the
per-user request limit."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Depends, HTTPException, Request, status
from sqlmodel import Session

from db.engine import is_connectivity_error, session_scope
from db.sign_ins import user_for_token
from db.signed_in import SignedInUser
from sim_core.ratelimit import RateLimited

from .backends import ApiBackends

log = logging.getLogger(__name__)
AUTH_HEADERS = {"WWW-Authenticate": "Bearer"}


def backends(request: Request) -> ApiBackends:
    return request.app.state.backends


@contextmanager
def db_session(b: ApiBackends) -> Iterator[Session]:
    """A session on the API's database; 503 with the reason when it is unavailable."""
    if b.engine is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "the database is unavailable")
    try:
        with session_scope(b.engine) as s:
            yield s
    except HTTPException:
        raise
    except Exception as exc:
        if is_connectivity_error(exc):
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE, "the database is unreachable; try again shortly"
            ) from None
        raise


def token_from(authorization: str | None) -> str:
    if not authorization:
        return ""
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def user_for_bearer(b: ApiBackends, token: str) -> SignedInUser | None:
    if not token:
        return None
    with db_session(b) as s:
        user = user_for_token(s, token=token)
        return None if user is None else SignedInUser.of(user)


def limit(limiter: Any, key: str) -> None:
    """429 with the limiter's own words when `key` is over its limit."""
    try:
        limiter.check(key)
    except RateLimited as exc:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, str(exc)) from None


def current_user(request: Request, b: ApiBackends = Depends(backends)) -> SignedInUser:
    """The user the bearer token belongs to; 401 without a live token."""
    token = token_from(request.headers.get("authorization"))
    if not token:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "sign in: send Authorization: Bearer <token> (POST /api/v1/auth/token gives one)",
            headers=AUTH_HEADERS,
        )
    user = user_for_bearer(b, token)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "the token is unknown, expired or revoked, or the account is disabled",
            headers=AUTH_HEADERS,
        )
    limit(request.app.state.request_limit, user.id)
    request.state.token = token
    return user


def require_role(*roles: str) -> Callable[..., SignedInUser]:
    """A dependency: the signed-in user if their role may do this (admins always may)."""

    def check(user: SignedInUser = Depends(current_user)) -> SignedInUser:
        if not user.may(*roles):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"your role ({user.role}) may not do this; it needs {' or '.join(roles)}"
            )
        return user

    return check


def own_filter(user: SignedInUser) -> str | None:
    """The trainee id every read of stored calls is limited to (None: may see everyone's)."""
    return user.id if user.is_trainee else None


__all__ = [
    "backends",
    "current_user",
    "db_session",
    "limit",
    "own_filter",
    "require_role",
    "token_from",
    "user_for_bearer",
]
