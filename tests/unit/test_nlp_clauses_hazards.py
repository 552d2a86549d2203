"""An instruction joined to a question by a comma keeps both acts; hazards and injuries
said as states are found (what the trainee's grade and the CAD notes depend on)."""

import pytest

from sim_core.nlp import analyze
from tests.missing import missing


@pytest.mark.parametrize(
    "line, acts",
    [
        ("stay away from him, is he still holding the knife?", {"instruct_safety", "ask_weapons"}),
        ("press on the wound, is it still bleeding a lot?", {"instruct_bleeding", "ask_injuries"}),
        ("okay, is he breathing?", {"ask_breathing"}),
    ],
)
def test_instruction_then_question(line, acts):
    assert set(analyze(line).acts) == acts


def _spans(text, label):
    return [e.text for e in analyze(text).entities if e.label == label]


@pytest.mark.parametrize(
    "text, span",
    [
        ("the wires are down across the road", "wires are down"),
        ("the car's engine is smoking", "smoking"),
        ("the gas tank is leaking everywhere", "gas tank is leaking"),
        ("there's broken glass all over the floor", "broken glass"),
        ("there's a strong chemical smell in here", "chemical smell"),
    ],
)
def test_hazards_said_as_states(text, span):
    assert span in _spans(text, "HAZARD")


@pytest.mark.parametrize(
    "text, span",
    [
        ("his leg is bent the wrong way", "leg is bent the wrong way"),
        ("she's got a bump on her head", "bump on her head"),
        ("the dog bit him and his hand is all torn up", "hand is all torn up"),
        ("he has a bloody nose", "bloody nose"),
    ],
)
def test_injuries_seen(text, span):
    assert span in _spans(text, "INJURY")


def test_a_fire_escape_or_a_smoke_alarm_is_not_a_hazard():
    assert _spans("the smoke alarm is beeping", "HAZARD") == []
    assert _spans("he went down the fire escape", "HAZARD") == []


@pytest.mark.parametrize(
    "line", ["let me know right away if she stops breathing", "let me know if he starts to have trouble breathing"]
)
def test_watching_for_a_change_is_not_a_breathing_question(line):
    # the trainee who asked nothing must not be credited with the breathing question
    assert set(analyze(line).acts) == {"instruct_report_changes"}


@pytest.mark.parametrize(
    "line", ["right, right", "okay, okay, hold on", "mm-hm", "uh-huh, yeah", "hold on a sec, one moment please"]
)
def test_filler_carries_no_act(line):
    assert analyze(line).acts == ("other",)


@pytest.mark.parametrize("line", ["speak English", "I'm not going to ask you again", "can you not scream in my ear"])
def test_dismissive_lines_are_rude(line):
    assert "rude" in analyze(line).acts


@pytest.mark.parametrize(
    "line, acts",
    [
        (
            "what kind of vehicle was he driving and roll him on his side so he doesn't choke",
            {"ask_vehicle", "instruct_airway"},
        ),
        (
            "has she been drinking tonight, turn on the outside lights so they can find you",
            {"ask_drugs", "instruct_prepare_arrival"},
        ),
        ("is he awake and breathing?", {"ask_conscious", "ask_breathing"}),
    ],
)
def test_question_then_instruction(line, acts):
    assert set(analyze(line).acts) == acts


def test_a_clause_the_rules_miss_is_still_heard_beside_one_they_catch():
    from sim_core.nlp import learned_acts

    if not learned_acts.available():
        missing("no trained act model: run python -m sim_core.nlp.train_acts")
    # the blame is graded even though the dispatch notice alone matched a rule
    assert {"victim_blaming", "dispatch_notice"} <= set(
        analyze("you shouldn't have let him in. the ambulance is on its way").acts
    )


@pytest.mark.parametrize(
    "line, acts",
    [
        ("okay, if she stops breathing, tell me right away, how old is she?", {"instruct_report_changes", "ask_age"}),
        ("for crying out loud, where are you", {"rude", "ask_address"}),
        ("don't worry, we'll get someone there fast", {"reassure", "dispatch_notice"}),
    ],
)
def test_compound_lines_keep_every_act(line, acts):
    assert set(analyze(line).acts) == acts


@pytest.mark.parametrize(
    "line, act",
    [
        ("i have officers going to you", "dispatch_notice"),
        ("PD is headed there", "dispatch_notice"),
        ("car color?", "ask_vehicle"),
        ("any med history", "ask_medical_history"),
    ],
)
def test_shorthand_a_call_taker_types(line, act):
    assert act in analyze(line).acts


def test_a_watch_for_a_change_opening_with_should_asks_nothing():
    assert not any(a.startswith("ask_") for a in analyze("should he become unresponsive, tell me immediately").acts)


@pytest.mark.parametrize(
    "line, acts",
    [
        ("have his medications ready for the medics", {"instruct_prepare_arrival"}),
        ("send someone to the street to wave them down", {"instruct_prepare_arrival"}),
    ],
)
def test_instructions_that_look_like_questions(line, acts):
    assert set(analyze(line).acts) == acts


def test_a_check_in_tag_does_not_make_a_statement_a_question():
    # "okay?" at the end asks nothing: the trainee did not ask whether he is breathing
    assert "ask_breathing" not in analyze("okay he's not breathing right, we're going to do CPR, okay?").acts
    assert "ask_breathing" in analyze("is he breathing, okay?").acts
    assert "verify_address" in analyze("that's 1425 Oak Street, okay?").acts


def test_a_hazard_question_about_a_state():
    assert set(analyze("okay, the engine's smoking? get everyone away from it").acts) == {
        "ask_hazards",
        "instruct_safety",
    }
