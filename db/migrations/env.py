"""Alembic environment: one set of migrations for PostgreSQL and SQLite.

The connection is handed in by db.cli_commands (config.attributes["connection"]);
run from the `alembic` command line it is built from Settings.
"""

from __future__ import annotations

from alembic import context

from db.engine import make_engine
from db.models import metadata
from sim_core.settings import get_settings

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(get_settings().effective_database_url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations_online()
