"""The caller answers the question that was asked: a first refusal does not complain of
being asked again, "repeat the address" gets the address, "is there any aspirin?" is not
"he's chewing it", rolling onto the side is not tilting the head, "who's still inside?"
gets who is inside, a question about where the pain goes gets the pain."""

from pathlib import Path

import pytest

from sim_core.caller import lines as L
from sim_core.nlp import Analysis
from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import EventType

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]


def load(name):
    return load_scenario_file(ROOT / "scenarios" / f"{name}.yaml")


def start(scenario, seed=0):
    call = CallSession.start(scenario, analyzer=tagged, clock=lambda: 0.0, seed=seed)
    call.answer(at=1.0)
    return call


@pytest.mark.parametrize("seed", range(12))
def test_a_first_refusal_never_says_it_was_asked_before(seed):
    call = start(load("overdose"), seed=seed)
    first = call.trainee_says("What did she take? [ask_drugs]", at=5.0).caller_text
    assert not any(line in first for line in L.WITHHELD_AGAIN)


def test_asked_to_repeat_the_address_the_caller_says_it_again():
    call = start(load("overdose"))
    call.trainee_says("What's the address? [ask_address]", at=4.0)
    again = call.trainee_says("Sorry, can you repeat the address for me? [verify_address]", at=9.0).caller_text
    assert "88" in again and "Harbor View" in again
    confirmed = call.trainee_says("88 Harbor View Road, unit 12, is that right? [verify_address]", at=14.0)
    assert "12" in confirmed.caller_text


def test_a_plain_is_that_correct_is_still_confirmed():
    call = start(load("stroke"))
    call.trainee_says("What's the address? [ask_address]", at=4.0)
    said = call.trainee_says("Is that correct? [verify_address]", at=9.0).caller_text
    assert said.lower().startswith(("yes", "um, yes", "uh, yes"))


def test_asked_whether_there_is_aspirin_the_caller_does_not_give_it_yet():
    call = start(load("heart-attack"))
    asked = call.trainee_says("Does he have any aspirin [instruct_aspirin] in the house?", at=5.0).caller_text
    assert "chew" not in asked.lower() and "think" in asked.lower()
    told = call.trainee_says("Have him chew one adult aspirin. [instruct_aspirin]", at=10.0).caller_text
    assert "aspirin" in told.lower() or "chew" in told.lower()


def test_rolled_onto_the_side_when_told_so_not_the_head_tilted():
    call = start(load("overdose"))
    side = call.trainee_says("Roll her onto her side. [instruct_airway]", at=5.0).caller_text.lower()
    assert "side" in side and "chin" not in side and "head back" not in side
    call = start(load("overdose"))
    tilt = call.trainee_says("Tilt her head back and lift her chin. [instruct_airway]", at=5.0).caller_text.lower()
    assert "chin up" in tilt  # the scenario's own reply


def test_a_scenario_reply_that_does_both_fits_either_instruction():
    call = start(load("unconscious-diabetic"))
    side = call.trainee_says("Get him on his side. [instruct_airway]", at=5.0).caller_text.lower()
    assert "on his side" in side


def test_who_is_still_inside_gets_who_is_inside():
    call = start(load("structure-fire"))
    said = call.trainee_says("Who's still inside?", at=5.0).caller_text.lower()
    assert "mom" in said and "inside" in said


def test_where_the_pain_goes_is_answered_with_the_pain_and_changes_when_it_spreads():
    call = start(load("heart-attack"))
    before = call.trainee_says("Is he having any pain anywhere else, like his arm or jaw?", at=5.0).caller_text
    assert "chest" in before.lower() and "fall" not in before.lower()
    call.tick(at=95.0)  # the pain spreads
    after = call.trainee_says("Where is the pain now?", at=100.0).caller_text
    assert "arm" in after.lower()


def test_his_name_on_a_call_about_someone_else_is_that_persons_name():
    call = start(load("domestic-violence"))
    assert "John" in call.trainee_says("What's his name? [ask_name]", at=5.0).caller_text
    call = start(load("stroke"))
    said = call.trainee_says("What's your husband's name? [ask_name]", at=5.0).caller_text
    assert "George" in said and "Patricia" not in said
    call = start(load("stroke"))
    assert "Patricia" in call.trainee_says("And what's your name? [ask_name]", at=5.0).caller_text


def test_how_old_are_you_gets_the_callers_age_not_the_patients():
    call = start(load("child-caller"))
    said = call.trainee_says("How old are you? [ask_age]", at=5.0).caller_text
    assert "7" in said and "32" not in said
    call = start(load("child-caller"))
    assert "32" in call.trainee_says("How old is your mommy? [ask_age]", at=5.0).caller_text


def test_a_child_asked_about_a_grown_up_says_who_is_there():
    call = start(load("child-caller"))
    said = call.trainee_says("Is there a grown-up anywhere near you?", at=5.0).caller_text
    assert "Mommy" in said and "again" not in said.lower()


def test_can_you_talk_to_a_whispering_caller_asks_whether_she_is_safe_to():
    call = start(load("domestic-violence"))
    said = call.trainee_says("Are you able to talk? [ask_conscious]", at=5.0).caller_text.lower()
    assert "awake" not in said and ("bathroom" in said or "door" in said)


def test_what_just_happened_comes_first_and_the_answer_is_the_truth_now():
    call = start(load("cardiac-arrest-bed"))
    call.trainee_says("Is she breathing normally? [ask_breathing]", at=20.0)
    said = call.trainee_says("Is she breathing at all right now? [ask_breathing]", at=101.0).caller_text
    stopped = said.index("stopped making that noise")
    assert "not breathing" in said[stopped:] and "gasp" not in said[stopped:]


def test_an_event_an_instruction_brings_about_follows_the_callers_reply_to_it():
    call = start(load("suicidal-caller"))
    said = call.trainee_says("Alex, I need you to listen to me, okay? [calm_control]", at=10.0).caller_text
    assert said.index("listening") < said.index("my sister")


def test_where_in_the_house_is_the_room_not_the_address():
    def as_address(text):  # the NLP reads the line as an address question
        return Analysis(text, ("ask_address",), (), 0.0, {"ask_address": 1.0})

    call = CallSession.start(load("fall"), analyzer=as_address, clock=lambda: 0.0)
    call.answer(at=1.0)
    said = call.trainee_says("Where are you right now in the house?", at=5.0).caller_text
    assert "kitchen" in said.lower() and "Magnolia" not in said


def test_who_can_let_the_crew_in_gets_the_scenarios_access_answer():
    call = start(load("fall"))
    said = call.trainee_says("Is there someone who can let the paramedics in?", at=5.0).caller_text
    assert "Joan" in said


def test_are_they_still_downstairs_asks_where_the_intruders_are():
    call = start(load("burglary"))
    said = call.trainee_says("Are they still downstairs?", at=5.0).caller_text.lower()
    assert "downstairs" in said and "another way" not in said


def test_a_car_outside_asks_about_vehicles():
    call = start(load("burglary"))
    said = call.trainee_says("Is there a car outside that you don't recognize?", at=5.0).caller_text.lower()
    assert "window" in said or "car" in said


def test_how_many_pills_counts_the_pills_not_the_daily_medicines():
    call = start(load("suicidal-caller"))
    said = call.trainee_says("How many pills are in the bottle? [ask_drugs]", at=5.0).caller_text.lower()
    assert "thirty" in said and "antidepressant" not in said


def test_where_is_your_son_says_where_he_is():
    call = start(load("mental-health-crisis"))
    said = call.trainee_says("Where is your son right now?", at=5.0).caller_text.lower()
    assert "living room" in said


def test_a_short_answer_is_not_dropped_for_sharing_a_pronoun_with_what_just_happened():
    call = start(load("mental-health-crisis"))
    call.tick(at=100.0)
    said = call.trainee_says("What's his name and how old is he? [ask_name, ask_age]", at=131.0).caller_text
    assert "32" in said and "Kevin" in said


def test_any_better_or_worse_is_how_the_patient_is_now():
    call = start(load("breathing-problems"))
    said = call.trainee_says("Is she any better or worse than a minute ago?", at=5.0).caller_text
    assert "about the same" in said.lower() and "wheez" in said.lower()
    call = start(load("heart-attack"))
    call.tick(at=85.0)  # the pain spreads
    said = call.trainee_says("Can you tell me what he's doing right now?", at=90.0).caller_text
    assert "arm" in said and "jaw" in said


def test_name_and_number_gets_both():
    call = start(load("stabbing"))
    said = call.trainee_says("What's your name and number? [ask_name]", at=5.0).caller_text
    assert "Dana" in said and "555-0171" in said


def test_a_name_opening_a_line_keeps_its_capital_after_a_prefix():
    call = start(load("unconscious-diabetic"))
    call.trainee_says("Can somebody meet the ambulance downstairs? [instruct_prepare_arrival]", at=5.0)
    said = [e.data["text"] for e in call.timeline.of(EventType.CALLER_SAID)][-1]
    assert "mark" not in said.replace("Mark", "")


def test_a_number_read_back_is_confirmed_without_a_dont_know_beside_it():
    call = start(load("child-caller"))
    said = call.trainee_says("Is this phone number 555-0177? [verify_callback]", at=5.0).caller_text.lower()
    assert "not sure" not in said and "don't know" not in said
