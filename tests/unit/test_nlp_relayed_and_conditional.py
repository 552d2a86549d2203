"""Ways of speaking read by the act rules: informal and relayed help notices, a language
check, someone there with the caller, a tapped yes/no question, a part of the address asked
again, positioning for breathing, and an instruction for when a change comes."""

import pytest

from sim_core.nlp.acts import classify


def _acts(line: str) -> set[str]:
    return set(classify(line))


@pytest.mark.parametrize(
    "line",
    [
        "some officers will drop by later to check on you",
        "a team from the fire department is gonna come out and take a look",
        "people from the ambulance will swing by to see him",
        "the deputies will be along in a bit",
    ],
)
def test_informal_notices_say_help_is_coming(line):
    assert "dispatch_notice" in _acts(line)


def test_how_you_are_doing_is_no_praise():
    assert _acts("an officer will stop by to ask how you're doing") == {"dispatch_notice"}


@pytest.mark.parametrize(
    ("line", "acts"),
    [
        ("tell your grandma she's doing really well", {"reassure"}),
        ("can you let him know he is going to be alright?", {"reassure"}),
        ("please tell her the paramedics are a few minutes away", {"reassure", "dispatch_notice"}),
        ("let them know help is really close now", {"reassure", "dispatch_notice"}),
        ("tell her the ambulance is coming", {"dispatch_notice"}),
    ],
)
def test_comfort_relayed_through_someone_else(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line",
    [
        "do you speak English?",
        "does anybody there speak English? Tagalog?",
        "can you speak English or is Portuguese better for you?",
    ],
)
def test_a_language_check_is_not_rude(line):
    assert "rude" not in _acts(line)


def test_a_demand_to_speak_english_stays_rude():
    assert "rude" in _acts("just speak English, I can't understand any of this")


@pytest.mark.parametrize(
    "line",
    [
        "is there anybody else there with you?",
        "do you have somebody home with you",
        "who is in the house with her right now?",
        "are there people here with him?",
    ],
)
def test_someone_there_with_the_caller_is_a_head_count(line):
    assert "ask_people_count" in _acts(line)


@pytest.mark.parametrize(
    "line",
    [
        "is anybody with you injured?",
        "is there someone with you who might hurt you?",
    ],
)
def test_someone_with_you_who_is_hurt_or_dangerous_counts_nobody(line):
    assert "ask_people_count" not in _acts(line)


@pytest.mark.parametrize(
    "line",
    [
        "is somebody there threatening you? tap once if so",
        "is anyone in there hurting you right now? press a key for yes",
    ],
)
def test_a_tapped_yes_no_question_still_asks(line):
    assert "ask_caller_safety" in _acts(line)


@pytest.mark.parametrize(
    "line",
    [
        "give me the suite number one more time?",
        "what was that building number again",
        "repeat the lot number for me",
    ],
)
def test_a_part_of_the_address_asked_again_is_no_phone_read_back(line):
    acts = _acts(line)
    assert "verify_address" in acts
    assert "verify_callback" not in acts


@pytest.mark.parametrize(
    "line",
    [
        "let him sit up whichever way he breathes easiest",
        "help her sit up however is most comfortable for her breathing",
        "don't force her to lie flat, let her find what works",
    ],
)
def test_letting_the_patient_find_a_breathing_position_is_airway_care(line):
    acts = _acts(line)
    assert "instruct_airway" in acts
    assert not acts & {"instruct_safety", "unsafe_instruction"}


def test_helping_a_fallen_patient_up_stays_unsafe():
    assert "unsafe_instruction" in _acts("help him sit up and walk a bit")


@pytest.mark.parametrize(
    ("line", "acts"),
    [
        ("once the twitching stops, ease him onto his side", {"instruct_airway"}),
        ("when she stops shaking, see whether she's breathing", {"ask_breathing"}),
        ("if he throws up, turn him quickly onto his side", {"instruct_airway"}),
        ("if she gets sick, get her on her side and let me know", {"instruct_airway", "instruct_report_changes"}),
        ("if he comes back, step away from the door and call us", {"instruct_safety", "instruct_report_changes"}),
        ("if he stops breathing, start CPR", {"instruct_report_changes"}),
        ("if she passes out, I'll coach you through compressions", {"instruct_report_changes"}),
        ("if it gets worse, call us right back", {"instruct_report_changes"}),
    ],
)
def test_an_instruction_for_when_the_change_comes_keeps_its_act(line, acts):
    assert _acts(line) == acts


@pytest.mark.parametrize(
    "line",
    [
        "if you begin feeling light-headed, tell me",
        "let me know when you start to feel sleepy",
        "should you get dizzy at all, tell me straight away",
    ],
)
def test_the_callers_own_symptoms_are_a_change_to_report(line):
    assert "instruct_report_changes" in _acts(line)


def test_feeling_for_breath_is_no_symptom():
    assert "instruct_report_changes" not in _acts("put your ear by his mouth and tell me if you feel air")


@pytest.mark.parametrize(
    ("line", "act"),
    [
        ("get out of the apartment now, and is anybody else still inside?", "instruct_safety"),
        ("go over and knock on their door, tell them to turn it down", "unsafe_instruction"),
        ("address, your callback, and what's the emergency?", "ask_address"),
        ("when did he take the pills and how many?", "ask_drugs"),
        ("is the van leaking anything, what model is it?", "ask_vehicle"),
        ("what's made you call 911 today?", "ask_what_happened"),
        ("okay so you're upstairs in the kids' bedroom?", "ask_location_inside"),
        ("answer me yes or no, okay?", "calm_control"),
        ("breathe in through your nose, and out slowly", "calm_control"),
        ("why would you even call if you can't tell me anything", "rude"),
        ("calm down, it's not that serious", "rude"),
    ],
)
def test_further_ways_of_asking_telling_and_tone(line, act):
    assert act in _acts(line)


def test_yes_or_no_for_a_caller_who_cannot_talk_is_no_calming():
    assert "calm_control" not in _acts("if you can't speak, just answer yes or no by tapping")


@pytest.mark.parametrize(
    ("line", "act", "absent"),
    [
        ("what did he drink and when", "ask_time", None),
        ("press down hard on it, good job", "instruct_bleeding", "instruct_cpr_push"),
        ("can you get into a bathroom that locks?", "instruct_safety", None),
    ],
)
def test_a_trailing_when_pressing_on_it_and_a_room_that_locks(line, act, absent):
    acts = _acts(line)
    assert act in acts
    assert absent not in acts
