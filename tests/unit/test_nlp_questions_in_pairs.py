"""Two questions in one line are each read for what they ask: a bare "where?" after an
injury question asks where it hurts, a medicine asked in one clause is not turned into
"what did he take" by the other, a name asked with a number asks for the callback, and
positioning for breathing or a polite "would you be willing to" keeps its instruction."""

import pytest

from sim_core.nlp.acts import classify

CASES = [
    ("Is anything hurting him? Where?", {"ask_injuries"}),
    ("does anything hurt", {"ask_injuries"}),
    ("Is anyone hurt? where are you exactly?", {"ask_injuries", "ask_address"}),
    ("Is she on any medicines? Did she take something for the headache?", {"ask_medications"}),
    ("is he on blood thinners? did he take anything tonight?", {"ask_medications", "ask_drugs"}),
    ("what did she take? is she on any regular medication?", {"ask_drugs", "ask_medications"}),
    ("did she take something? how many?", {"ask_drugs"}),
    ("and your name and phone number?", {"ask_name", "ask_callback"}),
    ("what's his name and the number on the plate", {"ask_name"}),
    ("prop him up and lean him forward a bit", {"instruct_airway"}),
    ("get him up and walk him around the room", {"unsafe_instruction"}),
    ("would you be willing to lock the pills in the car?", {"instruct_safety"}),
    ("who else is in there and where are they", {"ask_people_count"}),
    ("we're getting medics started your way, you're not in any trouble", {"dispatch_notice", "reassure"}),
]


@pytest.mark.parametrize(("line", "acts"), CASES)
def test_each_question_of_a_pair_is_read_for_what_it_asks(line, acts):
    found = set(classify(line))
    assert acts <= found, (line, found)
    if line.startswith(("Is anything hurting", "prop him")):
        assert "ask_address" not in found and "unsafe_instruction" not in found
