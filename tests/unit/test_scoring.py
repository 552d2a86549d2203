"""Scoring against real transcripts: a well-run call scores high and a poorly
run one low for every seed scenario, and every deduction is explained."""

from pathlib import Path

import pytest

from sim_core.scenario import ScenarioLibrary
from sim_core.scoring import score_call
from sim_core.transcript import load_transcript, run_transcript

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPTS = ROOT / "tests" / "data" / "transcripts"
LIBRARY = ScenarioLibrary(ROOT / "scenarios")
IDS = sorted(LIBRARY.scenarios)


def play(sid, kind):
    return run_transcript(LIBRARY.get(sid), load_transcript(TRANSCRIPTS / f"{sid}.{kind}.jsonl"))


@pytest.mark.parametrize("sid", IDS)
def test_good_call_scores_high_and_poor_call_low(sid):
    good, poor = play(sid, "good").result, play(sid, "poor").result
    assert good.score >= 85, [f.message for f in good.findings]
    assert poor.score <= 50, poor.categories
    assert good.score - poor.score >= 35
    assert good.grade in ("A", "B") and poor.grade in ("D", "F")


@pytest.mark.parametrize("sid", IDS)
def test_every_deduction_is_explained(sid):
    poor = play(sid, "poor").result
    assert poor.findings
    assert all(f.message and f.category for f in poor.findings)
    never = [f for f in poor.findings if f.kind == "missing"]
    assert all("Closest line" in f.message or "No line came close" in f.message for f in never)
    lowered = [c for c, v in poor.categories.items() if v["score"] < 100]
    assert {f.category for f in poor.findings} >= set(lowered)


def test_cardiac_arrest_timings():
    good = play("cardiac-arrest", "good").result
    m = good.metrics
    assert m["time_to_address"] is not None and m["time_to_address"] < 20
    assert m["time_to_arrest_recognition"] is not None and m["time_to_arrest_recognition"] < 120
    assert m["time_to_first_compression"] is not None
    assert m["time_to_first_compression"] >= m["time_to_arrest_recognition"]
    poor = play("cardiac-arrest", "poor").result
    assert poor.metrics["time_to_first_compression"] is None
    assert any("instruct cpr" in f.message.lower() or "compress" in f.message.lower() for f in poor.findings)


def test_scoring_is_a_pure_function_of_the_timeline():
    call = play("heart-attack", "good")
    again = score_call(call.scenario, call.timeline)
    assert again.to_dict() == call.result.to_dict()


def test_non_arrest_calls_have_no_arrest_metrics():
    assert play("car-accident", "good").result.metrics["time_to_arrest_recognition"] is None
