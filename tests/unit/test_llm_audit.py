"""The caller audit's LLM figures: rejections, fallbacks and whether a fact was stated."""

from pathlib import Path

from sim_core.audit import audit_call
from sim_core.llm.actor import LLMActor
from sim_core.llm.audit import MeasuredLLMActor, llm_totals, states_fact
from sim_core.scenario import load_scenario_file

ROOT = Path(__file__).resolve().parents[2]


class _Stream:
    def __init__(self, text):
        self.text, self.usage = text, None

    def __iter__(self):
        yield from (w if i == 0 else " " + w for i, w in enumerate(self.text.split(" ")))

    def close(self):
        pass


class _Client:
    """A model that invents a number in words on every other request."""

    timeout_s = 5.0

    def __init__(self):
        self.n = 0

    def stream_chat(self, messages, **kw):
        self.n += 1
        return _Stream("It's fourteen twenty Elm!" if self.n % 2 else "Please hurry, I'm scared.")


def test_a_fact_is_stated_when_its_numbers_and_some_of_its_words_are_said():
    assert states_fact("It's 1425 Oak Street, hurry!", "1425 Oak Street", "It's 1425 Oak Street.")
    assert not states_fact("It's on Oak Street!", "1425 Oak Street", "It's 1425 Oak Street.")
    assert not states_fact("Please hurry!", "he is not breathing", "He's not breathing!")


def test_the_audit_counts_what_the_model_got_wrong_and_who_spoke(tmp_path):
    scenario = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    measured = MeasuredLLMActor(LLMActor(_Client(), use_nlp=False))
    audit = audit_call(scenario, ROOT / "tests" / "data" / "transcripts" / "cardiac-arrest.good.jsonl", actor=measured)
    totals = llm_totals(measured.turns)
    assert audit.replies > 5 and totals["llm_turns"] >= audit.replies
    assert 0 < totals["grounding_rejection_share"] < 1
    assert totals["rejections_by_reason"]["invented number in words"] >= 1
    assert totals["spoken_by_llm_share"] + totals["scripted_fallback_share"] == 1
    assert totals["first_sentence_p50_s"] is not None
    assert all("fourteen twenty" not in t.text for t in measured.turns)
