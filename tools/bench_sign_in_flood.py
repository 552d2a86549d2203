"""Sign-in flood on loopback: many simultaneous sign-in attempts with random usernames
while trainees are on typed calls through the same server. Prints JSON: the live calls'
turn times (p50/p95/max), what the flood was told, and every error either side saw.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m tools.bench_sign_in_flood --flood 100 --calls 3

The database named by DATABASE_URL is only used to create (and at the end drop) a scratch
database beside it. --one-address-limit N sets RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS for
the server: the default (5) is what a single attacker meets; a large value makes every
attempt reach the password check, as a flood from many addresses would.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import string
import tempfile
import time
import uuid
from typing import Any

import psycopg

from db.cli_commands import seed, upgrade
from db.engine import dispose_engines, get_engine, session_scope
from db.users import create_user
from sim_core.percentile import percentile
from sim_core.settings import get_settings
from tools.bench.app import _loop_call, _serve
from tools.loadclient import Client


class FloodClient(Client):
    """A load client that also keeps the alerts (st.error/info) and exceptions it is shown."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url)
        self.alerts: list[str] = []
        self.exceptions: list[str] = []

    def _element(self, delta: Any) -> None:
        super()._element(delta)
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        if kind == "alert":
            self.alerts.append(el.alert.body)
        elif kind == "exception":
            self.exceptions.append(f"{el.exception.type}: {el.exception.message}")


def _word(n: int) -> str:
    return "".join(random.choices(string.ascii_lowercase, k=n))


async def _attempt(url: str, outcomes: list[str], errors: list[str], took: list[float]) -> None:
    c = FloodClient(url)
    t0 = time.perf_counter()
    try:
        await c.connect()
        if "Many people are signing in right now" in " ".join(c.alerts):
            outcomes.append("page busy, reload")  # no form drawn: told to come back
            return
        await c.set("signin_username", f"{_word(8)}@example.org")
        await c.set("signin_password", _word(12))
        await c.click("FormSubmitter:sign_in-Sign in")
        said = " ".join(c.alerts)
        if c.exceptions:
            errors.append("flood: " + c.exceptions[0])
        elif "Wrong username or password" in said:
            outcomes.append("wrong password")
        elif "Sign-in paused" in said:
            outcomes.append("paused (rate limit)")
        elif "Sign-in is busy" in said:
            outcomes.append("busy, try again")
        elif "Many people are signing in right now" in said:
            outcomes.append("page busy, reload")
        else:
            errors.append(f"flood: unexpected page: {said[:120]!r}")
    except Exception as exc:
        errors.append(f"flood: {exc.__class__.__name__}: {exc}")
    finally:
        took.append(time.perf_counter() - t0)
        await c.close()


def _scratch_database(base_url: str) -> tuple[str, Any]:
    admin = base_url.replace("postgresql+psycopg://", "postgresql://")
    name = f"flood_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        dispose_engines()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin.rsplit("/", 1)[0] + f"/{name}", drop


def _users(n: int) -> list[str]:
    get_settings.cache_clear()
    settings = get_settings()
    upgrade(settings)
    seed(settings)
    names = []
    with session_scope(get_engine(settings)) as s:
        for i in range(n):
            create_user(s, username=f"bench{i}", display_name=f"Bench {i}", role="trainee", password="bench-password")
            names.append(f"bench{i}")
    return names


def run(flood: int, calls: int, turns: int, per_address: int | None) -> dict[str, Any]:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgresql"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL server (a scratch database is made)")
    url_db, drop = _scratch_database(base)
    os.environ.update(DATABASE_URL=url_db, DATA_DIR=tempfile.mkdtemp(prefix="flood-"), CALLER_ACTOR="scripted")
    if per_address is not None:
        os.environ["RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS"] = str(per_address)
    try:
        users = _users(calls)
        proc, url = _serve()
        try:
            warm: list[float] = []
            asyncio.run(_loop_call(url, users[0], 2, (0.0, 0.1), warm, []))
            turns_ms: list[float] = []
            call_errors: list[str] = []
            outcomes: list[str] = []
            flood_errors: list[str] = []
            took: list[float] = []

            async def main() -> None:
                live = [
                    asyncio.ensure_future(_loop_call(url, u, turns, (1.0, 2.0), turns_ms, call_errors)) for u in users
                ]
                await asyncio.sleep(4.0)  # the calls are under way
                await asyncio.gather(*[_attempt(url, outcomes, flood_errors, took) for _ in range(flood)])
                await asyncio.gather(*live)

            t0 = time.perf_counter()
            asyncio.run(main())
            wall = time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(10)
    finally:
        drop()
    return {
        "flood_attempts": flood,
        "flood_outcomes": {k: outcomes.count(k) for k in sorted(set(outcomes))},
        "flood_attempt_p95_s": round(percentile(took, 95), 2) if took else None,
        "flood_errors": len(flood_errors),
        "flood_first_error": flood_errors[0] if flood_errors else "",
        "live_calls": calls,
        "live_turns": len(turns_ms),
        "live_turn_p50_ms": round(statistics.median(turns_ms), 1) if turns_ms else None,
        "live_turn_p95_ms": round(percentile(turns_ms, 95), 1) if turns_ms else None,
        "live_turn_max_ms": round(max(turns_ms), 1) if turns_ms else None,
        "live_errors": len(call_errors),
        "live_first_error": call_errors[0] if call_errors else "",
        "per_address_limit": per_address if per_address is not None else "default",
        "wall_s": round(wall, 1),
        "cpus": os.cpu_count(),
    }


if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="python -m tools.bench_sign_in_flood", description=__doc__.splitlines()[0])
    ap.add_argument("--flood", type=int, default=100, help="simultaneous sign-ins (100)")
    ap.add_argument("--calls", type=int, default=3, help="trainees on typed calls (3)")
    ap.add_argument("--turns", type=int, default=12, help="turns per call (12)")
    ap.add_argument(
        "--one-address-limit", type=int, default=None, help="RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS for the server"
    )
    a = ap.parse_args()
    print(json.dumps(run(a.flood, a.calls, a.turns, a.one_address_limit), indent=2))
