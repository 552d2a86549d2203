"""A caller hangs up on a silent line only when nothing holds them on it."""

from pathlib import Path

import pytest

from sim_core.scenario import load_scenario_file, parse_scenario
from sim_core.session import CallSession

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]
SILENCE_S = 20.0


@pytest.fixture()
def breathing():
    sc = load_scenario_file(ROOT / "scenarios" / "breathing-problems.yaml")
    data = sc.model_dump(mode="json")
    data["behaviours"] = [{"kind": "hang_up_if_silent", "silence_s": SILENCE_S}]
    data["events"] = []
    return parse_scenario(data)


def _call(scenario):
    call = CallSession.start(scenario, analyzer=tagged, clock=lambda: 0.0)
    call.answer(at=1.0)
    return call


def _wait(call, start: float, seconds: float) -> None:
    t = start
    while t < start + seconds and call.status == "active":
        t += 1.0
        call.tick(t)


def test_an_ignored_caller_hangs_up_on_a_long_silence(breathing):
    call = _call(breathing)
    call.trainee_says("911, what's the address? [ask_address]", at=3.0)
    _wait(call, 3.0, SILENCE_S + 6)
    assert call.status == "ended" and call.end_reason == "caller_hung_up"


@pytest.mark.parametrize(
    "line",
    [
        "Stay on the line with me until they get there. [instruct_stay_on_line]",
        "Help is on the way, they're coming now. [dispatch_notice]",
        "Let her sit up however she breathes easiest. [instruct_airway]",
        "If her lips turn blue, tell me right away. [instruct_report_changes]",
    ],
)
def test_a_caller_with_a_reason_to_stay_sits_through_the_same_silence(breathing, line):
    call = _call(breathing)
    call.trainee_says("911, what's the address? [ask_address]", at=3.0)
    call.trainee_says(line, at=10.0)
    _wait(call, 10.0, SILENCE_S + 6)
    assert call.status == "active"
    turn = call.trainee_says("They're almost there, you're doing great. [reassure]", at=10.0 + SILENCE_S + 6)
    assert not turn.hung_up


def test_a_caller_told_to_stay_still_gives_up_on_a_line_dead_for_minutes(breathing):
    call = _call(breathing)
    call.trainee_says("Stay on the line with me. [instruct_stay_on_line]", at=3.0)
    _wait(call, 3.0, SILENCE_S * 5)
    assert call.status == "ended" and call.end_reason == "caller_hung_up"


def test_rudeness_still_ends_the_call_for_a_caller_who_hangs_up_on_it(breathing):
    data = breathing.model_dump(mode="json")
    data["behaviours"].append({"kind": "hang_up_if_rude", "rude_count": 1})
    call = _call(parse_scenario(data))
    call.trainee_says("Stay on the line with me. [instruct_stay_on_line]", at=3.0)
    turn = call.trainee_says("Stop wasting my time. [rude]", at=8.0)
    assert turn.hung_up and call.end_reason == "caller_hung_up"


def test_a_caller_doing_compressions_never_hangs_up_on_silence(breathing):
    from sim_core.caller.behaviours import hang_up_due
    from sim_core.caller.state import DirectorState

    s = DirectorState(last_trainee_t=10.0, compressions=True)
    assert not hang_up_due(breathing, s, 10.0 + SILENCE_S * 20)
    assert hang_up_due(breathing, DirectorState(last_trainee_t=10.0), 10.0 + SILENCE_S)
