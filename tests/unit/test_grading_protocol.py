"""What a training officer checks in a grade: T-CPR as the protocol runs it, read-backs
against the truth, unsafe instructions, tone, fair repeats, coaching from the scenario."""

import json
import re
from pathlib import Path

import pytest

from sim_core.caller import readback
from sim_core.nlp import analyze
from sim_core.scenario import ScenarioLibrary
from sim_core.scoring import STANDARDS
from sim_core.scoring.suggestions import suggestion
from sim_core.transcript import load_transcript, parse_transcript, run_transcript

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPTS = ROOT / "tests" / "data" / "transcripts"
LIBRARY = ScenarioLibrary(ROOT / "scenarios")


def play(sid, kind):
    return run_transcript(LIBRARY.get(sid), load_transcript(TRANSCRIPTS / f"{sid}.{kind}.jsonl"))


def play_lines(sid, lines, start=4):
    rows = [json.dumps({"t": start + 6 * i, "text": line}) for i, line in enumerate(lines)]
    return run_transcript(LIBRARY.get(sid), parse_transcript(rows))


def caller_lines(call):
    return [e.data["text"] for speaker, e in call.timeline.said() if speaker == "caller"]


# --------------------------------------------------------------------------- T-CPR
def test_mediocre_cardiac_call_lands_between_55_and_79():
    r = play("cardiac-arrest", "mediocre").result
    assert 95 <= r.metrics["time_to_arrest_recognition"] <= 105
    assert 110 <= r.metrics["time_to_first_compression"] <= 125
    assert 55 <= r.score <= 79, [f.message for f in r.findings]
    late = {f.rule for f in r.findings if f.kind == "tcpr_late"}
    assert late == {"tcpr_recognition", "tcpr_first_compression"}


def test_announcing_cpr_earns_no_instruction_credit_and_no_compression():
    call = play("cardiac-arrest", "announce-only")
    r = call.result
    assert r.metrics["time_to_first_compression"] is None
    assert not any("pushing" in line.lower() for line in caller_lines(call))
    assert any(f.kind == "missing" and f.rule == "instruct_cpr" for f in r.findings)
    assert any(f.kind == "tcpr_steps" for f in r.findings)
    assert r.score <= 60


def test_recognition_is_when_the_cad_type_becomes_arrest_not_the_first_type():
    r = play("cardiac-arrest", "mediocre").result
    # the CAD said "unconscious person" at 66 s; recognition is the line at 100 s
    assert r.metrics["time_to_arrest_recognition"] == pytest.approx(100.0)


def test_caller_needs_hands_and_push_before_she_starts():
    call = play_lines(
        "cardiac-arrest",
        [
            "911, what is the address of your emergency?",
            "Put the heel of your hand in the center of his chest.",
            "Now push hard and fast, two inches deep.",
        ],
    )
    replies = caller_lines(call)
    assert "chest" in replies[2].lower() and "pushing" not in replies[2].lower()
    assert "pushing" in replies[3].lower()
    assert call.result.metrics["time_to_first_compression"] == pytest.approx(12.0)


def test_patient_on_a_bed_must_be_moved_first():
    sc = LIBRARY.get("cardiac-arrest").model_copy(deep=True)
    sc.facts.tcpr.patient_on = "bed"
    rows = [
        '{"t": 4, "text": "911, what is the address of your emergency?"}',
        '{"t": 10, "text": "Heel of your hand in the center of his chest and push hard and fast."}',
        '{"t": 16, "text": "Get him off the bed and flat on his back on the floor."}',
    ]
    call = run_transcript(sc, parse_transcript(rows))
    replies = caller_lines(call)
    assert "sinks" in replies[2] and call.result.metrics["time_to_first_compression"] == pytest.approx(12.0)


def test_good_cardiac_call_meets_the_goals():
    r = play("cardiac-arrest", "good").result
    assert r.metrics["time_to_arrest_recognition"] <= STANDARDS["tcpr_recognition"].goal_s
    assert r.metrics["time_to_first_compression"] <= STANDARDS["tcpr_first_compression"].goal_s
    assert not any(f.kind.startswith("tcpr") for f in r.findings)


# --------------------------------------------------------------------- read-backs
@pytest.mark.parametrize(
    "said,verdict",
    [
        ("1425 Oak St, correct?", "correct"),
        ("fourteen twenty-five Oak Street, is that right?", "correct"),
        ("one four two five oak street?", "correct"),
        ("that's 999 Wrong Road, correct?", "wrong"),
        ("1245 Oak Street?", "wrong"),
        ("Oak Street, right?", "incomplete"),
    ],
)
def test_address_readbacks_are_normalised(said, verdict):
    assert readback.check("address_confirm", said, "1425 Oak Street") == verdict


@pytest.mark.parametrize(
    "said,verdict",
    [
        ("555-0134?", "correct"),
        ("five five five, oh one three four?", "correct"),
        ("555 0134, right?", "correct"),
        ("555-0143, is that right?", "wrong"),
    ],
)
def test_phone_readbacks_are_normalised(said, verdict):
    assert readback.check("callback_confirm", said, "555-0134") == verdict


def test_wrong_readback_is_corrected_in_character_and_not_credited():
    call = play("cardiac-arrest", "wrong-readback")
    replies = caller_lines(call)
    assert re.sub(r"^(?:oh my god|please)[,!. ]*", "", replies[2].lower()).startswith("no") or "No!" in replies[2]
    assert "TWENTY-FIVE" in replies[2].upper() and "1425 Oak Street" in replies[2]
    assert "No, that's wrong" in replies[5]
    r = call.result
    wrong = [f for f in r.findings if f.kind == "readback"]
    assert {f.rule for f in wrong} == {"verify_address", "verify_callback"}
    # the correct read-back afterwards is credited, at the end of the caller's confirmation
    assert r.metrics["time_to_address_verified"] > 8.0
    assert r.metrics["time_to_callback_verified"] > 27.0


# --------------------------------------------------------------- safety and tone
def test_unsafe_instruction_is_critical_and_the_caller_refuses():
    call = play("burglary", "unsafe")
    r = call.result
    unsafe = [f for f in r.findings if f.kind == "unsafe"]
    assert len(unsafe) == 1 and unsafe[0].critical and "downstairs" in unsafe[0].quote
    assert "not going down there" in caller_lines(call)[4]  # the scenario's own reaction


def test_conditional_advice_is_not_cpr_on_a_conscious_patient():
    r = play("stroke", "conditional").result
    assert not any(f.kind == "forbidden" for f in r.findings)
    assert "instruct_report_changes" in r.metrics["instructions_given"]


def test_abuse_lowers_customer_service_and_the_caller_hangs_up():
    call = play("domestic-violence", "abusive")
    r = call.result
    assert {f.rule for f in r.findings if f.kind == "tone"} == {"victim_blaming", "threaten_hangup"}
    assert r.categories["customer_service"]["score"] <= 40
    assert call.end_reason == "caller_hung_up"


def test_hostile_caller_hangs_up_after_one_rude_line():
    call = play_lines("hostile-caller", ["911, what's the address?", "Speak up! Stop wasting my time."])
    assert call.end_reason == "caller_hung_up"


# ------------------------------------------------------------------ fair findings
def test_clarification_is_not_a_repeat_but_a_plain_repeat_is():
    r = play("cardiac-arrest", "clarify").result
    repeats = [f for f in r.findings if f.kind == "repeat"]
    assert [f.quote for f in repeats] == ["Is he breathing?"]
    assert repeats[0].line == 7  # the eighth trainee line


def test_recheck_after_thirty_seconds_is_not_a_repeat():
    rows = ['{"t": 4, "text": "Is he breathing?"}', '{"t": 45, "text": "Is he breathing?"}']
    r = run_transcript(LIBRARY.get("stroke"), parse_transcript(rows)).result
    assert not [f for f in r.findings if f.kind == "repeat"]


def test_missed_act_shows_the_closest_trainee_line():
    r = play("cardiac-arrest", "poor").result
    miss = next(f for f in r.findings if f.kind == "missing" and f.rule == "verify_address")
    assert miss.quote == "What's the address?" and "Closest line" in miss.message
    assert miss.closest_line == 2 and miss.id == "missing:verify_address:call"


def test_a_missed_instruction_is_not_pinned_on_a_line_that_only_shares_a_common_word():
    rows = [
        '{"t": 4, "text": "What is the address of your emergency?"}',
        '{"t": 12, "text": "Is he allergic to anything?"}',
        '{"t": 20, "text": "How old is he?"}',
    ]
    r = run_transcript(LIBRARY.get("stroke"), parse_transcript(rows)).result
    miss = next(f for f in r.findings if f.kind == "missing" and f.rule == "instruct_safety")
    assert miss.quote != "Is he allergic to anything?" and "No line came close" in miss.message


def test_every_finding_has_a_stable_unique_id():
    for kind in ("poor", "mediocre", "wrong-readback"):
        call = play("cardiac-arrest", kind)
        ids = [f["id"] for f in call.result.to_dict()["findings"]]
        assert len(ids) == len(set(ids)) and all(":" in i for i in ids)
        again = run_transcript(call.scenario, load_transcript(TRANSCRIPTS / f"cardiac-arrest.{kind}.jsonl"))
        assert [f["id"] for f in again.result.to_dict()["findings"]] == ids


# ----------------------------------------------------------------------- coaching
def test_coaching_comes_from_the_scenario_not_another_call_type():
    stroke = LIBRARY.get("stroke")
    tip = suggestion("instruct_safety", stroke)
    assert "hidden" not in tip.lower() and "lock the door" not in tip.lower()
    assert tip


def test_standards_and_sources_are_shown_with_the_result():
    r = play("cardiac-arrest", "good").result.to_dict()
    keys = {s["key"] for s in r["standards"]}
    assert {"answer", "tcpr_recognition", "tcpr_first_compression"} <= keys
    assert all(s["source"] for s in r["standards"])


# ------------------------------------------------------------------------- NLP
@pytest.mark.parametrize(
    "text,has,lacks",
    [
        ("If he stops breathing, I'll tell you how to do CPR.", {"instruct_report_changes"}, {"instruct_cpr"}),
        ("Don't go back inside the house.", set(), {"unsafe_instruction"}),
        ("You can try to get her out if it's safe.", {"unsafe_instruction"}, set()),
        ("Why didn't you just leave when he started drinking?", {"victim_blaming"}, {"rude", "ask_drugs"}),
        ("If you keep yelling I'm going to hang up on you.", {"threaten_hangup"}, {"rude"}),
        ("That gasping is not normal breathing.", {"recognize_arrest"}, {"ask_breathing"}),
        ("We're going to do CPR.", {"instruct_cpr"}, {"instruct_cpr_hands", "instruct_cpr_push"}),
        ("Get her off the couch and flat on her back on the floor.", {"instruct_cpr_position"}, set()),
    ],
)
def test_protocol_acts(text, has, lacks):
    acts = set(analyze(text).acts)
    assert has <= acts and not (lacks & acts), acts


@pytest.mark.parametrize("sid", sorted(LIBRARY.scenarios))
def test_the_wording_we_coach_is_recognised_as_the_act_and_is_safe(sid):
    sc = LIBRARY.get(sid)
    for req in [*sc.protocol.required_acts, *sc.protocol.required_instructions]:
        tip = suggestion(req.act, sc)
        if req.say:
            acts = analyze(req.say).acts
            assert req.act in acts and "unsafe_instruction" not in acts, (req.act, req.say, acts)
        if req.act.startswith("instruct_"):
            assert tip, f"{sid}: no coaching for {req.act}"


def test_a_harder_arrest_bed_alone_and_tiring():
    call = play("cardiac-arrest-bed", "good")
    replies = caller_lines(call)
    assert any("off" in line and "floor" in line for line in replies)  # moved off the bed first
    assert "arms" in replies[-1] and "keep going" in replies[-1].lower()  # tires, and is kept going
    assert "her back" in " ".join(replies) and " his " not in " ".join(replies)
    assert call.result.score >= 85


@pytest.mark.parametrize(
    "said,truth,verdict",
    [
        (
            "400 Commerce Parkway, Suite 300 on the third floor. Is that right?",
            "400 Commerce Parkway, Suite 300, 3rd floor",
            "correct",
        ),
        ("400 Commerce Parkway, suite 310?", "400 Commerce Parkway, Suite 300, 3rd floor", "wrong"),
        ("Apartment 4B at 123 Oak Street?", "123 Oak Street, Apt 4B", "correct"),
        ("Apartment 5B at 123 Oak Street?", "123 Oak Street, Apt 4B", "wrong"),
        ("418 Chestnut Street, and he's next door at 420. Correct?", "418 Chestnut Street", "correct"),
        (
            "Highway 9 northbound at mile marker 14, just past Old Mill Road. Correct?",
            "Highway 9 at mile marker 14, northbound",
            "correct",
        ),
        ("Highway 9 at mile marker 41?", "Highway 9 at mile marker 14, northbound", "wrong"),
        ("Main and 5th, correct?", "Main Street and 5th Avenue", "correct"),
        ("Main and 6th, correct?", "Main Street and 5th Avenue", "wrong"),
        ("Elm Street and 5th?", "Main Street and 5th Avenue", "wrong"),
        ("Jefferson Middle, room 12, correct?", "Jefferson Middle School, Room 12", "correct"),
        ("Jefferson High, room 12, correct?", "Jefferson Middle School, Room 12", "incomplete"),
    ],
)
def test_units_floors_highways_and_corners_in_readbacks(said, truth, verdict):
    assert readback.check("address_confirm", said, truth) == verdict


def test_an_unsafe_instruction_is_refused_not_followed_by_any_actor():
    from sim_core.caller import Director

    d = Director(LIBRARY.get("burglary"))
    d.opening()
    parts = d.respond(("unsafe_instruction",), "Go downstairs and see who it is.", 20.0).parts
    assert [p.kind for p in parts] == ["react"]  # the LLM actor is told to say it, not to do it


def test_a_caller_who_knows_cpr_starts_when_cpr_is_called_for():
    sc = LIBRARY.get("cardiac-arrest").model_copy(deep=True)
    sc.facts.tcpr.caller_knows_cpr = True
    call = run_transcript(
        sc,
        parse_transcript(
            [
                '{"t": 4, "text": "911, what is the address of your emergency?"}',
                '{"t": 10, "text": "We need to start CPR right now."}',
            ]
        ),
    )
    assert call.result.metrics["time_to_first_compression"] == pytest.approx(6.0)
    assert "I know CPR" in caller_lines(call)[2]


@pytest.mark.parametrize(
    "said",
    [
        "I have 1425 Oak Street",
        "You said 14 25 Oak?",
        "1425 Oak, is that the house?",
        "Confirming fourteen twenty five oak",
    ],
)
def test_readbacks_as_people_say_them(said):
    assert readback.check("address_confirm", said, "1425 Oak Street") == "correct"


def test_a_confirmed_readback_of_the_shown_address_obtains_it():
    rows = ['{"t": 4, "text": "911, I show you at 1425 Oak Street, is that correct?"}']
    r = run_transcript(LIBRARY.get("cardiac-arrest"), parse_transcript(rows)).result
    assert r.metrics["time_to_address_verified"] is not None
    assert r.metrics["time_to_address"] == r.metrics["time_to_address_verified"]


def test_reading_back_the_wrong_address_the_caller_gave_is_a_good_catch_not_a_fault():
    r = play("wrong-address-first", "good").result
    note = next(f for f in r.findings if f.kind == "readback")
    assert note.message.startswith("Good catch") and note.points == 0
    assert r.metrics["time_to_address_verified"] is not None


def test_progress_while_pushing_does_not_repeat_itself():
    from sim_core.caller.tcpr import progress_line

    lines = [progress_line(n) for n in range(35)]
    assert len(set(lines)) == 35


def test_asking_about_medications_counts_for_a_required_drugs_question():
    r = play("stroke", "good").result
    assert not any(f.kind == "missing" and f.rule == "ask_drugs" for f in r.findings)


def test_a_line_without_an_address_is_never_a_wrong_readback():
    assert (
        readback.check("address_confirm", "Stay on the line with me, don't drive her.", "66 Orchard Way")
        == "incomplete"
    )


@pytest.mark.parametrize(("scenario_id", "word"), [("overdose", "she"), ("fall", "she"), ("stroke", "he")])
def test_coaching_speaks_of_the_patient_as_the_scenario_does(scenario_id, word):
    tip = suggestion("ask_conscious", LIBRARY.get(scenario_id))
    assert f"Is {word} awake?" in tip, tip
