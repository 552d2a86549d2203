"""The location on the screen (ANI/ALI) verified with the caller, and read-backs checked
against the truth: a landline's address read back and confirmed verifies and obtains the
location (the silent call); a cell phone's area is not an address; a wrong read-back the
caller corrects is not credited and costs case entry; a read-back said in words counts."""

import json

from sim_core.caller import readback
from sim_core.scenario.console import console_view
from sim_core.transcript import parse_transcript, run_transcript
from tests.unit.test_grading_fairness_rules import _rows, good
from tests.unit.test_grading_protocol import LIBRARY


def replaced(sid, changes, drop=()):
    """The scenario's good call with some lines' text replaced ({t: text}) and some dropped."""
    rows = [dict(r, text=changes[r["t"]]) if r.get("t") in changes else r for r in _rows(sid) if r.get("t") not in drop]
    return run_transcript(LIBRARY.get(sid), parse_transcript([json.dumps(r) for r in rows])).result


def missing(result):
    return {f.rule: f for f in result.findings if f.kind == "missing"}


# ------------------------------------------------------------------- the silent call (landline)
def test_reading_back_the_landline_location_on_a_silent_line_verifies_and_obtains_it():
    # no "whisper the address": the call-taker reads the screen's address back and gets a tap
    r = replaced("silent-call", {27: "I show you at 604 Ash Street. Tap once if that's right."}, drop=(21,))
    assert "ask_address" not in missing(r) and "verify_address" not in missing(r)
    assert r.metrics["time_to_location_verified"] is not None
    assert "read back from the screen" in r.metrics["location_check"]
    assert r.categories["case_entry"]["score"] == good("silent-call").categories["case_entry"]["score"]


def test_a_location_never_confirmed_is_a_finding_at_the_moment_it_was_first_acted_on():
    r = replaced("silent-call", {27: "Tap once if you can hear me."}, drop=(21,))
    never = missing(r)["verify_address"]
    assert never.t == 53.0  # the CAD entry at 56 s, 3 s after the answer
    assert "604 Ash Street" in never.message and "landline" in never.message and "tap" in never.message
    assert r.metrics["time_to_location_verified"] is None
    assert r.categories["case_entry"]["score"] < good("silent-call").categories["case_entry"]["score"]


# ------------------------------------------------------------------- a cell phone shows an area
def test_reading_back_a_cell_phones_area_is_not_verifying_the_address():
    area = console_view(LIBRARY.get("overdose")).location
    assert "block" in area
    r = replaced("overdose", {10: f"I show you at the {area}, is that right?"})
    wrong = [f for f in r.findings if f.kind == "readback" and f.rule == "verify_address"]
    assert wrong and "what the screen shows" in wrong[0].message and "exact address" in wrong[0].message
    assert "verify_address" in missing(r)
    assert r.metrics["time_to_location_verified"] is None


def test_a_wireless_address_asked_and_read_back_is_verified():
    r = good("overdose")
    assert r.metrics["time_to_location_verified"] is not None
    assert "asked and read back" in r.metrics["location_check"]


# ------------------------------------------------------------------- wrong read-backs
def test_a_wrong_read_back_the_caller_corrects_is_not_credited_and_costs_case_entry():
    right = good("cardiac-arrest")
    r = replaced("cardiac-arrest", {10: "1452 Oak Street, is that correct?"})
    wrong = [f for f in r.findings if f.kind == "readback"]
    assert len(wrong) == 1 and wrong[0].points > 0 and "1425 Oak Street" in wrong[0].message
    assert "verify_address" in missing(r)
    assert r.categories["case_entry"]["score"] <= right.categories["case_entry"]["score"] - 25


def test_a_wrong_callback_read_back_costs_once_and_the_right_one_after_it_still_verifies():
    lines = {20: "555-0143, is that right?", 25: "Sorry, 555-0134. Okay, tell me exactly what happened."}
    r = replaced("cardiac-arrest", lines)
    wrong = [f for f in r.findings if f.kind == "readback" and f.rule == "verify_callback"]
    assert len(wrong) == 1 and wrong[0].points > 0
    assert r.metrics["time_to_callback_verified"] is not None


def test_a_read_back_said_in_words_is_compared_with_the_truth():
    r = replaced(
        "cardiac-arrest",
        {10: "That's fourteen twenty-five Oak Street, correct?", 20: "So that's five five five, oh one three four?"},
    )
    assert r.metrics["time_to_address_verified"] is not None and r.metrics["time_to_callback_verified"] is not None
    assert not [f for f in r.findings if f.kind == "readback"]
    assert readback.check("address_confirm", "fourteen twenty five Oak", "1425 Oak Street") == "correct"
    assert readback.check("callback_confirm", "five five five oh one three four", "555-0134") == "correct"
    assert readback.check("address_confirm", "fourteen fifty-two Oak?", "1425 Oak Street") == "wrong"


def test_the_last_four_digits_alone_are_not_a_wrong_number():
    assert readback.check("callback_confirm", "oh one three four?", "555-0134") == "incomplete"
    assert readback.check("callback_confirm", "oh one four three?", "555-0134") == "wrong"


def test_a_cell_phones_area_read_back_is_not_an_address_even_when_it_is_close():
    # the stabbing's screen shows "900 block of Front Street"; the caller is at 900 Front Street
    area = console_view(LIBRARY.get("stabbing")).location
    first = next(r for r in _rows("stabbing") if "text" in r and r["t"] > 5)
    r = replaced("stabbing", {first["t"]: f"I show you in the {area}, is that right?"})
    assert r.metrics["time_to_location_verified"] is None
    assert "verify_address" in missing(r)


def test_a_scenario_that_does_not_require_a_read_back_still_grades_the_location():
    from sim_core.scenario import parse_scenario

    data = LIBRARY.get("silent-call").model_dump(mode="json")
    data["protocol"]["required_acts"] = [r for r in data["protocol"]["required_acts"] if r["act"] != "verify_address"]
    sc = parse_scenario(data)
    rows = [r for r in _rows("silent-call") if r.get("t") not in (21, 27)]  # never asked, never read back
    r = run_transcript(sc, parse_transcript([json.dumps(x) for x in rows])).result
    found = [f for f in r.findings if f.kind == "location"]
    assert len(found) == 1 and found[0].points > 0 and found[0].t is not None
    assert "604 Ash Street" in found[0].message
    ok = run_transcript(sc, parse_transcript([json.dumps(x) for x in _rows("silent-call")])).result
    assert not [f for f in ok.findings if f.kind == "location"]
    assert ok.categories["case_entry"]["score"] > r.categories["case_entry"]["score"]
