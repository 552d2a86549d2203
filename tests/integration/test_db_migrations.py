"""Migrations up and down on SQLite and PostgreSQL; the schema they build matches the models."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from db import cli_commands
from db.engine import get_engine
from db.models import metadata

pytestmark = pytest.mark.integration

TABLES = {
    "users",
    "scenarios",
    "scenario_versions",
    "call_sessions",
    "transcript_lines",
    "timeline_events",
    "extracted_entities",
    "performance_metrics",
    "call_comments",
    "sign_ins",
    "finding_overrides",
    "assignments",
    "assignment_trainees",
}


def _tables(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_downgrade_upgrade(db_url, make_settings):
    settings = make_settings(database_url=db_url)
    engine = get_engine(settings)
    assert cli_commands.upgrade(settings) == cli_commands.head_revision()
    assert _tables(engine) == TABLES
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == [], f"migrations and models disagree: {diff}"
    assert cli_commands.status(settings)["at_head"]

    assert cli_commands.downgrade(settings, "base") == "base"
    assert _tables(engine) == set()
    assert not cli_commands.status(settings)["at_head"]

    cli_commands.upgrade(settings)
    assert _tables(engine) == TABLES


def test_upgrade_is_idempotent(db_url, make_settings):
    settings = make_settings(database_url=db_url)
    first = cli_commands.upgrade(settings)
    assert cli_commands.upgrade(settings) == first


def test_jsonb_on_postgres(pg_database, make_settings):
    settings = make_settings(database_url=pg_database[1])
    cli_commands.upgrade(settings)
    cols = {c["name"]: c for c in sa.inspect(get_engine(settings)).get_columns("timeline_events")}
    assert cols["payload"]["type"].__class__.__name__ == "JSONB"
    assert cols["id"]["type"].__class__.__name__ == "UUID"


def test_default_database_is_sqlite_under_data_dir(make_settings, tmp_path):
    settings = make_settings(data_dir=tmp_path / "fresh")
    cli_commands.upgrade(settings)
    assert (tmp_path / "fresh" / "simulator.db").exists()
