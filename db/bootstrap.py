"""Database start-up shared by every front end: schema to head, the first admin from
ADMIN_USERNAME / ADMIN_PASSWORD, seed scenarios into an empty database."""
from __future__ import annotations

from typing import Any

from sim_core.settings import Settings


def prepare_database(engine: Any, cfg: Settings) -> str:
    """Bring the schema to head, create the first admin, seed an empty database.
    Returns the admin note (see `ensure_admin`)."""
    from .cli_commands import upgrade_engine
    upgrade_engine(engine)
    note = ensure_admin(engine, cfg)
    seed_if_empty(engine, cfg)
    return note


def ensure_admin(engine: Any, cfg: Settings) -> str:
    """'' when nothing was done, 'created admin …', or 'ADMIN_…: why' when refused."""
    from .engine import session_scope
    from .users import UserError, create_user, get_user_by_username
    if not (cfg.admin_username and cfg.admin_password):
        return ""
    with session_scope(engine) as s:
        exists = get_user_by_username(s, username=cfg.admin_username) is not None
    if exists:
        return ""
    try:
        with session_scope(engine) as s:   # create_user hashes before its first query
            create_user(s, username=cfg.admin_username, display_name=cfg.admin_username,
                        role="admin", password=cfg.admin_password)
    except UserError as exc:
        return f"ADMIN_USERNAME/ADMIN_PASSWORD: {exc}"
    return f"created admin {cfg.admin_username!r}"


def seed_if_empty(engine: Any, cfg: Settings) -> None:
    from .cli_commands import seed
    from .engine import session_scope
    from .scenarios import list_scenarios
    with session_scope(engine) as s:
        empty = not list_scenarios(s)
    if empty:
        seed(cfg)


__all__ = ["ensure_admin", "prepare_database", "seed_if_empty"]
