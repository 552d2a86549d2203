"""Plain functions behind `python -m cli db ...`: upgrade, downgrade, seed, status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlmodel import col, func, select

from sim_core.scenario import ScenarioError, parse_scenario_yaml
from sim_core.settings import Settings

from .engine import (
    DatabaseUnavailable,
    check_connection,
    describe_db_error,
    get_engine,
    is_connectivity_error,
    session_scope,
)
from .models import Scenario, ScenarioVersion
from .scenarios import save_scenario_version
from .users import create_user

ROOT = Path(__file__).resolve().parent.parent


def alembic_config() -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "db" / "migrations"))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run(engine: Engine, fn, *args: Any) -> None:
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            fn(cfg, *args)
    except DatabaseUnavailable:
        raise
    except Exception as exc:
        if is_connectivity_error(exc):
            raise DatabaseUnavailable(
                describe_db_error(exc, engine.url.render_as_string(hide_password=False))
            ) from None
        raise


def upgrade_engine(engine: Engine, revision: str = "head") -> str:
    check_connection(engine)
    _run(engine, command.upgrade, revision)
    return current_revision(engine) or ""


def upgrade(settings: Settings, revision: str = "head") -> str:
    """Bring the configured database to `revision` (default head); returns the new revision."""
    return upgrade_engine(get_engine(settings), revision)


def downgrade(settings: Settings, revision: str) -> str:
    """Step the configured database down to `revision` ("base" empties it); returns it."""
    engine = get_engine(settings)
    check_connection(engine)
    _run(engine, command.downgrade, revision)
    return current_revision(engine) or "base"


def status(settings: Settings) -> dict[str, Any]:
    """Current and head revision; raises DatabaseUnavailable when unreachable."""
    engine = get_engine(settings)
    check_connection(engine)
    current, head = current_revision(engine), head_revision()
    return {"current": current, "head": head, "at_head": current == head}


def seed(settings: Settings, folder: Path | None = None) -> dict[str, Any]:
    """Load scenarios/*.yaml idempotently: a changed file becomes a new version.

    Upgrades the schema first. Returns counts and the files that were skipped
    because they do not validate (nothing of those is written).
    """
    engine = get_engine(settings)
    upgrade_engine(engine)
    folder = Path(folder or settings.scenarios_dir)
    counts: dict[str, Any] = {"files": 0, "new_versions": 0, "unchanged": 0, "skipped": 0, "errors": []}
    for path in sorted(folder.glob("*.yaml")):
        counts["files"] += 1
        try:
            text = path.read_text(encoding="utf-8")
            scenario = parse_scenario_yaml(text, str(path))
            if scenario.id != path.stem:
                raise ScenarioError(str(path), [f"id: {scenario.id!r} must match the file name"])
        except (OSError, UnicodeDecodeError) as exc:
            counts["skipped"] += 1
            counts["errors"].append(f"{path}: cannot read file ({exc})")
            continue
        except ScenarioError as exc:
            counts["skipped"] += 1
            counts["errors"].append(str(exc))
            continue
        with session_scope(engine) as session:
            before = _version_count(session, scenario.id)
            save_scenario_version(session, scenario=scenario, yaml_text=text, author_id=None)
            created = _version_count(session, scenario.id) > before
        counts["new_versions" if created else "unchanged"] += 1
    return counts


def add_user(settings: Settings, *, username: str, role: str, display_name: str, password: str) -> str:
    """Create a user (schema upgraded first); returns the new id. UserError on bad input."""
    engine = get_engine(settings)
    upgrade_engine(engine)
    with session_scope(engine) as session:
        user = create_user(session, username=username, display_name=display_name, role=role, password=password)
        return str(user.id)


def _version_count(session, slug: str) -> int:
    stmt = select(func.count()).select_from(ScenarioVersion).join(Scenario).where(col(Scenario.slug) == slug)
    return int(session.exec(stmt).one())


__all__ = [
    "add_user",
    "alembic_config",
    "current_revision",
    "downgrade",
    "head_revision",
    "seed",
    "status",
    "upgrade",
    "upgrade_engine",
]
