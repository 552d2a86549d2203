"""Two app servers behind a round-robin proxy with no stickiness (both on one PostgreSQL and
one Redis): a trainee's call moves from server to server line by line, one server is
killed mid-call, and the call ends with every line stored once and in order.

Each line is a new browser connection (as after a reload or a dropped websocket), and
the proxy hands each new connection to the next server, as a plain load balancer does.
"""

from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests import fresh_loop
from tests.integration.conftest import free_port, pump

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "two-servers-pass-1"
LINES = [
    "911, what is the address of your emergency?",
    "Is that 1425 Oak Street?",
    "What is the phone number you are calling from?",
    "Tell me exactly what happened.",
    "How old is he?",
    "Is he awake?",
    "Is he breathing normally?",
    "I'm sending help now, stay on the line.",
]
KILL_AFTER = 4  # server A is killed once this many lines were said


class RoundRobinProxy:
    """Loopback TCP proxy: each new connection goes to the next server in turn; a server
    that refuses is skipped (as nginx's default next-upstream does). At most `limit`
    connections at once; `served` lists which server took each connection."""

    def __init__(self, ports: list[int], limit: int = 16) -> None:
        self.ports, self.port, self.served = ports, free_port(), []
        self._next = 0
        self._slots = threading.BoundedSemaphore(limit)
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", self.port))
        self._listener.listen(16)
        threading.Thread(target=self._accept, daemon=True).start()

    def _upstream(self) -> tuple[int, socket.socket] | None:
        for _ in range(len(self.ports)):
            with self._lock:
                index, self._next = self._next, (self._next + 1) % len(self.ports)
            try:
                upstream = socket.create_connection(("127.0.0.1", self.ports[index]), 5)
            except OSError:
                continue
            upstream.settimeout(None)  # a slow page run is not a dead server
            return index, upstream
        return None

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._slots.acquire(timeout=30):
                client.close()
                continue
            picked = self._upstream()
            if picked is None:
                client.close()
                self._slots.release()
                continue
            index, upstream = picked
            with self._lock:
                self.served.append(index)
                self._socks += [client, upstream]
            done = threading.Barrier(2, action=self._slots.release)
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst, done), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket, done: threading.Barrier) -> None:
        pump(src, dst)
        try:
            done.wait(timeout=30)
        except threading.BrokenBarrierError:
            pass

    def close(self) -> None:
        self._listener.close()
        with self._lock:
            socks, self._socks = self._socks, []
        for sock in socks:
            sock.close()


def _serve(env: dict[str, str], data_dir: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    log = open(data_dir.parent / f"server-{port}.log", "wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env={**os.environ, **env, "DATA_DIR": str(data_dir)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()  # the server has its own handle
    for _ in range(600):
        if proc.poll() is not None:
            break
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"the app server did not start: {log.name}")


async def _signed_in(url: str, query: str = ""):
    from tools.loadclient import Client

    c = Client(url)
    c.query = query
    await c.connect()
    await c.set("signin_username", "tess")
    await c.set("signin_password", PASSWORD)
    await c.click("FormSubmitter:sign_in-Sign in")
    await c.rerun()
    return c


async def _start_call(url: str) -> str:
    c = await _signed_in(url)
    try:
        await c.click("start_call")
        await c.rerun()
        await c.click("answer")
        return c.query.split("call=", 1)[1].split("&", 1)[0]
    finally:
        await c.close()


async def _say(url: str, call_id: str, line: str) -> list[str]:
    """One line on a fresh connection (whichever server the proxy picks); the page's text."""
    c = await _signed_in(url, f"call={call_id}")
    try:
        await c.set("say_text", line)
        await c.click("FormSubmitter:say-Send")
        return list(c.texts)
    finally:
        await c.close()


async def _end_call(url: str, call_id: str) -> list[str]:
    c = await _signed_in(url, f"call={call_id}")
    try:
        await c.click("end_call")
        await c.rerun()
        return list(c.texts)
    finally:
        await c.close()


@pytest.fixture
def trainee_db(pg_database, make_settings):
    from db import cli_commands
    from db.engine import get_engine, session_scope
    from db.users import create_user

    settings = make_settings(database_url=pg_database[1])
    cli_commands.seed(settings)
    with session_scope(get_engine(settings)) as s:
        create_user(s, username="tess", display_name="Tess", role="trainee", password=PASSWORD)
    return settings


def test_a_call_alternating_between_two_servers_one_killed_keeps_every_line(trainee_db, redis_process, tmp_path):
    import db
    from db.engine import get_engine
    from sim_core.live.store import redis_client

    env = {
        "DATABASE_URL": trainee_db.database_url,
        "REDIS_URL": redis_process.url,
        "CALLER_ACTOR": "scripted",
        "CALL_ABANDON_S": "3600",
        "ADMIN_USERNAME": "",
        "ADMIN_PASSWORD": "",
    }
    servers = []
    for name in ("a", "b"):  # each server has its own disk (its own spool folder)
        (tmp_path / name / "data").mkdir(parents=True)
        servers.append(_serve(env, tmp_path / name / "data"))
    proxy = RoundRobinProxy([port for _, port in servers])
    url = f"http://127.0.0.1:{proxy.port}"
    try:
        call_id = fresh_loop.run(_start_call(url))
        shown = []
        for i, line in enumerate(LINES):
            if i == KILL_AFTER:
                servers[0][0].kill()  # server A dies mid-call
                servers[0][0].wait(timeout=30)
            shown.append(fresh_loop.run(_say(url, call_id, line)))
        debrief = fresh_loop.run(_end_call(url, call_id))
    finally:
        proxy.close()
        for proc, _ in servers:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)

    lines_on = proxy.served[1 : 1 + len(LINES)]
    assert lines_on[:KILL_AFTER] == [1, 0, 1, 0]  # the call really moved every line
    assert set(lines_on[KILL_AFTER:]) == {1}  # then only B was left
    for i, texts in enumerate(shown):  # each page showed every line so far
        page = html.unescape(re.sub(r"<[^>]+>", "", "".join(texts)))
        assert all(line in page for line in LINES[: i + 1]), f"line {i}"
    assert any("Debrief" in t for t in debrief)

    live = json.loads(redis_client(redis_process.url).hget(f"sim:live:{call_id}", "s"))
    said = [e["data"]["text"] for e in live["timeline"] if e["type"] in ("caller_said", "trainee_said")]
    with db.session_scope(get_engine(trainee_db)) as s:
        stored = db.get_call(s, call_id=call_id)
    assert [ln["text"] for ln in stored["transcript"]] == said  # once, in order
    assert [ln["idx"] for ln in stored["transcript"]] == list(range(len(said)))
    assert [ln["text"] for ln in stored["transcript"] if ln["speaker"] == "trainee"] == LINES
    assert stored["status"] == "scored" and stored["metrics"] is not None
