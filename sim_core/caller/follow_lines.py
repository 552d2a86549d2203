"""What the caller says while doing what it is told: acknowledgements and
progress lines per instruction (the scenario's own reply comes first), the
T-CPR progress of a tiring rescuer, puzzled replies to CPR steps for a patient
who does not need them, and whether there is what an instruction would use.
A reply must do what was asked (`fits_all`). Templates as in `lines`.
"""

from __future__ import annotations

import re

from ..scenario.schema import CPR_COACHING
from .lines import HUSHED, STEADY, UPSET, grid, pool

# --------------------------------------------------------------- instructions
DOING = {
    STEADY: grid(
        ("Okay, ", "Alright, ", "Yes, ", "Got it, "),
        ("I'm doing that now.", "doing it.", "I'm on it.", "I can do that.", "done."),
    ),
    UPSET: grid(
        ("Okay, okay, ", "Okay... ", "Alright, alright, ", "Yes, yes, "),
        ("I'm doing it!", "I'm trying!", "I'm doing it now!", "I'm doing what you said!", "I did it!"),
    ),
    HUSHED: ["Okay.", "Okay. Doing it.", "Yes.", "Done.", "Alright.", "I did.", "Got it.", "Okay, okay."],
}
ACKS: dict[str, dict[str, list[str]]] = {
    "instruct_cpr": {
        STEADY: [
            "Okay, I'm pushing on {his} chest.",
            "I'm doing the compressions.",
            "I'm pushing, hard and fast, like you said.",
        ],
        UPSET: [
            "I'm pushing! I'm pushing on {his} chest!",
            "Okay, okay, I'm pushing!",
            "I'm doing it, I'm pushing down hard!",
        ],
    },
    "instruct_cpr_position": {
        STEADY: ["Okay, {he}'s on the floor, flat on {his} back.", "I got {him} onto {his} back on the floor."],
        UPSET: ["Okay, I pulled {him} down onto the floor!", "{He}'s on {his} back now, on the floor!"],
    },
    "instruct_cpr_hands": {
        STEADY: [
            "My hands are in the middle of {his} chest, one on top of the other.",
            "Heel of my hand in the centre, other hand on top. Like this?",
        ],
        UPSET: ["Like this? In the middle? Between the nipples?", "Okay, my hands are on {his} chest! Now what?"],
    },
    "instruct_cpr_push": {
        STEADY: [
            "I'm pushing down hard and letting it come back up.",
            "Pushing hard, letting {his} chest come back up.",
        ],
        UPSET: ["I'm pushing hard! It's so hard!", "Pushing! It feels like I'm hurting {him}!"],
    },
    "instruct_cpr_rate": {
        STEADY: ["One, two, three, four, five, six...", "Seven, eight, nine, ten, eleven..."],
        UPSET: ["One, two, three, four... am I going fast enough?", "Twelve, thirteen, fourteen, fifteen..."],
    },
    "instruct_aed": {
        STEADY: [
            "I don't know if there's one of those here. I'll look.",
            "Okay, I'll send someone to look for the defibrillator.",
        ],
        UPSET: ["A what? I don't have one of those!", "Where would I even find one?"],
    },
    "instruct_bleeding": {
        STEADY: ["Okay, I'm pressing a towel on it, hard.", "I'm holding pressure on it."],
        UPSET: ["I'm pressing! There's so much blood!", "Okay, I'm pushing down on it!"],
    },
    "instruct_airway": {
        STEADY: [
            "Okay, I tilted {his} head back.",
            "I'm checking {his} mouth, there's nothing in it.",
            "Okay, I rolled {him} onto {his} side.",
        ],
        UPSET: [
            "I tilted {his} head! Now what?",
            "Okay, okay, {his} head is back!",
            "{He}'s on {his} side now! Now what?",
        ],
    },
    "instruct_aspirin": {
        STEADY: ["I'll get the aspirin. Chew it, right?", "Okay, {he}'s chewing one now."],
        UPSET: ["Aspirin, okay, where's the aspirin... got it!", "{He}'s chewing it, okay!"],
    },
    "instruct_safety": {
        STEADY: ["Okay, I'll stay where it's safe.", "Alright, I'm staying back."],
        UPSET: ["Okay! I'm staying away from it!", "Okay, I'm not going near it!"],
    },
    "instruct_prepare_arrival": {
        STEADY: [
            "Okay, I'll unlock the front door.",
            "I'll turn the porch light on.",
            "Okay, I'll keep the pets out of the way.",
            "Okay, I'll send someone out to meet them.",
            "Okay, I'll get things ready for them.",
            "Okay, I'll unlock the front door and turn the porch light on.",
        ],
        UPSET: [
            "The door, okay, I'll unlock it!",
            "Okay, the light's on!",
            "The pets, okay, I'll shut them away!",
            "Okay, okay, I'll get everything ready for them!",
        ],
    },
    "instruct_report_changes": {
        STEADY: [
            "Okay, I'll tell you right away if anything changes.",
            "Okay. If anything changes, I'll say so right away.",
        ],
        UPSET: ["Okay, I'll tell you! Just hurry!", "If anything happens I'll say, okay!"],
    },
    "instruct_stay_on_line": {
        STEADY: ["I'm not going anywhere.", "Okay, I'll stay on the phone."],
        UPSET: ["Don't hang up on me! I'm staying!", "I'm here, I'm still here!"],
    },
    "dispatch_notice": {
        STEADY: ["Okay, thank you. How long will they be?", "Good. Thank you.", "Okay, I'll watch for them."],
        UPSET: ["How long? How long will they be?", "Please tell them to hurry!", "Okay... okay. Are they close?"],
    },
    "reassure": {
        STEADY: ["Okay. Thank you.", "Alright. I'm trying to stay calm.", "Okay, that helps."],
        UPSET: ["Okay... okay.", "I'm trying, I'm trying.", "I'm scared. Okay."],
    },
    "calm_control": {
        STEADY: ["Okay. I'm listening.", "Alright, I'm with you.", "Go ahead, I'm listening."],
        UPSET: [
            "Okay, okay, I'm listening!",
            "I'm listening! Tell me what to do!",
            "Okay. I'm breathing. I'm listening.",
        ],
    },
    "unsafe_instruction": {
        STEADY: ["Is that safe? I don't want to do that.", "I... I'd rather not. Is that safe?"],
        UPSET: ["What? No! I'm not doing that!", "Are you crazy? I can't go there!"],
    },
}
# What getting ready for the crew can be about: a reply may only speak of what the call-taker asked.
ARRIVAL_TOPICS = {
    "door": re.compile(r"\bdoors?\b|\bunlock|\blet (?:them|the \w+) in\b|\bkey\b", re.I),
    "light": re.compile(r"\blights?\b|\blamp\b", re.I),
    "pet": re.compile(r"\b(?:dogs?|cats?|pets?|animals?)\b", re.I),
    "meet": re.compile(r"\bmeet\b|\bwave\b|\bflag\b|\bwatch for\b|\blook out for\b", re.I),
}


# Opening an airway is either of two things: a reply that does one is no answer to the other.
AIRWAY_TOPICS = {
    "side": re.compile(r"\b(?:on|onto|to) (?:\w+ )?side\b|\broll(?:ed)?\b|\brecovery position\b", re.I),
    "tilt": re.compile(r"\btilt|\btip(?:ped)? (?:\w+ )?head\b|\bhead (?:is )?back\b|\bchin\b", re.I),
}


def fits(reply: str, said: str, topics: dict[str, re.Pattern] = ARRIVAL_TOPICS) -> bool:
    """A reply that only speaks of things the call-taker's line mentioned ("the light's on" is no
    answer to "unlock the door")."""
    return all(rx.search(said) for rx in topics.values() if rx.search(reply))


def fits_one_of(reply: str, said: str, topics: dict[str, re.Pattern]) -> bool:
    """A reply that does one of the things the call-taker named, when they named any."""
    done = [rx for rx in topics.values() if rx.search(reply)]
    told = any(rx.search(said) for rx in topics.values())
    return not done or not told or any(rx.search(said) for rx in done)


def fits_all(act: str, replies: list[str], said: str) -> bool:
    """Every phrasing of the reply does what was asked: getting ready for the crew, only the
    things asked; opening the airway, the way asked (on the side, or the head tilted back)."""
    if act == "instruct_prepare_arrival":
        return all(fits(r, said) for r in replies)
    if act == "instruct_airway":
        return all(fits_one_of(r, said, AIRWAY_TOPICS) for r in replies)
    return True


def acks(act: str, label: str, said: str) -> list[list[str]]:
    """The acknowledgements of an instruction, in tiers; for getting ready for the crew, only
    those about what the call-taker asked."""
    tiers = pool(ACKS[act], label) if act in ACKS else []
    return [[x for x in tier if fits_all(act, [x], said)] for tier in tiers]


# Once compressions are running, what the caller says when told to keep going, in the
# order a tiring rescuer would say it.
CPR_PROGRESS = [
    "Eighteen, nineteen, twenty... {he}'s still not moving.",
    "I'm doing it, {he}'s not moving!",
    "Okay. Harder. I'm pushing harder.",
    "Twenty-one, twenty-two, twenty-three... keep going, keep going.",
    "Is this working? {He}'s not waking up!",
    "Come on, {name}, come on!",
    "I'm still pushing. Are they close?",
    "Thirty-one, thirty-two... I can't stop, I won't stop.",
    "{His} face is a weird colour. I'm still pushing.",
    "My arms are getting so tired.",
    "I hear something cracking! Do I keep going?",
    "Forty, forty-one, forty-two...",
    "My wrists hurt but I'm not stopping.",
    "I'm keeping the count. Fifty, fifty-one...",
    "I'm so tired. I'm still going.",
    "Sixty, sixty-one... please, where are they?",
]
# Told to do CPR on someone who does not need it.
NO_CPR_PATIENT = [
    "CPR? But {he}'s breathing!",
    "Push on {his} chest? {He}'s awake, are you sure?",
    "{He}'s breathing, do I really need to do that?",
    "CPR? {He}'s not... {he}'s still breathing!",
    "Wait, {he}'s breathing. You want me to push on {his} chest?",
]
NO_CPR_NOBODY = [
    "CPR? On who? Nobody here needs that.",
    "What? Nobody's hurt like that here.",
    "CPR? There's nobody to do it on.",
    "I don't understand, nobody needs CPR.",
]
CPR_ACTS = CPR_COACHING

# Asked whether there is something an instruction would use ("does he have any aspirin?"):
# the caller says whether, and does nothing yet.
HAVE_IT = {
    "instruct_aspirin": {
        STEADY: [
            "I think so, I can look. Should {he} take one?",
            "I think there's some in the house. Do I give {him} one?",
        ],
        UPSET: ["I... I think so! Do I give {him} one?", "Aspirin? I think we have some! What do I do with it?"],
    },
}


def counting(turn: int) -> str:
    """A fresh counting line for a long stretch of compressions."""
    n = 60 + 3 * turn
    return f"{n}, {n + 1}, {n + 2}, still pushing..."
