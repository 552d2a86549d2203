"""A caller who sounds like a person: never the same sentence twice, emotion that
follows the story, facts that can be asked, behaviours that work."""

from pathlib import Path

import pytest

from sim_core.caller import ActorContext, Decision, Part, ScriptedActor
from sim_core.caller.sentences import lower_first, sentence_keys
from sim_core.nlp import Analysis
from sim_core.scenario import load_scenario_file, parse_scenario
from sim_core.session import CallSession
from sim_core.timeline import EventType

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]


def load(name):
    return load_scenario_file(ROOT / "scenarios" / f"{name}.yaml")


def start(scenario, **kw):
    call = CallSession.start(scenario, analyzer=tagged, clock=lambda: 0.0, **kw)
    call.answer(at=1.0)
    return call


def variant(scenario, **changes):
    data = scenario.model_dump(mode="json")
    data.update(changes)
    return parse_scenario(data)


def caller_lines(call):
    return [e.data["text"] for e in call.timeline.of(EventType.CALLER_SAID) if e.data["text"] != "..."]


def repeated(call):
    seen, again = set(), []
    for text in caller_lines(call):
        keys = set(sentence_keys(text))
        again += [k for k in keys if k in seen]
        seen |= keys
    return again


# ------------------------------------------------------------------ repeats
def test_a_long_cpr_call_never_repeats_a_sentence():
    call = start(load("cardiac-arrest"))
    call.trainee_says(
        "on the floor, hands in the centre of his chest, push hard and fast "
        "[instruct_cpr_position, instruct_cpr_hands, instruct_cpr_push]",
        at=20.0,
    )
    for i in range(10):
        call.trainee_says("keep pushing, don't stop [instruct_cpr_continue, instruct_cpr_push]", at=25.0 + 5 * i)
    call.trainee_says("is the front door unlocked?", at=80.0)
    assert repeated(call) == []
    assert call.timeline.first(EventType.CALLER_ACTION, action="compressions_started") is not None


def test_the_same_question_four_times_gets_the_fact_in_new_words_each_time():
    call = start(load("cardiac-arrest"))
    replies = [call.trainee_says("what's the address? [ask_address]", at=5.0 + i).caller_text for i in range(4)]
    assert all("1425" in r for r in replies)
    assert repeated(call) == []


def test_clarifications_and_acknowledgements_vary():
    call = start(load("burglary"))
    asked = [call.trainee_says("What school is this?", at=5.0 + i).caller_text for i in range(4)]
    told = [call.trainee_says("Hold on.", at=20.0 + i).caller_text for i in range(4)]
    assert len(set(asked)) == 4 and len(set(told)) == 4
    kinds = [e.data["kinds"] for e in call.timeline.of(EventType.CALLER_SAID)][1:]
    assert all(k == ["clarify"] for k in kinds[:4])
    assert all(k == ["acknowledge"] for k in kinds[4:])
    assert "789 Pine" not in " ".join(asked)  # never answers a question nobody asked


def test_a_check_in_gets_a_yes_not_a_what():
    call = start(load("cardiac-arrest"))
    for i, line in enumerate(["Okay?", "Are you still with me?", "Can you do that for me?"]):
        call.trainee_says(line, at=5.0 + i)
    kinds = [e.data["kinds"] for e in call.timeline.of(EventType.CALLER_SAID)][1:]
    assert kinds == [["acknowledge"]] * 3


def test_a_long_stretch_of_compressions_keeps_finding_new_words():
    call = start(load("cardiac-arrest"))
    call.trainee_says(
        "hands on his chest and push [instruct_cpr_position, instruct_cpr_hands, instruct_cpr_push]", at=17.0
    )
    for i in range(30):
        call.trainee_says("keep pushing [instruct_cpr_push, instruct_cpr_continue]", at=20.0 + 3 * i)
    assert repeated(call) == []
    kinds = [set(e.data["kinds"]) for e in call.timeline.of(EventType.CALLER_SAID)[2:]]
    assert all(k and k <= {"follow", "react", "event"} for k in kinds)


def test_say_that_again_gets_the_last_answer_in_other_words():
    call = start(load("cardiac-arrest"))
    first = call.trainee_says("address? [ask_address]", at=5.0).caller_text
    again = call.trainee_says("Sorry, say that again?", at=9.0)
    assert "1425" in again.caller_text and again.caller_text != first
    assert call.timeline.of(EventType.CALLER_SAID)[-1].data["kinds"] == ["answer"]


def test_say_that_again_after_a_plain_reply_repeats_it_not_a_what():
    call = start(load("burglary"))
    first = call.trainee_says("Help is on the way [dispatch_notice]", at=5.0).caller_text
    again = call.trainee_says("Say that again?", at=9.0)
    assert call.timeline.of(EventType.CALLER_SAID)[-1].data["kinds"] == ["acknowledge"]
    assert set(first.lower().strip(".!?").split()) & set(again.caller_text.lower().replace(",", " ").split())


def test_a_question_the_nlp_missed_is_still_understood_from_its_words():
    call = start(load("cardiac-arrest"))
    assert "1425" in call.trainee_says("911 whats the adress of your emergency?", at=5.0).caller_text
    assert "67" in call.trainee_says("how old is he", at=9.0).caller_text


def test_told_to_do_cpr_on_someone_breathing_the_caller_questions_it():
    call = start(load("stroke"))
    turn = call.trainee_says("start CPR, push on his chest [instruct_cpr]", at=5.0)
    assert "breathing" in turn.caller_text and turn.caller_action is None
    nobody = start(load("burglary")).trainee_says("do CPR [instruct_cpr]", at=5.0)
    assert "pushing" not in nobody.caller_text.lower()


# --------------------------------------------------------------- wording
@pytest.mark.parametrize(
    "text,expected",
    [
        ("CPR? What do I do?", "CPR? What do I do?"),
        ("Robert? Robert!", "Robert? Robert!"),
        ("I'm pushing!", "I'm pushing!"),
        ("Oak Street! 1425 Oak Street!", "Oak Street! 1425 Oak Street!"),
        ("He's not breathing.", "he's not breathing."),
    ],
)
def test_a_prefix_never_lowers_a_name_an_acronym_or_i(text, expected):
    assert lower_first(text, frozenset({"Robert"})) == expected


def test_emotional_openers_are_sparse_and_never_lower_names():
    sc = load("cardiac-arrest")
    actor = ScriptedActor()
    texts = [
        actor.perform(
            Decision([Part("answer", "Robert? Robert! He won't wake up!")], "hysterical", 0.9),
            ActorContext(sc, seed=seed, turn=3),
        ).text
        for seed in range(60)
    ]
    assert all("robert" not in t for t in texts)
    plain = sum(t.startswith("Robert?") for t in texts)
    assert 20 < plain < 60  # coloured sometimes, not every line


# ----------------------------------------------------------------- emotion
def test_fear_stays_while_the_intruder_is_inside():
    call = start(load("burglary"))
    labels = [
        call.trainee_says("You're doing great, stay calm, help is coming [calm_control, reassure]", at=5.0 + i).emotion
        for i in range(8)
    ]
    assert "calm" not in labels


def test_fear_eases_once_the_threat_is_over():
    sc = load("burglary")
    sc = variant(
        sc,
        events=[
            {
                "id": "gone",
                "trigger": {"at_s": 10},
                "say": "I heard the back door. I think they left.",
                "ends_threat": True,
            }
        ],
    )
    call = start(sc)
    call.tick(at=12.0)
    labels = [
        call.trainee_says("You're safe, stay calm [calm_control, reassure]", at=15.0 + i).emotion for i in range(6)
    ]
    assert labels[-1] == "calm"
    assert call.timeline.of(EventType.EMOTION_CHANGED)


def test_hostile_caller_calms_down_and_stops_sounding_angry():
    call = start(load("hostile-caller"))
    for i in range(6):
        turn = call.trainee_says("Sir, I hear you, I'm going to help you [calm_control, reassure]", at=5.0 + i)
    assert turn.emotion != "angry" and "Are you even listening" not in turn.caller_text
    worse = call.trainee_says("where? [ask_address]", at=40.0)
    assert worse.emotion_level > turn.emotion_level  # a long silence upsets him again


# ----------------------------------------------------------- truth to ask
@pytest.mark.parametrize(
    "line,acts,fact",
    [
        ("does he have any heart history?", ("ask_medical_history",), "high blood pressure"),
        ("does he have any medical problems?", ("other",), "high blood pressure"),
        ("is he allergic to anything?", ("ask_allergies",), "no allergies"),
        ("which room is he in?", ("ask_address",), "kitchen"),  # the NLP misread it as the address
        ("does he take any medications?", ("ask_drugs",), "lisinopril"),
        ("do you have any pets?", ("ask_hazards",), "cat"),
        ("is the front door unlocked?", ("other",), "unlocked"),
    ],
)
def test_facts_the_scenario_knows_can_be_asked(line, acts, fact):
    call = CallSession.start(
        load("cardiac-arrest"),
        clock=lambda: 0.0,
        analyzer=lambda text: Analysis(text, acts, (), 0.0, {a: 1.0 for a in acts}),
    )
    call.answer(at=1.0)
    turn = call.trainee_says(line, at=5.0)
    assert fact in turn.caller_text.lower()
    assert "1425" not in turn.caller_text


def test_a_line_that_asks_two_things_gets_both():
    call = CallSession.start(
        load("overdose"),
        clock=lambda: 0.0,
        analyzer=lambda text: Analysis(text, ("ask_drugs",), (), 0.0, {"ask_drugs": 1.0}),
    )
    call.answer(at=1.0)
    turn = call.trainee_says("It's okay, nobody's in trouble. Did she take any drugs or medication?", at=5.0)
    assert "fentanyl" in turn.caller_text and "prescriptions" in turn.caller_text


def test_an_event_changes_what_the_witness_says_about_the_drivers():
    call = start(load("car-accident"))
    before = call.trainee_says("are they both awake? [ask_conscious]", at=10.0).caller_text
    assert "walking around" in before
    call.tick(at=80.0)
    after = call.trainee_says("are they awake? [ask_conscious]", at=85.0).caller_text
    assert "dizzy" in after and "both out of their cars, walking around" not in after


def test_a_bystander_does_not_know_the_patients_history():
    call = start(load("car-accident"))
    turn = call.trainee_says("does he have any medical problems? [ask_medical_history]", at=5.0)
    kinds = call.timeline.of(EventType.CALLER_SAID)[-1].data["dont_know"]
    assert kinds == ["medical_history"] and "know" in turn.caller_text.lower()
    assert "50" in call.trainee_says("how old? [ask_age]", at=9.0).caller_text  # what he can see, he says


# -------------------------------------------------------------- behaviours
def test_a_pressured_question_never_gets_the_withheld_fact():
    call = start(load("overdose"))
    for i in range(4):
        turn = call.trainee_says("Was it heroin? Was it heroin? [ask_drugs]", at=5.0 + 3 * i)
        assert "fentanyl" not in turn.caller_text.lower()


def test_a_non_judgemental_question_gets_it_at_once():
    call = start(load("overdose"))
    turn = call.trainee_says(
        "Nobody is in trouble, I need to know so the paramedics can help her. What did she take? [ask_drugs]", at=5.0
    )
    assert "fentanyl" in turn.caller_text.lower()


def test_caller_talks_over_a_long_instruction_but_not_a_short_one():
    call = start(load("heart-attack"))
    short = call.trainee_says("Is he awake? [ask_conscious]", at=5.0)
    long = call.trainee_says(
        "Okay, I need you to listen carefully, have him sit down and rest, loosen any tight "
        "clothing, unlock the front door and turn on the porch light for the crew [instruct_safety]",
        at=10.0,
    )
    said = call.timeline.of(EventType.CALLER_SAID)
    assert "talk_over" not in said[-2].data and said[-1].data.get("talk_over") is True
    assert said[-1].data["kinds"][0] == "interrupt" and long.caller_text != short.caller_text


def test_an_event_is_never_lost_to_a_silent_window():
    call = start(load("domestic-violence"))
    turn = call.trainee_says("Are you still there? [ask_caller_safety]", at=55.0)  # silent from 52 s
    assert "banging" in turn.caller_text
    assert call.timeline.first(EventType.SCENARIO_EVENT, id="banging-on-door") is not None


def test_the_debrief_arc_shows_what_moved_the_caller():
    from sim_core.caller.arc import arc_summary, emotion_arc

    call = start(load("cardiac-arrest"))
    call.trainee_says("Linda, listen to me, I'll tell you what to do [calm_control]", at=5.0)
    call.trainee_says("stop screaming, you idiot [rude]", at=40.0)
    points = emotion_arc(call.timeline)
    assert points[0].cause == "start" and points[0].emotion == "hysterical"
    calmer = next(p for p in points if p.emotion == "panicked")
    assert "listen to me" in calmer.cause and calmer.t == 4.0
    worse = points[-1]
    assert worse.emotion == "hysterical" and "idiot" in worse.cause and "silence" in worse.cause
    assert arc_summary(points).startswith("hysterical → panicked (4 s)")
    rows = [e.to_dict() for e in call.timeline]  # the stored form reads the same
    assert emotion_arc(rows) == points


def test_a_resumed_call_still_remembers_what_the_caller_said():
    call = start(load("cardiac-arrest"))
    call.trainee_says("push hard and fast [instruct_cpr]", at=10.0)
    for i in range(3):
        call.trainee_says("keep going [instruct_cpr]", at=15.0 + i)
    resumed = CallSession.from_state(call.to_state(), analyzer=tagged, clock=lambda: 0.0)
    for i in range(3):
        resumed.trainee_says("keep going [instruct_cpr]", at=30.0 + i)
    assert repeated(resumed) == []


LONG = (
    "Okay, I need you to listen carefully, have him sit down and rest, loosen any tight clothing, "
    "unlock the front door and turn on the porch light for the crew"
)


def test_live_voice_the_caller_cuts_in_once_before_the_line_ends():
    call = start(load("heart-attack"))
    assert call.caller_cuts_in("Okay, I need you to", at=5.0) is None  # too short yet
    cut = call.caller_cuts_in(LONG[:120], at=6.0)
    assert cut is not None and cut.caller_text
    assert call.caller_cuts_in(LONG, at=7.0) is None  # once per utterance
    reply = call.trainee_says(LONG + " [instruct_safety]", at=8.0)
    kinds = call.timeline.of(EventType.CALLER_SAID)[-1].data["kinds"]
    assert "interrupt" not in kinds and reply.caller_text  # not interrupted twice
    assert call.timeline.of(EventType.CALLER_SAID)[-2].data.get("talk_over") is True


def test_a_caller_who_does_not_talk_over_never_cuts_in():
    call = start(load("cardiac-arrest"))
    assert call.caller_cuts_in(LONG, at=6.0) is None


def test_a_threat_to_hang_up_counts_as_rudeness_for_a_caller_who_hangs_up_on_it():
    call = start(load("hostile-caller"))
    turn = call.trainee_says("If you keep yelling I'm going to hang up on you [threaten_hangup]", at=5.0)
    assert turn.hung_up and call.end_reason == "caller_hung_up"


def test_shouting_a_question_upsets_the_caller_more_than_asking_it():
    def asks_address(text):
        return Analysis(text, ("ask_address",), (), 0.0, {"ask_address": 1.0})

    plain, shout = (CallSession.start(load("stroke"), analyzer=asks_address, clock=lambda: 0.0) for _ in "ab")
    plain.answer(at=1.0)
    shout.answer(at=1.0)
    a = plain.trainee_says("What is the address?", at=5.0)
    b = shout.trainee_says("WHAT IS THE ADDRESS?", at=5.0)
    assert b.emotion_level > a.emotion_level and "3307" in b.caller_text


def test_an_answer_swallowed_by_silence_is_not_later_said_as_if_repeated():
    call = start(load("domestic-violence"))
    assert call.trainee_says("address? [ask_address]", at=55.0).caller_text != ""  # silent window
    later = call.trainee_says("what's the address? [ask_address]", at=70.0).caller_text
    assert later.startswith("123 Oak Street")  # the caller's own first phrasing, not a "said it" one


def test_a_whispering_caller_growing_more_afraid_shows_in_the_timeline():
    from sim_core.caller.arc import arc_summary, emotion_arc

    call = start(load("domestic-violence"))
    call.trainee_says("speak up, you idiot [rude]", at=5.0)
    changes = call.timeline.of(EventType.EMOTION_CHANGED)
    assert changes and changes[0].data["emotion"] == "whispering"
    assert "whispering, more upset" in arc_summary(emotion_arc(call.timeline))
