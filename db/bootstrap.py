"""Database start-up shared by every front end.

`prestart` runs once before the servers start (`python -m cli prestart`: the schema to
head, then the seed scenarios). A page or API process then only checks the schema is at
head (`require_schema_at_head`) and creates the first admin from ADMIN_USERNAME /
ADMIN_PASSWORD (`ensure_admin`).
"""

from __future__ import annotations

from typing import Any

from sim_core.settings import Settings

from .cli_commands import current_revision, head_revision, seed
from .engine import check_connection, session_scope
from .users import UserError, create_user, get_user_by_username

PRESTART = "python -m cli prestart"


class SchemaNotAtHead(RuntimeError):
    """The database has not been migrated to this version of the app."""


def prestart(settings: Settings) -> dict[str, Any]:
    """The schema to head, then every seed scenario (a changed file becomes a new version).
    Returns the seed counts (see `db.cli_commands.seed`)."""
    return seed(settings)


def require_schema_at_head(engine: Any) -> None:
    """Raise SchemaNotAtHead, naming the command that fixes it, unless the schema is at
    head; DatabaseUnavailable when the database cannot be reached."""
    check_connection(engine)
    current, head = current_revision(engine), head_revision()
    if current != head:
        found = f"at revision {current}" if current else "empty"
        raise SchemaNotAtHead(
            f"The database is {found}; this version of the app needs revision {head}. Run `{PRESTART}`, then reload."
        )


def start_database(engine: Any, cfg: Settings) -> str:
    """What a server does at start-up: check the schema, create the first admin.
    Returns the admin note (see `ensure_admin`)."""
    require_schema_at_head(engine)
    return ensure_admin(engine, cfg)


def ensure_admin(engine: Any, cfg: Settings) -> str:
    """'' when nothing was done, 'created admin …', or 'ADMIN_…: why' when refused."""
    if not (cfg.admin_username and cfg.admin_password):
        return ""
    with session_scope(engine) as s:
        exists = get_user_by_username(s, username=cfg.admin_username) is not None
    if exists:
        return ""
    try:
        with session_scope(engine) as s:  # create_user hashes before its first query
            create_user(
                s,
                username=cfg.admin_username,
                display_name=cfg.admin_username,
                role="admin",
                password=cfg.admin_password,
            )
    except UserError as exc:
        return f"ADMIN_USERNAME/ADMIN_PASSWORD: {exc}"
    return f"created admin {cfg.admin_username!r}"


__all__ = ["PRESTART", "SchemaNotAtHead", "ensure_admin", "prestart", "require_schema_at_head", "start_database"]
