"""The API as a real server for tests: uvicorn on loopback over real PostgreSQL,
Redis and S3, with users of every role, an httpx client per user and a
WebSocket client. Also an LRS stand-in (xAPI statements) on loopback."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from db.bootstrap import prestart
from tests.integration.conftest import PG_HOST, PG_PORT, _admin, free_port

PASSWORD = "correct-horse-9"
USERS = {
    "trainee": "trainee",
    "trainee2": "trainee",
    "instructor": "instructor",
    "supervisor": "supervisor",
    "admin": "admin",
    "locked": "trainee",
}


class ApiServer:
    """`api.main.create_app(settings)` served by uvicorn in a thread."""

    def __init__(self, settings: Any) -> None:
        import uvicorn

        from api.main import create_app

        self.app = create_app(settings)
        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.app, host="127.0.0.1", port=self.port, log_level="warning", ws="websockets-sansio", lifespan="on"
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_base(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    @property
    def backends(self) -> Any:
        return self.app.state.backends

    def start(self) -> ApiServer:
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the API server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@dataclass
class ApiStack:
    """One or more API processes sharing a database, Redis and S3, and their users."""

    servers: list[ApiServer]
    settings: Any
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def api(self) -> ApiServer:
        return self.servers[0]

    def token(self, who: str) -> str:
        if who not in self.tokens:
            r = httpx.post(
                f"{self.api.base}/api/v1/auth/token", json={"username": who, "password": PASSWORD}, timeout=30
            )
            assert r.status_code == 200, r.text
            self.tokens[who] = r.json()["access_token"]
        return self.tokens[who]

    def client(self, who: str | None = None, server: int = 0) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token(who)}"} if who else {}
        return httpx.Client(base_url=self.servers[server].base, headers=headers, timeout=60)

    def ws(self, call_id: str, who: str, server: int = 0, token: str | None = None):
        from websockets.sync.client import connect

        tok = self.token(who) if token is None else token
        return connect(f"{self.servers[server].ws_base}/ws/call/{call_id}?token={tok}", open_timeout=30, max_size=2**24)

    def start_call(self, who: str = "trainee", scenario: str = "cardiac-arrest", mode: str = "text") -> dict[str, Any]:
        with self.client(who) as c:
            r = c.post("/api/v1/calls/start", json={"scenario_id": scenario, "mode": mode})
        assert r.status_code == 201, r.text
        return r.json()


def recv(ws, timeout: float = 60) -> dict[str, Any]:
    return json.loads(ws.recv(timeout=timeout))


def recv_until(ws, kind: str, timeout: float = 60, skip_timer: bool = True, **match: Any) -> tuple[dict, list[dict]]:
    """Messages up to and including the first of `kind` (with the `match` fields):
    (that one, everything before it)."""
    seen: list[dict] = []
    while True:
        msg = recv(ws, timeout)
        if msg["type"] == kind and all(msg.get(k) == v for k, v in match.items()):
            return msg, seen
        if not (skip_timer and msg["type"] == "timer"):
            seen.append(msg)


def say(ws, text: str) -> tuple[dict, dict, list[dict]]:
    """Say a line; (the trainee's transcript line, the caller's answer, what came between)."""
    ws.send(json.dumps({"type": "say", "text": text}))
    mine, _ = recv_until(ws, "transcript", speaker="trainee")
    caller, between = recv_until(ws, "transcript", speaker="caller")
    return mine, caller, between


def make_settings(tmp_path, db_url: str, redis_url: str, s3: tuple[str, str, str], **overrides: Any) -> Any:
    from sim_core.settings import load_settings

    endpoint, access, secret = s3
    base = dict(
        database_url=db_url,
        redis_url=redis_url,
        s3_endpoint=endpoint,
        s3_access_key=access,
        s3_secret_key=secret,
        s3_bucket=f"api-{uuid.uuid4().hex[:8]}",
        data_dir=tmp_path / "data",
        llm_api_key="",
        llm_base_url="https://openrouter.ai/api/v1",
        caller_actor="scripted",
        tts_backend="piper",
        stt_backend="pocketsphinx",
        admin_username="admin",
        admin_password=PASSWORD,
        rate_limit_turns_per_min=600,
        rate_limit_calls_per_hour=25,
        rate_limit_sign_in_failures=3,
    )
    base.update(overrides)
    return load_settings(**base)


def add_users(server: ApiServer) -> None:
    from db.engine import session_scope
    from db.users import create_user, get_user_by_username

    with session_scope(server.backends.engine) as s:
        for name, role in USERS.items():
            if get_user_by_username(s, username=name) is None:
                create_user(s, username=name, display_name=name.title(), role=role, password=PASSWORD)


def fresh_database() -> tuple[str, str]:
    name = f"simapi_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    return name, f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"


def drop_database(name: str) -> None:
    from db.engine import dispose_engines

    dispose_engines()
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def forget_sign_in_failures(redis_url: str) -> None:
    """The sign-in guard's counters live in the shared Redis for 15 minutes; a fresh stack
    starts without the failures an earlier run (or module) left there."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        for key in client.scan_iter(match="LIMITS:signin/*"):
            client.delete(key)
    finally:
        client.close()


def stack(tmp_path_factory, pg_server, redis_url, s3, processes: int = 1, **overrides):
    """Generator for a module fixture: `processes` API servers on one fresh database."""
    name, url = fresh_database()
    forget_sign_in_failures(redis_url)
    settings = make_settings(tmp_path_factory.mktemp("api"), url, redis_url, s3, **overrides)
    prestart(settings)  # as a deployment runs it before its servers start
    servers: list[ApiServer] = []
    try:
        for _ in range(processes):
            servers.append(ApiServer(settings).start())
        add_users(servers[0])
        yield ApiStack(servers, settings)
    finally:
        for srv in servers:
            srv.stop()
        drop_database(name)


@pytest.fixture(scope="module")
def api_stack(tmp_path_factory, pg_server, shared_redis_url, s3_server):
    yield from stack(tmp_path_factory, pg_server, shared_redis_url, s3_server)


# --- an LRS stand-in -------------------------------------------------------------------------
class FakeLrs:
    """Accepts xAPI statements (PUT /xapi/statements?statementId=…) with Basic auth;
    answers 503 to the first `fail_first` requests; keeps every statement it stored."""

    def __init__(self, username: str, password: str, fail_first: int = 0) -> None:
        self.expected = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.fail_left = fail_first
        self.attempts: list[dict[str, Any]] = []
        self.statements: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def do_PUT(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lrs.lock:
                    lrs.attempts.append(
                        {
                            "path": self.path,
                            "auth": self.headers.get("Authorization"),
                            "version": self.headers.get("X-Experience-API-Version"),
                        }
                    )
                    failing = lrs.fail_left > 0
                    lrs.fail_left -= 1 if failing else 0
                if self.headers.get("Authorization") != lrs.expected:
                    return self._reply(401)
                if failing:
                    return self._reply(503)
                statement = json.loads(body)
                with lrs.lock:
                    lrs.statements[statement["id"]] = statement
                self._reply(204)

            def _reply(self, code: int) -> None:
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, n: int, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while len(self.statements) < n:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the LRS got {len(self.statements)} statements, expected {n}; attempts: {self.attempts}"
                )
            time.sleep(0.05)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
