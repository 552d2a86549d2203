"""docker-compose.yml wires the app with variables Settings knows, behind health checks."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import AliasChoices

from sim_core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _known_variables() -> set[str]:
    names = set()
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names.update(str(c) for c in alias.choices)
        elif alias:
            names.add(str(alias))
    return names


def test_every_app_variable_is_a_setting():
    env = _compose()["services"]["app"]["environment"]
    unknown = sorted(set(env) - _known_variables())
    assert not unknown, f"docker-compose sets variables Settings does not know: {unknown}"
    for key in (
        "DATABASE_URL",
        "REDIS_URL",
        "S3_ENDPOINT",
        "S3_ACCESS_KEY",
        "S3_SECRET_KEY",
        "S3_BUCKET",
        "SESSION_TTL_S",
    ):
        assert key in env


def test_services_have_health_checks_and_the_app_waits_for_them():
    services = _compose()["services"]
    for name in ("postgres", "redis", "minio", "app", "ollama", "coqui"):
        assert "test" in services[name]["healthcheck"], name
    deps = services["app"]["depends_on"]
    for name in ("postgres", "redis", "minio"):
        assert deps[name]["condition"] == "service_healthy"
    assert deps["minio-init"]["condition"] == "service_completed_successfully"
    assert services["ollama"]["profiles"] == ["llm"] and services["coqui"]["profiles"] == ["tts"]
    assert services["app"]["build"] == "."


def test_wiring_matches_the_services():
    services = _compose()["services"]
    env = services["app"]["environment"]
    assert "@postgres:5432/" in env["DATABASE_URL"] and env["DATABASE_URL"].startswith("postgresql://")
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert env["S3_ENDPOINT"] == "http://minio:9000"
    minio = services["minio"]["environment"]
    assert minio["MINIO_ROOT_USER"] == env["S3_ACCESS_KEY"]
    assert minio["MINIO_ROOT_PASSWORD"] == env["S3_SECRET_KEY"]
    assert services["minio-init"]["environment"]["BUCKET"] == env["S3_BUCKET"]
    start = (ROOT / "Dockerfile").read_text()
    assert "python -m cli prestart && exec streamlit run serve.py" in start  # schema first


def test_only_the_app_is_published_and_no_secret_has_a_default():
    """Nobody on the network reaches MinIO's console (or any backing service), and no
    password is one everybody who read this file knows."""
    text = (ROOT / "docker-compose.yml").read_text()
    services = _compose()["services"]
    published = {name for name, svc in services.items() if svc.get("ports")}
    assert published <= {"app", "api", "proxy"}  # the app, its API, or the scale profile's proxy
    assert not published & {"minio", "minio-init", "postgres", "redis"}
    for secret in ("S3_SECRET_KEY", "S3_ACCESS_KEY", "ADMIN_PASSWORD"):
        assert f"${{{secret}:-" not in text and f"${{{secret}-" not in text, secret
        assert f"${{{secret}:?" in text, secret


def test_scale_profile_runs_replicas_like_the_app_behind_a_round_robin_proxy():
    """`--profile scale`: more servers with the app's exact configuration (so any of them
    can take any turn of a call), each with its own spool folder, behind a proxy that
    passes websockets and spreads connections with no stickiness."""
    compose = _compose()
    services = compose["services"]
    replica, proxy, app = services["replica"], services["proxy"], services["app"]
    assert replica["profiles"] == proxy["profiles"] == ["scale"]
    assert "profiles" not in app  # a plain `docker compose up` is unchanged
    assert replica["environment"] == app["environment"]
    assert replica["build"] == app["build"] == "."
    assert replica["depends_on"]["app"]["condition"] == "service_healthy"  # migrated first
    assert replica["volumes"] == ["/app/data"] and "ports" not in replica
    assert "web" in app["networks"]["default"]["aliases"]
    assert "web" in replica["networks"]["default"]["aliases"]
    assert proxy["image"].startswith("caddy:")  # proxies websockets as they are
    caddyfile = compose["configs"]["caddyfile"]["content"]
    assert "name web" in caddyfile and "port 8501" in caddyfile
    assert "lb_policy round_robin" in caddyfile
    assert "cookie" not in caddyfile and "ip_hash" not in caddyfile  # no stickiness
    assert proxy["configs"][0]["target"] == "/etc/caddy/Caddyfile"
