"""Debrief narrative and scenario drafting against a local OpenAI-compatible llm_server."""

from pathlib import Path

import pytest

from sim_core.llm.breaker import CircuitBreaker
from sim_core.llm.client import ChatClient
from sim_core.llm.debrief import write_debrief
from sim_core.llm.draft import DraftError, draft_scenario
from sim_core.scenario import load_scenario_file
from tools.fake_llm_server import FakeReply

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "scenarios" / "cardiac-arrest.yaml").read_text()
IDEA = "elderly man fell in the shower, daughter calling, hard of hearing"
RESULT = {
    "score": 71.0,
    "grade": "C",
    "categories": {"case_entry": {"score": 95.0, "level": "high"}, "instructions": {"score": 40.0, "level": "low"}},
    "findings": [
        {
            "t": 150.0,
            "kind": "late",
            "category": "instructions",
            "points": 1.5,
            "message": "Instruct cpr at 150s, after the 120s target.",
        }
    ],
    "metrics": {"time_to_address": 7.0},
}


@pytest.fixture()
def client(llm_server):
    with ChatClient(llm_server.base_url, model="fake", timeout_s=2.0, breaker=CircuitBreaker(threshold=100)) as c:
        yield c


def _fall_scenario_yaml(scenario_id="shower-fall"):
    return EXAMPLE.replace("id: cardiac-arrest", f"id: {scenario_id}").replace(
        'title: "Husband collapsed in the kitchen"', 'title: "Father fell in the shower"'
    )


def test_a_drafted_scenario_validates_and_is_ready_for_the_editor(llm_server, client):
    llm_server.push(FakeReply(text=f"Here is the scenario:\n```yaml\n{_fall_scenario_yaml()}```\n"))
    scenario, yaml_text = draft_scenario(IDEA, client, EXAMPLE)
    assert scenario.id == "shower-fall" and scenario.title == "Father fell in the shower"
    assert yaml_text.startswith("id: shower-fall")
    prompt = llm_server.requests[0]["messages"]
    assert IDEA in prompt[-1]["content"]
    assert "CallerProfile:" in prompt[0]["content"] and "1425 Oak Street" in prompt[0]["content"]


def test_an_invalid_draft_gets_one_repair_round_with_the_errors(llm_server, client):
    broken = _fall_scenario_yaml().replace("difficulty: medium", "difficulty: brutal")
    llm_server.push(FakeReply(text=broken), FakeReply(text=_fall_scenario_yaml()))
    scenario, _ = draft_scenario(IDEA, client, EXAMPLE)
    assert scenario.difficulty == "medium"
    repair = llm_server.requests[1]["messages"][-1]["content"]
    assert "difficulty" in repair and "does not validate" in repair


def test_a_sloppy_id_is_fixed_rather_than_rejected(llm_server, client):
    llm_server.push(FakeReply(text=_fall_scenario_yaml("Shower Fall!")))
    scenario, yaml_text = draft_scenario(IDEA, client, EXAMPLE)
    assert scenario.id == "shower-fall" and "id: shower-fall" in yaml_text


def test_a_draft_still_invalid_after_repair_is_a_clear_error(llm_server, client):
    llm_server.push(FakeReply(text="title: just a title"), FakeReply(text="id: x\n: : :"))
    with pytest.raises(DraftError, match="still invalid after one repair") as exc:
        draft_scenario(IDEA, client, EXAMPLE)
    assert exc.value.problems and len(llm_server.requests) == 2


def test_drafting_reports_an_unreachable_llm(llm_server, client):
    llm_server.push(*[FakeReply(status=401)])
    with pytest.raises(DraftError, match="LLM_API_KEY rejected"):
        draft_scenario(IDEA, client, EXAMPLE)


def test_debrief_narrative_comes_from_the_llm_when_it_sticks_to_the_findings(llm_server, client):
    text = (
        "You found the address fast, at 7s, and your case entry was strong. The big miss "
        "was compressions: you coached CPR at 150s, after the 120s target. As soon as he is "
        "not breathing normally, go straight to hands-on-chest instructions."
    )
    llm_server.push(FakeReply(text=text))
    sc = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    d = write_debrief(RESULT, sc, client)
    assert d.source == "llm" and d.text == text and d.usage["total_tokens"] > 0
    prompt = "\n".join(m["content"] for m in llm_server.requests[0]["messages"])
    assert "Instruct cpr at 150s" in prompt and "never invent" in prompt


def test_a_narrative_citing_invented_numbers_is_replaced_by_the_template(llm_server, client):
    llm_server.push(
        FakeReply(
            text="You took 95 seconds to get the address and forgot the callback "
            "number, which cost you 30 points overall on this call."
        )
    )
    d = write_debrief(RESULT, None, client)
    assert d.source == "template" and "numbers" in d.reason
    assert "Instruct cpr at 150s" in d.text


def test_debrief_falls_back_to_the_template_on_llm_errors(llm_server, client):
    llm_server.push(*[FakeReply(status=500)] * 3)
    d = write_debrief(RESULT, None, client)
    assert d.source == "template" and "500" in d.reason and d.text.startswith("You scored 71")
