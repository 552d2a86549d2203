"""The page benchmark (python -m tools.bench.app) runs end to end on a tiny load: the figures
in docs/BENCHMARKS.md come from a tool that still drives the app correctly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(600)
def test_page_benchmark_drives_every_interaction_without_errors():
    code = (
        "import json; from tools.bench.app import run_app_suite; "
        "print(json.dumps(run_app_suite(turns=3, concurrent=2, concurrent_turns=2, page_calls=1)))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=540)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["app_errors"] == 0, figures["app_first_error"]
    assert figures["app_apptest_turns"] == 3 and figures["app_concurrent_turns"] == 4
    for name in (
        "apptest_turn",
        "loopback_turn",
        "concurrent_turn",
        "cad_update",
        "end_to_debrief",
        "open_review",
        "open_analytics",
        "filter_analytics",
        "editor_list",
        "editor_open",
        "editor_save_draft",
    ):
        assert figures[f"app_{name}_p95_ms"] > 0, name
