"""Time to bring in an interpreter: measured and graded for a caller who does not
speak English, never for one who does."""

from __future__ import annotations

from pathlib import Path

from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession

ROOT = Path(__file__).resolve().parents[2]


def _call(slug: str, interpreter_at: float | None):
    now = [100.0]
    sc = load_scenario_file(ROOT / "scenarios" / f"{slug}.yaml")
    call = CallSession.start(sc, trainee_id="t", clock=lambda: now[0])
    call.answer()
    for text in ("911, what is the address of your emergency?", "Is he breathing?"):
        now[0] += 8
        if interpreter_at is not None and now[0] - 100 >= interpreter_at and not call.interpreter_on:
            call.control("interpreter")
        call.trainee_says(text)
    if interpreter_at is not None and not call.interpreter_on:
        now[0] = 100.0 + interpreter_at
        call.control("interpreter")
    now[0] += 5
    return call.control("end")


def _finding(result):
    return next((f for f in result.findings if f.rule == "interpreter"), None)


def test_an_interpreter_brought_in_early_costs_nothing():
    r = _call("language-barrier", 8)
    assert r.metrics["time_to_interpreter"] == 8.0 and _finding(r) is None


def test_a_late_interpreter_is_a_finding_with_the_time():
    early, late = _call("language-barrier", 8), _call("language-barrier", 70)
    f = _finding(late)
    assert late.metrics["time_to_interpreter"] == 70.0
    assert f.kind == "late" and "70s" in f.message and f.points > 0
    assert late.categories["customer_service"]["score"] < early.categories["customer_service"]["score"]


def test_never_bringing_one_in_is_a_missed_finding():
    never, early = _call("language-barrier", None), _call("language-barrier", 8)
    f = _finding(never)
    assert never.metrics["time_to_interpreter"] is None
    assert f.kind == "missed" and "interpreter" in f.message
    assert never.score < early.score


def test_an_english_speaking_caller_needs_none():
    r = _call("cardiac-arrest", None)
    assert "time_to_interpreter" not in r.metrics and _finding(r) is None


def test_the_socket_accepts_the_interpreter_control():
    from api.messages import CLIENT

    msg = CLIENT.validate_python({"type": "control", "action": "interpreter"})
    assert msg.action == "interpreter"


def test_a_replayed_transcript_can_bring_the_interpreter_in():
    import pytest

    from sim_core.transcript import TranscriptError, load_transcript, parse_transcript, run_transcript

    sc = load_scenario_file(ROOT / "scenarios" / "language-barrier.yaml")
    call = run_transcript(sc, load_transcript(ROOT / "tests/data/transcripts/language-barrier.good.jsonl"))
    assert call.result.metrics["time_to_interpreter"] == 2.0
    assert _finding(call.result) is None and call.result.grade == "A"
    with pytest.raises(TranscriptError, match="control.*interpreter"):
        parse_transcript(['{"t": 1, "text": "911"}', '{"t": 2, "control": "translate"}'])
