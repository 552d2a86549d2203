"""Fairness rules a training officer expects, each checked by adding one line to a good call:
critical errors fail the call; judging or accusing the caller is a tone failure; looking,
peeking or going near the danger is unsafe while retreating is not; a wrong CAD address
costs for as long as it stood; food, drink or moving the patient is harmful where the
scenario's patient cannot take it."""

import json

import pytest

from sim_core.transcript import load_transcript, parse_transcript, run_transcript
from tests.unit.test_grading_protocol import LIBRARY, TRANSCRIPTS


def _rows(sid):
    return [json.loads(x) for x in (TRANSCRIPTS / f"{sid}.good.jsonl").read_text().splitlines() if x.strip()]


def good_with(sid, t, text=None, cad=None):
    """The scenario's good call with one more trainee line (or CAD entry) at `t` seconds."""
    row = {"t": t, "text": text} if text is not None else {"t": t, "cad": cad}
    rows = sorted([*_rows(sid), row], key=lambda r: r["t"])
    return run_transcript(LIBRARY.get(sid), parse_transcript([json.dumps(r) for r in rows])).result


def good(sid):
    return run_transcript(LIBRARY.get(sid), load_transcript(TRANSCRIPTS / f"{sid}.good.jsonl")).result


def kinds_at(result, line_text):
    return {f.kind for f in result.findings if f.quote == line_text}


# ---------------------------------------------------------------- critical errors cap the grade
@pytest.mark.parametrize(
    "line",
    [
        "Go to the top of the stairs and look.",
        "Just peek down over the railing and tell me if you see anyone.",
        "Can you sneak to the kitchen door and listen to what they're saying?",
    ],
)
def test_looking_or_peeking_at_the_danger_is_unsafe_and_caps_the_grade_at_d(line):
    before = good("burglary")
    r = good_with("burglary", 49, line)
    assert "unsafe" in kinds_at(r, line)
    assert before.score >= 85 and r.score <= 69 and r.grade in ("D", "F")


@pytest.mark.parametrize(
    "line",
    [
        "Go back in your room and lock the door.",
        "Get into the bathroom, lock the door and stay down.",
        "Don't go near the stairs; stay where you are.",
    ],
)
def test_retreating_from_the_danger_is_not_unsafe(line):
    r = good_with("burglary", 49, line)
    assert "unsafe" not in kinds_at(r, line) and r.score >= 85


def test_watching_for_the_ambulance_at_the_door_is_not_going_towards_danger():
    line = "Have someone go to the front door and look for the ambulance."
    r = good_with("stroke", 90, line)
    assert "unsafe" not in kinds_at(r, line)


# ---------------------------------------------------------------- tone: judging and accusing
@pytest.mark.parametrize(
    "sid,line",
    [
        ("domestic-violence", "Don't lie to me. Did he hit you or not?"),
        ("overdose", "You know that's illegal, right?"),
        ("overdose", "Well, this is what happens when people mess with drugs."),
        ("overdose", "Why would you let her take that stuff?"),
    ],
)
def test_judging_or_accusing_the_caller_costs_customer_service(sid, line):
    before = good(sid)
    r = good_with(sid, 59, line)
    assert "tone" in kinds_at(r, line)
    assert r.categories["customer_service"]["score"] <= before.categories["customer_service"]["score"] - 25
    assert r.score < before.score


# ---------------------------------------------------------------- harmful medical advice
@pytest.mark.parametrize(
    "sid,line",
    [
        ("stroke", "Get him a glass of water, it might help."),
        ("overdose", "Make her drink some coffee to wake her up."),
        ("unconscious-diabetic", "Give him some juice for his sugar."),
        ("car-accident", "Help him out of the car and sit him up on the curb."),
        ("fall", "Let's get you up and onto the couch."),
    ],
)
def test_harmful_medical_advice_is_critical(sid, line):
    r = good_with(sid, 94, line)
    hit = [f for f in r.findings if f.quote == line and f.critical]
    assert hit, [f.message for f in r.findings]
    assert r.score <= 69


@pytest.mark.parametrize(
    "sid,line",
    [
        ("stroke", "Don't give him anything to eat or drink."),
        ("heart-attack", "Give him an aspirin to chew if he isn't allergic."),  # chest pain protocol, not harmful
        ("car-accident", "Tell him not to move and keep his head still."),
    ],
)
def test_safe_medical_advice_is_not_harmful(sid, line):
    r = good_with(sid, 94, line)
    assert not [f for f in r.findings if f.quote == line and f.kind in ("harmful_advice", "unsafe")]


# ---------------------------------------------------------------- CAD: how long a wrong address stood
def _cad(sid, address):
    base = next(r["cad"] for r in _rows(sid) if "cad" in r)
    return dict(base, address=address)


def test_a_wrong_cad_address_costs_for_as_long_as_it_stood():
    right = good("burglary")
    short = good_with("burglary", 36, cad=_cad("burglary", "798 Pine Street"))  # fixed at 38 s
    longer = good_with("burglary", 8, cad=_cad("burglary", "987 Pine Road"))  # fixed at 38 s
    assert not [f for f in short.findings if f.rule == "cad_address_wrong_for"]
    stood = [f for f in longer.findings if f.rule == "cad_address_wrong_for"]
    assert stood and "stood wrong for 30s" in stood[0].message
    assert longer.categories["cad_accuracy"]["score"] < right.categories["cad_accuracy"]["score"]


# ---------------------------------------------------------------- hands on the chest
def test_hands_on_the_chest_comes_before_the_first_push_when_coached_in_steps():
    lines = [
        (4, "911, what's the address of your emergency?"),
        (10, "Is he awake? Is he breathing normally?"),
        (16, "He's in cardiac arrest. We're going to do CPR together."),
        (22, "Get him flat on his back on the floor."),
        (28, "Put the heel of your hand in the center of his chest and your other hand on top."),
        (45, "Now push down hard and fast, two inches, and let the chest come back up."),
    ]
    rows = [json.dumps({"t": t, "text": x}) for t, x in lines]
    m = run_transcript(LIBRARY.get("cardiac-arrest"), parse_transcript(rows)).result.metrics
    # hands placed when she has said so (a few seconds after the 24 s instruction); pushing from 41 s
    assert 25 <= m["time_to_hands_on_chest"] < 35
    assert m["time_to_first_compression"] == 41


def test_no_hands_on_the_chest_when_cpr_is_only_announced():
    m = good_with("stroke", 94, "Okay.")  # not an arrest: the measure does not apply
    assert m.metrics["time_to_hands_on_chest"] is None


# ---------------------------------------------------------------- errands are not looking at the danger
@pytest.mark.parametrize(
    "line",
    [
        "Go to the kitchen and look for a clean towel.",
        "Go to the kitchen and see if there's any aspirin.",
        "Go to the front door and see if the ambulance is there.",
        "Have someone go to the front door to watch for the ambulance.",
    ],
)
def test_sending_the_caller_on_an_errand_is_not_unsafe(line):
    from sim_core.nlp import analyze

    assert "unsafe_instruction" not in analyze(line).acts


@pytest.mark.parametrize(
    "line",
    ["Go to the garage and see if he's still there.", "Go outside and check.", "Go to the kitchen and look for him."],
)
def test_going_to_look_for_the_danger_is_unsafe(line):
    from sim_core.nlp import analyze

    assert "unsafe_instruction" in analyze(line).acts


# ---------------------------------------------------------------- whole calls, one failing each
def _played(sid, kind):
    return run_transcript(LIBRARY.get(sid), load_transcript(TRANSCRIPTS / f"{sid}.{kind}.jsonl")).result


def test_a_lecturing_call_taker_loses_customer_service_for_each_judging_line():
    r = _played("overdose", "lecturing")
    tone = [f for f in r.findings if f.kind == "tone"]
    assert len(tone) == 2 and {f.line for f in tone} == {9, 10}  # lines 10 and 11 of the call
    assert r.categories["customer_service"]["score"] <= 40
    assert r.score < good("overdose").score - 15


def test_a_peek_at_the_intruder_is_critical_and_the_retreat_after_it_is_not():
    r = _played("burglary", "peek")
    unsafe = [f for f in r.findings if f.kind == "unsafe"]
    assert [f.line for f in unsafe] == [7]  # "peek down", not "go back in your room" after it
    assert r.grade in ("D", "F")


def test_water_for_a_stroke_patient_is_harmful_advice():
    r = _played("stroke", "water")
    harmful = [f for f in r.findings if f.kind == "harmful_advice"]
    assert len(harmful) == 1 and "glass of water" in harmful[0].quote and harmful[0].critical
    assert r.grade in ("D", "F")


def test_a_wrong_cad_address_that_stood_35_seconds_costs_cad_accuracy():
    r = _played("cardiac-arrest", "cad-wrong-first")
    stood = [f for f in r.findings if f.rule == "cad_address_wrong_for"]
    assert stood and stood[0].t == 8.0 and "35s" in stood[0].message
    assert r.categories["cad_accuracy"]["score"] < good("cardiac-arrest").categories["cad_accuracy"]["score"]


@pytest.mark.parametrize(
    "line",
    [
        "Turn your phone to speaker so your hands are free.",
        "Move the car out of the lane only if it's safe for you.",
        "Get your husband a blanket to keep him warm.",
    ],
)
def test_moving_things_is_not_moving_the_patient(line):
    r = good_with("car-accident", 94, line)
    assert not [f for f in r.findings if f.quote == line and f.kind == "harmful_advice"]


# ---------------------------------------------------------------- one delay, one deduction
def test_a_late_arrest_is_charged_by_the_tcpr_measures_not_again_by_each_questions_deadline():
    r = _played("cardiac-arrest", "mediocre")
    assert {f.rule for f in r.findings if f.kind == "tcpr_late"} == {"tcpr_recognition", "tcpr_first_compression"}
    twice = [
        f.rule
        for f in r.findings
        if f.kind == "late" and f.rule in ("ask_conscious", "ask_breathing", "recognize_arrest", "instruct_cpr")
    ]
    assert not twice


def test_late_help_is_one_finding():
    r = _played("car-accident", "poor")
    late = [f for f in r.findings if f.rule == "dispatch_notice" and f.kind == "late"]
    assert len(late) == 1


def test_a_wrong_cad_address_that_stood_costs_the_overall_score_too():
    base = good("burglary")
    longer = good_with("burglary", 8, cad=_cad("burglary", "987 Pine Road"))  # stood 30 s
    stood = [f for f in longer.findings if f.rule == "cad_address_wrong_for"]
    assert stood and stood[0].overall_points > 0
    assert longer.score <= base.score - 7


# ---------------------------------------------------------------- moving a possible spinal injury
@pytest.mark.parametrize(
    "line", ["Get the guy out of his car and lay him on the ground.", "Pull the driver out and lay him down flat."]
)
def test_pulling_a_driver_out_after_a_collision_is_critical(line):
    r = good_with("car-accident", 94, line)
    assert [f for f in r.findings if f.quote == line and f.critical], [f.message for f in r.findings]
    assert r.grade in ("D", "F")


@pytest.mark.parametrize("line", ["The firefighters have the tools to get her out safely.", "Did you get her out yet?"])
def test_what_responders_will_do_or_a_question_is_not_moving_the_patient(line):
    r = good_with("car-accident", 94, line)
    assert not [f for f in r.findings if f.quote == line and f.kind == "harmful_advice"]


def test_each_critical_error_costs_below_the_d_cap():
    one = good_with("burglary", 49, "Go to the top of the stairs and look.")
    rows = sorted(
        [
            *_rows("burglary"),
            {"t": 49, "text": "Go to the top of the stairs and look."},
            {"t": 50, "text": "Just peek down over the railing and tell me if you see anyone."},
        ],
        key=lambda r: r["t"],
    )
    two = run_transcript(LIBRARY.get("burglary"), parse_transcript([json.dumps(r) for r in rows])).result
    assert one.score < 60 and two.score <= one.score - 10
