"""Every scenario asks for the act its protocol really means: the coaching line of each
required act carries that act (docs/LABELS.md), and what the caller does when given an
instruction is that instruction, not a neighbouring one (unlocking the door for the crew is
preparing for arrival, not keeping someone safe)."""

import json
import re

import pytest

from sim_core.nlp import analyze
from sim_core.transcript import parse_transcript, run_transcript
from tests.unit.test_grading_protocol import LIBRARY, TRANSCRIPTS

IDS = sorted(LIBRARY.scenarios)
# What a caller does to get ready for the crew (docs/LABELS.md: instruct_prepare_arrival).
ARRIVAL = re.compile(
    r"\bunlock|\bdoor(?:'s| is) (?:open|unlocked)|opened the (?:front )?door|porch light|light's on"
    r"|\bmeet (?:them|the crew)|wave (?:the \w+|them) down|(?:dog|cat) (?:in|away)|\bon the latch",
    re.I,
)


@pytest.mark.parametrize("sid", IDS)
def test_each_required_acts_coaching_line_carries_that_act(sid):
    sc = LIBRARY.get(sid)
    wrong = [
        (r.act, r.say, analyze(r.say).acts)
        for r in (*sc.protocol.required_acts, *sc.protocol.required_instructions)
        if r.say and r.act not in analyze(r.say).acts
    ]
    assert not wrong


@pytest.mark.parametrize("sid", IDS)
def test_the_callers_reply_to_a_safety_instruction_is_not_getting_ready_for_the_crew(sid):
    line = LIBRARY.get(sid).script.follows.get("instruct_safety")
    text = line if isinstance(line, str) or line is None else " ".join(line.values())
    assert not (text and ARRIVAL.search(text)), text


def _heart_attack_with(line_at_73):
    rows = [json.loads(x) for x in (TRANSCRIPTS / "heart-attack.good.jsonl").read_text().splitlines() if x.strip()]
    rows = [dict(r, text=line_at_73) if r.get("t") == 73 else r for r in rows]
    result = run_transcript(LIBRARY.get("heart-attack"), parse_transcript([json.dumps(r) for r in rows])).result
    return {f.rule for f in result.findings if f.kind == "missing"}


def test_unlocking_the_door_is_preparing_for_the_crew_not_keeping_the_patient_safe():
    door = _heart_attack_with("Unlock the front door and turn the porch light on for the crew.")
    assert "instruct_prepare_arrival" not in door and "instruct_safety" in door
    rest = _heart_attack_with("Have him sit still and don't let him walk around.")
    assert "instruct_safety" not in rest and "instruct_prepare_arrival" in rest
