"""A learning record says who completed which scenario, how well and how long it took."""

from __future__ import annotations

import pytest

from sim_core.xapi import build_statement, statement_id

CALL = {
    "id": "c0ffee00-0000-4000-8000-000000000001",
    "scenario": "fall",
    "mode": "text",
    "end_reason": "trainee_ended",
    "scenario_version_id": None,
    "ended_at": "2026-12-01T10:00:00+00:00",
    "events": [
        {"type": "call_started", "t": 0.0},
        {"type": "call_answered", "t": 6.5},
        {"type": "caller_said", "t": 6.5},
        {"type": "call_ended", "t": 130.25},
    ],
    "metrics": {
        "score": 82.0,
        "grade": "B",
        "metrics": {"time_to_address": 9.0},
        "categories": {"case_entry": {"score": 90}},
        "scorer_version": "1.0",
    },
}
USER = {"username": "jdoe", "display_name": "Jo Doe"}
SCENARIO = {"id": "fall", "title": "Fall", "description": "A fall.", "call_type": "medical", "difficulty": "easy"}


def test_the_statement_names_trainee_scenario_score_and_time_from_answer():
    s = build_statement(CALL, USER, SCENARIO, "https://lms.example.org/")
    assert s["actor"] == {
        "objectType": "Agent",
        "name": "Jo Doe",
        "account": {"homePage": "https://lms.example.org", "name": "jdoe"},
    }
    assert s["object"]["id"] == "https://lms.example.org/scenarios/fall"
    assert s["result"]["score"] == {"scaled": 0.82, "raw": 82.0, "min": 0, "max": 100}
    assert s["result"]["duration"] == "PT123.75S"  # answer (6.5 s) → end (130.25 s)
    assert s["result"]["success"] is True  # 82: compliant
    ext = s["result"]["extensions"]
    assert ext["https://lms.example.org/xapi/extensions/metrics"] == {"time_to_address": 9.0}
    assert s["timestamp"] == CALL["ended_at"] and s["context"]["registration"] == CALL["id"]


@pytest.mark.parametrize("score,success", [(74.9, False), (75.0, True), (30.0, False)])
def test_success_means_a_compliant_call(score, success):
    call = dict(CALL, metrics=dict(CALL["metrics"], score=score))
    assert build_statement(call, USER, SCENARIO, "https://x.org")["result"]["success"] is success


def test_the_same_call_always_gets_the_same_statement_id_and_an_unscored_call_has_none():
    assert build_statement(CALL, USER, SCENARIO, "https://x.org")["id"] == statement_id(CALL["id"])
    assert statement_id(CALL["id"]) != statement_id("another-call")
    with pytest.raises(ValueError):
        build_statement(dict(CALL, metrics=None), USER, SCENARIO, "https://x.org")
