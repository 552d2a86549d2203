"""What a training officer charges (and does not) on a grading sheet, each rule shown with a
short call of our own: help sent late costs in proportion; the callback number is verified like
the address, also from the screen; an upset caller left uncalmed is a customer-service failure,
a calm one is owed no calm control; aspirin needs the allergy and blood-thinner questions first;
a warning to stay away is not an unsafe instruction, and neither is anything on a call with no
danger; asking again what the caller does not know is a fault, asking the address again before
the read-back is not; a caller who opens with what happened has given the chief complaint; a
critical error fails the call; a mediocre call lands in the C/D band."""

import json

import pytest

from sim_core.scenario import ScenarioLibrary
from sim_core.scoring.conduct import uncalmed_caller
from sim_core.scoring.metrics import CallFacts, TraineeAct
from sim_core.scoring.overrides import Override, rescore
from sim_core.scoring.safety import danger_on_call, is_warning, unsafe_instructions
from sim_core.transcript import parse_transcript, run_transcript
from tests.unit.test_grading_protocol import ROOT

LIBRARY = ScenarioLibrary(ROOT / "scenarios")


def call(sid, rows):
    """Replay our own call: rows of (seconds from the first ring, a trainee line or a CAD dict)."""
    out = [json.dumps({"t": t, "cad": x} if isinstance(x, dict) else {"t": t, "text": x}) for t, x in rows]
    return run_transcript(LIBRARY.get(sid), parse_transcript(out))


def findings(result, kind=None, rule=None):
    return [f for f in result.findings if (kind is None or f.kind == kind) and (rule is None or f.rule == rule)]


CAD = {"address": "789 Pine Street", "incident_type": "burglary in progress", "priority": 1, "callback": "555-0126"}


def burglary(dispatch_at, extra=()):
    rows = [
        (5, "911, what's the address of your emergency?"),
        (11, "789 Pine Street, is that right?"),
        (16, "What number are you calling from?"),
        (21, "555-0126, is that correct?"),
        (26, "Are you somewhere safe right now?"),
        (33, "Did you see anyone? What do they look like?"),
        (40, "Do they have any weapons?"),
        (46, "Stay in your room, lock the door and stay quiet. Don't go downstairs."),
        (dispatch_at, "Police are on the way to you now."),
        (dispatch_at + 1, CAD),
        *extra,
        (dispatch_at + 8, "Stay on the line with me, you're doing everything right."),
    ]
    return call("burglary", sorted(rows, key=lambda r: r[0])).result


# ------------------------------------------------------------------ call processing
def test_help_announced_late_costs_the_overall_score_in_proportion_to_the_wait():
    waiting = [(60, "What's your name?"), (75, "Is anyone else home with you?"), (90, "When did you first hear them?")]
    on_time, late = burglary(50, waiting), burglary(105, waiting)  # 45 s and 100 s after the answer at 5 s
    assert not findings(on_time, rule="dispatch_notice")
    slow = findings(late, "late", "dispatch_notice")
    assert len(slow) == 1 and slow[0].overall_points == pytest.approx(0.25 * (100 - 60), abs=0.2)
    assert late.score <= on_time.score - 10


def test_help_sent_in_cad_but_never_announced_is_timed_from_the_cad_entry():
    rows = [
        (5, "911, what's the address of your emergency?"),
        (11, "789 Pine Street, is that right?"),
        (16, "What number are you calling from?"),
        (21, "555-0126, is that correct?"),
        (30, CAD),
        (35, "Stay in your room, lock the door and stay quiet."),
    ]
    r = call("burglary", rows).result
    never = findings(r, "missing", "dispatch_notice")
    assert never and never[0].overall_points == 0.0  # units went out at 25 s; the caller was never told


# ------------------------------------------------------------------ the callback number
def test_a_callback_number_never_read_back_is_a_case_entry_finding():
    read_back = burglary(50)
    rows = [(t, x) for t, x in [(5, "911, what's the address of your emergency?"), (11, "789 Pine Street, right?")]]
    rows += [(16, "What number are you calling from?"), (24, "Police are on the way."), (25, CAD)]
    not_read = call("burglary", rows).result
    assert not findings(read_back, "readback", "verify_callback")
    missed = findings(not_read, "readback", "verify_callback")
    assert missed and "555-0126" in missed[0].message and missed[0].category == "case_entry"


def test_the_number_on_the_screen_read_back_and_confirmed_verifies_the_callback():
    # a seven-year-old does not know her number; the screen shows it and she can say yes
    rows = [
        (5, "911, what's the address of your emergency?"),
        (12, "14 Cedar Court, is that your house?"),
        (18, "Is this phone number 555-0177? Say yes if it is."),
    ]
    r = call("child-caller", rows).result
    assert r.metrics["time_to_callback_verified"] is not None
    assert not findings(r, rule="verify_callback") and not findings(r, "missing", "ask_callback")


# ------------------------------------------------------------------ calming the caller
def test_an_angry_caller_never_calmed_or_reassured_lowers_customer_service():
    lines = [
        (5, "911, what's the address of your emergency?"),
        (11, "418 Chestnut Street, is that right?"),
        (17, "Does he still have the hammer?"),
        (23, "Where is he now?"),
    ]
    cold = call("hostile-caller", lines).result
    calmed = call("hostile-caller", [*lines[:1], (8, "Sir, I need you to listen to me."), *lines[1:]]).result
    left = findings(cold, "uncalmed")
    assert left and left[0].t == 0.0 and "angry" in left[0].message
    assert not findings(calmed, "uncalmed")
    assert cold.categories["customer_service"]["score"] <= calmed.categories["customer_service"]["score"] - 20


def test_an_upset_caller_coached_through_a_hands_on_task_is_under_control():
    stabbing = LIBRARY.get("stabbing")  # the protocol expects calm control
    facts = CallFacts(answered_at=0.0, ended_at=60.0, emotions=[(10.0, "hysterical")])
    facts.trainee_lines = [(5.0, "Where is he bleeding?"), (20.0, "Press a towel hard on the wound.")]
    facts.acts = [TraineeAct("ask_injuries", 5.0, 0)]
    out: list = []
    assert uncalmed_caller(stabbing, facts, set(), out) > 0 and out[0].t == 10.0
    facts.acts.append(TraineeAct("instruct_bleeding", 20.0, 1))
    assert uncalmed_caller(stabbing, facts, set(), []) == 0.0


def test_a_caller_who_stays_calm_is_not_owed_calm_control():
    rows = [
        (5, "911, what's the address of your emergency?"),
        (12, "1180 Spruce Street, apartment 3C, is that right?"),
        (18, "Thank you for calling, I'm glad you did."),
    ]
    r = call("suicidal-caller", rows).result
    assert not findings(r, "missing", "calm_control") and not findings(r, "uncalmed")


# ------------------------------------------------------------------ what the scenario says an act prevents
def test_safety_advice_given_only_after_the_intruder_came_up_the_stairs_is_late():
    # the scenario: footsteps on the stairs at 60 s unless she was told to lock herself in first
    early = burglary(50)  # the safety advice at 46 s
    rows = [
        (5, "911, what's the address of your emergency?"),
        (11, "789 Pine Street, is that right?"),
        (17, "What number are you calling from?"),
        (22, "555-0126, is that correct?"),
        (28, "Police are on the way to you now."),
        (29, CAD),
        (36, "Are you somewhere safe right now?"),
        (44, "Did you see anyone? What do they look like?"),
        (52, "Do they have any weapons?"),
        (60, "Is anyone else home with you?"),
        (75, "Stay in your room, lock the door and stay quiet. Don't go downstairs."),
        (84, "Stay on the line with me, you're doing everything right."),
    ]
    late = call("burglary", rows).result
    assert not findings(early, "late", "instruct_safety")
    found = findings(late, "late", "instruct_safety")
    assert found and "stairs" in found[0].message and found[0].points > 0
    assert late.categories["instructions"]["score"] < early.categories["instructions"]["score"]


# ------------------------------------------------------------------ aspirin
def heart_attack(*lines):
    base = [(5, "911, what's the address of your emergency?"), (11, "456 Maple Drive, is that right?")]
    return call("heart-attack", [*base, *[(20 + 8 * i, x) for i, x in enumerate(lines)]]).result


def test_aspirin_advised_before_the_allergy_and_blood_thinner_questions_is_a_finding():
    r = heart_attack("Is he awake and breathing?", "Have him chew an aspirin right now.")
    found = findings(r, "precaution", "instruct_aspirin")
    assert found and found[0].category == "instructions"
    assert "allergy" in found[0].message and "blood thinners" in found[0].message


def test_aspirin_after_asking_about_allergy_and_blood_thinners_is_fine():
    r = heart_attack(
        "Is he allergic to aspirin?", "Does he take any blood thinners?", "Have him chew an aspirin right now."
    )
    assert not findings(r, "precaution")


# ------------------------------------------------------------------ unsafe instructions, checked
def test_a_warning_to_stay_away_is_not_sending_the_caller_towards_the_danger():
    assert is_warning("Listen to me, if you run back in there the smoke will knock you out. Stay outside.")
    assert is_warning("Don't go near the garage; stay where you are.")
    assert not is_warning("If you can reach her, go ahead and pull her out, then stay back.")
    assert not is_warning("Stay low and go back in through the kitchen to get her.")
    assert is_warning("Don't go back in and try to get her. Wait out front for the engine.")
    rows = [
        (5, "911, what's the address of your emergency?"),
        (12, "Listen to me, if you run back in there the smoke will knock you out. Stay outside by the mailbox."),
    ]
    r = call("structure-fire", rows).result
    assert not findings(r, "unsafe") and not any(f.critical for f in r.findings if f.rule == "unsafe_instruction")


def test_nothing_is_unsafe_on_a_call_with_no_danger_to_go_towards():
    diabetic, burglary_sc = LIBRARY.get("unconscious-diabetic"), LIBRARY.get("burglary")
    assert not danger_on_call(diabetic) and danger_on_call(burglary_sc)
    facts = CallFacts(answered_at=0.0, ended_at=30.0)
    facts.trainee_lines = [(10.0, "Go and see if he is breathing, then come back to the phone.")]
    facts.acts = [TraineeAct("unsafe_instruction", 10.0, 0)]
    out: list = []
    assert unsafe_instructions(diabetic, facts, out) == 0.0
    assert [f.kind for f in out] == ["unsafe_set_aside"] and not out[0].critical
    out = []
    assert unsafe_instructions(burglary_sc, facts, out) > 0 and out[0].critical


def test_a_critical_error_fails_the_call():
    r = burglary(50, extra=[(47, "Go to the top of the stairs and see who it is.")])
    assert findings(r, "unsafe") and r.grade == "F" and r.score < 60


# ------------------------------------------------------------------ repeats
def test_asking_again_what_the_caller_does_not_know_is_a_fault_even_reworded():
    r = burglary(50, extra=[(27, "How many people are in the house?"), (36, "Roughly how many would you say?")])
    again = findings(r, "repeat", "ask_people_count")
    assert again and again[0].overall_points > 0 and "don't know" in again[0].message


def test_asking_the_address_again_before_the_read_back_is_not_a_repeat():
    rows = [
        (5, "911, what's the address of your emergency?"),
        (10, "What street do you live on, sweetie?"),
        (16, "14 Cedar Court, is that your house?"),
    ]
    r = call("child-caller", rows).result
    assert not findings(r, "repeat", "ask_address")


# ------------------------------------------------------------------ the chief complaint
def test_a_caller_who_opens_with_what_happened_has_given_the_chief_complaint():
    r = burglary(50)  # never asks "what happened": she said it when the call was answered
    assert not findings(r, "missing", "ask_what_happened")
    assert r.categories["chief_complaint"]["score"] == 100.0


# ------------------------------------------------------------------ whole calls
def test_a_mediocre_stroke_call_lands_between_c_and_d():
    rows = [
        (5, "911, what's the address of your emergency?"),
        (11, "3307 Willow Court, is that right?"),
        (16, "What's your phone number?"),
        (22, "How old is he?"),
        (28, "Is he awake?"),
        (34, "Is he breathing okay?"),
        (42, "Can he lift both arms?"),
        (88, "An ambulance is on the way."),
        (89, {"address": "3307 Willow Court", "incident_type": "stroke", "priority": 1}),
        (96, "Don't give him anything to eat or drink."),
        (104, "Stay on the line with me."),
    ]
    r = call("stroke", rows).result
    assert 55 <= r.score <= 79, [(f.kind, f.rule, f.points, f.overall_points) for f in r.findings]
    assert {"dispatch_notice", "verify_callback", "ask_time"} <= {f.rule for f in r.findings}


def test_one_victim_blaming_line_costs_a_good_call_at_least_a_letter():
    clean = burglary(50)
    blamed = burglary(50, extra=[(47, "Well, why didn't you lock the back door?")])
    assert findings(blamed, "tone", "victim_blaming")
    assert blamed.score <= clean.score - 10


def test_dismissing_a_missing_reassurance_gives_its_customer_service_points_back():
    rows = [
        (5, "911, what's the address of your emergency?"),
        (11, "789 Pine Street, is that right?"),
        (18, "555-0126, is that your number?"),
        (26, "Police are on the way."),
        (27, CAD),
    ]
    played = call("burglary", rows)
    missing = findings(played.result, "missing", "reassure")
    assert missing
    ruled = rescore(played.scenario, played.timeline, [Override("dismiss", "said it", finding_id=missing[0].id)])
    before = played.result.categories["customer_service"]["score"]
    assert ruled.categories["customer_service"]["score"] > before and ruled.score > played.result.score
