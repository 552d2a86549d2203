"""Telecommunicator CPR as the protocol runs it: the steps the caller has been given.

The director asks the tracker what the caller does with the CPR acts of a turn.
Each step gets its own reply (position, hands, push, rate, keep going, AED);
the caller starts compressions only once she has been told where to put her
hands *and* to push (and, with the patient on a bed or in a chair, to get him
onto the floor first). A caller who already knows CPR starts as soon as CPR is
called for. A caller doing compressions alone tires and says so.

The state is a plain dict inside the director's state, so it serialises with it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from ..scenario.schema import Scenario, TcprTruth
from .lines import pronouns

STEP_OF_ACT = {
    "instruct_cpr_position": "position",
    "instruct_cpr_hands": "hands",
    "instruct_cpr_push": "push",
    "instruct_cpr_rate": "rate",
    "instruct_cpr_continue": "continue",
    "instruct_aed": "aed",
}
CPR_ACTS = ("instruct_cpr", "recognize_arrest", *STEP_OF_ACT)
START_NEEDS = ("hands", "push")

# Default replies per step, used when the scenario's script has no `follows` line for the act.
ANNOUNCED = ("CPR? I... I don't know how! Tell me what to do!", "Okay, okay, but I've never done it! What do I do?")
RECOGNISED = "Oh God... oh God. What do I do? Tell me what to do!"
ANNOUNCED_KNOWS = "Okay, I know CPR, I did a class. I'm starting, I'm pushing on {his} chest!"
POSITION = {
    "floor": "Okay, {he}'s on the floor, flat on {his} back.",
    "bed": "{He}'s on the bed... okay, I'm pulling {him} off, {he}'s on the floor now. {He}'s on {his} back.",
    "chair": "{He}'s slumped in the chair... okay, I got {him} down on the floor, on {his} back.",
    "couch": "{He}'s on the couch... okay, I rolled {him} down onto the floor. {He}'s flat now.",
    "car": "{He}'s in the seat... I can't, {he}'s too heavy... okay, okay, I got {him} out flat on the ground.",
}
HANDS_ONLY = "Like this? In the middle of {his} chest? My hands are on {his} chest."
PUSH_ONLY = "Push? Push where? Where do I put my hands?"
NOT_FLAT = "{He}'s on the {surface}, it just sinks when I push! What do I do?"
STARTED = (
    "Okay... I'm pushing. Like this? One, two, three, four...",
    "Okay, I'm pushing down, hard. One, two, three... is this right?",
)
# Progress while pushing: a count (compressions are counted to thirty) and a remark; 7 x 5 = 35
# different lines before one comes back.
_COUNTS = (
    "One, two, three, four...",
    "Five, six, seven, eight...",
    "Nine, ten, eleven, twelve...",
    "Thirteen, fourteen, fifteen...",
    "Sixteen, seventeen, eighteen...",
    "Nineteen, twenty, twenty-one...",
    "Twenty-two, twenty-three, twenty-four...",
)
_REMARKS = (
    "I'm pushing, {he}'s not moving.",
    "I'm doing it, I'm doing it.",
    "Come on, come on...",
    "Is {he} going to be okay?",
    "I'm still pushing.",
)


def progress_line(n: int) -> str:
    return f"{_COUNTS[n % len(_COUNTS)]} {_REMARKS[n % len(_REMARKS)]}"


RATE = "Okay, faster. One, two, three, four... I'm counting out loud."
CONTINUE = "Okay, I won't stop. I'm not stopping."
TIRED = "My arms... my arms are so tired. I don't know how long I can keep going!"
KEEP_GOING_TIRED = "Okay... okay. I'll keep going. I won't stop."
TIRED_ALONE = "I'm by myself, my arms are burning... I can't stop, can I?"
AED_ALONE = "There's nobody else here! I can't leave {him} to go get it!"
AED_NONE = "A what? I don't... I don't think there's one of those here."
AED_YES = "There's one by the front entrance... someone's bringing it now."


@dataclass(slots=True)
class CprReply:
    act: str
    line: str
    kind: str = "follow"  # "follow": she does the step; "react": she cannot yet, and says why


def new_state() -> dict[str, Any]:
    return {"given": [], "started_at": None, "announced": False, "progress": 0, "tired_said": False}


def _follow(scenario: Scenario, act: str) -> str | None:
    line = scenario.script.follows.get(act)
    if line is None:
        return None
    return line if isinstance(line, str) else line.get("default")


class TcprTracker:
    """Applies one turn's CPR acts to the state; returns the caller's replies and whether
    compressions started this turn."""

    def __init__(self, scenario: Scenario, state: dict[str, Any]):
        self.scenario = scenario
        self.truth: TcprTruth = scenario.facts.tcpr
        self.s = state
        self.words = pronouns(scenario)

    def _say(self, line: str, **extra: str) -> str:
        return line.format(**self.words, **extra)

    @property
    def started(self) -> bool:
        return self.s["started_at"] is not None

    def _ready(self) -> bool:
        given = set(self.s["given"])
        if self.truth.caller_knows_cpr and (self.s["announced"] or given):
            return self.truth.patient_on == "floor" or "position" in given
        if not given.issuperset(START_NEEDS):
            return False
        return self.truth.patient_on == "floor" or "position" in given

    def on_turn(self, acts: tuple[str, ...], t: float, rng: random.Random) -> tuple[list[CprReply], bool]:
        s = self.s
        steps = [STEP_OF_ACT[a] for a in acts if a in STEP_OF_ACT]
        called = "instruct_cpr" in acts or "recognize_arrest" in acts  # CPR called for, not yet coached
        announced_now = called and not steps
        if not steps and not announced_now and not self.started:
            return [], False
        was_started = self.started
        for step in steps:
            if step not in s["given"]:
                s["given"].append(step)
        s["announced"] = s["announced"] or called
        replies: list[CprReply] = []
        if "aed" in steps:
            replies.append(CprReply("instruct_aed", self._aed_line(), "follow" if self._aed_fetched() else "react"))
        if "position" in steps:
            replies.append(
                CprReply(
                    "instruct_cpr_position",
                    _follow(self.scenario, "instruct_cpr_position")
                    or self._say(POSITION.get(self.truth.patient_on, POSITION["floor"])),
                )
            )
        if not was_started and self._ready():
            s["started_at"] = t
            line = _follow(self.scenario, "instruct_cpr") or self._say(rng.choice(STARTED))
            if self.truth.caller_knows_cpr and not set(s["given"]) >= set(START_NEEDS):
                line = self._say(ANNOUNCED_KNOWS)
            replies.append(CprReply("instruct_cpr", line))
            return replies, True
        if not was_started:
            given = set(s["given"])
            if given >= set(START_NEEDS):  # hands and push, but not flat on the floor yet
                replies.append(
                    CprReply("instruct_cpr_push", self._say(NOT_FLAT, surface=self.truth.patient_on), "react")
                )
            elif "hands" in steps:
                replies.append(
                    CprReply(
                        "instruct_cpr_hands", _follow(self.scenario, "instruct_cpr_hands") or self._say(HANDS_ONLY)
                    )
                )
            elif "push" in steps:
                replies.append(CprReply("instruct_cpr_push", self._say(PUSH_ONLY), "react"))
            elif announced_now and not replies:
                pool = ANNOUNCED if "instruct_cpr" in acts else (RECOGNISED,)
                replies.append(CprReply("instruct_cpr", self._say(rng.choice(pool)), "react"))
            return replies, False
        # compressions under way: progress, rate, keep going, tiring
        if self._tired_now(t):
            s["tired_said"] = True
            replies.append(
                CprReply("instruct_cpr_continue", self._say(TIRED_ALONE if self.truth.caller_alone else TIRED), "react")
            )
            if "continue" in steps:
                s["continue_said"] = True
                replies.append(CprReply("instruct_cpr_continue", KEEP_GOING_TIRED))
        elif "continue" in steps and not s.get("continue_said"):
            s["continue_said"] = True
            replies.append(
                CprReply("instruct_cpr_continue", _follow(self.scenario, "instruct_cpr_continue") or CONTINUE)
            )
        elif "rate" in steps and not s.get("rate_said"):
            s["rate_said"] = True
            replies.append(CprReply("instruct_cpr_rate", _follow(self.scenario, "instruct_cpr_rate") or RATE))
        elif steps or called:
            replies.append(CprReply("instruct_cpr", self._say(progress_line(s["progress"]))))
            s["progress"] += 1
        return replies, False

    def _tired_now(self, t: float) -> bool:
        after = self.truth.tires_after_s
        return after is not None and not self.s["tired_said"] and self.started and t - self.s["started_at"] >= after

    def _aed_fetched(self) -> bool:
        return self.truth.aed_nearby and not self.truth.caller_alone

    def _aed_line(self) -> str:
        if not self.truth.aed_nearby:
            return self._say(AED_NONE)
        return self._say(AED_ALONE if self.truth.caller_alone else AED_YES)
