"""A caller answers a clear question the scenario does not script from what she can see or
know, acknowledges a signal set up because she cannot talk and answers yes/no that way, a
child asked for a grown-up says who is there, and where the caller says she is after
following an instruction never contradicts it."""

import re
from pathlib import Path

import pytest

from sim_core.caller import Director
from sim_core.caller.reasoning import taps
from sim_core.scenario import load_scenario_file, parse_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [load_scenario_file(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
ids = [s.id for s in SCENARIOS]
# reasoned answers are English: a caller of another language keeps to her own lines
SPEAKS_ENGLISH = [s for s in SCENARIOS if s.caller.language == "en"]


def load(name):
    return next(s for s in SCENARIOS if s.id == name)


def quiet_from(sc) -> float:
    """A moment after any opening silence, when the caller speaks."""
    return max([0.0, *((b.after_s or 0) + (b.duration_s or 0) for b in sc.behaviours if b.kind == "go_silent")]) + 1


def reply(d, text, t, acts=("other",)):
    dec = d.respond(acts, text, t)
    line = " ".join(p.line for p in dec.parts if p.line)
    d.note_spoken(line)
    return [p.kind for p in dec.parts], line


def fresh_director(sc):
    d = Director(sc, seed=3)
    d.note_spoken(d.opening().scripted_text)
    return d


def he(d):
    return d.forms["he"]


# ----------------------------------------------------------------- reasoned
@pytest.mark.parametrize("sc", [s for s in SPEAKS_ENGLISH if s.facts.patients], ids=lambda s: s.id)
def test_clear_questions_the_script_does_not_cover_are_answered_not_met_with_what(sc):
    d = fresh_director(sc)
    t = quiet_from(sc)
    subject = "you" if sc.caller.party == "first" else he(d)
    aux = "are" if subject in ("you", "they") else "is"
    can = f"Can {subject} walk?"
    colour = f"What colour are {'your' if subject == 'you' else d.forms['his']} lips?"
    for i, q in enumerate([can, colour, "Are you the one who got hurt?", f"{aux.capitalize()} {subject} sweating?"]):
        kinds, line = reply(d, q, t + i)
        assert "clarify" not in kinds, (q, line)
        assert line and line != "...", (q, kinds)


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda s: s.id)
def test_words_nobody_can_place_still_get_a_request_to_clarify(sc):
    d = fresh_director(sc)
    kinds, line = reply(d, "Blorp the fizzwidget?", quiet_from(sc))
    assert "clarify" in kinds or "event" in kinds or line in ("...", ""), line


@pytest.mark.parametrize("sc", [s for s in SPEAKS_ENGLISH if s.facts.patients], ids=lambda s: s.id)
def test_who_is_hurt_follows_the_callers_relation(sc):
    d = fresh_director(sc)
    dec = d.respond(("other",), "Are you the one who fell?", quiet_from(sc))
    line = dec.parts[-1].line  # after anything that happened meanwhile
    if sc.caller.party == "first":
        assert line.lower().startswith("yes"), line
    else:
        p = sc.facts.patients[0]
        assert line.lower().startswith("no"), line
        assert (p.name or p.label).lower() in line.lower() or sc.caller.age and sc.caller.age < 13, line


@pytest.mark.parametrize(
    "sc", [s for s in SPEAKS_ENGLISH if s.facts.patients and s.caller.party != "first"], ids=lambda s: s.id
)
def test_lips_and_walking_follow_breathing_and_consciousness(sc):
    d = fresh_director(sc)
    t = quiet_from(sc)
    now = d.patient_now()
    _, lips = reply(d, f"What colour are {d.forms['his']} lips?", t)
    _, walk = reply(d, f"Can {he(d)} walk?", t + 1)
    if now["breathing"] in ("agonal", "none"):
        assert "blue" in lips.lower() and "not blue" not in lips.lower(), lips
    if now["breathing"] == "normal":
        assert "normal" in lips.lower(), lips
    if now["conscious"] is False:
        assert re.search(r"\bno\b", walk.lower()), walk


def test_a_building_asked_about_is_not_counted_as_people():
    d = fresh_director(load("cardiac-arrest"))
    kinds, line = reply(d, "How many floors is the building?", 5.0, acts=("ask_people_count",))
    assert "Robert" not in line and "clarify" not in kinds, line


# ------------------------------------------------------------------ signals
WHISPERERS = [s for s in SCENARIOS if s.has("whisper")]


@pytest.mark.parametrize("sc", WHISPERERS, ids=lambda s: s.id)
@pytest.mark.parametrize(
    "setup",
    [
        "if you can't talk just tap the phone",
        "press any button if you're there",
        "cough once for yes",
        "just answer yes or no",
    ],
)
def test_a_caller_who_cannot_talk_acknowledges_a_signal(sc, setup):
    d = fresh_director(sc)
    acts = ("calm_control",) if "yes or no" in setup else ("other",)
    kinds, line = reply(d, setup, quiet_from(sc), acts=acts)
    assert "clarify" not in kinds, line
    assert "acknowledge" in kinds or "event" in kinds, (kinds, line)
    if taps(sc) and "event" not in kinds:
        assert "*tap*" in line or "tap*" in line, line


@pytest.mark.parametrize("sc", WHISPERERS, ids=lambda s: s.id)
def test_after_a_signal_is_set_up_yes_no_answers_come_that_way(sc):
    d = fresh_director(sc)
    t = quiet_from(sc)
    reply(d, "if you can't talk, tap once for yes and twice for no", t)
    kinds, line = reply(d, "Are you hurt?", t + 1, acts=("ask_injuries",))
    if "answer" in kinds and "event" not in kinds:
        words = re.sub(r"\*[^*]*\*", "", line).strip(" .")
        # a tap, or a whispered yes and no more than a few words
        assert "*tap" in line or re.match(r"^\W*(?:yes|yeah|mm-hm)\b", words.lower()), line
        assert len(words.split()) <= 8, line


# ---------------------------------------------------------------- grown-up
def test_a_child_asked_for_a_grown_up_says_there_is_none_but_the_patient():
    sc = load("child-caller")
    d = fresh_director(sc)
    kinds, line = reply(d, "Put a grown-up on the phone", quiet_from(sc))
    assert "no other grown-up" in line.lower() and "Mommy" in line, line
    assert "wake" in line  # she is the one who will not wake up


def test_a_child_goes_to_get_a_grown_up_only_when_the_scenario_has_one():
    sc = load("child-caller")
    data = sc.model_dump(mode="json")
    data["facts"]["people_count"] = "me, Mommy and Grandpa, he's in the garden"
    d = fresh_director(parse_scenario(data))
    _, line = reply(d, "Can you go get an adult?", quiet_from(sc))
    assert "grandpa" in line.lower() and "get" in line.lower(), line


# ------------------------------------------ position after an instruction
_LEFT = re.compile(r"\b(?:away from|back from|out of) (?:the|my|his|her) (\w+)")
_INTO = re.compile(r"\b(?:going|went|gone|got) (?:into|in|inside)(?: (?:my|the|his|her) (\w+))?")
POSITION_SLOTS = ("caller_safety", "location_inside", "injuries")


def _text(line):
    return line if isinstance(line, str) else line.get("default", "")


def _moves(sc):
    for act, line in sc.script.follows.items():
        said = _text(line).lower()
        if act.startswith("instruct_") and (_LEFT.search(said) or _INTO.search(said)):
            yield act, said


@pytest.mark.parametrize("sc", [s for s in SCENARIOS if list(_moves(s))], ids=lambda s: s.id)
def test_where_the_caller_is_after_an_instruction_never_contradicts_it(sc):
    for act, said in _moves(sc):
        d = fresh_director(sc)
        reply(d, f"please do this [{act}]", quiet_from(sc), acts=(act,))
        left = set(_LEFT.findall(said))
        into = {m or "inside" for m in _INTO.findall(said)}
        for slot in POSITION_SLOTS:
            for line in d._answer_lines(slot):
                low = line.lower()
                for place in left:  # she moved away from it: she is not by it any more
                    assert not re.search(rf"\b(?:by|next to|beside|near|in|on) (?:the|my|his|her) {place}\b", low), (
                        act,
                        slot,
                        line,
                    )
                    assert not re.search(rf"\bstill in (?:the|my|his|her) {place}\b", low), (act, slot, line)
                if into and slot == "caller_safety":  # she went in somewhere: she says so
                    there = any(re.search(rf"\b(?:in|inside)(?: (?:my|the|his|her))? {p}\b", low) for p in into)
                    assert there or not re.search(r"\b(?:i'm|we're) (?:in|on|by)\b", low), (
                        act,
                        line,
                    )


def test_a_timed_event_does_not_put_the_caller_back_where_she_was_told_to_leave():
    sc = load("mental-health-crisis")
    d = fresh_director(sc)
    reply(d, "go into a room you can lock [instruct_safety]", 20.0, acts=("instruct_safety",))
    reply(d, "okay", 90.0)  # a chair is thrown meanwhile
    _, line = reply(d, "where are you right now? [ask_caller_safety]", 95.0, acts=("ask_caller_safety",))
    assert "bedroom" in line.lower() and "hallway" not in line.lower(), line


def test_a_sign_the_caller_already_described_is_said_again_not_met_with_i_cant_tell():
    d = fresh_director(load("heart-attack"))
    _, line = reply(d, "Is his skin cold or clammy?", 5.0)
    assert "sweat" in line.lower(), line


@pytest.mark.parametrize(
    "sc", [s for s in SCENARIOS if s.script.answers.get("location_inside") and s.facts.patients], ids=lambda s: s.id
)
def test_on_the_floor_or_in_bed_asks_where_the_patient_lies(sc):
    d = fresh_director(sc)
    subject = "you" if sc.caller.party == "first" else he(d)
    if subject == "you":
        return
    dec = d.respond(("ask_conscious",), f"Is {subject} on the floor or in bed?", quiet_from(sc))
    assert any(p.slot == "location_inside" for p in dec.parts), [(p.kind, p.line) for p in dec.parts]


@pytest.mark.parametrize(
    "sc", [s for s in SPEAKS_ENGLISH if not s.facts.suspects and s.facts.patients], ids=lambda s: s.id
)
def test_what_the_patient_is_wearing_is_not_taken_for_a_suspect(sc):
    d = fresh_director(sc)
    dec = d.respond(("ask_suspect",), "What is she wearing?", quiet_from(sc))
    assert not any(p.slot == "suspect" for p in dec.parts), [(p.kind, p.line) for p in dec.parts]


@pytest.mark.parametrize(
    "sc", [s for s in SPEAKS_ENGLISH if s.facts.patients and s.caller.party != "first"], ids=lambda s: s.id
)
def test_a_pulse_is_something_a_caller_cannot_check_and_says_so(sc):
    d = fresh_director(sc)
    kinds, line = reply(d, f"Does {he(d)} have a pulse?", quiet_from(sc))
    assert "clarify" not in kinds, line


@pytest.mark.parametrize("sc", [s for s in WHISPERERS if taps(s)], ids=lambda s: s.id)
def test_a_caller_too_afraid_to_speak_still_taps_when_asked_to(sc):
    d = fresh_director(sc)
    silent = next((b for b in sc.behaviours if b.kind == "go_silent"), None)
    t = (silent.after_s or 0) + 1 if silent else 5.0
    _, line = reply(d, "If you can't talk, tap the phone once for yes.", t)
    assert "*tap*" in line, line


@pytest.mark.parametrize(
    "sc", [s for s in SCENARIOS if s.facts.suspects and s.caller.party == "first"], ids=lambda s: s.id
)
def test_he_to_a_caller_who_is_the_patient_means_the_one_who_did_it(sc):
    d = fresh_director(sc)
    dec = d.respond(("ask_conscious",), "Is he still moving around?", quiet_from(sc))
    assert not any(p.slot == "conscious" for p in dec.parts), [(p.kind, p.line) for p in dec.parts]


@pytest.mark.parametrize(
    "sc", [s for s in SPEAKS_ENGLISH if s.facts.patients and s.caller.party != "first"], ids=lambda s: s.id
)
@pytest.mark.parametrize("q", ["Is {he} okay?", "Can {he} hear you?"])
def test_how_the_patient_is_is_not_taken_for_how_the_caller_is(sc, q):
    d = fresh_director(sc)
    dec = d.respond(("ask_caller_safety",), q.format(he=he(d)), quiet_from(sc))
    assert not any(p.slot == "caller_safety" for p in dec.parts), [(p.kind, p.line) for p in dec.parts]


def test_where_the_caller_is_standing_is_her_place_on_the_scene_not_the_address():
    d = fresh_director(load("car-accident-entrapment"))
    reply(d, "move back from the van [instruct_safety]", 5.0, acts=("instruct_safety",))
    _, line = reply(d, "Where are you standing right now?", 10.0, acts=("ask_address",))
    assert "truck" in line and "mile marker" not in line.lower(), line


def test_what_the_script_says_of_the_patients_is_the_answer_when_it_fits():
    d = fresh_director(load("car-accident"))
    _, line = reply(d, "Can the driver walk?", 5.0)
    assert "walking around" in line, line


@pytest.mark.parametrize(
    "sc", [s for s in SPEAKS_ENGLISH if s.facts.patients and s.caller.party != "first"], ids=lambda s: s.id
)
def test_a_pulse_misread_as_a_weapon_is_not_answered_no(sc):
    d = fresh_director(sc)
    dec = d.respond(("ask_weapons",), f"Does {he(d)} have a pulse?", quiet_from(sc))
    assert not any(p.slot == "weapons" for p in dec.parts), [(p.kind, p.line) for p in dec.parts]


@pytest.mark.parametrize(
    "sc", [s for s in SPEAKS_ENGLISH if s.facts.patients and s.caller.party != "first"], ids=lambda s: s.id
)
def test_are_you_the_one_who_got_hurt_is_answered_with_who_not_the_wounds(sc):
    d = fresh_director(sc)
    dec = d.respond(("ask_injuries",), "Are you the one who got hurt?", quiet_from(sc))
    assert not any(p.slot == "injuries" for p in dec.parts), [(p.kind, p.line) for p in dec.parts]
    assert dec.parts[-1].line.lower().startswith("no"), dec.parts[-1].line


@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda s: s.id)
def test_is_everyone_okay_is_answered_not_met_with_what(sc):
    d = fresh_director(sc)
    kinds, line = reply(d, "Is everyone okay?", quiet_from(sc))
    assert "clarify" not in kinds, line


@pytest.mark.parametrize("sc", WHISPERERS, ids=lambda s: s.id)
def test_a_caller_who_must_not_be_heard_never_cries_out(sc):
    from sim_core.session import CallSession

    from .fake_nlp import tagged

    call = CallSession.start(sc, analyzer=tagged, clock=lambda: 0.0)
    call.answer(at=1.0)
    for i in range(12):  # upset her: repeated questions as time runs
        call.trainee_says("what's the address? [ask_address]", at=10.0 + 10 * i)
    said = " ".join(r.caller_text for r in [call.trainee_says("are you hurt? [ask_injuries]", at=140.0)])
    from sim_core.timeline import EventType

    lines = [e.data["text"] for e in call.timeline.of(EventType.CALLER_SAID)] + [said]
    assert not any(re.search(r"\b(?:Oh God, oh God|Oh my God, |Please, please hurry)", x) for x in lines), lines


def test_a_caller_of_another_language_does_not_reason_in_fluent_english():
    sc = load("language-barrier")
    d = fresh_director(sc)
    kinds, line = reply(d, "can he walk?", quiet_from(sc) + 5)
    assert "answer" not in kinds and "dont_know" not in kinds
    assert not re.search(r"\b(?:he can't|he cannot|he can|I can't tell)\b", line), line
