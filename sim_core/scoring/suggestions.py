"""What to say instead, from the scenario's own protocol.

A required act or instruction that carries `say` in the scenario is coached
with that wording. Questions and call handling have wording that fits any
call; an instruction without `say` is coached from what this scenario's caller
does when given it, never from a tip written for another call type.
"""

from __future__ import annotations

from ..scenario.schema import RequiredAct, Scenario

# Wording that fits every call type. `{address}` is the scenario's address.
GENERAL = {
    "ask_address": 'Open with the location: "911, what is the address of your emergency?"',
    "verify_address": 'Read the address back: "That\'s {address}, is that correct?"',
    "ask_callback": 'Get a callback number: "What number are you calling from?"',
    "verify_callback": 'Read the number back: "That\'s {callback}, is that right?"',
    "ask_what_happened": 'Ask for the chief complaint: "Okay, tell me exactly what happened."',
    "ask_age": 'Ask the patient\'s age: "How old is {he}?"',
    "ask_conscious": 'Ask: "Is {he} awake? Is {he} able to talk to you?"',
    "ask_breathing": 'Ask: "Is {he} breathing normally?" (unsure or gasping counts as not breathing).',
    "ask_injuries": 'Ask: "Is anyone hurt? Where are the injuries?"',
    "ask_weapons": 'Ask: "Are there any weapons involved?"',
    "ask_suspect": 'Ask: "Can you describe the person? Where are they now?"',
    "ask_vehicle": 'Ask for the vehicles: "What kind of vehicles are involved?"',
    "ask_hazards": 'Ask about hazards: "Is there any fire, smoke or leaking fuel?"',
    "ask_people_count": 'Ask: "How many people are there? Is anyone still inside?"',
    "ask_caller_safety": 'Ask: "Are you safe right now?"',
    "ask_name": "Ask the caller's name.",
    "ask_time": 'Ask: "When did this happen?"',
    "ask_drugs": 'Ask: "Has {he} taken any drugs, medication or alcohol?"',
    "ask_medications": 'Ask: "Does {he} take any medications? Any blood thinners?"',
    "ask_medical_history": 'Ask: "Does {he} have any medical problems, like heart trouble or diabetes?"',
    "ask_allergies": 'Ask: "Is {he} allergic to anything?"',
    "ask_location_inside": 'Ask: "Where exactly are you in the building? Which room?"',
    "ask_suspect_direction": 'Ask: "Where is the person now? Which way did they go?"',
    "instruct_prepare_arrival": 'Say: "Unlock the front door, turn the porch light on and put any pets away."',
    "recognize_arrest": (
        "Say it: \"That gasping is not normal breathing. {He}'s in cardiac arrest, we're going to start CPR now.\""
    ),
    "instruct_stay_on_line": 'Say: "Stay on the line with me, don\'t hang up."',
    "instruct_report_changes": 'Say: "If anything changes, tell me right away."',
    "reassure": 'Reassure: "Help is on the way, you\'re doing everything right."',
    "dispatch_notice": "Tell the caller: \"I'm sending help now, they're on the way.\"",
    "calm_control": 'Take control calmly: "I need you to listen to me so I can help you."',
}
CPR = (
    'Coach the steps, not just the word CPR: "Put the heel of your hand in the center of {his} chest, '
    'your other hand on top. Push down hard and fast, two inches, and let the chest come back up."'
)


def _pronouns(scenario: Scenario) -> dict[str, str]:
    from ..caller.lines import pronouns  # the same he/she rule the caller uses

    return pronouns(scenario)


def required(scenario: Scenario, act: str) -> RequiredAct | None:
    proto = scenario.protocol
    return next((r for r in (*proto.required_acts, *proto.required_instructions) if r.act == act), None)


def suggestion(act: str, scenario: Scenario) -> str:
    """What to say instead for `act`, in this scenario's terms ("" when there is nothing to coach)."""
    req = required(scenario, act)
    if req is not None and req.say:
        return f'Say: "{req.say}"'
    words = {"address": scenario.location.full, "callback": scenario.callback, **_pronouns(scenario)}
    if act in GENERAL:
        return GENERAL[act].format(**words)
    if act.startswith("instruct_cpr") and (scenario.protocol.cardiac_arrest or req is not None):
        return CPR.format(**words)
    follow = scenario.script.follows.get(act)
    if req is not None and follow is not None:
        line = follow if isinstance(follow, str) else follow.get("default", "")
        return f'Give this call\'s instructions so the caller can do it: "{line}"'
    return ""
