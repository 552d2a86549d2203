"""What the caller knows, slot by slot, as plain statements of the truth.

The director hands these to the actor: the scripted actor falls back to them
when the scenario has no phrasing for a slot, the LLM actor is prompted with
exactly the ones it may use now.
"""

from __future__ import annotations

from ..scenario.schema import Patient, Scenario

NOBODY = "nobody else is involved; nobody did this"
# How a caller says that there is nothing of the kind.
NONE_LINES = {
    NOBODY: "What? There's nobody else. Nobody did this.",
    "no vehicle involved": "There's no car or anything involved, no.",
    "no weapons seen": "No, there's no weapon, nothing like that.",
    "no hazards": "No, nothing dangerous here.",
    "no drugs or alcohol involved": "No, no drugs or anything.",
}

BREATHING_WORDS = {
    "normal": "breathing normally",
    "abnormal": "breathing, but not normally (struggling)",
    "agonal": "only gasping now and then, not breathing normally",
    "none": "not breathing at all",
    "unknown": "the caller cannot tell whether they are breathing",
}


CHILD_UNDER = 13  # a caller this young does not know a patient's medicines or allergies


def _who(p: Patient) -> str:
    return p.name or f"the {p.label}"


def knows_patient(scenario: Scenario) -> bool:
    """The caller is the patient or someone close to them (not a bystander, not a young
    child): they would know of an allergy, and could look up the medicines."""
    c = scenario.caller
    return c.party != "third" and (c.age is None or c.age >= CHILD_UNDER)


def slot_truth(scenario: Scenario, slot: str, patient: Patient | None = None) -> str | None:
    """A plain-English statement of the truth for slot, or None when the
    scenario holds nothing for it."""
    f, loc = scenario.facts, scenario.location
    p = patient or (f.patients[0] if f.patients else None)
    if slot in ("address", "address_confirm"):
        extra = f" (cross street {loc.cross_street})" if loc.cross_street else ""
        return f"{loc.full}{extra}"
    if slot in ("callback", "callback_confirm"):
        return scenario.callback
    if slot == "what_happened":
        return f.chief_complaint
    if slot == "name":
        return scenario.caller.name
    if slot == "timing":
        return f.timing or None
    if slot == "people_count":
        return f.people_count or None
    if slot == "weapons":
        return ", ".join(f.weapons) if f.weapons else "no weapons seen"
    if slot in ("suspect", "suspect_direction") and not f.suspects:
        return None if f.weapons else NOBODY  # a weapon without a described suspect: not known
    if slot == "suspect":
        return "; ".join(
            f"{s.description}"
            + (f", named {s.name}" if s.name else "")
            + (f", {s.location}" if s.location else "")
            + f", armed: {s.armed}"
            for s in f.suspects
        )
    if slot == "vehicles":
        return ", ".join(f.vehicles) if f.vehicles else "no vehicle involved"
    if slot == "hazards":
        return ", ".join(f.hazards) if f.hazards else "no hazards"
    if slot == "drugs":
        return ", ".join(f.drugs) if f.drugs else "no drugs or alcohol involved"
    if slot == "caller_safety":
        return None
    detail = next((d for d in f.details if d.id == slot), None)
    if detail is not None:
        return detail.truth or (detail.answer if isinstance(detail.answer, str) else detail.answer["default"])
    if slot == "suspect_direction":
        gone = [s.location for s in f.suspects if s.location]
        return "; ".join(gone) if gone else None
    if p is None:
        return None
    if slot == "medical_history":
        return f"{_who(p)} has " + ", ".join(p.conditions) if p.conditions else None
    if slot == "allergies":  # no allergy in the scenario: none that the caller knows of
        if not knows_patient(scenario):
            return None
        return (
            "the caller has no allergies" if scenario.caller.party == "first" else f"{_who(p)} has no known allergies"
        )
    if slot == "age":
        return f"{_who(p)} is {p.age}" if p.age is not None else None
    if slot == "conscious":
        if p.conscious is None:
            return None
        return f"{_who(p)} is {'awake' if p.conscious else 'not awake, not responding'}"
    if slot == "breathing":
        return f"{_who(p)} is {BREATHING_WORDS[p.breathing]}"
    if slot == "injuries":
        return ", ".join(p.injuries) if p.injuries else "no injuries the caller can see"
    return None


# Slots a bystander who does not know the patient cannot answer (unknown_answers).
THIRD_PARTY_UNKNOWN = ("age", "medical_history", "medications", "allergies", "drugs")


def declared_unknown(scenario: Scenario, slot: str) -> bool:
    """The scenario says the caller does not know this (facts.unknown or unknown_answers)."""
    if slot in scenario.facts.unknown:
        return True
    b = scenario.behaviour("unknown_answers")
    if b is None:
        return False
    if b.slots:
        return slot in b.slots
    scripted = slot in scenario.script.answers or any(d.id == slot for d in scenario.facts.details)
    return slot in THIRD_PARTY_UNKNOWN and not scripted


def fallback_line(
    scenario: Scenario, slot: str, patient: Patient | None = None, forms: dict[str, str] | None = None
) -> str | None:
    """A caller-voiced sentence built from the truth, for slots the script lacks."""
    truth = slot_truth(scenario, slot, patient)
    if truth is None:
        return None
    p = patient or (scenario.facts.patients[0] if scenario.facts.patients else None)
    if slot == "medical_history" and p is not None and forms:
        return f"{forms['He']} has " + " and ".join(p.conditions) + "."
    if slot == "allergies":
        return "No, I'm not allergic to anything." if scenario.caller.party == "first" else "No, none that I know of."
    if truth in NONE_LINES:
        return NONE_LINES[truth]
    if slot == "address_confirm":
        return f"Yes, {scenario.location.full}."
    if slot in ("address_confirm", "callback_confirm"):
        return f"Yes, {truth}."
    if slot == "address":
        return f"It's {scenario.location.full}."
    if slot == "callback":
        return f"My number is {truth}."
    if slot == "name":
        return f"My name is {truth}."
    return truth[0].upper() + truth[1:] + "."
