"""What a trainee's line asks the caller for.

`asked_for` turns acts (from the NLP) and the words of a question into the
facts the caller should answer: the fixed slots, the scenario's free-form
details, and the newer history/medication/allergy/location/direction slots
when the NLP has not labelled them; whose name is asked. How the line is put
(a question, a request, its manner) is `how_asked`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..scenario.schema import SLOT_OF_ACT, Detail, Scenario
from .how_asked import has_phrase, question_like, request_like
from .lines import pronouns
from .reasoning import BUILDING_COUNT, PULSE, WHO_HURT

# Words that ask for one of the newer slots when the NLP has not labelled the act.
SLOT_WORDS: dict[str, tuple[str, ...]] = {
    "medical_history": (
        "medical history",
        "medical problem",
        "medical condition",
        "health problem",
        "heart history",
        "heart problem",
        "heart condition",
        "history of",
        "diabetic",
        "conditions",
        "any history",
        "been sick",
        "seizure disorder",
    ),
    "medications": ("medication", "medicine", "meds", "pills", "prescription", "blood thinner", "insulin"),
    "allergies": ("allergic", "allergy", "allergies"),
    "callback": (
        "name and number",
        "phone number",
        "callback number",
        "call back number",
        "number you're calling",
        "number to reach you",
        "best number",
    ),
    "location_inside": (
        "which room",
        "what room",
        "which floor",
        "what floor",
        "where in the house",
        "where in the building",
        "where inside",
        "what part of the house",
        "upstairs or downstairs",
        "which bedroom",
        "where in the apartment",
        "where is he in",
        "where is she in",
        "where are you in",
    ),
    "suspect_direction": (
        "which way",
        "what direction",
        "which direction",
        "where did he go",
        "where did she go",
        "where did they go",
        "headed",
        "heading",
        "took off",
        "on foot",
        "did he leave",
        "did she leave",
        "did they leave",
        "is he still there",
        "is she still there",
        "are they still there",
        "still in the house",
        "still downstairs",
        "still upstairs",
        "still outside",
        "still in there",
    ),
}

# When the NLP found no act at all, the plain words of a question still ask for these.
FALLBACK_WORDS: dict[str, tuple[str, ...]] = {
    "address": (
        "address",
        "adress",
        "addres",
        "where do you live",
        "where are you",
        "what street",
        "location",
        "where is this",
        "where's this",
        "whats the address",
    ),
    "callback": ("callback", "call back", "phone number", "number you're calling", "your number", "cell number"),
    "what_happened": (
        "what happened",
        "what's going on",
        "whats going on",
        "what is going on",
        "what's happening",
        "whats happening",
        "what's the emergency",
        "whats your emergency",
        "what's your emergency",
    ),
    "conscious": ("awake", "conscious", "responsive", "responding"),
    "breathing": ("breathing", "breathe"),
    "age": ("how old",),
    "name": ("your name", "who am i speaking", "who's calling", "whats ur name"),
    "weapons": ("weapon", "gun", "knife", "armed"),
    "people_count": (
        "how many people",
        "anyone else",
        "anybody else",
        "who's inside",
        "who is inside",
        "who's still",
        "who is still",
        "anyone inside",
        "anybody inside",
        "who's in there",
        "who is in there",
        "grown-up",
        "grown up",
        "an adult",
        "anyone with you",
        "anybody with you",
        "someone with you",
    ),
    "hazards": ("dangerous", "hazard", "danger"),
    "injuries": ("hurt", "injured", "injury", "bleeding", "wounded"),
    "timing": ("what time", "how long ago", "when did"),
    "vehicles": (
        "vehicle",
        "license plate",
        "what car",
        "kind of car",
        "color is the car",
        "colour is the car",
        "a car",
        "any car",
        "cars",
    ),
    "drugs": ("drugs", "alcohol", "drinking", "overdose"),
    "caller_safety": ("are you safe", "you safe", "are you okay", "are you ok"),
    "suspect": ("look like", "describe him", "describe her", "who did this", "suspect"),
}
# A medicine named as what someone is allergic to ("allergic to any medications?", "any drug
# allergies?") asks for allergies, not for the medicines taken.
_ALLERGY_OBJECT = re.compile(
    r"\ballerg(?:ic|y|ies) to (?:any |a |some |his |her |their )?(?:\w+ )?"
    r"(?:medications?|medicines?|meds|drugs|pills|prescriptions?)\b"
    r"|\b(?:medication|medicine|med|drug|pill|prescription)s? allerg(?:y|ies)\b"
)


# "Can you talk?" to a caller who can only whisper asks whether it is safe to speak.
_CAN_YOU_TALK = re.compile(r"\b(?:can|are) you (?:able to )?(?:talk|speak)\b", re.I)


# A name asked of someone other than the caller: "what's his name?", "your husband's name?",
# "what's the guy called?".
OTHER_NAME = re.compile(
    r"\b(his|her|their)(?: full| \w+)? name\b|\b[a-z]+'s (?:full )?name\b|\bname of (?:the|your) \w+"
    r"|\bwhat(?:'s| is) (?:he|she|the guy|the man|the woman|that guy) called\b",
    re.I,
)


def patient_named(scenario: Scenario, text: str, forms: dict[str, str] | None = None) -> bool:
    """The line asks the name of the patient, who is not the caller (a pronoun, when it has
    one, that fits the patient)."""
    m = OTHER_NAME.search(text)
    p = scenario.facts.patients[0] if scenario.facts.patients else None
    if m is None or p is None or not p.name or scenario.caller.party == "first":
        return False
    return (m.group(1) or "").lower() in ("", (forms or pronouns(scenario))["his"])


def _suspect_named(scenario: Scenario, text: str) -> bool:
    """The line asks the name of the one who did it (not the patient's): the suspect's answer
    gives it, when the caller knows it."""
    return bool(scenario.facts.suspects) and OTHER_NAME.search(text) is not None and not patient_named(scenario, text)


# Words that show a line really asks for a slot the NLP found, next to a more specific one.
OWN_WORDS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "drugs": ("drug", "alcohol", "drinking", "drunk", "high", "overdose", "took", "taken", "using", "on anything"),
    "address": ("address", "street", "where are you", "location"),
    "suspect": ("look like", "describe", "who is", "who was", "name"),
    "hazards": ("fire", "smoke", "gas", "fuel", "hazard", "danger", "leak"),
    "weapons": ("weapon", "gun", "knife", "armed", "hammer", "bat"),
    "people_count": ("how many", "anyone else", "anybody else"),
}


@dataclass(frozen=True, slots=True)
class Asked:
    slots: tuple[tuple[str, str], ...]  # (act, slot) in the order asked
    details: tuple[Detail, ...]  # free-form details asked by act or by words


def _single_question(low: str) -> bool:
    """One question only: at most one question mark and no "... and where/what..." join."""
    return low.count("?") <= 1 and not re.search(
        r"\b(and|or|also)\s+(what|where|who|when|how|which|is|are|does|did|do|can)\b", low
    )


# The crew named in "who can let the paramedics in?" is "them" to the caller's own words.
_RESPONDERS_IN = re.compile(
    r"\blet (?:the )?(?:paramedics|medics|ambulance(?: crew)?|crews?|officers|police|cops|firefighters"
    r"|fire department|responders|emts?|ems) in\b"
)
# "How many pills are in the bottle?" counts what could be (or was) taken, not the daily medicines.
_PILL_COUNT = re.compile(r"\bhow many (?:pills|tablets|capsules)\b")
# "Where is your son right now?": where a person is (the one who did it, when there is one).
_WHERE_PERSON = re.compile(
    r"\bwhere(?:'s| is| are) (?:he|she|they|him|her|the (?:man|woman|guy|suspect|patient|intruder|shooter)"
    r"|your (?:son|daughter|husband|wife|mom|mother|mommy|dad|father|daddy|friend|brother|sister|child|baby|kid"
    r"|boyfriend|girlfriend|partner|neighbou?r|grandma|grandpa))\b(?! (?:from|born|hurt|bleeding|injured))"
)
# "Where are you in the house?": where inside, not the address.
_WHERE_INSIDE = re.compile(
    r"\bwhere\b[^?.]*\b(?:in|inside) (?:the|your|this|her|his|their) (?:house|home|apartment|building|flat)\b"
)


# "Is he on the floor or in bed?", "is she lying on the couch?": where the patient lies.
_ON_WHAT = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|and|so|now)[,.]?\s+)*(?:is|was|are) (?:he|she|they|the patient|your \w+)"
    r" (?:still |lying |sitting |laying )*(?:on|in) (?:the|a|his|her|their|your) "
    r"(?:floor|ground|bed|couch|sofa|chair|armchair|recliner|bathtub|tub|toilet|car|seat|desk)\b"
)
_WEARING = re.compile(
    r"\bwhat (?:is|was|'s) (?:he|she|they|the patient) wearing\b|\bwhat does (?:he|she|the patient) look like\b"
)
_WHERE_STANDING = re.compile(r"\bwhere (?:are|exactly are) you (?:standing|sitting|hiding|parked|waiting)\b")
_OTHERS_OK = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|and|so|now)[,.]?\s+)*(?:is|are) (?:everyone|everybody|they|all of (?:you|them)"
    r"|the (?:kids|children|students|others|people|passengers|drivers)|your (?:kids|children|family))"
    r" (?:all )?(?:okay|ok|alright|all right|safe|hurt)\b"
)
_PATIENT_OK = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|and|so|now)[,.]?\s+)*(?:is|does|can) (?:he|she|the patient|your \w+)"
    r" (?:(?:doing |feeling |look(?:ing)? )?(?:okay|ok|alright|all right)|hear (?:you|me)|respond(?:ing)? to you)\b"
)


_WITH_YOU = re.compile(
    r"\b(?:is|are) (?:he|she|they|the (?:man|woman|guy|suspect|intruder|shooter)) (?:still )?"
    r"(?:in the same room|in (?:the|that) room with you|in there with you|with you (?:right now|now))\b"
)
_THIRD_PERSON = re.compile(r"^(?:(?:ok(?:ay)?|alright|and|so|now)[,.]?\s+)*(?:is|was|does|did|can) (?:he|they)\b")
_BODY_SLOTS = ("conscious", "breathing")


def _says_people(low: str) -> bool:
    return re.search(r"\b(?:people|persons?|anyone|anybody|someone|kids|children|adults|who)\b", low) is not None


def _says_own(text: str, slot: str) -> bool:
    """The line names what the slot is about in its own words."""
    return any(has_phrase(text, w) for w in (*OWN_WORDS.get(slot, ()), *SLOT_WORDS.get(slot, ())))


def asked_for(acts: tuple[str, ...], text: str, scenario: Scenario) -> Asked:
    low = " ".join(text.lower().replace("’", "'").split())
    asks = question_like(text)
    slots: list[tuple[str, str]] = []
    for act in acts:
        slot = SLOT_OF_ACT.get(act)
        if slot is not None and all(s != slot for _, s in slots):
            slots.append((act, slot))
    # the words of what is asked about
    topic = _RESPONDERS_IN.sub("let them in", _ALLERGY_OBJECT.sub(" allergies ", low))
    topic = _PILL_COUNT.sub("how many taken", topic)
    by_act = [d for d in scenario.facts.details if any(a in acts for a in d.acts)]
    by_words = [
        d
        for d in scenario.facts.details
        if d not in by_act and asks and any(has_phrase(topic, k.lower()) for k in d.keywords)
    ]
    worded: list[tuple[str, str]] = []
    if asks and not request_like(text) and not any(a != "other" for a in acts):
        for slot, words in FALLBACK_WORDS.items():
            if all(s != slot for _, s in slots) and any(has_phrase(low, w) for w in words):
                slots.append((next(a for a, s in SLOT_OF_ACT.items() if s == slot), slot))
    if asks and not request_like(text):
        for slot, words in SLOT_WORDS.items():
            if all(s not in (slot, f"{slot}_confirm") for _, s in slots) and any(has_phrase(topic, w) for w in words):
                worded.append((next(a for a, s in SLOT_OF_ACT.items() if s == slot), slot))
    if (by_words or worded) and _single_question(low):
        # The words of a single question are more specific than a broader act read into it,
        # unless the line also says what that act asks for ("any drugs or medication?").
        slots = [(a, s) for a, s in slots if a.startswith("verify_") or _says_own(topic, s)]
    slots += worded
    if asks and _WHERE_PERSON.search(topic) and not by_words and not any(a != "other" for a in acts) and not slots:
        has_direction = "suspect_direction" in scenario.script.answers or not scenario.script.answers.get(
            "location_inside"
        )
        where = "suspect_direction" if scenario.facts.suspects and has_direction else "location_inside"
        slots.append((next(a for a, s in SLOT_OF_ACT.items() if s == where), where))
    if asks and _WHERE_INSIDE.search(topic) and not by_words:
        keep = [
            (a, s) for a, s in slots if s != "address" or has_phrase(topic, "address") or has_phrase(topic, "street")
        ]
        slots = keep + (
            [] if any(s == "location_inside" for _, s in keep) else [("ask_location_inside", "location_inside")]
        )
    if any(s == "allergies" for _, s in slots) and _ALLERGY_OBJECT.search(low):
        # "any drug allergies?": the medicines named are what he may be allergic to
        slots = [(a, s) for a, s in slots if s not in ("drugs", "medications") or _says_own(topic, s)]
    if not scenario.facts.suspects:
        # No suspect in this call: "where is she right now?" asks where the patient is.
        slots = [("ask_location_inside", "location_inside") if s == "suspect_direction" else (a, s) for a, s in slots]
        slots = [x for i, x in enumerate(slots) if x not in slots[:i]]
    if any(s == "name" for _, s in slots) and _suspect_named(scenario, low):
        slots = [("ask_suspect", "suspect") if s == "name" else (a, s) for a, s in slots]
        slots = [x for i, x in enumerate(slots) if all(s != x[1] for _, s in slots[:i])]
    if scenario.has("whisper") and _CAN_YOU_TALK.search(low) and not by_act:
        slots = [(a, s) for a, s in slots if s not in ("conscious", "caller_safety")]
        slots.insert(0, ("ask_caller_safety", "caller_safety"))
    if asks and _ON_WHAT.search(topic) and not by_words and not any(s == "location_inside" for _, s in slots):
        # "is she on the floor or in bed?": where the patient is lying, not whether awake
        slots = [(a, s) for a, s in slots if s not in ("conscious", "people_count")]
        slots.append(("ask_location_inside", "location_inside"))
    if _WHERE_STANDING.search(low) and "caller_safety" in scenario.script.answers:
        # "where are you standing?": where the caller is on the scene, not the address
        slots = [(a, s) for a, s in slots if s not in ("address", "location_inside")]
        if all(s != "caller_safety" for _, s in slots):
            slots.append(("ask_caller_safety", "caller_safety"))
    if scenario.caller.party != "first" and scenario.facts.patients and _PATIENT_OK.search(low):
        # "is he okay?", "can he hear you?": how the patient is, not how the caller is
        slots = [(a, s) for a, s in slots if s not in ("caller_safety", "hazards")]
        if not slots:
            slots.append(("ask_conscious", "conscious"))
    if asks and not slots and not by_words and _OTHERS_OK.search(low):
        # "are the kids okay?", "is everyone alright?": whether anyone is hurt, or (nobody is a
        # patient) how safe the people with the caller are
        with_caller = not scenario.facts.patients and "caller_safety" in scenario.script.answers
        slots.append(("ask_caller_safety", "caller_safety") if with_caller else ("ask_injuries", "injuries"))
    if not scenario.facts.suspects and _WEARING.search(low):
        # nobody did this: "what is she wearing?" asks about the patient, not a suspect
        slots = [(a, s) for a, s in slots if s != "suspect"]
    if scenario.facts.suspects and (
        _WITH_YOU.search(low)
        or (scenario.caller.party == "first" and _THIRD_PERSON.match(low) and any(s in _BODY_SLOTS for _, s in slots))
    ):
        # "is he still moving around?" to a caller who is the patient, "is he in the room with
        # you?": where the one who did it is now
        slots = [(a, s) for a, s in slots if s not in _BODY_SLOTS and s != "location_inside"]
        if all(s != "suspect_direction" for _, s in slots):
            slots.append(("ask_suspect_direction", "suspect_direction"))
    if PULSE.search(low) and not by_words:
        # "does he have a pulse?": not a weapon, not a fact the caller was told to check
        slots = [(a, s) for a, s in slots if s in ("breathing", "conscious") and _says_own(topic, s)]
    if WHO_HURT.search(low) and scenario.facts.patients:
        # "are you the one who got hurt?": who the patient is (`reasoning`), not the injuries
        slots = [(a, s) for a, s in slots if s not in ("injuries", "caller_safety", "what_happened")]
    if BUILDING_COUNT.search(low) and not _says_people(low):
        # "how many floors is the building?" counts floors, not the people there
        slots = [(a, s) for a, s in slots if s != "people_count"]
    # A detail that an act asks for answers for that act instead of the generic slot.
    slots = [(a, s) for a, s in slots if not any(a in d.acts for d in by_act)]
    return Asked(tuple(slots), tuple(by_act + by_words))
