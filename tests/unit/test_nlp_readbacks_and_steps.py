"""Read-backs said in words, the CPR steps as the protocol counts them, and the other general
rules of the NLP's third round: each case is a line a trainee says that the caller or the
grade would get wrong if it broke."""

from __future__ import annotations

import pytest

from sim_core.nlp import analyze
from sim_core.nlp.acts import classify
from sim_core.nlp.spoken_numbers import digits_for_words


@pytest.mark.parametrize(
    "words, digits",
    [
        ("fourteen twenty five oak st", "1425 oak st"),
        ("five five five oh one three four", "5550134"),
        ("five five five, oh one four eight", "555, 0148"),
        ("twelve oh four main street", "1204 main street"),
        ("one twenty three elm", "123 elm"),
        ("twenty one hundred block", "2100 block"),
        ("fourteen hundred twenty five", "1425"),
        ("two thousand and five", "2005"),
        ("double five oh", "550"),
        ("twenty-five oak", "25 oak"),
    ],
)
def test_numbers_said_in_words_are_written_as_a_call_taker_reads_them(words, digits):
    assert digits_for_words(words) == digits


@pytest.mark.parametrize(
    "text",
    [
        "one, two, three, four",  # counting compressions
        "give him one aspirin",
        "oh no",
        "oh, okay",
        "push down two inches",
    ],
)
def test_single_number_words_and_interjections_stay_words(text):
    assert digits_for_words(text) == text


@pytest.mark.parametrize(
    "text, act",
    [
        ("fourteen twenty five oak st, right?", "verify_address"),
        ("seven eight nine Pine St?", "verify_address"),
        ("so that's twelve oh four Main Street?", "verify_address"),
        ("five five five oh one three four?", "verify_callback"),
        ("I have five five five, oh one four eight, right?", "verify_callback"),
        ("Let me repeat it back, 555, 0, 1, 6, 4.", "verify_callback"),
    ],
)
def test_read_backs_in_words_or_groups_are_verifications(text, act):
    result = analyze(text)
    assert act in result.acts
    assert result.understood  # the caller confirms instead of asking what was meant


@pytest.mark.parametrize(
    "text, act",
    [
        ("2210 Birch? the yellow house?", "verify_address"),
        ("Fourteen twenty five Oak. and your phone number?", "verify_address"),
        ("Is that 60 or 16 Fairview?", "verify_address"),
        ("Let me read that back, 4-0-7 Sycamore Road.", "verify_address"),
        ("ok that's Unit 12 at 88 Harbor View Road", "verify_address"),
        ("Was that a 7 or a 1 at the end?", "verify_callback"),
        ("Okay, and that's a 503 area code?", "verify_callback"),
    ],
)
def test_a_house_number_and_street_name_or_digits_checked_are_read_backs(text, act):
    assert act in classify(text)


@pytest.mark.parametrize(
    "text",
    [
        "he has been down 5 minutes.",
        "I have 2 kids.",
        "is it 3 people?",
        "one, two, three, four",
    ],
)
def test_counts_and_counting_are_not_read_backs(text):
    assert not {"verify_address", "verify_callback"} & set(classify(text))


def test_kneeling_beside_the_patient_is_the_hands_step_not_the_position_step():
    acts = set(classify("kneel next to him"))
    assert "instruct_cpr_hands" in acts and "instruct_cpr_position" not in acts
    acts = set(classify("kneel beside him and put the heel of one hand in the middle of his chest"))
    assert acts == {"instruct_cpr", "instruct_cpr_hands"}


def test_unlocking_the_door_and_the_dog_away_prepare_for_the_crew():
    assert set(classify("unlock the door and put the dog away")) == {"instruct_prepare_arrival"}


@pytest.mark.parametrize(
    "text",
    [
        "keep pushing and don't stop until they take over",
        "dont stop pushing, not for anything, until the medics physically take over from you",
        "When you get tired, have your son take over",
    ],
)
def test_keeping_going_stands_alone(text):
    assert set(classify(text)) == {"instruct_cpr_continue"}


def test_announcing_cpr_coaching_is_coaching_beside_recognising_the_arrest():
    assert set(classify("that's not normal breathing, he's in cardiac arrest, I'm going to help you do CPR")) == {
        "recognize_arrest",
        "instruct_cpr",
    }
    assert set(classify("She's in cardiac arrest, we need to start CPR.")) == {"recognize_arrest"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Do you take any blood thinners", {"ask_medications"}),
        ("did she take any medicine or eat something strange?", {"ask_drugs"}),
        ("What kind of pills did she take?", {"ask_drugs"}),
        ("any drugs or alcohol today, and what meds does he normally take", {"ask_drugs", "ask_medications"}),
    ],
)
def test_medicines_taken_every_day_against_what_was_taken_now(text, expected):
    assert set(classify(text)) == expected


@pytest.mark.parametrize(
    "text, act",
    [
        ("honestly ma'am you should of left him the first time", "victim_blaming"),
        ("why do you keep letting him back in if he does this", "victim_blaming"),
        ("well what did you say to him to set him off?", "victim_blaming"),
        ("Sir calm down, you're yelling, I can't do anything if you're yelling at me", "rude"),
        ("ma'am I can't help you if you just whisper, talk normally", "rude"),
    ],
)
def test_blaming_and_dismissing_the_caller(text, act):
    acts = set(classify(text))
    assert act in acts and "calm_control" not in acts


@pytest.mark.parametrize(
    "text",
    [
        "cops and ambulance are rolling",
        "The fire department's been dispatched.",
        "gonna have a unit swing by and check it out",
        "officers are inside the building already",
    ],
)
def test_help_sent_said_informally_is_a_dispatch_notice(text):
    assert "dispatch_notice" in classify(text)


def _entities(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in analyze(text).entities}


@pytest.mark.parametrize(
    "text, span, label",
    [
        # house and phone numbers said in words, or in groups of digits
        ("the address is one eight oh two Magnolia Street", "one eight oh two Magnolia Street", "ADDRESS"),
        ("twenty-two ten elm street, my mom fell", "twenty-two ten elm street", "ADDRESS"),
        ("five fifty-five, zero one nine eight, that's my cell", "five fifty-five, zero one nine eight", "PHONE"),
        ("five five five... zero one one three", "five five five... zero one one three", "PHONE"),
        ("my number is, um, 503, 555, 0184", "503, 555, 0184", "PHONE"),
        ("my number's 555...0148", "555...0148", "PHONE"),
        # a house number and a street name without its type where a place is said
        ("I'm at 1-6-0-4 Magnolia, my boyfriend overdosed", "1-6-0-4 Magnolia", "ADDRESS"),
        ("it's 410 Lexington, we're on the second floor", "410 Lexington", "ADDRESS"),
    ],
)
def test_places_and_numbers_said_as_callers_say_them(text, span, label):
    assert (span, label) in _entities(text)


def test_a_time_of_day_is_not_a_house_number():
    assert _entities("at 3 PM he fell") == {("3 PM", "TIME")}


@pytest.mark.parametrize(
    "text, span",
    [
        ("my grandpa is like in his eighties", "in his eighties"),
        ("Dale Hutchins, late fifties, grey beard", "late fifties"),
        ("she's maybe mid-forties", "mid-forties"),
        ("George is 74", "74"),
        ("the older guy is like fifty, his head is bleeding", "fifty"),
        ("hes 58, he just collapsed", "58"),  # typed without the apostrophe
        ("shes in her sixties i think", "in her sixties"),
        ("im 79 and i live alone", "79"),
    ],
)
def test_ages_with_hedges_decades_and_names(text, span):
    assert (span, "AGE") in _entities(text)


@pytest.mark.parametrize(
    "text, span, label",
    [
        ("her legs are pinned under the dash", "legs are pinned", "INJURY"),
        ("he's not breathing and he's got purple lips", "purple lips", "INJURY"),
        ("ive got a really bad headache and my vision is blurry", "vision is blurry", "MEDICAL"),
        ("my grandpa's chest hurts and his left arm's numb", "left arm's numb", "MEDICAL"),
        ("he had a heart attack last year", "last year", "TIME"),
        ("gas is dripping from under it", "gas is dripping", "HAZARD"),
        ("I'm Margaret Hall and I'm eighty-one", "Margaret Hall", "PERSON"),
    ],
)
def test_signs_states_and_names_in_caller_lines(text, span, label):
    assert (span, label) in _entities(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a CPR step the trained model finds is coaching too
        ("get him out onto the pool deck on his back", {"instruct_cpr", "instruct_cpr_position"}),
        # flat on the back with the head tilted is airway care, not the CPR position
        ("Lay her flat on her back, tilt her head back and lift her chin to open the airway", {"instruct_airway"}),
        # giving breaths and watching the chest rise asks nothing
        (
            "Pinch her nose, seal your mouth over hers and give her one breath every five seconds, watch her chest rise",
            {"instruct_airway"},
        ),
        # coaching announced without an arrest said is not recognising one
        (
            "I've got the ambulance coming and I'm gonna walk you thru CPR right now",
            {"dispatch_notice", "instruct_cpr"},
        ),
        (
            "He's only gasping, thats the heart stopping. I'll coach you, put the heel of your hand on his breastbone",
            {"recognize_arrest", "instruct_cpr", "instruct_cpr_hands"},
        ),
        # a danger named inside a question about the caller's safety is not a hazard question
        ("Are you a safe distance from the fire?", {"ask_caller_safety"}),
        ("Is he allergic to aspirin or any medicine?", {"ask_allergies"}),
        ("does she have any mental health diagnosis, depression, bipolar?", {"ask_medical_history"}),
        ("if it lasts longer than five minutes or he turns blue, tell me", {"instruct_report_changes"}),
        ("ma'am stop crying or I'm going to have to end the call", {"threaten_hangup"}),
    ],
)
def test_acts_kept_consistent_with_each_other(text, expected):
    assert set(analyze(text).acts) == expected


def test_a_call_taker_who_cannot_help_a_screaming_caller_takes_control_rather_than_insults():
    assert set(classify("Sir, I can't help you if you're screaming, talk to me.")) == {"calm_control"}


@pytest.mark.parametrize(
    "text", ["ok, I hear you", "good, good", "I know, I know", "ok keep going", "ok, I'm right here"]
)
def test_an_acknowledgement_while_the_caller_talks_has_no_act_and_is_understood(text):
    result = analyze(text)
    assert result.acts == ("other",) and result.understood


@pytest.mark.parametrize(
    "text, act", [("I hear you.", "calm_control"), ("Keep going, don't stop.", "instruct_cpr_continue")]
)
def test_the_same_words_said_alone_keep_their_act(text, act):
    assert act in analyze(text).acts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("callback number... is it 555-0192?", {"ask_callback", "verify_callback"}),
        ("What's the address? 456 Maple Drive... did I hear that right?", {"ask_address", "verify_address"}),
        ("1425 Oak Street, is that right?", {"verify_address"}),
        ("555 0139, is that right?", {"verify_callback"}),
    ],
)
def test_asking_and_reading_back_in_separate_clauses_are_both_credited(text, expected):
    assert set(classify(text)) == expected


def test_an_instruction_joined_after_a_condition_is_not_part_of_the_condition():
    acts = set(analyze("If he gets worse, call me back right away, and leave the door unlocked").acts)
    assert acts == {"instruct_report_changes", "instruct_prepare_arrival"}


def test_opening_the_front_door_prepares_for_the_crew_unless_it_is_forbidden():
    assert "instruct_prepare_arrival" in analyze("have her open up the front door and flick the outside light on").acts
    assert set(analyze("dont open the front door").acts) == {"instruct_safety"}


@pytest.mark.parametrize(
    "text",
    [
        "twenty one, twenty two, twenty three, twenty four, twenty five",
        "eleven twelve thirteen fourteen fifteen",
        "push, twenty eight twenty nine thirty, now two breaths",
    ],
)
def test_compressions_counted_in_words_are_not_a_number_read_back(text):
    assert digits_for_words(text) == text
    assert not {"verify_address", "verify_callback"} & set(classify(text))


def test_single_digits_in_a_row_can_still_be_a_house_number():
    assert "verify_address" in classify("seven eight nine Pine St?")
