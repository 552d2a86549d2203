"""What a call-taker types or says, the way they really say it: compound lines, fragments,
typos, negations, conditionals, informal notices, rude lines and the protocol's key
questions. Each case is a line the caller and the grader would get wrong if it broke."""

from __future__ import annotations

import pytest

from sim_core.nlp import analyze
from sim_core.nlp.acts import classify, clauses, normalise
from sim_core.nlp.spelling import Speller


def rule_acts(text: str) -> set[str]:
    """The rules alone (the trained model is asked only when they find nothing)."""
    return set(classify(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # typed fast: shorthand, missing apostrophes, one-letter typos
        ("911 whats the adress of your emergency?", {"ask_address"}),
        ("where r u", {"ask_address"}),
        ("is he breathin", {"ask_breathing"}),
        ("is she consious", {"ask_conscious"}),
        ("any1 hurt?", {"ask_injuries"}),
        ("wats going on", {"ask_what_happened"}),
        # fragments
        ("address?", {"ask_address"}),
        ("ok ok where?", {"ask_address"}),
        ("location?", {"ask_address"}),
        ("Where do you live?", {"ask_address"}),
        # greetings that ask what is wrong are not read-backs
        ("911 emergency, how can I help you today?", {"ask_what_happened"}),
    ],
)
def test_typed_and_fragment_lines(text, expected):
    assert rule_acts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("where are you and where is he?", {"ask_address", "ask_suspect_direction"}),
        ("Whats the address and the number your calling from?", {"ask_address", "ask_callback"}),
        ("Which room is he in, and is he awake?", {"ask_location_inside", "ask_conscious"}),
        ("Does he take any medicines, and is he allergic to anything?", {"ask_medications", "ask_allergies"}),
        ("What did he take and when?", {"ask_drugs", "ask_time"}),
        ("Speak up! What's the address?", {"rude", "ask_address"}),
    ],
)
def test_compound_lines_get_an_act_per_clause(text, expected):
    assert rule_acts(text) == expected


def test_clauses_split_at_joined_questions_and_conditionals():
    assert clauses(normalise("where are you and where is he?")) == ["where are you?", "and where is he?"]
    assert clauses(normalise("Keep pressing, and if he passes out tell me")) == [
        "keep pressing",
        "if he passes out tell me",
    ]


@pytest.mark.parametrize(
    "text, absent",
    [
        ("That gasping is not normal breathing.", "ask_breathing"),
        ("He collapsed, he is not breathing", "ask_breathing"),
        ("If he passes out and stops breathing, I'll tell you how to do CPR.", "instruct_cpr"),
        ("If he stops breathing, start compressions and call us back.", "instruct_cpr"),
    ],
)
def test_negations_and_conditions_do_not_ask_or_instruct(text, absent):
    assert absent not in rule_acts(text)


def test_a_present_state_condition_keeps_its_instruction():
    # "we need to start CPR" tells the caller it is an arrest: either CPR act keeps the line's point
    assert {"instruct_cpr", "recognize_arrest"} & rule_acts("Is he breathing? If not, we need to start CPR right now.")


def test_a_real_question_and_a_real_instruction_still_count():
    assert "ask_breathing" in rule_acts("Is he not breathing at all?")
    assert "instruct_cpr" in rule_acts("He's not breathing, so we're going to start CPR. Push hard and fast.")
    assert "instruct_airway" in rule_acts("Once he stops seizing, put him on his side.")


@pytest.mark.parametrize(
    "text",
    [
        "I'll have someone come by.",
        "We'll send somebody.",
        "I'm getting someone out to you.",
        "Somebody will be out there shortly.",
        "An officer will swing by in a bit.",
    ],
)
def test_informal_dispatch_notices(text):
    assert rule_acts(text) == {"dispatch_notice"}


def test_sending_someone_to_meet_the_crew_is_not_a_dispatch_notice():
    assert rule_acts("Send someone out to meet the ambulance.") == {"instruct_prepare_arrival"}


@pytest.mark.parametrize(
    "text",
    [
        "Speak up!",
        "Do you want him to die?",
        "Stop wasting my time.",
        "Stop mumbling.",
        "How many times do I have to ask you?",
    ],
)
def test_rude_lines(text):
    assert "rude" in rule_acts(text)


def test_a_polite_request_to_speak_louder_is_not_rude():
    assert "rude" not in rule_acts("Can you speak up a little for me?")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Which way did he take off?", {"ask_suspect_direction"}),
        ("Did he leave on foot?", {"ask_suspect_direction"}),
        ("Which room is she in?", {"ask_location_inside"}),
        ("What floor are you on?", {"ask_location_inside"}),
        ("Does he have any medical problems?", {"ask_medical_history"}),
        ("Any heart history?", {"ask_medical_history"}),
        ("Is he on blood thinners?", {"ask_medications"}),
        ("Does he take any medications?", {"ask_medications"}),
        ("Any allergy to aspirin?", {"ask_allergies"}),
        ("Has he taken anything?", {"ask_drugs"}),
        ("Is there a defibrillator nearby? Send someone for it.", {"instruct_aed"}),
        ("Have him chew one adult aspirin.", {"instruct_aspirin"}),
        ("Unlock the front door and turn the porch light on.", {"instruct_prepare_arrival"}),
        ("Put the dog away before they get there.", {"instruct_prepare_arrival"}),
        ("Does he still have the hammer?", {"ask_weapons"}),
        ("Lock the door and stay hidden.", {"instruct_safety"}),
    ],
)
def test_protocol_key_questions_and_preparation(text, expected):
    assert rule_acts(text) == expected


def test_the_pipeline_reports_the_new_acts():
    assert analyze("Which room is she in? Is she on any medications?").acts == (
        "ask_location_inside",
        "ask_medications",
    )


def test_speller_corrects_unknown_words_only():
    speller = Speller(
        {"address", "breathing", "conscious"},
        counts=__import__("collections").Counter({"brother": 3, "adress": 1, "address": 40}),
    )
    assert speller.correct("adress") == "address"  # a typo the training lines carry on purpose
    assert speller.correct("breathng") == "breathing"
    assert speller.correct("brother") == "brother"  # a known word is never corrected
    assert speller.correct("zzzzzz") == "zzzzzz"
    assert speller.repair("where r u, whats ur adress") == "where are you, whats your address"
