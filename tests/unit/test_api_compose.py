"""The API's compose service runs the same simulator as the app: the same database,
Redis, S3 and accounts, only variables Settings knows, after the app has migrated."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import AliasChoices

from sim_core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def _known() -> set[str]:
    names: set[str] = set()
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names.update(str(c) for c in alias.choices) if isinstance(alias, AliasChoices) else names.add(str(alias))
    return names


def test_the_api_service_shares_the_apps_services_and_accounts():
    services = _services()
    api, app = services["api"]["environment"], services["app"]["environment"]
    assert not sorted(set(api) - _known())
    for key in (
        "DATABASE_URL",
        "REDIS_URL",
        "S3_ENDPOINT",
        "S3_ACCESS_KEY",
        "S3_SECRET_KEY",
        "S3_BUCKET",
        "SESSION_TTL_S",
        "SIGN_IN_HOURS",
        "ADMIN_USERNAME",
        "ADMIN_PASSWORD",
    ):
        assert api[key] == app[key], key
    assert services["api"]["depends_on"]["app"]["condition"] == "service_healthy"
    assert "api.main:app" in services["api"]["command"]
    assert "/health" in " ".join(services["api"]["healthcheck"]["test"])
