"""Page-interaction benchmark (`python -m tools.bench.app`): drives the real app with AppTest.

- typed turn: a trainee sends a line and the page is redrawn with the caller's
  reply (p50 / p95 ms over many turns);
- the other interactions of a call and of the staff pages, each a click (or a
  page open) until the page is redrawn: CAD update, end call → debrief, open
  review of a call, open analytics, filter analytics (p95 over several calls);
- the scenario editor: open its list in a fresh session, open a scenario, save
  a draft until the new version shows (p95 over as many saves);
- `--cohort 40x15`: before the page interactions, that many more trainees each
  finish that many short calls (recorded as a real call is, spread over the
  last 25 days), so the staff pages are measured on a training centre's data;
- loopback: `streamlit run app.py` in a subprocess, driven over its websocket by
  tools.loadclient (the browser's protocol, with the fragment auto-reruns a browser
  sends): one call alone, then 20 simultaneous calls, each trainee typing a line
  every 2-4 s. Turn = send → the page run with the reply has finished.
Runs against a throw-away SQLite database in a temporary DATA_DIR.
(AppTest sessions are not thread-safe, so load is measured over loopback.)
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
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from db.cli_commands import seed
from db.engine import get_engine, session_scope
from db.recorder import build_recorder
from db.users import create_user
from sim_core.percentile import percentile
from sim_core.scenario import ScenarioLibrary
from sim_core.session import CallSession
from sim_core.settings import get_settings
from tools.bench.suites import TRAINEE_LINES
from tools.loadclient import Client

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
LINES = TRAINEE_LINES


def _setup(trainees: int = 21) -> list[dict[str, Any]]:
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="bench-app-")
    os.environ["CALLER_ACTOR"] = "scripted"
    for k in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(k, None)
    get_settings.cache_clear()
    settings = get_settings()
    seed(settings)
    users = []
    with session_scope(get_engine(settings)) as s:
        for i in range(trainees):
            u = create_user(
                s, username=f"bench{i}", display_name=f"Bench {i}", role="trainee", password="bench-password"
            )
            users.append({"id": str(u.id), "username": u.username, "display_name": u.display_name, "role": "trainee"})
        for name, role in (("bench-instructor", "instructor"), ("bench-supervisor", "supervisor")):
            staff = create_user(
                s, username=name, display_name=name.replace("-", " ").capitalize(), role=role, password="bench-password"
            )
            users.append(
                {"id": str(staff.id), "username": staff.username, "display_name": staff.display_name, "role": role}
            )
    return users


COHORT_SCENARIOS = ("cardiac-arrest", "stroke", "structure-fire", "burglary", "overdose", "fall")


def seed_cohort(trainees: int, calls_each: int, seed: int = 3) -> int:
    """`trainees` more trainees, each with `calls_each` finished, scored calls recorded the
    way a real call is (the address asked for, sometimes put in CAD late or never); returns
    how many calls."""
    settings = get_settings()
    lib = ScenarioLibrary(settings.scenarios_dir)
    rec = build_recorder(settings)
    rng = random.Random(seed)
    now = time.time()
    n = 0
    with session_scope(get_engine(settings)) as s:
        ids = [
            str(create_user(s, username=f"cohort{i}", display_name=f"Cohort {i}", role="trainee", password="x" * 12).id)
            for i in range(trainees)
        ]
    for tid in ids:
        for k in range(calls_each):
            started = now - rng.uniform(0, 25 * 86400)
            scenario = lib.get(COHORT_SCENARIOS[n % len(COHORT_SCENARIOS)])
            call = CallSession.start(scenario, trainee_id=tid, recorder=rec, clock=lambda t=started: t)
            call.answer(at=2.0)
            call.trainee_says("911, what is the address of your emergency?", at=rng.uniform(4, 9))
            if k % 3:
                call.cad_update({"address": "1425 Oak Street", "priority": 1}, at=rng.uniform(10, 45))
            call.trainee_says(LINES[k % len(LINES)], at=rng.uniform(46, 90))
            call.end(at=rng.uniform(91, 150))
            n += 1
    if hasattr(rec, "flush"):
        rec.flush()
    return n


def _timed(out: dict[str, list[float]], name: str, at: Any) -> Any:
    """Run the page and note its wall time, and the CPU time the process spent on it under
    `cpu:<name>` (the script's thread does the work; on a shared machine wall time waits
    for other people's processes, CPU time does not)."""
    t0, c0 = time.perf_counter(), time.process_time()
    at.run()
    out.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
    out.setdefault(f"cpu:{name}", []).append((time.process_time() - c0) * 1000)
    if at.exception:
        raise RuntimeError(f"{name}: {at.exception}")
    return at


def _app_as(user: dict[str, Any]) -> Any:
    """The app in AppTest, signed in as `user`, on its first page."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = user
    return at.run()


def _answered_call(user: dict[str, Any]) -> Any:
    """A trainee's cardiac-arrest call, started and answered."""
    at = _app_as(user)
    at.radio(key="pick_scenario").set_value("cardiac-arrest")
    at.button(key="start_call").click().run()
    return at.button(key="answer").click().run()


def _editor(instructor: dict[str, Any], saves: int, out: dict[str, list[float]]) -> None:
    """An instructor opens the editor's list (a fresh session each time), opens a
    scenario, changes its title and saves a draft (the page until the new version shows)."""
    for i in range(saves):
        at = _app_as(instructor)
        at.switch_page("pages/editor.py")
        _timed(out, "editor_list", at)
        at.query_params["scenario"] = "stroke"
        _timed(out, "editor_open", at)
        gen = at.session_state["ed_gen"] if "ed_gen" in at.session_state else 0
        at.text_input(key=f"ed{gen}_stroke_title").input(f"Slurred speech, try {i}")
        at.button(key=f"FormSubmitter:ed{gen}_stroke_form-Save draft").click()
        _timed(out, "editor_save_draft", at)
        if not any(f"Saved draft version {i + 2}" in m.value for m in at.success):
            raise RuntimeError("editor_save_draft: the new version did not show")


def _page_interactions(trainee: dict[str, Any], supervisor: dict[str, Any], calls: int) -> dict[str, list[float]]:
    """CAD update and end → debrief on `calls` short calls, then the staff pages on them."""
    out: dict[str, list[float]] = {}
    ids = []
    for _ in range(calls):
        at = _answered_call(trainee)
        ids.append(str(at.session_state["call_id"]))
        at.text_input(key="say_text").input(LINES[0])
        at.button(key="FormSubmitter:say-Send").click().run()
        at.text_input(key="cad_address").input("1425 Oak Street")
        at.selectbox(key="cad_priority").set_value(1)
        at.button(key="FormSubmitter:cad-Update CAD").click()
        _timed(out, "cad_update", at)
        at.button(key="end_call").click()
        _timed(out, "end_to_debrief", at)
        if "Debrief" not in [t.value for t in at.title]:
            raise RuntimeError("the debrief did not show")
    for call_id in ids:
        at = _app_as(supervisor)
        at.switch_page("pages/review.py")
        at.query_params["call"] = call_id
        _timed(out, "open_review", at)
        at = _app_as(supervisor)
        at.switch_page("pages/analytics.py")
        _timed(out, "open_analytics", at)
        at.selectbox(key="an_type").set_value(at.selectbox(key="an_type").options[-1])
        _timed(out, "filter_analytics", at)
    return out


def _call(user: dict[str, Any], turns: int, out: list[float], errors: list[str]) -> None:
    at = _answered_call(user)
    for i in range(turns):
        line = LINES[i % len(LINES)]
        t0 = time.perf_counter()
        at.text_input(key="say_text").input(line)
        at.button(key="FormSubmitter:say-Send").click().run()
        ms = (time.perf_counter() - t0) * 1000
        shown = sum(m.value.count(">You · ") for m in at.markdown)
        if at.exception or shown != i + 1:
            errors.append(f"turn {i}: reply not shown ({at.exception})")
        out.append(ms)
        if "Debrief" in [t.value for t in at.title]:
            break


async def _loop_call(
    url: str, user: str, turns: int, think_s: tuple[float, float], out: list[float], errors: list[str]
) -> None:
    c = Client(url)
    try:
        await c.connect()
        await c.set("signin_username", user)
        await c.set("signin_password", "bench-password")
        await c.click("FormSubmitter:sign_in-Sign in")
        await c.rerun()
        await c.click("start_call")
        await c.rerun()
        await c.click("answer")
        c.start_fragments()
        await asyncio.sleep(random.uniform(0, think_s[1]))
        for i in range(turns):
            await asyncio.sleep(random.uniform(*think_s))
            await c.set("say_text", LINES[i % len(LINES)])
            out.append(1000 * await c.click("FormSubmitter:say-Send"))
            if sum(t.count(">You · ") for t in c.texts) != i + 1:
                errors.append(f"{user} turn {i}: the line is not in the transcript")
    except Exception as exc:
        errors.append(f"{user}: {exc.__class__.__name__}: {exc}")
    finally:
        await c.close()


def _serve() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            APP,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit run did not start")


def loopback(url: str, users: list[str], turns: int, think_s: tuple[float, float]) -> tuple[list[float], list[str]]:
    out: list[float] = []
    errors: list[str] = []

    async def main() -> None:
        await asyncio.gather(*[_loop_call(url, u, turns, think_s, out, errors) for u in users])

    asyncio.run(main())
    return out, errors


def run_app_suite(
    turns: int = 40,
    concurrent: int = 20,
    concurrent_turns: int = 8,
    page_calls: int = 8,
    cohort: tuple[int, int] = (0, 0),
) -> dict[str, Any]:
    users = _setup(concurrent + 1)
    supervisor, instructor = users.pop(), users.pop()
    cohort_calls = seed_cohort(*cohort) if cohort[0] and cohort[1] else 0
    single: list[float] = []
    errors: list[str] = []
    _call(users[0], 3, [], errors)  # warm caches (NLP, engine, scenarios)
    _call(users[0], turns, single, errors)
    pages = _page_interactions(users[0], supervisor, page_calls)
    _editor(instructor, page_calls, pages)
    proc, url = _serve()
    try:
        loopback(url, [users[0]["username"]], 2, (0.0, 0.1))  # warm the server
        alone, e1 = loopback(url, [users[0]["username"]], turns // 2, (0.5, 1.0))
        loaded, e2 = loopback(url, [u["username"] for u in users[1 : concurrent + 1]], concurrent_turns, (2.0, 4.0))
    finally:
        proc.terminate()
        proc.wait(10)
    errors += e1 + e2
    return {
        "app_apptest_turn_p50_ms": round(statistics.median(single), 1),
        "app_apptest_turn_p95_ms": round(percentile(single, 95), 1),
        "app_apptest_turns": len(single),
        **{f"app_{name}_p95_ms": round(percentile(ms, 95), 1) for name, ms in pages.items() if ":" not in name},
        **{
            f"app_{name.removeprefix('cpu:')}_cpu_p95_ms": round(percentile(ms, 95), 1)
            for name, ms in pages.items()
            if name.startswith("cpu:")
        },
        "app_page_interaction_runs": page_calls,
        "app_cohort_calls": cohort_calls,
        "app_loopback_turn_p50_ms": round(statistics.median(alone), 1) if alone else None,
        "app_loopback_turn_p95_ms": round(percentile(alone, 95), 1) if alone else None,
        "app_loopback_turns": len(alone),
        "app_concurrent_calls": concurrent,
        "app_concurrent_turn_p50_ms": round(statistics.median(loaded), 1) if loaded else None,
        "app_concurrent_turn_p95_ms": round(percentile(loaded, 95), 1) if loaded else None,
        "app_concurrent_turn_max_ms": round(max(loaded), 1) if loaded else None,
        "app_concurrent_turns": len(loaded),
        "app_cpus": os.cpu_count(),
        "app_errors": len(errors),
        "app_first_error": errors[0] if errors else "",
    }


if __name__ == "__main__":  # python -m tools.bench.app [--concurrent N] [--cohort 40x15]
    ap = argparse.ArgumentParser(prog="python -m tools.bench.app", description=__doc__.splitlines()[0])
    ap.add_argument("--concurrent", type=int, default=20, help="simultaneous calls (20)")
    ap.add_argument("--cohort", default="0x0", help="TRAINEESxCALLS more scored calls first, e.g. 40x15 (none)")
    args = ap.parse_args()
    size = tuple(int(v) for v in args.cohort.lower().split("x") if v.isdigit())
    if len(size) != 2 or len(args.cohort.lower().split("x")) != 2:
        ap.error("--cohort is TRAINEESxCALLS, e.g. 40x15")
    print(json.dumps(run_app_suite(concurrent=args.concurrent, cohort=(size[0], size[1])), indent=2))
