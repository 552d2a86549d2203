"""The caller's own words beyond the scenario's script: acknowledgements of
statements and check-ins, clarification requests, reactions to rudeness,
interruptions, withholding and "I don't know", ways of saying an answer again,
and emotion colour (lines while following instructions are `follow_lines`). Each pool is large enough
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


def grid(heads: tuple[str, ...], tails: tuple[str, ...]) -> list[str]:
    return [f"{h}{t}" for h, t in itertools.product(heads, tails)]


# ------------------------------------------------------------------- replies
STATEMENT_ACKS = {
    STEADY: grid(
        ("Okay", "Alright", "Mm-hm", "Right", "Uh-huh"),
        (".", ", go on.", ", I understand.", ", I'm listening.", ". What else?"),
    ),
    UPSET: grid(
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
