"""User data functions: create, authenticate (argon2), list, change role or status.

Passwords are hashed and checked through db.passwords.GATE (a bounded number at once)
and never while this module holds a database connection: the hash is computed before
the first query, and `authenticate` reads the stored hash in one short session, checks
it with no session open, and writes a re-hash in another.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from .engine import session_scope
from .models import Role, User
from .passwords import DUMMY_HASH, GATE


class UserError(ValueError):
    """Invalid user data; the message says what is wrong."""


def _check_role(role: str) -> str:
    if role not in tuple(Role):
        raise UserError(f"role must be one of {', '.join(Role)} (got {role!r})")
    return role


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def create_user(session: Session, *, username: str, display_name: str, role: str, password: str) -> User:
    username = username.strip().lower()
    if not username or len(username) > 64:
        raise UserError("username must be 1-64 characters")
    if len(password) < 8:
        raise UserError("password must be at least 8 characters")
    _check_role(role)
    password_hash = GATE.hash(password)  # before this function's first query
    if get_user_by_username(session, username=username) is not None:
        raise UserError(f"username {username!r} is taken")
    user = User(
        username=username, display_name=display_name.strip() or username, role=role, password_hash=password_hash
    )
    session.add(user)
    session.flush()
    return user


def get_user_by_username(session: Session, *, username: str) -> User | None:
    return session.exec(select(User).where(col(User.username) == username.strip().lower())).first()


def get_user(session: Session, *, user_id: uuid.UUID | str) -> User | None:
    return session.get(User, _uuid(user_id))


def authenticate(engine: Engine, *, username: str, password: str) -> User | None:
    """The active user with these credentials, or None (same cost whether the user exists).

    Raises db.passwords.HashingBusy when every hashing slot stays busy (a sign-in flood)."""
    with session_scope(engine) as s:
        user = get_user_by_username(s, username=username)
    if user is None:
        GATE.verify(DUMMY_HASH, password)
        return None
    if not GATE.verify(user.password_hash, password) or not user.active:
        return None
    if GATE.needs_rehash(user.password_hash):
        new_hash = GATE.hash(password)
        with session_scope(engine) as s:
            fresh = s.get(User, user.id)
            if fresh is not None:
                fresh.password_hash = new_hash
                s.add(fresh)
    return user


def list_users(session: Session, *, role: str | None = None, active: bool | None = None) -> list[dict[str, Any]]:
    stmt = select(User).order_by(col(User.username))
    if role is not None:
        stmt = stmt.where(col(User.role) == _check_role(role))
    if active is not None:
        stmt = stmt.where(col(User.active).is_(active))
    return [
        {
            "id": str(u.id),
            "username": u.username,
            "display_name": u.display_name,
            "role": u.role,
            "cohort": u.cohort,
            "active": u.active,
            "created_at": u.created_at,
        }
        for u in session.exec(stmt).all()
    ]


def _require(session: Session, user_id: uuid.UUID | str) -> User:
    user = session.get(User, _uuid(user_id))
    if user is None:
        raise UserError(f"unknown user {user_id}")
    return user


def set_role(session: Session, *, user_id: uuid.UUID | str, role: str) -> User:
    user = _require(session, user_id)
    user.role = _check_role(role)
    session.add(user)
    session.flush()
    return user


def set_active(session: Session, *, user_id: uuid.UUID | str, active: bool) -> User:
    user = _require(session, user_id)
    user.active = active
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, *, user_id: uuid.UUID | str, password: str) -> User:
    if len(password) < 8:
        raise UserError("password must be at least 8 characters")
    password_hash = GATE.hash(password)  # before this function's first query
    user = _require(session, user_id)
    user.password_hash = password_hash
    session.add(user)
    session.flush()
    return user


__all__ = [
    "UserError",
    "authenticate",
    "create_user",
    "get_user",
    "get_user_by_username",
    "list_users",
    "set_active",
    "set_password",
    "set_role",
]
