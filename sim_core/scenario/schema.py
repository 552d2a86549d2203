"""The scenario schema: the ground truth of one simulated call.

A scenario is authored as one YAML file. The director reads the truth
(location, facts, events, behaviours); the scripted actor reads `script`;
scoring reads `protocol` and `cad`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Acts the trainee can perform (sim_core.nlp.ACTS is this tuple; it lives here so the
# schema validates without loading the NLP pipeline).
TRAINEE_ACTS = (
    "ask_address",
    "verify_address",
    "ask_callback",
    "verify_callback",
    "ask_what_happened",
    "ask_age",
    "ask_conscious",
    "ask_breathing",
    "ask_injuries",
    "ask_weapons",
    "ask_suspect",
    "ask_vehicle",
    "ask_hazards",
    "ask_people_count",
    "ask_caller_safety",
    "ask_name",
    "ask_time",
    "ask_drugs",
    "ask_suspect_direction",
    "ask_location_inside",
    "ask_medical_history",
    "ask_medications",
    "ask_allergies",
    "recognize_arrest",
    "instruct_cpr",
    "instruct_cpr_position",
    "instruct_cpr_hands",
    "instruct_cpr_push",
    "instruct_cpr_rate",
    "instruct_cpr_continue",
    "instruct_aed",
    "instruct_bleeding",
    "instruct_airway",
    "instruct_aspirin",
    "instruct_safety",
    "instruct_prepare_arrival",
    "instruct_report_changes",
    "instruct_stay_on_line",
    "unsafe_instruction",
    "reassure",
    "dispatch_notice",
    "calm_control",
    "rude",
    "victim_blaming",
    "threaten_hangup",
    "other",
)
# The CPR coaching acts: the umbrella and each T-CPR step (recognising the arrest is not one).
CPR_COACHING = (
    "instruct_cpr",
    "instruct_cpr_position",
    "instruct_cpr_hands",
    "instruct_cpr_push",
    "instruct_cpr_rate",
    "instruct_cpr_continue",
)
# Every act is defined, with examples, in docs/LABELS.md.
# Question acts and the answer slot each one asks for.
SLOT_OF_ACT = {
    "ask_address": "address",
    "verify_address": "address_confirm",
    "ask_callback": "callback",
    "verify_callback": "callback_confirm",
    "ask_what_happened": "what_happened",
    "ask_age": "age",
    "ask_conscious": "conscious",
    "ask_breathing": "breathing",
    "ask_injuries": "injuries",
    "ask_weapons": "weapons",
    "ask_suspect": "suspect",
    "ask_vehicle": "vehicles",
    "ask_hazards": "hazards",
    "ask_people_count": "people_count",
    "ask_caller_safety": "caller_safety",
    "ask_name": "name",
    "ask_time": "timing",
    "ask_drugs": "drugs",
    "ask_medical_history": "medical_history",
    "ask_medications": "medications",
    "ask_allergies": "allergies",
    "ask_location_inside": "location_inside",
    "ask_suspect_direction": "suspect_direction",
}
SLOTS = tuple(SLOT_OF_ACT.values())
# A scenario that names a coarse act is also satisfied by its finer acts (docs/LABELS.md): a CPR
# step is CPR coaching, the daily medicines are part of what was taken, where the suspect went is
# part of the suspect, where inside the caller is part of whether she is safe.
FINER_ACTS = {
    "instruct_cpr": (
        "instruct_cpr_position",
        "instruct_cpr_hands",
        "instruct_cpr_push",
        "instruct_cpr_rate",
        "instruct_cpr_continue",
    ),
    "ask_drugs": ("ask_medications",),
    "ask_suspect": ("ask_suspect_direction",),
    "ask_caller_safety": ("ask_location_inside",),
}


def acts_meaning(act: str) -> tuple[str, ...]:
    """The act and the finer acts that do what it asks."""
    return (act, *FINER_ACTS.get(act, ()))


INSTRUCTION_ACTS = ("instruct_cpr", "instruct_bleeding", "instruct_airway", "instruct_safety", "instruct_stay_on_line")
CATEGORIES = ("case_entry", "chief_complaint", "key_questions", "instructions", "cad_accuracy", "customer_service")


class Emotion(str, Enum):
    CALM = "calm"
    ANXIOUS = "anxious"
    PANICKED = "panicked"
    HYSTERICAL = "hysterical"
    WHISPERING = "whispering"
    ANGRY = "angry"


def _known(names: Iterable[str], allowed: tuple[str, ...], what: str) -> None:
    """Raise naming every unknown name and what the allowed ones are."""
    bad = [n for n in names if n not in allowed]
    if bad:
        raise ValueError(f"unknown {what}(s) {bad}; {what}s are {list(allowed)}")


def _known_act(v: str) -> str:
    _known([v], TRAINEE_ACTS, "trainee act")
    return v


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VoiceHints(Strict):
    pitch: float = Field(1.0, ge=0.5, le=2.0, description="relative pitch")
    rate: float = Field(1.0, ge=0.5, le=2.0, description="relative speaking rate")
    voice: str = ""


class CallerProfile(Strict):
    name: str
    age: int | None = Field(None, ge=3, le=110)
    gender: Literal["female", "male", "other", "unknown"] = "unknown"
    relation: str = Field(..., description="who the caller is to the incident: self, wife, son, witness...")
    party: Literal["first", "second", "third"] = "second"
    language: str = "en"
    baseline_emotion: Emotion = Emotion.ANXIOUS
    personality: str = ""
    speech_style: str = ""
    voice_hints: VoiceHints = Field(default_factory=VoiceHints)


class Location(Strict):
    address: str
    unit: str = ""
    cross_street: str = ""
    landmarks: list[str] = Field(default_factory=list)
    city: str = ""

    @property
    def full(self) -> str:
        return f"{self.address}, {self.unit}" if self.unit else self.address


class Patient(Strict):
    label: str = "patient"
    name: str = ""
    age: int | None = Field(None, ge=0, le=120)
    conscious: bool | None = None
    breathing: Literal["normal", "abnormal", "agonal", "none", "unknown"] = "unknown"
    injuries: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)


class Suspect(Strict):
    description: str
    name: str = ""
    location: str = ""
    armed: Literal["yes", "no", "unknown"] = "unknown"


Line = str | dict[str, str]  # one phrasing, or phrasings keyed by emotion ("default" required)


class Detail(Strict):
    """A free-form fact the caller can be asked about (what he is wearing, pets, the
    door code...): the acts and the words in a trainee's question that ask for it."""

    id: str = Field(..., pattern=r"^[a-z0-9][a-z0-9_]{1,40}$")
    answer: Line
    truth: str = Field("", description="the plain fact, for the LLM caller and the grounding check")
    acts: list[str] = Field(default_factory=list, description="trainee acts that ask for it")
    keywords: list[str] = Field(default_factory=list, description="words or phrases in a question that ask for it")

    @field_validator("acts")
    @classmethod
    def _acts(cls, v: list[str]) -> list[str]:
        _known(v, TRAINEE_ACTS, "trainee act")
        return v

    @model_validator(mode="after")
    def _asked_somehow(self) -> Detail:
        if not self.acts and not self.keywords:
            raise ValueError(f"detail {self.id!r} needs acts or keywords that ask for it")
        if isinstance(self.answer, dict) and "default" not in self.answer:
            raise ValueError(f"detail {self.id!r}: a phrasing keyed by emotion needs a 'default'")
        return self


class TcprTruth(Strict):
    """What makes telecommunicator CPR harder (or easier) in this call."""

    patient_on: Literal["floor", "bed", "chair", "couch", "car"] = Field(
        "floor", description="where the patient lies: off the floor the caller must move him first"
    )
    caller_alone: bool = Field(False, description="nobody to fetch an AED or take over compressions")
    caller_knows_cpr: bool = Field(False, description="starts compressions as soon as CPR is called for")
    tires_after_s: float | None = Field(None, gt=0, description="seconds of compressions before the caller tires")
    aed_nearby: bool = Field(False, description="an AED is close enough to fetch")


class Facts(Strict):
    chief_complaint: str
    patients: list[Patient] = Field(default_factory=list)
    weapons: list[str] = Field(default_factory=list)
    suspects: list[Suspect] = Field(default_factory=list)
    vehicles: list[str] = Field(default_factory=list)
    hazards: list[str] = Field(default_factory=list)
    drugs: list[str] = Field(default_factory=list)
    people_count: str = ""
    timing: str = ""
    unknown: list[str] = Field(default_factory=list, description="slots the caller truly does not know")
    details: list[Detail] = Field(default_factory=list, description="more facts the caller can be asked")
    ongoing_threat: bool = Field(False, description="the danger lasts until an event ends it: fear stays")
    tcpr: TcprTruth = Field(default_factory=TcprTruth, description="T-CPR difficulty, for arrest calls")

    @field_validator("unknown")
    @classmethod
    def _slots(cls, v: list[str]) -> list[str]:
        _known(v, SLOTS, "slot")
        return v


class EventTrigger(Strict):
    at_s: float | None = Field(None, ge=0, description="seconds after the call is answered")
    after_act: str | None = None
    unless_act: str | None = Field(
        None,
        description="skip the event if this act (or one of its finer acts, "
        "e.g. a CPR step for instruct_cpr) happened first",
    )

    @model_validator(mode="after")
    def _one(self) -> EventTrigger:
        if self.at_s is None and self.after_act is None:
            raise ValueError("needs at_s or after_act")
        _known([a for a in (self.after_act, self.unless_act) if a is not None], TRAINEE_ACTS, "trainee act")
        return self


class ScenarioEvent(Strict):
    id: str
    trigger: EventTrigger
    say: str = Field(..., description="what the caller says when it happens")
    emotion_delta: float = Field(0.0, ge=-1, le=1)
    set_breathing: Literal["normal", "abnormal", "agonal", "none", "unknown"] | None = None
    set_conscious: bool | None = None
    lines: dict[str, str] = Field(
        default_factory=dict, description="slot or detail answers that change after the event"
    )
    ends_threat: bool = Field(False, description="the danger is over (suspect gone, out of the fire)")


class Behaviour(Strict):
    kind: Literal[
        "withhold",
        "wrong_address_first",
        "whisper",
        "go_silent",
        "talk_over",
        "hang_up_if_rude",
        "hang_up_if_silent",
        "unknown_answers",
        "hysterical_until_calmed",
        "prank",
    ]
    slot: str | None = None
    times: int = Field(2, ge=1, le=5, description="withhold: answered on the N-th ask")
    wrong_address: str = ""
    after_s: float | None = Field(None, ge=0)
    duration_s: float | None = Field(None, ge=0)
    silence_s: float = Field(30.0, ge=5)
    rude_count: int = Field(2, ge=1)
    slots: list[str] = Field(
        default_factory=list,
        description="unknown_answers: what the caller cannot know (default: the "
        "patient's age, history, medicines and allergies)",
    )

    @model_validator(mode="after")
    def _need(self) -> Behaviour:
        if self.kind == "withhold" and self.slot not in SLOTS:
            raise ValueError(f"withhold needs slot, one of {list(SLOTS)}")
        if self.kind == "wrong_address_first" and not self.wrong_address:
            raise ValueError("wrong_address_first needs wrong_address")
        _known(self.slots, SLOTS, "slot")
        return self


class RequiredAct(Strict):
    act: str
    deadline_s: float | None = Field(None, gt=0, description="seconds after answer")
    category: Literal["case_entry", "chief_complaint", "key_questions", "instructions", "customer_service"] | None = (
        None
    )
    weight: float = Field(1.0, gt=0, le=5)
    say: str = Field("", description="what to say, for the debrief's coaching (this call's own wording)")

    _act = field_validator("act")(classmethod(lambda cls, v: _known_act(v)))


class ForbiddenAct(Strict):
    act: str
    reason: str

    _act = field_validator("act")(classmethod(lambda cls, v: _known_act(v)))


class Protocol(Strict):
    required_acts: list[RequiredAct] = Field(default_factory=list)
    ordered: list[str] = Field(default_factory=list, description="acts that must come in this order")
    required_instructions: list[RequiredAct] = Field(default_factory=list)
    forbidden_acts: list[ForbiddenAct] = Field(default_factory=list)
    cardiac_arrest: bool = False
    dispatch_deadline_s: float = Field(60.0, gt=0)

    @field_validator("ordered")
    @classmethod
    def _ordered(cls, v: list[str]) -> list[str]:
        _known(v, TRAINEE_ACTS, "trainee act")
        return v


class CadTruth(Strict):
    address: str = Field("{address}", description="default: the scenario's location")
    incident_type: str
    priority: int = Field(..., ge=1, le=5, description="1 = most urgent")


class InterpretedLine(Strict):
    """A caller line in the caller's own language, and what an interpreter tells the call-taker."""

    es: str = Field(..., min_length=1, description="the caller's words in their language")
    en: str = Field(..., min_length=1, description="the interpreter's English rendering")


INTERPRETED_KEYS = ("opening", "closing", "hang_up", "i_dont_know", "fillers")


class Script(Strict):
    opening: list[str] = Field(..., min_length=1)
    answers: dict[str, Line] = Field(default_factory=dict)
    follows: dict[str, Line] = Field(default_factory=dict, description="replies to instructions")
    after_follow: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="per instruction act, the slot or detail answers that change once the caller has "
        "followed it (where the caller is after moving away, what the patient lies on now...)",
    )
    i_dont_know: list[str] = Field(default_factory=lambda: ["I don't know.", "I... I'm not sure."])
    fillers: list[str] = Field(default_factory=lambda: ["Please hurry!", "What do I do?"])
    hang_up: str = "I... I can't do this. *click*"
    closing: str = "Okay. Thank you."
    interpreted: dict[str, InterpretedLine] = Field(
        default_factory=dict,
        description="for a caller who speaks another language: per answer "
        "slot, follows act or one of opening/closing/hang_up/i_dont_know/fillers, the line in "
        "the caller's language and the interpreter's English (used once an interpreter joins)",
    )

    @field_validator("interpreted")
    @classmethod
    def _interpreted(cls, v: dict[str, InterpretedLine]) -> dict[str, InterpretedLine]:
        _known(v, SLOTS + TRAINEE_ACTS + INTERPRETED_KEYS, "interpreted line")
        return v

    @field_validator("answers")
    @classmethod
    def _answers(cls, v: dict[str, Line]) -> dict[str, Line]:
        _known(v, SLOTS, "slot")
        for k, line in v.items():
            if isinstance(line, dict) and "default" not in line:
                raise ValueError(f"answer {k!r}: a phrasing keyed by emotion needs a 'default'")
        return v

    @field_validator("follows")
    @classmethod
    def _follows(cls, v: dict[str, Line]) -> dict[str, Line]:
        _known(v, TRAINEE_ACTS, "trainee act")
        return v

    @field_validator("after_follow")
    @classmethod
    def _after_follow(cls, v: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        _known(v, TRAINEE_ACTS, "trainee act")
        return v


class PhoneLine(Strict):
    """What the 9-1-1 console shows from the carrier before anyone speaks (ANI/ALI).
    Empty fields are derived from the scenario (sim_core.scenario.console)."""

    service: Literal["landline", "wireless", "voip"] = "wireless"
    number: str = Field("", description="ANI; empty: the callback number")
    location: str = Field("", description="ALI as delivered; may differ from the truth")
    uncertainty_m: int | None = Field(None, ge=1, le=50000, description="wireless: position radius")
    subscriber: str = Field("", description="name on the account, when the carrier sends one")


_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


class Scenario(Strict):
    id: str
    title: str
    description: str = Field(..., description="for instructors: what happens and what is graded")
    brief: str = Field("", description="what the trainee may read before the call")
    call_type: str
    difficulty: Literal["easy", "medium", "hard"]
    ambience: Literal["home", "traffic", "crowd", "outdoors", "quiet"] = "home"
    caller: CallerProfile
    location: Location
    callback: str = Field(..., description="callback number as the caller would say it")
    phone: PhoneLine = Field(default_factory=PhoneLine)
    facts: Facts
    events: list[ScenarioEvent] = Field(default_factory=list)
    behaviours: list[Behaviour] = Field(default_factory=list)
    protocol: Protocol
    cad: CadTruth
    script: Script

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("must be lowercase letters, digits and dashes (2-64 chars)")
        return v

    @model_validator(mode="after")
    def _event_lines(self) -> Scenario:
        known = set(SLOTS) | {d.id for d in self.facts.details}
        for ev in self.events:
            _known(list(ev.lines), tuple(sorted(known)), f"answer changed by event {ev.id!r} (slot or detail)")
        return self

    def has(self, kind: str) -> bool:
        return any(b.kind == kind for b in self.behaviours)

    def behaviour(self, kind: str) -> Behaviour | None:
        return next((b for b in self.behaviours if b.kind == kind), None)
