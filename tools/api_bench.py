"""API benchmark: typed turns over WS /ws/call/{id} on loopback.

Starts `uvicorn api.main:app` as a child process (the environment's DATABASE_URL,
REDIS_URL… apply; rate limits are raised so the bench measures the server, not
the limiter), then measures:

* `typed_turn_p50_ms` / `typed_turn_p95_ms`: one client, a typed line sent →
  the caller's transcript line received (NLP, director, actor, scoring state,
  live-store save, database writes, JSON over the socket);
* `max_concurrent_calls_under_1s`: calls held at once, each a WebSocket with a
  trainee saying a line every `--think` seconds (jittered) while the server's
  clock ticks every call each second; levels double from 1 to `--max-calls` and
  stop at the first level whose worst turn passes 1 s.

Client and server share the machine, so the figures include the client's own
work. Bounded: a fixed number of turns per level, a fixed top level.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
LINES = [
    json.loads(x)["text"]
    for x in (ROOT / "tests/data/transcripts/cardiac-arrest.good.jsonl").read_text().splitlines()
    if x.strip() and "text" in json.loads(x)
]
USER, PASSWORD = "bench-admin", "bench-password-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, data_dir: str) -> subprocess.Popen:
    env = dict(
        os.environ,
        ADMIN_USERNAME=USER,
        ADMIN_PASSWORD=PASSWORD,
        DATA_DIR=data_dir,
        RATE_LIMIT_TURNS_PER_MIN="1000000",
        RATE_LIMIT_CALLS_PER_HOUR="1000000",
        RATE_LIMIT_API_REQUESTS_PER_MIN="1000000",
        CALLER_ACTOR="scripted",
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--ws",
            "websockets-sansio",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the API did not start")


class Client:
    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.ws_base = f"ws://127.0.0.1:{port}"
        r = httpx.post(f"{self.base}/api/v1/auth/token", json={"username": USER, "password": PASSWORD}, timeout=30)
        r.raise_for_status()
        self.token = r.json()["access_token"]
        self.http = httpx.AsyncClient(base_url=self.base, timeout=60, headers={"Authorization": f"Bearer {self.token}"})

    async def start_call(self) -> str:
        r = await self.http.post("/api/v1/calls/start", json={"scenario_id": "cardiac-arrest"})
        r.raise_for_status()
        return r.json()["call_id"]


async def _turn(ws, text: str) -> float:
    """Seconds from sending a line to the caller's answer arriving."""
    started = time.perf_counter()
    await ws.send(json.dumps({"type": "say", "text": text}))
    while True:
        msg = json.loads(await ws.recv())
        if msg["type"] == "transcript" and msg["speaker"] == "caller":
            return time.perf_counter() - started
        if msg["type"] == "error":
            raise RuntimeError(msg["message"])


async def _call(
    client: Client,
    turns: int,
    think_s: float,
    out: list[float],
    ready: asyncio.Event | None = None,
    opened: list[int] | None = None,
) -> None:
    cid = await client.start_call()
    async with connect(f"{client.ws_base}/ws/call/{cid}?token={client.token}", max_size=2**24, open_timeout=60) as ws:
        await ws.recv()  # state
        if opened is not None and ready is not None:
            opened.append(1)
            await ready.wait()  # every call is connected first
        if think_s:
            await asyncio.sleep(random.uniform(0, think_s))
        for i in range(turns):
            out.append(await _turn(ws, LINES[i % len(LINES)]))
            if think_s:
                await asyncio.sleep(random.uniform(0.5 * think_s, 1.5 * think_s))
        await ws.send(json.dumps({"type": "control", "action": "end"}))


async def single(client: Client, turns: int) -> dict[str, float]:
    out: list[float] = []
    await _call(client, min(turns, 8), 0.0, [])  # warm-up
    for _ in range(max(1, turns // len(LINES))):
        await _call(client, len(LINES), 0.0, out)
    ms = sorted(x * 1000 for x in out)
    return {
        "typed_turn_n": len(ms),
        "typed_turn_p50_ms": round(statistics.median(ms), 2),
        "typed_turn_p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2),
        "typed_turn_max_ms": round(ms[-1], 2),
    }


async def level(client: Client, n: int, turns: int, think_s: float) -> dict[str, float]:
    out: list[float] = []
    ready, opened = asyncio.Event(), []

    async def release() -> None:
        while len(opened) < n:
            await asyncio.sleep(0.05)
        ready.set()

    await asyncio.gather(release(), *[_call(client, turns, think_s, out, ready, opened) for _ in range(n)])
    ms = sorted(x * 1000 for x in out)
    return {
        "calls": n,
        "turns": len(ms),
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
        "worst_ms": round(ms[-1], 1),
    }


async def run(port: int, turns: int, max_calls: int, per_call: int, think_s: float) -> dict:
    client = Client(port)
    result: dict = await single(client, turns)
    levels, n, held, failed = [], 1, 0, 0
    while n <= max_calls:  # double until the worst turn passes 1 s …
        row = await level(client, n, per_call, think_s)
        levels.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
        if row["worst_ms"] > 1000:
            failed = n
            break
        held, n = n, n * 2
    for _ in range(3):  # … then halve the gap a few times
        if not failed or failed - held <= max(2, held // 8):
            break
        n = (held + failed) // 2
        row = await level(client, n, per_call, think_s)
        levels.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
        held, failed = (n, failed) if row["worst_ms"] <= 1000 else (held, n)
    result.update(
        max_concurrent_calls_under_1s=held,
        levels=levels,
        think_s=think_s,
        turns_per_call=per_call,
        max_calls_tried=max_calls,
    )
    await client.http.aclose()
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.api_bench", description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=150, help="typed turns for the p95 (one client)")
    ap.add_argument("--max-calls", type=int, default=256, help="top concurrency level tried")
    ap.add_argument("--per-call", type=int, default=6, help="turns per call at each level")
    ap.add_argument("--think", type=float, default=2.0, help="seconds between a call's turns")
    ap.add_argument("--data-dir", default="/tmp/api-bench-data")
    args = ap.parse_args(argv)
    port = free_port()
    proc = start_server(port, args.data_dir)
    try:
        result = asyncio.run(run(port, args.turns, args.max_calls, args.per_call, args.think))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
