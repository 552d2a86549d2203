"""Hostile inputs get a clear message, not a traceback, a hang or a lost line: scenario
YAML bombs and deep nesting, non-finite or huge eval transcripts, control characters in
what a trainee says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim_core.scenario import ScenarioError, ScenarioLibrary, parse_scenario_yaml
from sim_core.scenario.loader import MAX_VALUES
from sim_core.session import CallSession
from sim_core.transcript import MAX_LINES, TranscriptError, parse_transcript, run_transcript

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "scenarios" / "cardiac-arrest.yaml").read_text()


def _problems(text: str) -> str:
    with pytest.raises(ScenarioError) as info:
        parse_scenario_yaml(text, "upload.yaml")
    return " ".join(info.value.problems)


def test_deep_nesting_is_refused_with_a_message_not_a_recursion_error():
    assert "nested more than" in _problems("a: " + "[" * 100_000 + "]" * 100_000)
    assert "nested more than" in _problems("a:\n" + "".join(" " * i + "- \n" for i in range(400)))


def test_an_alias_bomb_is_refused_before_it_is_expanded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    )
    assert len(bomb) < 1000  # a kilobyte that would be 10^9 values
    assert f"expands to more than {MAX_VALUES:,} values" in _problems(bomb)
    assert "refers to the value that contains it" in _problems("a: &a [*a]")


def test_an_oversized_scenario_is_refused_by_size():
    assert "may be at most 256 KB" in _problems("description: " + "x" * 300_000)


def test_every_seed_scenario_is_within_the_limits():
    lib = ScenarioLibrary(ROOT / "scenarios")
    assert not lib.errors and len(lib) >= 20
    assert parse_scenario_yaml(SEED).id == "cardiac-arrest"


def test_a_few_aliases_in_a_real_scenario_still_load():
    import re

    shared = SEED.replace(
        'title: "Husband collapsed in the kitchen"', 'title: &t "Husband collapsed in the kitchen"', 1
    )
    shared = re.sub(r"(?m)^description: >\n(  .*\n)+", "description: *t\n", shared, count=1)
    sc = parse_scenario_yaml(shared)
    assert sc.description == sc.title == "Husband collapsed in the kitchen"


@pytest.mark.parametrize(
    "line,message",
    [
        ('{"t": NaN, "text": "hello"}', "NaN is not a number of seconds"),
        ('{"t": Infinity, "text": "hello"}', "Infinity is not a number of seconds"),
        ('{"t": "nan", "text": "hello"}', "must be a finite number"),
        ('{"t": "-inf", "text": "hello"}', "must be a finite number"),
        ('{"t": 1e12, "text": "hello"}', "between 0 and 14400 seconds"),
        ('{"t": true, "text": "hello"}', "must be a number of seconds"),
    ],
)
def test_eval_refuses_times_that_are_not_finite_seconds(line, message):
    with pytest.raises(TranscriptError, match=message):
        parse_transcript([line])


def test_eval_refuses_an_oversized_transcript():
    lines = (json.dumps({"t": i, "text": "hello"}) for i in range(MAX_LINES + 10))
    with pytest.raises(TranscriptError, match="too large"):
        parse_transcript(lines)


def test_a_nul_byte_cannot_hide_a_line():
    sc = ScenarioLibrary(ROOT / "scenarios").get("cardiac-arrest")
    steps = parse_transcript(
        [
            json.dumps({"t": 3, "text": "911 what is your\x00 address"}),
            json.dumps({"t": 9, "text": "shut up\x1b[8m you idiot"}),
        ]
    )
    call = run_transcript(sc, steps)
    said = [e.data["text"] for who, e in call.timeline.said() if who == "trainee"]
    assert said == ["911 what is your address", "shut up [8m you idiot"]
    for _, e in call.timeline.said():
        assert e.data["text"].isprintable()


def test_control_characters_in_cad_fields_become_spaces():
    sc = ScenarioLibrary(ROOT / "scenarios").get("cardiac-arrest")
    call = CallSession.start(sc, clock=lambda: 0.0)
    call.trainee_says("911 what is the address", at=2.0)
    call.cad_update({"address": "1425 Oak\x00Street", "narrative": "line\u202eone\nline two"}, at=3.0)
    fields = call.timeline.of(call.timeline[-1].type)[-1].data["fields"]
    assert fields == {"address": "1425 Oak Street", "narrative": "line one\nline two"}


def test_a_long_transcript_costs_time_in_proportion_to_its_length():
    """Each turn reads the recent lines only; twice the lines is about twice the work,
    not four times (counted in timeline reads, not seconds)."""
    from sim_core.timeline import Timeline

    reads = {"n": 0}
    real_said = Timeline.said

    def counting(self):
        reads["n"] += len(self._events)
        return real_said(self)

    sc = ScenarioLibrary(ROOT / "scenarios").get("cardiac-arrest")
    costs = []
    for n in (100, 200):
        reads["n"] = 0
        Timeline.said = counting
        try:
            run_transcript(
                sc, [s for s in parse_transcript(json.dumps({"t": 1 + i, "text": "is he breathing"}) for i in range(n))]
            )
        finally:
            Timeline.said = real_said
        costs.append(reads["n"])
    assert costs[1] <= 2.5 * max(costs[0], 1)
