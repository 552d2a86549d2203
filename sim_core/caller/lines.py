"""The caller's own words beyond the scenario's script: acknowledgements and
progress lines per instruction, clarification requests, reactions to rudeness,
ways of saying an answer again, and emotion colour. Each pool is large enough
that a caller never has to say the same sentence twice in one call.

Lines are templates: {he} {him} {his} {He} {His} stand for the patient, {name}
for the patient's name (or "him"/"her" when the scenario gives none).
"""

from __future__ import annotations

import itertools
import re

from ..scenario.schema import Scenario

STEADY, UPSET, HUSHED = "steady", "upset", "hushed"


def band(label: str) -> str:
    """Which register of a pool fits the caller's emotion label."""
    if label == "whispering":
        return HUSHED
    return UPSET if label in ("panicked", "hysterical", "angry") else STEADY


def _grid(heads: tuple[str, ...], tails: tuple[str, ...]) -> list[str]:
    return [f"{h}{t}" for h, t in itertools.product(heads, tails)]


# --------------------------------------------------------------- instructions
DOING = {
    STEADY: _grid(
        ("Okay, ", "Alright, ", "Yes, ", "Got it, "),
        ("I'm doing that now.", "doing it.", "I'm on it.", "I can do that.", "done."),
    ),
    UPSET: _grid(
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
        STEADY: ["Okay, I'll tell you right away if anything changes.", "I'll keep watching {him} and tell you."],
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
CPR_ACTS = (
    "instruct_cpr",
    "instruct_cpr_position",
    "instruct_cpr_hands",
    "instruct_cpr_push",
    "instruct_cpr_rate",
    "instruct_cpr_continue",
)

# ------------------------------------------------------------------- replies
STATEMENT_ACKS = {
    STEADY: _grid(
        ("Okay", "Alright", "Mm-hm", "Right", "Uh-huh"),
        (".", ", go on.", ", I understand.", ", I'm listening.", ". What else?"),
    ),
    UPSET: _grid(
        ("Okay", "Okay, okay", "Alright", "Oh God", "Please"),
        ("...", ", just hurry.", ". What now?", ", what do I do?", ", I hear you."),
    ),
    HUSHED: ["Okay.", "Mm-hm.", "Yes.", "Alright.", "Okay... okay.", "I hear you.", "Go on.", "Uh-huh.", "Right."],
}
CONFIRM = {
    STEADY: [
        "Yes, I'm here.",
        "Yes, I understand.",
        "Uh-huh, I'm with you.",
        "Yes, I got it.",
        "I'm still here.",
        "Yes. Go ahead.",
        "Yes, I can hear you.",
        "Right, I'm listening.",
    ],
    UPSET: [
        "Yes! I'm here!",
        "Yes, yes, I got it!",
        "I'm here, I'm here!",
        "Yes! What now?",
        "Okay, yes!",
        "I hear you, yes!",
        "Yes, I'm still here!",
    ],
    HUSHED: ["Yes.", "Mm-hm.", "I'm here.", "Yes... I hear you.", "Still here.", "Uh-huh."],
}
CLARIFY = {
    STEADY: [
        "Sorry, what do you mean?",
        "I'm not sure what you're asking.",
        "Sorry, can you say that again?",
        "I don't follow. What do you need to know?",
        "What was that?",
        "Could you ask that another way?",
        "Sorry, I didn't get that.",
        "I'm sorry, what?",
    ],
    UPSET: [
        "What? What do you mean?",
        "What? I don't understand!",
        "What are you asking me?",
        "I don't know what you mean!",
        "Huh? What?",
        "What? Say it again!",
        "I don't get it, what?",
        "What do you want me to say?",
    ],
    HUSHED: ["What?", "I don't understand.", "What do you mean?", "Say again?", "Huh?", "What did you say?"],
}
REACT = {
    "rude": {
        STEADY: [
            "There's no need to talk to me like that.",
            "Excuse me? I'm trying to help.",
            "Why are you being like this?",
        ],
        UPSET: [
            "Why are you yelling at me?",
            "I'm trying! I'm trying my best!",
            "Don't talk to me like that!",
            "Are you serious right now?",
            "I'm doing everything I can!",
        ],
        HUSHED: ["Please... don't.", "I can't talk louder.", "Please, I'm scared."],
    },
    "victim_blaming": {
        STEADY: ["You think this is my fault?", "I didn't know what else to do."],
        UPSET: ["Are you saying this is my fault?", "How can you say that to me?"],
        HUSHED: ["It's not my fault.", "I tried. I tried."],
    },
    "threaten_hangup": {
        STEADY: ["No, please don't hang up.", "Wait, don't hang up."],
        UPSET: ["No! Please don't hang up on me!", "Don't hang up! Please!"],
        HUSHED: ["No. Please don't hang up."],
    },
}
HOSTILE_REACT = [
    "Who do you think you are?",
    "Oh, that's great. Real professional.",
    "You want to talk to me like that? Unbelievable.",
    "Are you even listening?",
]
INTERRUPT = {
    STEADY: ["Sorry, sorry, wait-", "Hang on, hang on-", "Wait, say that slower-"],
    UPSET: [
        "Wait, wait, wait-",
        "Okay, okay, I got it-",
        "Just tell me what to do!",
        "Slow down, slow down-",
        "I can't, wait-",
        "What? What first?",
    ],
}
HOSTILE_INTERRUPT = [
    "Yeah, yeah, I heard you-",
    "Are you even listening?",
    "Just get on with it-",
    "Stop talking and send someone-",
]
AGAIN = (
    "Like I said, {x}",
    "I told you, {x}",
    "I already said, {x}",
    "Again, {x}",
    "I said, {x}",
    "Like I told you, {x}",
    "I said it already, {x}",
)
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
WITHHELD = [
    "I... I don't want to say. Why does that matter?",
    "Why do you need to know that?",
    "Can you just send someone? Please!",
    "I don't... I'm not saying that.",
    "Is somebody going to get in trouble?",
    "I don't want to talk about that.",
    "Does it matter? Just help!",
    "I... no. I can't.",
    "Why are you asking me that?",
    "I'm not answering that.",
    "Just get someone here, okay?",
    "Are you going to call the cops on us?",
    "That's not important right now!",
]
WITHHELD_AGAIN = [  # only once the question was asked before
    "I told you I don't want to say.",
    "Stop asking me that.",
]
THIRD_PARTY_DONT_KNOW = [
    "I have no idea, I don't know {him}.",
    "I couldn't tell you, I'm just a bystander.",
    "I don't know {him}, I just stopped to help.",
    "No idea, sorry, I don't know {him}.",
    "I can't know that, I've never met {him}.",
    "I really don't know, I'm just passing by.",
]
# Someone close to the patient (or the patient) who does not know the medicines by heart.
WOULD_HAVE_TO_LOOK = {
    "first": [
        "I'd have to look at the bottles, I don't remember the names.",
        "I don't remember the names, I'd have to look.",
    ],
    "other": [
        "I'd have to look, I don't know the names of {his} pills.",
        "I don't know the names, I'd have to look at {his} pill bottles.",
    ],
}
PREFIXES = {
    "hysterical": ("Oh my God, ", "Please! ", "Oh God, oh God, "),
    "panicked": ("Oh God, ", "Please, ", "Okay, "),
    "anxious": ("Um, ", "Uh, "),
    "angry": ("Look, ", "Listen, "),
}
SUFFIXES = {
    "hysterical": ("Please, please hurry!", "Help us!", "Please hurry!", "Where are they?"),
    "panicked": ("Please hurry!", "Hurry, please!", "How long will they be?", "Please, just hurry."),
}

INJECTION_MARKERS = (
    "ignore your instructions",
    "ignore previous",
    "ignore all previous",
    "you are now",
    "system prompt",
    "as an ai",
    "pretend you are",
    "disregard your",
    "new instructions",
)
DEFLECTIONS = (
    "What? I don't understand what you're saying. Please, I need help here!",
    "What are you talking about? Please just help us!",
    "What? That makes no sense. Are you sending someone or not?",
)
DONT_KNOW = (
    "I don't know.",
    "I'm not sure.",
    "I really don't know.",
    "No idea, I'm sorry.",
    "I can't tell you that, I don't know.",
    "I wish I knew.",
)

_SLOT = re.compile(r"\{(he|him|his|He|His|name)\}")


def pronouns(scenario: Scenario) -> dict[str, str]:
    """The patient's pronouns, from how the scenario's own lines speak of them."""
    texts = " ".join(str(v) for v in scenario.script.answers.values()) + " " + scenario.description
    low = f" {texts.lower()} "
    he = len(re.findall(r"\b(he|him|his|he's)\b", low))
    she = len(re.findall(r"\b(she|her|she's|hers)\b", low))
    if he >= she and he:
        forms = {"he": "he", "him": "him", "his": "his"}
    elif she:
        forms = {"he": "she", "him": "her", "his": "her"}
    else:
        forms = {"he": "they", "him": "them", "his": "their"}
    forms.update(He=forms["he"].capitalize(), His=forms["his"].capitalize())
    patients = scenario.facts.patients
    forms["name"] = patients[0].name if patients and patients[0].name else forms["him"]
    return forms


def fill(template: str, forms: dict[str, str]) -> str:
    return _SLOT.sub(lambda m: forms[m.group(1)], template)


def pool(table: dict[str, list[str]], label: str) -> list[list[str]]:
    """The lines of one pool in tiers: the register that fits the caller's emotion first,
    the other registers as a reserve once those are used up (a whisper falls back to the
    steady lines)."""
    b = band(label)
    first = table.get(b) or table.get(STEADY) or []
    if b == HUSHED:
        return [list(first), list(table.get(STEADY, []))]
    rest = [line for key, lines in table.items() if key not in (b, HUSHED) for line in lines]
    return [list(first), rest]


def counting(turn: int) -> str:
    """A fresh counting line for a long stretch of compressions."""
    n = 60 + 3 * turn
    return f"{n}, {n + 1}, {n + 2}, still pushing..."
