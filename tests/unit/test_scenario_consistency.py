"""Where the people are in a scenario reads the same everywhere the caller says it: the
room the caller opens with is the room she names when asked where inside, and an event
that moves someone to another room changes where the caller says they are; a fact said in
plain words (no scripted line) is in the caller's own voice."""

import re
from pathlib import Path

import pytest

from sim_core.scenario import load_scenario_file

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [load_scenario_file(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
ROOMS = ("kitchen", "bedroom", "bathroom", "living room", "hallway", "garage", "basement", "dining room", "classroom")


def rooms(text: str) -> set[str]:
    return {r for r in ROOMS if re.search(rf"\b{r}\b", text.lower())}


def inside(scenario) -> str:
    line = scenario.script.answers.get("location_inside") or ""
    return line if isinstance(line, str) else line.get("default", "")


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if inside(s)], ids=lambda s: s.id)
def test_the_room_the_caller_opens_with_is_where_she_says_she_is(scenario):
    for opening in scenario.script.opening:
        named = rooms(opening)
        assert not named or named & rooms(inside(scenario)), (opening, inside(scenario))


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if inside(s)], ids=lambda s: s.id)
def test_an_event_that_moves_someone_to_another_room_changes_where_inside(scenario):
    for ev in scenario.events:
        moved = re.search(r"\b(?:going|went|gone|ran|walked) (?:into|in) the (\w+(?: room)?)", ev.say.lower())
        if moved and rooms(moved.group(0)) - rooms(inside(scenario)):
            assert {"location_inside", "suspect", "suspect_direction"} & set(ev.lines), (ev.id, ev.say)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_a_fact_said_in_plain_words_is_in_the_callers_voice(scenario):
    from sim_core.caller import lines as L
    from sim_core.caller.truth import fallback_line
    from sim_core.scenario.placeholders import resolve
    from sim_core.scenario.schema import SLOTS

    sc = resolve(scenario)
    for slot in (s for s in SLOTS if s not in sc.script.answers):
        line = fallback_line(sc, slot, forms=L.pronouns(sc)) or ""
        assert "the caller" not in line.lower(), (slot, line)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_a_name_opening_a_scripted_line_keeps_its_capital_after_a_prefix(scenario):
    from sim_core.caller.sentences import lower_first, scenario_names

    lines = [*map(str, scenario.script.answers.values()), *map(str, scenario.script.follows.values())]
    opening = {m.group(1) for line in lines for m in re.finditer(r"(?:^|['\"] ?|[.!?] )([A-Z][a-z]+)'s ", line)}
    words = set(re.findall(r"[a-z]+", " ".join([scenario.description, *lines])))
    common = {"there", "here", "that", "what", "who", "where", "let", "it", "he", "she", "everything", "nothing"}
    names = {w for w in opening if w.lower() not in words | common}  # never written in lower case: a name
    proper = scenario_names(scenario)
    assert names <= proper
    for name in names:
        assert lower_first(f"{name}'s here now.", proper).startswith(name)
