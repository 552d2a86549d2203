"""The `db` benchmark suite: per-turn persistence, bulk load, supervisor queries.

Runs on a throw-away database beside the configured one (a temporary database
on the same PostgreSQL server, or a temporary SQLite file), and on the
configured live store (Redis keys under a unique prefix, removed afterwards).

Targets: turn_persist_p95_ms <= 10; bulk_lines_per_s >= 5000 for 10,000 calls
with 500,000 transcript lines (scale=1.0); analytics_query_max_ms <= 500.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from db import queries
from db.cli_commands import upgrade_engine
from db.engine import make_engine, session_scope
from db.models import CallSession, PerformanceMetrics, TranscriptLine, User, table
from db.recorder import DbRecorder
from sim_core.events import ActDetected, CallerSaid, EmotionChanged, EntityFound, Payload, TraineeSaid
from sim_core.live.store import build_live_store
from sim_core.percentile import percentile
from sim_core.persist.outbox import FileOutbox
from sim_core.settings import Settings
from sim_core.timeline import Event

SCENARIOS = (
    "cardiac-arrest",
    "chest-pain",
    "structure-fire",
    "domestic-violence",
    "traffic-collision",
    "overdose",
    "stroke",
    "burglary",
)
CATEGORIES = ("case_entry", "chief_complaint", "key_questions", "instructions", "cad_accuracy", "customer_service")
LEVELS = ("high", "compliant", "partial", "low", "non_compliant")


@contextmanager
def scratch_database(settings: Settings) -> Iterator[str]:
    """A new empty database URL of the same kind as the configured one; dropped afterwards."""
    url = make_url(settings.effective_database_url)
    if url.get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory(prefix="simbench-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
        return
    name = f"simbench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url.set(database="postgres").render_as_string(hide_password=False))
    admin = admin.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bench_turns(engine: sa.Engine, settings: Settings, *, calls: int = 5, turns_per_call: int = 40) -> dict[str, Any]:
    """One turn = trainee line, act, entity, caller line, emotion recorded + live state saved."""
    prefix = f"simbench:{uuid.uuid4().hex[:8]}:"
    live = build_live_store(settings, prefix=prefix)
    total, db_ms, live_ms = [], [], []
    with tempfile.TemporaryDirectory(prefix="simbench-outbox-") as tmp:
        recorder = DbRecorder(engine, FileOutbox(tmp))
        for _ in range(calls):
            call_id = str(uuid.uuid4())
            recorder.call_started(
                call_id=call_id,
                trainee_id=None,
                scenario_id=SCENARIOS[0],
                scenario_version_id=None,
                mode="text",
                started_at=datetime.now(UTC),
            )
            timeline: list[dict[str, Any]] = []
            for turn in range(turns_per_call):
                t = 5.0 + turn * 6
                events: list[Event[Payload]] = [
                    Event(t, TraineeSaid(text="What is the address of the emergency?", confidence=0.92, idx=2 * turn)),
                    Event(t, ActDetected(act="ask_address", confidence=0.9)),
                    Event(
                        t + 1,
                        EntityFound(
                            label="ADDRESS", text="1425 Oak Street", start=0, end=15, confidence=0.9, line=2 * turn + 1
                        ),
                    ),
                    Event(t + 1, CallerSaid(text="1425 Oak Street, please hurry!", actor="scripted", idx=2 * turn + 1)),
                    Event(t + 1, EmotionChanged(emotion="panicked", level=0.7)),
                ]
                t0 = time.perf_counter()
                for ev in events:
                    recorder.record(call_id=call_id, event=ev)
                t1 = time.perf_counter()
                timeline.extend(ev.to_dict() for ev in events)
                live.save(
                    call_id,
                    {
                        "call_id": call_id,
                        "turns": turn + 1,
                        "director": {"emotion": 0.7, "asked": {"address": turn}},
                        "timeline": timeline,
                    },
                )
                t2 = time.perf_counter()
                db_ms.append((t1 - t0) * 1000)
                live_ms.append((t2 - t1) * 1000)
                total.append((t2 - t0) * 1000)
            live.delete(call_id)
    return {
        "turn_persist_p95_ms": round(percentile(total, 95), 2),
        "turn_persist_p50_ms": round(statistics.median(total), 2),
        "turn_db_p95_ms": round(percentile(db_ms, 95), 2),
        "turn_live_store_p95_ms": round(percentile(live_ms, 95), 2),
        "turns_measured": len(total),
        "live_store": "redis" if settings.redis_url else "memory",
    }


def bulk_load(
    engine: sa.Engine, *, calls: int, lines_per_call: int = 50, trainees: int = 50, seed: int = 7, batch: int = 20_000
) -> dict[str, Any]:
    """Load `calls` scored calls with `lines_per_call` transcript lines each."""
    rng = random.Random(seed)
    users = [
        {
            "id": uuid.uuid4(),
            "username": f"bench{i:03d}",
            "display_name": f"Bench {i}",
            "role": "trainee",
            "password_hash": "x",
            "active": True,
            "created_at": datetime.now(UTC),
        }
        for i in range(trainees)
    ]
    t_base = datetime(2026, 1, 1, tzinfo=UTC)
    start = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(sa.insert(table(User)), users)
    call_rows: list[dict[str, Any]] = []
    metric_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    n_lines = 0

    def flush(force: bool = False) -> None:
        nonlocal call_rows, metric_rows, line_rows
        if not line_rows or not (force or len(line_rows) >= batch):
            return
        with engine.begin() as conn:  # calls first: lines reference them
            conn.execute(sa.insert(table(CallSession)), call_rows)
            conn.execute(sa.insert(table(PerformanceMetrics)), metric_rows)
            conn.execute(sa.insert(table(TranscriptLine)), line_rows)
        call_rows, metric_rows, line_rows = [], [], []

    for i in range(calls):
        cid = uuid.uuid4()
        started = t_base + timedelta(minutes=13 * i)
        score = rng.uniform(40, 100)
        call_rows.append(
            {
                "id": cid,
                "trainee_id": users[i % trainees]["id"],
                "scenario_slug": SCENARIOS[i % len(SCENARIOS)],
                "scenario_version_id": None,
                "mode": "text",
                "started_at": started,
                "answered_at": started + timedelta(seconds=4),
                "ended_at": started + timedelta(minutes=4),
                "status": "scored",
                "end_reason": "trainee_ended",
                "recording_key": None,
                "llm_tokens": 0,
                "llm_cost": None,
            }
        )
        metrics = {
            "time_to_address": rng.uniform(5, 60),
            "time_to_arrest_recognition": rng.uniform(20, 150),
            "time_to_first_compression": rng.uniform(60, 240),
        }
        metric_rows.append(
            {
                "id": uuid.uuid4(),
                "call_id": cid,
                "score": score,
                "grade": "A" if score > 90 else "B" if score > 80 else "C" if score > 70 else "D",
                "metrics": metrics,
                "findings": [],
                "scorer_version": "bench",
                "categories": {c: {"score": rng.uniform(0, 100), "level": rng.choice(LEVELS)} for c in CATEGORIES},
                "time_to_address_s": metrics["time_to_address"],
                "time_to_arrest_recognition_s": metrics["time_to_arrest_recognition"],
                "time_to_first_compression_s": metrics["time_to_first_compression"],
                "time_to_dispatch_s": None,
                "created_at": started,
            }
        )
        for j in range(lines_per_call):
            line_rows.append(
                {
                    "id": uuid.uuid4(),
                    "call_id": cid,
                    "idx": j,
                    "seq": j,
                    "speaker": "trainee" if j % 2 == 0 else "caller",
                    "text": f"bench line {j} of call {i}",
                    "offset_s": 4.0 + 3 * j,
                    "actor": None,
                    "audio_key": None,
                    "stt_confidence": 0.9,
                }
            )
        n_lines += lines_per_call
        flush()
    flush(force=True)
    elapsed = time.perf_counter() - start
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("ANALYZE"))
    return {
        "bulk_calls": calls,
        "bulk_lines": n_lines,
        "bulk_seconds": round(elapsed, 2),
        "bulk_lines_per_s": round(n_lines / elapsed),
        "trainee_ids": [u["id"] for u in users],
        "t_base": t_base,
    }


def bench_queries(
    engine: sa.Engine, *, trainee_ids: list[uuid.UUID], t_base: datetime, runs: int = 3
) -> dict[str, Any]:
    cohort = trainee_ids[:10]
    cases = {
        "score_trend": lambda s: queries.score_trend(s, trainee_id=trainee_ids[0]),
        "score_trend_cohort": lambda s: queries.score_trend(s, trainee_ids=cohort),
        "metric_distributions": lambda s: queries.metric_distributions(s),
        "compliance_levels": lambda s: queries.compliance_levels(
            s, trainee_ids=cohort, since=t_base, until=t_base + timedelta(days=30)
        ),
        "list_calls": lambda s: queries.list_calls(s, trainee_id=trainee_ids[0], limit=50),
    }
    out: dict[str, Any] = {}
    for name, fn in cases.items():
        times = []
        for i in range(runs + 1):
            with session_scope(engine) as session:
                t0 = time.perf_counter()
                rows = fn(session)
                if i:  # the first run warms caches
                    times.append((time.perf_counter() - t0) * 1000)
        if not rows:
            raise RuntimeError(f"benchmark query {name} returned nothing")
        out[f"query_{name}_ms"] = round(max(times), 1)
    out["analytics_query_max_ms"] = max(v for k, v in out.items() if k.startswith("query_"))
    return out


def run_db_suite(settings: Settings, *, scale: float = 1.0) -> dict[str, Any]:
    """All db figures. scale=1.0 is the target size (10,000 calls, 500,000 lines)."""
    calls = max(100, int(10_000 * scale))
    with scratch_database(settings) as url:
        engine = make_engine(url)
        try:
            upgrade_engine(engine)
            figures: dict[str, Any] = {"db_backend": engine.dialect.name, "scale": scale}
            figures.update(bench_turns(engine, settings))
            loaded = bulk_load(engine, calls=calls)
            ids, t_base = loaded.pop("trainee_ids"), loaded.pop("t_base")
            figures.update(loaded)
            figures.update(bench_queries(engine, trainee_ids=ids, t_base=t_base))
        finally:
            engine.dispose()
    return figures


__all__ = ["bench_queries", "bench_turns", "bulk_load", "run_db_suite", "scratch_database"]
