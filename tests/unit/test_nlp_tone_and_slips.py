"""Ways of speaking the rules used to miss: tone said mildly (sarcasm, an exasperated
"for the second time", a lecture about the law said as a question), firm control
without the stock phrases, who the suspect is asked indirectly, a place inside the
building asked without naming the building, and keyboard slips that spell another
word ("dose he", "his hed")."""

import pytest

from sim_core.nlp.pipeline import analyze

CASES = [
    # sarcasm and exasperation are rude
    ("well done, Einstein, now where are you?", {"rude", "ask_address"}),
    ("lucky I checked then, eh?", {"rude"}),
    ("glad we bothered asking, is he awake?", {"rude", "ask_conscious"}),
    ("oh perfect, so nobody saw anything", {"rude"}),
    ("for the second time, what's the cross street?", {"rude", "ask_address"}),
    ("fine, whatever, is she awake?", {"rude", "ask_conscious"}),
    ("I just asked you a straight question, how old is he?", {"rude", "ask_age"}),
    ("was that so hard? now what's your number", {"rude", "ask_callback"}),
    # judging the caller is victim blaming
    ("you know this is illegal, right?", {"victim_blaming"}),
    ("you're grown adults, why would you fight about this", {"victim_blaming"}),
    ("why did she wait until now to tell anyone?", {"victim_blaming"}),
    # firm control without "listen to me"
    ("I need you to pause and breathe for me", {"calm_control"}),
    ("speak more slowly, I'm getting every word", {"calm_control"}),
    ("I can't help them while you're shouting", {"calm_control"}),
    # who the suspect is, asked indirectly
    ("do you know who was knocking?", {"ask_suspect"}),
    ("who's that guy to her?", {"ask_suspect"}),
    # a place inside, without naming the building
    ("where inside is your mom?", {"ask_location_inside"}),
    ("where is she sitting right now?", {"ask_location_inside"}),
    ("where's the kitchen from the front door?", {"ask_location_inside"}),
    # a watch-for-a-change line asks nothing, whatever the change is said with
    ("keep watching her breathing, and if it gets weaker, tell me", {"instruct_report_changes"}),
    ("should she stop answering you, let me know", {"instruct_report_changes"}),
    ("if he stops seizing and is not breathing, tell me right away", {"instruct_report_changes"}),
    # the thing a question asks about, contracted: "what colour's the car?"
    ("what make's the truck?", {"ask_vehicle"}),
    # parts of the address, people, medicines, what was taken
    ("and what's the house number there?", {"ask_address"}),
    ("was it east or west Pine?", {"ask_address"}),
    ("are you and the baby outside the apartment?", {"ask_caller_safety"}),
    ("only you and your sister at home?", {"ask_people_count"}),
    ("what does your dad normally take?", {"ask_medications"}),
    ("is she supposed to be taking anything?", {"ask_medications"}),
    ("any idea what was in that little baggie?", {"ask_drugs"}),
    ("leave her pill bottles on the table for the paramedics", {"instruct_prepare_arrival"}),
    # a move into danger forbidden is safety advice
    ("don't drag him out of the truck, keep him where he is", {"instruct_safety"}),
    # an allergy asked about is not aspirin advice
    ("do you have an aspirin allergy?", {"ask_allergies"}),
    # comfort that the caller did nothing wrong
    ("you haven't done anything wrong, okay?", {"reassure"}),
    # a wound that bleeds through is a change to report
    ("let me know if it bleeds through the shirt", {"instruct_report_changes"}),
    # the complaint asked with "exactly" in the middle
    ("so what exactly is going on with your dad?", {"ask_what_happened"}),
    # a suspect by name still on the porch; units going; safety asked beside a count
    ("is Marcus still out on the front step?", {"ask_suspect_direction"}),
    ("we've got two units going, okay", {"dispatch_notice"}),
    ("are you safe, and how many people are in there with you?", {"ask_caller_safety", "ask_people_count"}),
    # broken glass is a thing at the scene, not an injury; two wounds offered are an injury question;
    # what was used on someone who was hurt is a weapon
    ("any broken glass around her?", {"ask_hazards"}),
    ("was she stabbed or shot?", {"ask_injuries"}),
    ("he was beaten, what did they use on him?", {"ask_weapons"}),
    # an address read back after "let me make sure I've got it" or from the screen
    ("let me make sure I've got it, 19 Harbor View Drive, apartment 2", {"verify_address"}),
    ("the system is giving me 300 Mill Road, is that where you are?", {"verify_address"}),
    # slips that spell another word, repaired only where that word cannot stand
    ("dose she have a pulse or is she breathing", {"ask_breathing"}),
    ("keep her hed tilted back", {"instruct_airway"}),
    ("has he had a hart attack before?", {"ask_medical_history"}),
    ("ambulence is almost there", {"dispatch_notice"}),
]


@pytest.mark.parametrize(("line", "acts"), CASES)
def test_way_of_speaking_is_read(line: str, acts: set[str]) -> None:
    assert set(analyze(line).acts) == acts


@pytest.mark.parametrize(
    "line",
    [
        "give her one dose of the inhaler",  # "dose" stays a dose
        "is he at the Hart building?",  # a name stays a name
        "what happens next is the crew takes over",
        "the genius bar at the mall, is that where you are?",
        "what was in the trunk?",
    ],
)
def test_real_words_are_not_repaired_into_tone(line: str) -> None:
    acts = set(analyze(line).acts)
    assert "rude" not in acts
    assert "ask_medical_history" not in acts
    assert "ask_drugs" not in acts
