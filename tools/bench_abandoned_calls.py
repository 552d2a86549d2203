"""Bench (`python -m tools.bench_abandoned_calls [--calls N]`): process memory after
1,000 calls are left with nobody on them.

One process with the embedded live store: 1,000 calls are rung, answered and given
three typed lines each (real NLP, scripted caller), then every tab is "closed".
The server's call clock ends them as abandoned and frees them; once the live
store's TTL has passed, their states are gone too. Time is simulated (a fake
wall clock moved by hand) so the TTL does not have to be waited for; the memory
figures are the process's real resident size and Python's allocated blocks.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from typing import Any

from sim_core.live import CallClock, CallRegistry, MemoryLiveStore
from sim_core.scenario import ScenarioLibrary
from sim_core.session import CallSession
from sim_core.settings import get_settings

LINES = ("911, what is the address of your emergency?", "How old is he?", "Is he breathing normally?")


class _FakeTime:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _settled() -> tuple[float, int]:
    gc.collect()
    return round(_rss_mb(), 1), sys.getallocatedblocks()


def run_clock_suite(calls: int = 1000, ttl_s: int = 4 * 3600, abandon_s: float = 180.0) -> dict[str, Any]:
    now = _FakeTime()
    scenarios = list(ScenarioLibrary(get_settings().scenarios_dir))
    store, registry = MemoryLiveStore(ttl_s, clock=now), CallRegistry(clock=now)

    def resume(call_id: str) -> Any:
        found = store.load_versioned(call_id)
        return found and CallSession.from_state(found[0], version=found[1], live_store=store, clock=now)

    clock = CallClock(registry, store, resume=resume, idle_s=abandon_s, wall=now)
    rung: list[Any] = []

    def ring(i: int) -> None:
        call = CallSession.start(scenarios[i % len(scenarios)], seed=i, live_store=store, clock=now)
        registry.put(call)
        rung.append(call.call_id)
        call.answer()
        for line in LINES:
            if call.status != "ended":
                call.trainee_says(line)

    for i in range(20):  # warm-up: engines, caches, allocator pools
        ring(i)
    now.t += abandon_s + 1
    clock.run_once()
    now.t += ttl_s + 1
    clock.run_once()
    base_rss, base_blocks = _settled()

    rung.clear()
    for i in range(calls):
        ring(i)
    live_rss, live_blocks = _settled()
    now.t += abandon_s + 1
    started = time.perf_counter()
    ended = clock.run_once()
    pass_s = time.perf_counter() - started
    held_after = len(registry)
    reasons: dict[str, int] = {}
    for call_id in rung:
        state = store.load(call_id) or {}
        key = state.get("end_reason") or state.get("status", "gone")
        reasons[key] = reasons.get(key, 0) + 1
    abandoned_rss, _ = _settled()
    now.t += ttl_s + 1
    clock.run_once()
    ttl_rss, ttl_blocks = _settled()
    for i in range(calls):  # a second round: freed memory is reused, not added to
        ring(i)
    now.t += abandon_s + 1
    clock.run_once()
    now.t += ttl_s + 1
    clock.run_once()
    round2_rss, round2_blocks = _settled()
    return {
        "clock_calls": calls,
        "clock_abandoned": len(ended.abandoned),
        "clock_end_reasons": reasons,
        "clock_abandon_pass_s": round(pass_s, 2),
        "clock_calls_in_memory_after": held_after,
        "clock_states_after_ttl": len(store),
        "clock_rss_baseline_mb": base_rss,
        "clock_rss_live_mb": live_rss,
        "clock_rss_abandoned_mb": abandoned_rss,
        "clock_rss_after_ttl_mb": ttl_rss,
        "clock_kb_per_live_call": round((live_rss - base_rss) * 1024 / calls, 1),
        "clock_blocks_baseline": base_blocks,
        "clock_blocks_live": live_blocks,
        "clock_blocks_after_ttl": ttl_blocks,
        "clock_rss_after_second_round_mb": round2_rss,
        "clock_blocks_after_second_round": round2_blocks,
    }


__all__ = ["run_clock_suite"]

if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="python -m tools.bench_abandoned_calls", description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=1000)
    print(json.dumps(run_clock_suite(calls=ap.parse_args().calls), indent=2))
