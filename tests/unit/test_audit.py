"""`python -m sim_core audit`: what an instructor reads to judge the caller."""

import json
import re
import subprocess
import sys
from pathlib import Path

from sim_core.audit import audit_call, scenario_of, totals
from sim_core.caller import ActorReply
from sim_core.scenario import load_scenario_file

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]
LINES = [
    {"t": 3, "text": "911, where is your emergency? [ask_address]"},
    {"t": 8, "text": "What's the address again? [ask_address]"},
    {"t": 12, "text": "Is he breathing? [ask_breathing]"},
    {"t": 16, "text": "push hard and fast [instruct_cpr]"},
    {"t": 20, "text": "keep going [instruct_cpr]"},
    {"t": 24, "text": "Hold on."},
]


def transcript(tmp_path, rows=LINES):
    path = tmp_path / "cardiac-arrest.mine.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


class Parrot:
    """An actor that says the same thing every time: the audit must see it."""

    name = "parrot"

    def perform(self, decision, ctx):
        return ActorReply("Okay... okay. I'm pushing.", self.name)

    def stream(self, decision, ctx):
        yield self.perform(decision, ctx).text


def test_audit_counts_answers_and_finds_no_repeats_in_the_scripted_caller(tmp_path):
    sc = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    a = audit_call(sc, transcript(tmp_path), analyzer=tagged)
    assert a.repeats == [] and a.replies == 6
    assert (a.questions, a.answered, a.answered_share) == (3, 3, 1.0)
    assert a.fillers == 0 and a.emotions[0][1] in ("panicked", "hysterical")


def test_audit_catches_a_caller_who_repeats_himself(tmp_path):
    sc = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    a = audit_call(sc, transcript(tmp_path), analyzer=tagged, actor=Parrot())
    assert len(a.repeats) >= 5 and "i'm pushing" in a.repeats
    t = totals([a])
    assert t["verbatim_repeats"] == len(a.repeats) and t["calls_with_repeats"] == 1


def test_a_transcript_finds_its_scenario_by_file_name():
    scenarios = {"car-accident": 1, "car-accident-entrapment": 2}
    assert scenario_of(Path("car-accident-entrapment.poor.jsonl"), scenarios) == 2
    assert scenario_of(Path("car-accident.good.jsonl"), scenarios) == 1
    assert scenario_of(Path("other.jsonl"), scenarios) is None


def test_cli_audit_prints_per_call_figures_and_totals(tmp_path):
    path = transcript(tmp_path, [{"t": 3, "text": "where are you?"}, {"t": 8, "text": "is he breathing?"}])
    out = subprocess.run(
        [sys.executable, "-m", "sim_core", "audit", str(path), "--json"],
        text=True,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    call = report["calls"][0]
    assert call["scenario"] == "cardiac-arrest" and call["trajectory"]
    assert report["totals"]["calls"] == 1 and report["totals"]["verbatim_repeats"] == 0
    stray = tmp_path / "no-such-scenario.jsonl"
    stray.write_text('{"t": 1, "text": "hello"}\n')
    mixed = subprocess.run(
        [sys.executable, "-m", "sim_core", "audit", str(path), str(stray)],
        text=True,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert mixed.returncode == 0 and "skipped" in mixed.stderr and re.search(r"^calls\s+1$", mixed.stdout, re.M)
    bad = subprocess.run(
        [sys.executable, "-m", "sim_core", "audit", str(stray)], text=True, capture_output=True, cwd=ROOT, timeout=120
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
