"""Benchmark suites: each a function returning a flat dict of figures, printed by
`python -m tools.bench`. A suite imports its own engines when it runs, so naming one
suite never loads another's (speech models, a database, an LLM test server).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sim_core.nlp import analyze, get_nlp
from sim_core.nlp.evaluate import classify_throughput, evaluate
from sim_core.percentile import percentile
from sim_core.scenario import ScenarioLibrary
from sim_core.scoring import score_call
from sim_core.session import CallSession
from sim_core.settings import get_settings

# one cardiac call's trainee lines, shared by the page bench (tools.bench.app)
TRAINEE_LINES = [
    "911, what is the address of your emergency?",
    "Is that 1425 Oak Street?",
    "What's the phone number you're calling from?",
    "Tell me exactly what happened.",
    "How old is he?",
    "Is he awake?",
    "Is he breathing normally?",
    "I'm sending help now.",
    "Push hard and fast in the center of his chest.",
    "Stay on the line with me.",
]


def load_engines():
    """Everything a text call needs, loaded cold: NLP pipeline, scenarios, the call loop.
    Returns the scenario library."""
    get_nlp()
    library = ScenarioLibrary(get_settings().scenarios_dir)
    analyze("warm up")
    return library


def _cold_load_s() -> float:
    """Seconds to load the engines in a fresh interpreter (imports included)."""
    code = (
        "import time; t = time.perf_counter(); from tools.bench.suites import load_engines; "
        "load_engines(); print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return float(out.stdout.strip().splitlines()[-1])


def core_suite() -> dict[str, Any]:
    load_s = _cold_load_s()
    library = load_engines()

    utts_per_s = classify_throughput()
    quality = evaluate()
    fresh = evaluate(split="fresh")
    blind = evaluate(split="blind")
    calls = evaluate(split="calls")
    lines = TRAINEE_LINES
    turn_ms: list[float] = []
    for scenario in library:
        call = CallSession.start(scenario, clock=lambda: 0.0)
        for i, line in enumerate(lines):
            start = time.perf_counter()
            call.trainee_says(line, at=5.0 + 6 * i)
            score_call(scenario, call.timeline)  # the live score panel updates every turn
            turn_ms.append((time.perf_counter() - start) * 1000)
            if call.status == "ended":
                break
        start = time.perf_counter()
        call.end(at=200.0)
        turn_ms.append((time.perf_counter() - start) * 1000)
    return {
        "engine_load_s": round(load_s, 3),
        "classify_utts_per_s": round(utts_per_s, 1),
        "text_turn_p50_ms": round(statistics.median(turn_ms), 2),
        "text_turn_p95_ms": round(percentile(turn_ms, 95), 2),
        "text_turns_measured": len(turn_ms),
        "acts_micro_f1": round(quality["acts"]["micro_f1"], 3),
        "entities_micro_f1": round(quality["entities"]["micro_f1"], 3),
        "acts_micro_f1_fresh": round(fresh["acts"]["micro_f1"], 3),
        "entities_micro_f1_fresh": round(fresh["entities"]["micro_f1"], 3),
        "acts_micro_f1_blind": round(blind["acts"]["micro_f1"], 3),
        "entities_micro_f1_blind": round(blind["entities"]["micro_f1"], 3),
        "acts_micro_f1_calls": round(calls["acts"]["micro_f1"], 3),
        "exact_act_set_calls": round(calls["acts"]["exact_set"], 3),
        "entities_overlap_f1_calls": round(calls["entities"]["overlap_micro_f1"], 3),
    }


def _voice() -> dict[str, Any]:
    from .voice import run_voice_suite  # lazy: loads Piper, Whisper and pocketsphinx

    return run_voice_suite()


def _db() -> dict[str, Any]:
    from .db import run_db_suite  # lazy: needs a database server

    return run_db_suite(get_settings())


def _llm() -> dict[str, Any]:
    from .llm import run_llm_suite  # lazy: starts the LLM test server

    return run_llm_suite()


SUITES: dict[str, Callable[[], dict[str, Any]]] = {
    "core": core_suite,
    "voice": _voice,
    "db": _db,
    "llm": _llm,
}


def run_suites(names: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        out.update(SUITES[name]())
    return out
