"""What a caller says to a clear question the scenario does not script, to a
signal set up for a caller who cannot talk, and to a call-taker asking a child
for a grown-up. A person answers what they can see or know, so each answer is
derived from the scenario's truth (the patient's breathing, consciousness and
injuries, who the caller is, where the call is from), or is an in-character
"I don't know" / "I can't tell from here".

The boundary between a question the caller reasons about and one it asks to
have put again (a clarify) is deliberately narrow:

* the line must be put as a question (a question mark, or it opens with a
  question word or an auxiliary verb), and
* its topic must be one a caller can place in the scene: whether the patient
  can walk or stand, the colour of the patient's lips or skin, a pulse, whether
  the caller is the one who is hurt, how big the building is, or a yes/no or
  wh- question whose subject is the patient ("is she still moving?", "is her
  skin clammy?") or, for a caller who is the patient, herself ("are you
  dizzy?").

The answer is, in this order: what the script already says about it (a sign
the caller described, "he's sweating like crazy", said again for "is his skin
clammy?"); what follows from the truth (blue lips when he is not breathing, no
walking when he is not awake or cannot stand, "no, not me, it's my husband");
and otherwise "I can't tell" for what would have to be seen, "I don't know"
for the rest. Nothing here invents a fact the scenario does not hold.

Anything else stays a clarify: words the caller cannot place ("blorp the
fizzwidget?"), and questions about something that is not in the caller's scene
("what school is this?" to a homeowner, "does the neighbour have a key?" when
the scenario knows of no neighbour). A caller cannot reason about what it
cannot place; asking to hear it again is what a person would do.

Signals: a whispering caller told "tap the phone if you can't talk", "cough
once for yes" or "just answer yes or no" acknowledges the way the scenario
allows (a tap when its lines tap, else a whispered "okay" or a cough), and
from then on a yes/no question whose answer says yes or no (in its first word,
or by the truth of the fact asked: injuries, weapons, hazards...) is answered
that way. A child asked for a grown-up goes to get one only when the
scenario's people include an adult who is not the patient; otherwise says who
is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..scenario.schema import Patient, Scenario
from ..sentence_split import split_sentences
from .truth import CHILD_UNDER

# ------------------------------------------------------------------ topics
_MOBILITY = re.compile(
    r"\b(?:walk|stand(?: up)?|get up|sit up|get (?:him|her|them)self up|move (?:his|her|their|your) (?:legs?|arms?)"
    r"|move at all|get to the door|get outside|get out on (?:his|her|their|your) own)\b"
)
_COLOUR = re.compile(
    r"\b(?:lips?|skin|face|fingers?|fingertips|nails?)\b[^?.]*\b(?:colou?r|blue|grey|gray|pale|purple|pink|white)\b"
    r"|\b(?:colou?r|blue|grey|gray|pale|purple)\b[^?.]*\b(?:lips?|skin|face|fingers?|fingertips|nails?)\b"
    r"|\b(?:turning|going|look(?:ing)?) (?:blue|grey|gray|pale|purple)\b"
    r"|\bwhat does (?:he|she|they|the patient) look like\b"
)
WHO_HURT = re.compile(
    r"\bare you the (?:one|person|patient|victim)\b|\b(?:is|was) (?:it|that) you (?:who|that)\b"
    r"|\bare you the one (?:who|that)\b|\bis the patient you\b|\bare you calling (?:for|about) yourself\b"
)
_BUILDING = re.compile(
    r"\bhow (?:many|tall)\b[^?.]*\b(?:floors?|stor(?:e)?ys?|levels?|flights?)\b"
    r"|\bhow (?:big|tall|large) is (?:the|your|this|that) (?:building|house|home|place)\b"
    r"|\bwhat kind of (?:building|house|place)\b"
)
BUILDING_COUNT = re.compile(r"\bhow many (?:floors?|stor(?:e)?ys?|levels?|flights?|rooms|bedrooms|windows|doors)\b")
_SIGHT = re.compile(
    r"\b(?:look|looks|looking|see|seem|seems|colou?r|moving|move|doing|wearing|eyes|pupils|sweat\w*|shak\w*"
    r"|twitch\w*|cold|warm|hot|clammy|face)\b"
)
_BODY = re.compile(
    r"\b(?:sweat\w*|dizzy|nause\w*|sick|numb\w*|tingl\w*|pain|hurt\w*|ache|aching|bleed\w*|feel\w*|cold|hot"
    r"|short of breath|tired|sleepy|weak)\b"
)
_Q_OPEN = (
    r"^(?:(?:ok(?:ay)?|alright|and|so|now|sir|ma'?am|um|uh)[,.]?\s+)*"
    r"(?:(?:is|was|are|were|does|did|do|can|could|has|have|will|would)\s+{subj}\b"
    r"|(?:what|how|why|where|when)\b[^?.]*\b(?:is|was|does|did|can|could|has|are)\s+{subj}\b)"
)
_Q_ANY = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|and|so|now|sir|ma'?am|um|uh)[,.]?\s+)*"
    r"(?:what|whats|what's|how|hows|how's|why|where|when|which|who|is|was|are|were|does|did|do|can|could|has|have"
    r"|will|would)\b"
)

# ----------------------------------------------------------------- signals
_SIGNAL = re.compile(
    r"\b(?:tap|knock|press|push|hit)\b[^.?!]*\b(?:phone|button|key|screen|once|twice|two times|for yes|for no)\b"
    r"|\btap (?:once|twice)\b|\b(?:cough|hum|click|knock|tap)(?: once| twice)? (?:for|if)\b"
    r"|\bmake (?:a|any) (?:noise|sound)\b|\bclear your throat\b"
    r"|\b(?:just )?(?:answer|say|tell me)(?: me)? (?:with )?(?:yes or no|yes/no|yes and no)\b"
    r"|\byes or no questions?\b|\bif you can'?t (?:talk|speak)\b"
)
_TAP_WORDS = re.compile(r"\b(?:tap|knock|press|push|hit|button|key)\b")
_COUGH = re.compile(r"\b(?:cough|clear your throat|hum)\b")

# ---------------------------------------------------------------- grown-up
_ADULT_ASK = re.compile(
    r"\b(?:put|get|give the phone to|hand the phone to|let me (?:talk|speak) to|go get|go and get|fetch)"
    r" (?:a|an|any|your|the)? ?(?:grown[- ]?up|adult|parent|mom|mommy|mum|mummy|dad|daddy|older person)s?\b"
    r"|\b(?:is|are) (?:there )?(?:a|an|any)? ?(?:grown[- ]?up|adult|older person)s? (?:there|home|with you|around|nearby)\b"
    r"|\bany (?:grown[- ]?ups?|adults?) (?:there|home|with you|around)\b"
    r"|\b(?:go |run |)(?:get|find|fetch) (?:someone|somebody|anyone|anybody)\b"
)
_ADULT_WORDS = re.compile(
    r"\b(mommy|mummy|mom|mum|mother|daddy|dad|father|grandma|granny|grandpa|grandad|aunt|auntie|uncle|nanny"
    r"|babysitter|neighbou?r|stepdad|stepmom|adult|grown[- ]?up)\b"
)
_CHILD_WORD = {"mother": "Mommy", "father": "Daddy", "grandmother": "Grandma", "grandfather": "Grandpa"}
_CLOSE = (
    "husband",
    "wife",
    "mother",
    "father",
    "son",
    "daughter",
    "friend",
    "coworker",
    "brother",
    "sister",
    "partner",
)
_MOBILITY_LIMITS = (
    "cannot stand",
    "can't stand",
    "can't get up",
    "cannot get up",
    "unable to get up",
    "can't move",
    "cannot move",
    "trapped",
    "pinned",
    "paraly",
    "weak",
    "hip",
    "broken leg",
    "leg",
    "thigh",
    "knee",
    "ankle",
    "foot",
    "pelvis",
    "spine",
    "back injury",
)


@dataclass(frozen=True, slots=True)
class Reasoned:
    topic: str  # mobility, colour, who, building, patient, signal, adult
    lines: tuple[str, ...]  # candidates, best first
    truth: str | None = None  # the fact the lines say (None for "I don't know")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _patient(sc: Scenario) -> Patient | None:
    return sc.facts.patients[0] if sc.facts.patients else None


def child_caller(sc: Scenario) -> bool:
    return sc.caller.age is not None and sc.caller.age < CHILD_UNDER


def patient_ref(sc: Scenario, *, start: bool = False) -> str:
    """How the caller speaks of the patient: "Mommy", "my husband, Robert", "the van driver"."""
    p = _patient(sc)
    if p is None:
        return "nobody"
    if child_caller(sc) and p.label in _CHILD_WORD:
        return _CHILD_WORD[p.label]
    if p.label in _CLOSE or sc.caller.party == "second":
        ref = f"my {p.label}" + (f", {p.name}" if p.name else "")
    else:
        ref = f"the {p.label}" + (f", {p.name}" if p.name else "")
    return ref[0].upper() + ref[1:] if start else ref


def _first(sc: Scenario) -> bool:
    return sc.caller.party == "first"


def _awake(sc: Scenario, now: dict[str, object]) -> bool | None:
    c = now.get("conscious")
    return None if c is None else bool(c)


def _mobility(sc: Scenario, now: dict[str, object], forms: dict[str, str]) -> Reasoned:
    p = _patient(sc)
    he, He, him = forms["he"], forms["He"], forms["him"]
    limits = " ".join([*(p.injuries if p else []), sc.facts.chief_complaint]).lower()
    limited = any(w in limits for w in _MOBILITY_LIMITS)
    if _first(sc):
        if limited:
            return Reasoned(
                "mobility", ("No, I can't get up. I've tried.", "No, I can't stand on it."), "the caller cannot get up"
            )
        return Reasoned(
            "mobility", ("I think I could, but I'd rather stay put.", "I could, I think. I haven't tried."), None
        )
    if _awake(sc, now) is False or now.get("breathing") in ("agonal", "none"):
        return Reasoned(
            "mobility",
            (f"No! {He}'s not awake, {he} can't do anything.", f"No, {he} isn't moving at all."),
            f"{he} is not awake",
        )
    if limited:
        return Reasoned(
            "mobility",
            (f"No, {he} can't get up.", f"No, I don't think {he} can stand."),
            f"{he} cannot get up",
        )
    if now.get("breathing") == "abnormal":
        return Reasoned(
            "mobility",
            (
                f"I don't want {him} walking, {he} can hardly breathe.",
                f"{He} can barely breathe, I'm not making {him} walk.",
            ),
            f"{he} is struggling to breathe",
        )
    return Reasoned(
        "mobility",
        (f"I think so, but I haven't made {him} try.", f"Maybe, I haven't tried to get {him} up."),
        None,
    )


def _colour(sc: Scenario, now: dict[str, object], forms: dict[str, str]) -> Reasoned:
    if _first(sc):
        return Reasoned("colour", ("I can't see my own face.", "I can't see myself, I don't know."), None)
    his, He = forms["his"], forms["He"]
    breathing = now.get("breathing")
    if breathing in ("agonal", "none"):
        return Reasoned(
            "colour",
            (f"{his.capitalize()} lips are going blue. {He}'s grey.", f"Blue. {his.capitalize()} lips look blue."),
            "lips turning blue",
        )
    if breathing == "abnormal":
        return Reasoned(
            "colour",
            (f"{He}'s pale. Maybe a bit blue around the lips.", f"Kind of pale, a little bluish around {his} mouth."),
            "pale, a little blue around the lips",
        )
    if breathing == "normal":
        return Reasoned(
            "colour",
            (f"{his.capitalize()} colour looks normal to me.", f"Normal, I think. {He}'s not blue."),
            "normal colour",
        )
    return Reasoned("colour", ("I can't tell from here.", "I can't really see."), None)


def _who(sc: Scenario) -> Reasoned:
    if _first(sc):
        return Reasoned("who", ("Yes, it's me.", "Yes, that's me."), "the caller is the patient")
    ref = patient_ref(sc)
    if _patient(sc) is None:
        return Reasoned("who", ("No, not me.", "No, I'm fine."), None)
    return Reasoned("who", (f"No, not me. It's {ref}.", f"No, I'm okay. It's {ref}."), f"the patient is {ref}")


def _building(sc: Scenario) -> Reasoned:
    addr = sc.location.full.lower()
    if re.search(r"\b(?:apt|apartment|unit|suite|floor|flat)\b", addr):
        return Reasoned(
            "building",
            ("It's an apartment building. I'm not sure how many floors.", "I've never counted the floors."),
            None,
        )
    if re.search(r"\b(?:house|home|cottage|bungalow)\b", f"{sc.description} {' '.join(sc.location.landmarks)}".lower()):
        return Reasoned("building", ("It's a house, not a big building.", "It's just a house."), "a house")
    return Reasoned("building", ("I don't know, I'm not sure.", "I couldn't tell you."), None)


def _about_patient(sc: Scenario, low: str, forms: dict[str, str]) -> bool:
    """A question whose subject is the patient (not the caller): "is she still moving?", "is
    her skin cold?" (any he/she/they: a call-taker who gets the patient's pronoun wrong still
    asks about the patient)."""
    p = _patient(sc)
    if p is None or _first(sc):
        return False
    subj = [r"(?:he|she|they)", r"(?:his|her|their) \w+"]
    if p.name:
        subj.append(re.escape(p.name.lower()))
    if p.label:
        subj.append(r"(?:your|the) " + re.escape(p.label.lower()))
    return re.search(_Q_OPEN.format(subj="(?:" + "|".join(subj) + ")"), low) is not None


def _scene_lines(sc: Scenario) -> list[str]:
    """The sentences the caller has to say about the scene: her script's answers and openings."""
    texts = [*sc.script.opening]
    for line in sc.script.answers.values():
        texts.append(line if isinstance(line, str) else line.get("default", ""))
    return [x for t in texts for x in split_sentences(t) if x]


def _scene_says(sc: Scenario, words: list[str], forms: dict[str, str]) -> str | None:
    """A sentence of the script that already says what the question asks about (the word
    sweaty, pale, arm... in the caller's own words), as the answer's truth."""
    p = _patient(sc)
    names = [forms["he"], forms["him"], forms["his"], *([p.name] if p and p.name else [])]
    for other in sc.facts.patients:  # "the driver", "they're both ..."
        names += [*([other.name] if other.name else []), *other.label.split()[-1:]]
    if len(sc.facts.patients) > 1:
        names += ["they", "they're", "both"]
    if _first(sc):
        names = ["i", "i'm", "my", "me"]
    who = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)
    for word in words:
        rx = re.compile(rf"\b{re.escape(word)}\w*", re.I)
        hit = next((x for x in _scene_lines(sc) if rx.search(x) and "?" not in x and who.search(x)), None)
        if hit:  # the clause that says it, when the sentence runs on ("..., he's sweating, ...")
            clauses = re.split(r",\s+", hit)
            clause = next((c for c in clauses if rx.search(c) and who.search(c) and len(c.split()) >= 3), hit)
            clause = clause.strip(" .!")
            return clause[0].upper() + clause[1:] + "."
    return None


_ASKED_WORDS = re.compile(
    r"\b(sweat|clammy|pale|cold|warm|hot|shak|seiz|vomit|throw|sick|arm|leg|face|drool|droop|slur|eyes"
    r"|pupil|bleed|blood|swell|rash|itch|confus|dizz)\w*"
)
_SAME = {"clammy": ("sweat",), "sweat": ("clammy",), "pale": ("grey", "gray", "white"), "throw": ("vomit",)}
_SAME |= {"vomit": ("throw", "sick"), "shak": ("shiver", "trembl"), "droop": ("drool",), "slur": ("mumbl",)}


def _asked_words(low: str) -> list[str]:
    """The words of a question that the script may already say, with words for the same sign."""
    found = [m.group(1) for m in _ASKED_WORDS.finditer(low)]
    return [*found, *(w for f in found for w in _SAME.get(f, ()))]


PULSE = re.compile(r"\b(?:pulse|heartbeat|heart beat|heart rate)\b")
_CLOTHES = re.compile(r"\bwhat (?:is|was|'s) (?:he|she|they|the patient) wearing\b|\bwearing\b")


def _pulse(sc: Scenario, now: dict[str, object], forms: dict[str, str]) -> Reasoned:
    he, He = forms["he"], forms["He"]
    if now.get("breathing") in ("agonal", "none"):
        return Reasoned(
            "pulse",
            (
                f"I can't find one! I don't know how, {he}'s not breathing right!",
                "I can't feel anything, I don't know.",
            ),
            None,
        )
    if now.get("breathing") in ("normal", "abnormal"):
        return Reasoned(
            "pulse",
            (f"I don't know how to check that. {He}'s breathing, though.", "I don't know how to feel for it."),
            None,
        )
    return Reasoned("pulse", ("I don't know how to check that.", "I don't know how."), None)


def reasoned_answer(sc: Scenario, text: str, now: dict[str, object], forms: dict[str, str]) -> Reasoned | None:
    """The caller's reasoned answer to a clear question the scenario does not script, or None
    when the line is not a clear question about something the caller can place."""
    low = _norm(text)
    if not ("?" in low or _Q_ANY.match(low)):
        return None
    if WHO_HURT.search(low):
        return _who(sc)
    if _BUILDING.search(low):
        return _building(sc)
    if PULSE.search(low) and _patient(sc) is not None and not _first(sc):
        return _pulse(sc, now, forms)
    if _COLOUR.search(low) and _patient(sc) is not None:
        return _colour(sc, now, forms)
    if _MOBILITY.search(low) and _patient(sc) is not None:
        said = _scene_says(sc, [*_asked_words(low), "walk", "stand", "get up"], forms)
        return Reasoned("mobility", (said,), said) if said else _mobility(sc, now, forms)
    if _first(sc) and re.search(_Q_OPEN.format(subj="you"), low) and (_SIGHT.search(low) or _BODY.search(low)):
        return Reasoned("self", ("I'm not sure.", "I don't really know.", "I can't say, I don't know."))
    if _about_patient(sc, low, forms) or (_first(sc) and re.search(_Q_OPEN.format(subj="you"), low)):
        said = _scene_says(sc, _asked_words(low), forms)
        if said:  # the script already says it: said again as the answer
            return Reasoned("scene", (said,), said)
        if _CLOTHES.search(low):
            return Reasoned("clothes", ("I didn't notice. Why?", "I don't know, I wasn't looking at that."), None)
    if _about_patient(sc, low, forms):
        if _SIGHT.search(low):
            far = sc.caller.party == "third"
            return Reasoned(
                "patient",
                (
                    "I can't tell from here." if far else "I can't tell.",
                    "I can't really tell.",
                    "I'm not sure, I can't tell.",
                ),
            )
        return Reasoned("patient", ("I don't know.", "I'm not sure.", "I really don't know."))
    return None


# ----------------------------------------------------------------- signals
def signal_setup(text: str) -> str | None:
    """The call-taker sets up a way to answer without talking: 'tap', 'cough' or 'yesno'."""
    low = _norm(text)
    if not _SIGNAL.search(low):
        return None
    if _TAP_WORDS.search(low):
        return "tap"
    if _COUGH.search(low):
        return "cough"
    return "yesno"


def taps(sc: Scenario) -> bool:
    """The scenario's caller answers by tapping the phone."""
    said = (
        " ".join(str(v) for v in sc.script.answers.values())
        + " "
        + " ".join(str(v) for v in sc.script.follows.values())
    )
    return "*tap" in said


def signal_ack(sc: Scenario, kind: str) -> tuple[str, ...]:
    """How a caller who cannot talk says 'I'm here, I understand' in the way the scenario allows."""
    if taps(sc):
        return ("*tap*", "*tap* ...", "*a single tap*")
    if kind == "cough":
        return ("*a soft cough*", "*one quiet cough*", "...okay.")
    return ("...okay.", "*whispering* okay.", "...mm-hm.", "...yes.")


_NO = re.compile(r"^\W*(?:no\b|nope\b|nothing\b|not\b|nobody\b|none\b|never\b|\*tap tap\*)", re.I)
_YES = re.compile(r"^\W*(?:yes\b|yeah\b|yep\b|uh-huh\b|mm-hm\b|\*tap\*(?! tap))", re.I)
_YES_NO_Q = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|and|so|now|sir|ma'?am)[,.]?\s+)*"
    r"(?:is|was|are|were|does|did|do|can|could|has|have|will|would)\b"
)


def polarity(line: str) -> bool | None:
    """Whether an answer says yes (True) or no (False), when it opens with one."""
    if _NO.match(line):
        return False
    if _YES.match(line):
        return True
    return None


def slot_yes(sc: Scenario, slot: str | None, now: dict[str, object]) -> bool | None:
    """Whether the truth of a fact says yes to a yes/no question about it ("are you hurt?")."""
    f, p = sc.facts, _patient(sc)
    if slot == "injuries" and p is not None:
        return bool(p.injuries)
    if slot in ("weapons", "hazards", "drugs", "vehicles"):
        return bool(getattr(f, slot))
    if slot == "conscious" and now.get("conscious") is not None:
        return bool(now["conscious"])
    if slot == "breathing" and now.get("breathing") in ("normal", "abnormal", "none"):
        return now["breathing"] != "none"
    return None


def in_signal(sc: Scenario, kind: str, question: str, line: str, yes_by_truth: bool | None = None) -> tuple[str, ...]:
    """A yes/no answer said the way the call-taker set up (taps, a cough, a bare whispered
    word), in the ways it can be said; none when the question is not yes/no or the answer does
    not open with yes or no."""
    if not _YES_NO_Q.match(_norm(question)):
        return ()
    yes = polarity(line)
    yes = yes_by_truth if yes is None else yes
    if yes is None or "*tap" in line:  # not a yes/no answer, or already said that way
        return ()
    if taps(sc) or kind == "tap":
        return ("*tap*",) if yes else ("*tap tap*",)
    if kind == "cough":
        return ("*one soft cough*",) if yes else ("*two soft coughs*",)
    words = (
        ("...yes.", "*whispering* yes.", "...yeah.", "Mm-hm... yes.")
        if yes
        else ("...no.", "*whispering* no.", "No... no.")
    )
    rest = split_sentences(re.sub(r"^\W*(?:yes|yeah|yep|no|nope)\b[.,!]*\s*", "", line, flags=re.I))
    rest = [r for r in rest if polarity(r) is None]
    return tuple(f"{w} {rest[0]}" if rest else w for w in words)


# ---------------------------------------------------------------- grown-up
def asks_for_adult(text: str) -> bool:
    return _ADULT_ASK.search(_norm(text)) is not None


def adult_answer(sc: Scenario, now: dict[str, object], forms: dict[str, str]) -> Reasoned:
    """A child asked for a grown-up: goes to get one only when the scenario has an adult there
    who is not the patient; otherwise says who is there."""
    p = _patient(sc)
    names: set[str] = set()
    if p is not None:
        names = {w for w in (p.name or "", p.label, _CHILD_WORD.get(p.label, "")) if w}
        names = {w.lower() for w in names}
    if p is not None and p.label == "mother":
        names |= {"mommy", "mom", "mum", "mummy", "mother"}
    if p is not None and p.label == "father":
        names |= {"daddy", "dad", "father"}
    people = (sc.facts.people_count or "").lower()
    others = [m.group(1) for m in _ADULT_WORDS.finditer(people) if m.group(1) not in names]
    ref = patient_ref(sc, start=True)
    if others:
        who = others[0]
        return Reasoned(
            "adult",
            (f"Okay, I'll go get my {who}. Wait!", f"Okay, wait, I'm getting my {who}."),
            f"the caller goes to get the {who}",
        )
    awake = _awake(sc, now)
    state = f" and {forms['he']} won't wake up" if awake is False else ""
    if p is not None and any(w in people for w in names):
        line = f"There's no other grown-up. Only {ref}{state}."
    else:
        line = "There's no grown-up here. Just me."
    return Reasoned(
        "adult", (line, "There's nobody else big here. Just me."), "no other adult present who can come to the phone"
    )
