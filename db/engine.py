"""Engines and sessions for PostgreSQL (psycopg 3) or the embedded SQLite default.

Connection problems are turned into one readable line that names DATABASE_URL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from sim_core.private_files import private_file
from sim_core.settings import Settings, SettingsError, redact_url

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


class DatabaseUnavailable(SettingsError):
    """The database cannot be reached or refused us; str() is one line naming DATABASE_URL.

    A SettingsError, so front ends that report bad configuration as one line do so here too.
    """


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str, *, connect_timeout_s: int = 3) -> Engine:
    """A new engine for url; SQLite enforces foreign keys, PostgreSQL fails fast."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            private_file(Path(database).expanduser())  # 0600 in a 0700 folder
            engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        else:
            engine = sa.create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        pool_timeout=5,
        connect_args={"connect_timeout": connect_timeout_s},
    )


def get_engine(settings: Settings) -> Engine:
    """The shared engine for the configured database (one per URL per process)."""
    url = settings.effective_database_url
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = _ENGINES[url] = make_engine(url)
        return engine


def dispose_engines() -> None:
    with _LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def safe_url(url: str) -> str:
    try:
        return redact_url(make_url(url).render_as_string(hide_password=True))
    except Exception:
        return "<unparsable URL>"


def is_connectivity_error(exc: BaseException) -> bool:
    """True when exc means 'the database is not reachable right now' (worth retrying later)."""
    if isinstance(exc, DatabaseUnavailable):
        return True
    if isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, (sa.exc.OperationalError, sa.exc.InterfaceError)):
        return True
    return isinstance(exc, (sa.exc.TimeoutError, ConnectionError, OSError))


def describe_db_error(exc: BaseException, url: str) -> str:
    """One line naming DATABASE_URL and the cause, without a stack trace or password."""
    raw = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    detail = raw[0] if raw else exc.__class__.__name__
    low = str(exc).lower()
    if "authentication failed" in low or ("role" in low and "does not exist" in low) or "no password supplied" in low:
        cause = "wrong user name or password"
    elif "does not exist" in low and "database" in low:
        cause = "the database does not exist"
    elif "connection refused" in low or "could not connect" in low or "timeout" in low:
        cause = "server unreachable"
    elif "unable to open database file" in low:
        cause = "cannot open the SQLite file (check DATA_DIR permissions)"
    else:
        cause = "cannot use the database"
    return f"DATABASE_URL: {cause} at {safe_url(url)} ({detail})"


def check_connection(engine: Engine) -> None:
    """Run SELECT 1; raise DatabaseUnavailable with a one-line reason on failure."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:
        raise DatabaseUnavailable(describe_db_error(exc, engine.url.render_as_string(hide_password=False))) from None


__all__ = [
    "DatabaseUnavailable",
    "check_connection",
    "describe_db_error",
    "dispose_engines",
    "get_engine",
    "is_connectivity_error",
    "make_engine",
    "safe_url",
    "session_scope",
]
