"""`python -m cli doctor`: every configured dependency checked, one table, not ok when one is down."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from db import cli_commands
from db.health import run_doctor
from sim_core.doctor import format_table

pytestmark = pytest.mark.integration


def _by_name(rows):
    return {r["name"]: r for r in rows}


@pytest.fixture
def http_server():
    """A loopback HTTP server answering every GET with the status a test sets."""
    state = {"status": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(state["status"])
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()
    server.server_close()


def test_embedded_defaults_are_ok(make_settings):
    rows, ok = run_doctor(make_settings())
    assert ok
    by = _by_name(rows)
    assert by["database"]["status"] == "down" and not by["database"]["configured"]  # no schema yet
    assert by["redis"]["status"] == "skipped" and by["object store"]["status"] == "ok"
    assert {by[n]["status"] for n in ("llm", "tts", "stt")} == {"skipped"}
    table = format_table(rows)
    assert "database" in table and "object store" in table and "skipped" in table


def test_configured_services_up_and_down(
    make_settings, pg_database, shared_redis_url, s3_server, unused_port, http_server
):
    endpoint, access, secret = s3_server
    base, http_state = http_server
    settings = make_settings(
        database_url=pg_database[1],
        redis_url=shared_redis_url,
        s3_endpoint=endpoint,
        s3_access_key=access,
        s3_secret_key=secret,
        llm_base_url=base,
        llm_api_key="k",
        tts_backend="coqui",
        coqui_tts_url=base,
        stt_backend="openai",
        speech_base_url=base,
    )
    rows, ok = run_doctor(settings)
    by = _by_name(rows)
    assert not ok and by["database"]["status"] == "down" and "python -m cli db upgrade" in by["database"]["detail"]
    cli_commands.upgrade(settings)
    rows, ok = run_doctor(settings)
    assert ok, format_table(rows)
    assert all(r["configured"] and r["status"] == "ok" for r in rows)

    http_state["status"] = 401
    rows, ok = run_doctor(settings)
    assert not ok and _by_name(rows)["llm"]["detail"].startswith("LLM_API_KEY: rejected")

    dead = f"http://127.0.0.1:{unused_port}"
    broken = make_settings(
        database_url=f"postgresql://postgres@127.0.0.1:{unused_port}/x",
        redis_url=f"redis://127.0.0.1:{unused_port}/0",
        s3_endpoint=dead,
        s3_access_key="a",
        s3_secret_key="b",
    )
    rows, ok = run_doctor(broken)
    by = _by_name(rows)
    assert not ok
    assert by["database"]["detail"].startswith("DATABASE_URL:")
    assert by["redis"]["detail"].startswith("REDIS_URL: unreachable")
    assert by["object store"]["detail"].startswith("S3_ENDPOINT:")
    assert all("\n" not in r["detail"] for r in rows)
