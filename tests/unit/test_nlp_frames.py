"""Ways of speaking the act rules read as a whole: a warning is not an order, a question
inside a blaming remark or a threat belongs to it, a move someone else makes sends nobody,
a watch-and-tell line waits for a change; typed slips and a unit said after a pause."""

import pytest

from sim_core.nlp import analyze
from sim_core.nlp.acts import classify, normalise


def _acts(line: str) -> set[str]:
    return set(analyze(line).acts)


@pytest.mark.parametrize(
    "line",
    [
        "If you walk back into that garage, the fumes will drop you. Wait by the mailbox.",
        "if you try to wrestle the knife off him he'll cut you, keep the door shut",
        "did she run back inside for the cat?",
        "is he still in the yard or did he go back in the house",
    ],
)
def test_a_warning_or_someone_elses_move_is_not_an_unsafe_instruction(line):
    assert "unsafe_instruction" not in _acts(line)


@pytest.mark.parametrize(
    "line",
    [
        "if you can get to her window, pull her through it",
        "run after the car and read me the plate",
        "go after him, see where he heads",
        "lift the driver out of his seat and lay him on the road",
    ],
)
def test_sending_the_caller_into_danger_stays_unsafe(line):
    assert "unsafe_instruction" in _acts(line)


@pytest.mark.parametrize(
    "line, acts",
    [
        ("creep to the top of the stairs and tell me what you hear", {"unsafe_instruction"}),
        ("I'll hang up if you don't tell me the street", {"threaten_hangup"}),
        ("I'm not staying on the phone if you keep swearing at me", {"threaten_hangup"}),
        ("what did you think would happen, and how many pills did he take?", {"victim_blaming", "ask_drugs"}),
        ("if you hadn't left the gate open this wouldn't have happened", {"victim_blaming"}),
        ("why does he keep going back to her?", {"victim_blaming"}),
    ],
)
def test_a_question_inside_a_frame_belongs_to_it(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, acts",
    [
        ("keep watching her breathing, and if it changes let me know", {"instruct_report_changes"}),
        ("if the wheezing stops, tell me straight away", {"instruct_report_changes"}),
        ("should he go limp, I'll talk you through compressions", {"instruct_report_changes"}),
    ],
)
def test_watching_for_a_change_asks_nothing_and_coaches_nothing_yet(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, acts",
    [
        ("your mom's heart has stopped", {"recognize_arrest"}),
        ("his heart's not beating, we're starting compressions", {"recognize_arrest", "instruct_cpr"}),
        ("that gurgling sound is not breathing", {"recognize_arrest"}),
        ("we're going to begin CPR now, pay close attention", {"instruct_cpr"}),
    ],
)
def test_arrest_recognised_and_coaching_announced(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, acts",
    [
        ("is Darnell still waiting out front?", {"ask_suspect_direction"}),
        ("where's the woman with the knife right now?", {"ask_suspect_direction"}),
        ("did they leave in a truck?", {"ask_suspect_direction"}),
        ("did the driver take off in a car or on foot", {"ask_suspect_direction"}),
        ("how long ago did they leave?", {"ask_time"}),
        ("hello, are you still there?", {"other"}),
    ],
)
def test_where_the_suspect_is_or_went(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, acts",
    [
        ("did your husband hurt you?", {"ask_injuries"}),
        ("has anybody at the party been stabbed?", {"ask_injuries"}),
        ("what did he hit her with?", {"ask_weapons"}),
        ("can you speak freely right now?", {"ask_caller_safety"}),
        ("is anyone threatening you?", {"ask_caller_safety"}),
        ("how many people are in the bathroom with you?", {"ask_people_count"}),
        ("which closet are you hiding in?", {"ask_location_inside"}),
        ("is she in the laundry room or the kitchen?", {"ask_location_inside"}),
        ("what pills is your mother on?", {"ask_medications"}),
        ("does she take anything every day?", {"ask_medications"}),
        ("does he usually get seizures?", {"ask_medical_history"}),
        ("did he inject it or smoke it?", {"ask_drugs"}),
        ("did the toddler drink any of it, bleach, detergent?", {"ask_drugs"}),
        ("is your son answering you?", {"ask_conscious"}),
    ],
)
def test_key_questions_in_new_wording(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, acts",
    [
        ("hide under the desk, what floor are you on?", {"instruct_safety", "ask_location_inside"}),
        ("stay clear of the truck, is fuel still leaking?", {"instruct_safety", "ask_hazards"}),
        ("nobody light a cigarette near that spill", {"instruct_safety"}),
        ("stay right where you are", {"instruct_safety"}),
        ("prop him up so he can breathe, don't let him stand", {"instruct_airway", "instruct_safety"}),
        ("could a neighbour go out and wave the ambulance down?", {"instruct_prepare_arrival"}),
        ("let's start CPR now, listen carefully", {"instruct_cpr"}),
        ("1 2 3 4, keep counting like that", {"instruct_cpr", "instruct_cpr_rate"}),
    ],
)
def test_instructions_in_new_wording(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, act",
    [
        ("I can't help you with that over the phone", "rude"),
        ("that's not something we do, call your landlord", "rude"),
        ("oh my god, just give me the address already", "rude"),
    ],
)
def test_refusing_or_exasperated_is_rude(line, act):
    assert act in _acts(line)


def test_whatever_you_do_is_advice_not_rudeness():
    assert _acts("whatever you do, don't open that door") == {"instruct_safety"}


def test_typed_slips_in_short_words_and_plurals_are_repaired():
    assert normalise("is he awak") == "is he awake"
    assert normalise("any waepons") == "any weapons"
    assert "ask_medications" in classify("any medicatons he takes?")
    assert "ask_name" in classify("whats the neighbors name")


def _addresses(text: str) -> list[str]:
    return [e.text for e in analyze(text).entities if e.label == "ADDRESS"]


def test_a_unit_said_after_a_pause_joins_the_street():
    assert _addresses("We're at 88 Cedar Road. Unit 12B.") == ["88 Cedar Road. Unit 12B"]
    assert _addresses("It's 30 Elm Street... apartment 2") == ["30 Elm Street... apartment 2"]


@pytest.mark.parametrize(
    "text, label, span",
    [
        ("Dana Whitfield, sixty one, I fell in the tub", "AGE", "sixty one"),
        ("the other guy looks about forty", "AGE", "forty"),
        ("there's a grease fire on the stove", "HAZARD", "grease fire"),
        ("she has a peanut allergy", "MEDICAL", "peanut allergy"),
        ("I think it's a panic attack", "MEDICAL", "panic attack"),
    ],
)
def test_entities_said_in_one_breath(text, label, span):
    assert span in [e.text for e in analyze(text).entities if e.label == label]


@pytest.mark.parametrize(
    "line, acts",
    [
        ("so that's sixth and Poplar, right at the corner?", {"verify_address"}),
        ("Larch Street 880, and what's a good callback?", {"verify_address", "ask_callback"}),
        ("okay 2215 Wexford, officers are on the way", {"verify_address", "dispatch_notice"}),
        ("let me make sure I got it right, 14 Tamarack Lane", {"verify_address"}),
        ("seventy two Orchard Road, is that your house?", {"verify_address"}),
        ("can I get your first and last name?", {"ask_name"}),
        ("911 emergency, what's the street address?", {"ask_address"}),
    ],
)
def test_read_backs_said_in_other_orders(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, acts",
    [
        ("is the guy who stabbed him still in the bar?", {"ask_suspect_direction"}),
        ("is that a house or a duplex?", {"ask_address"}),
        ("is anyone stuck in the building?", {"ask_people_count"}),
        ("if you can't talk, press any number on the keypad", {"other"}),
        ("you rang 911 for that?", {"rude"}),
        ("do you want me to just disconnect?", {"threaten_hangup"}),
    ],
)
def test_descriptions_signals_and_tone(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "text, label, span",
    [
        ("my name is Grant Park, I'm at the station", "PERSON", "Grant Park"),
        ("I'm Jess, my husband fell", "PERSON", "Jess"),
        ("Tom Kowalski... sixty", "AGE", "sixty"),
        ("we're on Route 30 westbound near mile marker 88", "ADDRESS", "Route 30 westbound near mile marker 88"),
        ("it happened like ten minutes ago", "TIME", "ten minutes ago"),
        ("he fell around 6 this evening", "TIME", "6 this evening"),
        ("she was fine last night at ten thirty", "TIME", "last night at ten thirty"),
    ],
)
def test_names_places_and_times_as_callers_say_them(text, label, span):
    assert span in [e.text for e in analyze(text).entities if e.label == label]


def test_a_street_before_a_number_is_no_age_and_a_direction_alone_stays_off_the_highway():
    assert [e.text for e in analyze("Main Street, 12").entities if e.label == "AGE"] == []
    assert "Highway 1" in [e.text for e in analyze("It's on Highway 1 northbound.").entities if e.label == "ADDRESS"]


@pytest.mark.parametrize(
    "line, acts",
    [
        ("roll a wet towel along the bottom of the door", {"instruct_safety"}),
        ("keep him calm and still, don't let him get up", {"instruct_safety"}),
        ("slide the table away so she doesn't hit it", {"instruct_safety"}),
        ("move the coffee table so they have room to work", {"instruct_prepare_arrival"}),
        ("make sure the side gate is unlocked for them", {"instruct_prepare_arrival"}),
    ],
)
def test_keeping_the_patient_safe_and_ready_for_the_crew(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, acts",
    [
        ("well if you leave the window open, what do you expect", {"victim_blaming"}),
        ("go check if the stairwell is empty and tell me", {"unsafe_instruction"}),
        ("anyone else there? have them grab the AED off the wall", {"instruct_aed"}),
        ("hang in there, they're a couple minutes out", {"dispatch_notice", "reassure"}),
    ],
)
def test_frames_take_the_acts_of_their_own_part(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line, acts",
    [
        ("should you try to grab him, you could get hurt", {"other"}),
        ("you egged him on, didn't you?", {"victim_blaming"}),
        ("that's what you get for hanging around people like that", {"victim_blaming"}),
    ],
)
def test_warnings_and_blame_in_other_shapes(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line",
    [
        "is the bedroom door between you two locked?",
        "does she know that you called?",
        "is he close enough to see you?",
        "how far away is she from you?",
    ],
)
def test_caller_safety_asked_as_distance_locks_or_being_found_out(line):
    assert _acts(line) == {"ask_caller_safety"}
