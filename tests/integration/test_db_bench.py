"""The db benchmark suite runs end to end at a small scale and reports its keys."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tools.bench.db import run_db_suite, scratch_database

pytestmark = pytest.mark.integration
KEYS = {"turn_persist_p95_ms", "bulk_lines_per_s", "analytics_query_max_ms"}


def test_db_suite_on_sqlite(make_settings):
    figures = run_db_suite(make_settings(), scale=0.01)
    assert KEYS <= set(figures) and figures["db_backend"] == "sqlite"
    assert figures["bulk_lines"] == 100 * 50


def test_db_suite_on_postgres_leaves_no_database_behind(make_settings, pg_server, shared_redis_url):
    url = f"postgresql://postgres@{pg_server[0]}:{pg_server[1]}/postgres"
    settings = make_settings(database_url=url, redis_url=shared_redis_url)
    figures = run_db_suite(settings, scale=0.01)
    assert KEYS <= set(figures) and figures["live_store"] == "redis"
    with scratch_database(settings) as url:
        name = sa.engine.make_url(url).database
        assert name.startswith("simbench_")
    engine = sa.create_engine(settings.effective_database_url)
    with engine.connect() as conn:
        names = conn.execute(sa.text("select datname from pg_database")).scalars().all()
    engine.dispose()
    assert name not in names
