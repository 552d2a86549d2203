"""Timeline → metrics: the moments a supervisor measures, in seconds from answer.

Pure functions of (scenario, timeline). `None` means it never happened.

* Information (address, callback, chief complaint...) is obtained when the
  caller finishes saying it: the end of the reply's audio when the voice path
  recorded it (`audio_s` on the caller line, or a later `caller_audio` action naming
  the line by its moment), else the reply's speaking time at
  a natural rate (typed calls, `eval`).
* Arrest recognition is the first of: the trainee says it is an arrest, starts
  CPR coaching, or the CAD incident type *becomes* cardiac arrest.
* Hands on the chest is the end of the caller's reply to the first hand-placement
  instruction (or her first compression, if that came first).
* The first compression is when the caller begins because she was told where
  to put her hands and to push (the caller's `compressions_started` action).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..caller import readback
from ..events import (
    ActDetected,
    CadUpdated,
    CallerAction,
    CallerSaid,
    EmotionChanged,
    EventType,
    FactRevealed,
    ScenarioEventFired,
    TraineeSaid,
)
from ..scenario.schema import SLOT_OF_ACT, Scenario
from ..timeline import Timeline
from .fairness import repeated_questions
from .standards import speaking_time

CPR_STEP_ACTS = (
    "instruct_cpr_position",
    "instruct_cpr_hands",
    "instruct_cpr_push",
    "instruct_cpr_rate",
    "instruct_cpr_continue",
)
RECOGNITION_ACTS = ("recognize_arrest", "instruct_cpr", *CPR_STEP_ACTS)
CALLER_AUDIO = "caller_audio"  # caller action: a caller line's real audio length (voice calls)
ARREST_TYPE = re.compile(r"arrest|\bcpr\b|not breathing|cardiac")


@dataclass(slots=True)
class TraineeAct:
    act: str
    t: float  # seconds from answer
    line: int  # index of the trainee line


@dataclass
class CallFacts:
    """What happened in the call, extracted once from the timeline."""

    answered_at: float
    ended_at: float
    acts: list[TraineeAct] = field(default_factory=list)
    trainee_lines: list[tuple[float, str]] = field(default_factory=list)
    revealed: dict[str, float] = field(default_factory=dict)  # slot -> end of the caller's answer
    revealed_turn: dict[str, float] = field(default_factory=dict)  # slot -> the turn it was asked in
    dont_know: dict[str, float] = field(default_factory=dict)
    reply_end: dict[int, float] = field(default_factory=dict)  # trainee line -> end of the caller's reply
    reply_kinds: dict[int, list[str]] = field(default_factory=dict)
    events_at: list[float] = field(default_factory=list)
    events: list[tuple[float, str]] = field(default_factory=list)  # (moment, scenario event id)
    cad: dict[str, Any] = field(default_factory=dict)
    cad_first: dict[str, float] = field(default_factory=dict)
    cad_history: dict[str, list[tuple[float, Any]]] = field(default_factory=dict)  # field -> (moment, value)
    cad_arrest_at: float | None = None
    compressions_at: float | None = None
    hung_up: bool = False
    emotions: list[tuple[float, str]] = field(default_factory=list)  # (moment, the caller's new emotion)
    opening: str = ""  # what the caller said first, before any question

    def first(self, act: str) -> float | None:
        return next((a.t for a in self.acts if a.act == act), None)

    def times(self, act: str) -> list[float]:
        return [a.t for a in self.acts if a.act == act]

    def acts_on(self, line: int) -> set[str]:
        return {a.act for a in self.acts if a.line == line}

    def text(self, line: int) -> str:
        return self.trainee_lines[line][1] if 0 <= line < len(self.trainee_lines) else ""


def extract(timeline: Timeline) -> CallFacts:
    answered = timeline.answered_at()
    facts = CallFacts(answered_at=answered, ended_at=max(timeline.last_t - answered, 0.0))
    line = -1
    pending: list[str] = []
    replies: dict[float, tuple[float, list[str], int | None]] = {}  # caller line's moment -> what it obtained
    for ev in timeline:
        rel = round(ev.t - answered, 3)
        p = ev.payload
        if isinstance(p, TraineeSaid):
            line += 1
            facts.trainee_lines.append((rel, p.text))
        elif isinstance(p, ActDetected):
            facts.acts.append(TraineeAct(p.act, rel, line))
        elif isinstance(p, FactRevealed):
            if p.slot not in facts.revealed_turn:
                facts.revealed_turn[p.slot] = rel
                pending.append(p.slot)
        elif isinstance(p, ScenarioEventFired):
            facts.events_at.append(rel)
            facts.events.append((rel, p.id))
        elif isinstance(p, CallerSaid):
            end = round(rel + (p.audio_s if p.audio_s is not None else speaking_time(p.text)), 2)
            obtained = [s for s in pending if s not in facts.revealed]
            for slot in obtained:
                facts.revealed[slot] = end
            pending.clear()
            answers = line >= 0 and line not in facts.reply_end
            if answers:
                facts.reply_end[line] = end
                facts.reply_kinds[line] = list(p.kinds)
            replies[round(ev.t, 3)] = (rel, obtained, line if answers else None)
            for slot in p.dont_know:
                facts.dont_know.setdefault(slot, rel)
            if "hang_up" in p.kinds:
                facts.hung_up = True
            if "opening" in p.kinds and not facts.opening:
                facts.opening = p.text
        elif isinstance(p, CallerAction) and p.action == CALLER_AUDIO:
            # the voice path reports how long the caller's line really took to say
            said_at = -1.0 if p.said_at is None else p.said_at
            start, obtained, answered_line = replies.get(round(said_at, 3), (None, [], None))
            if start is not None:
                end = round(start + (p.audio_s or 0.0), 2)
                facts.revealed.update({slot: end for slot in obtained})
                if answered_line is not None:
                    facts.reply_end[answered_line] = end
        elif isinstance(p, CadUpdated):
            for key, value in p.fields.items():
                if value not in (None, ""):
                    facts.cad[key] = value
                    facts.cad_first.setdefault(key, rel)
                    facts.cad_history.setdefault(key, []).append((rel, value))
                    if (
                        key == "incident_type"
                        and facts.cad_arrest_at is None
                        and ARREST_TYPE.search(str(value).lower())
                    ):
                        facts.cad_arrest_at = rel
        elif isinstance(p, EmotionChanged):
            facts.emotions.append((rel, p.emotion))
        elif isinstance(p, CallerAction) and p.action == "compressions_started":
            if facts.compressions_at is None:
                facts.compressions_at = rel
    return facts


OPENING_WORDS = 5  # an opening this long says what happened ("my husband fell and he's not answering")


def told_in_opening(f: CallFacts) -> bool:
    """The caller opened by saying what happened, in words (not silence, sounds or a single cry)."""
    spoken = re.sub(r"\*[^*]*\*", " ", f.opening)  # stage directions are not words said
    return len([w for w in spoken.split() if any(c.isalpha() for c in w)]) >= OPENING_WORDS


def arrest_recognition(scenario: Scenario, f: CallFacts) -> float | None:
    if not scenario.protocol.cardiac_arrest:
        return None
    moments = [a.t for a in f.acts if a.act in RECOGNITION_ACTS]
    if f.cad_arrest_at is not None:
        moments.append(f.cad_arrest_at)
    return min(moments) if moments else None


def cpr_coached(f: CallFacts) -> float | None:
    """When the caller had been told both where to put her hands and to push."""
    hands, push = f.first("instruct_cpr_hands"), f.first("instruct_cpr_push")
    return max(hands, push) if hands is not None and push is not None else None


def hands_on_chest(f: CallFacts) -> float | None:
    """When the caller's hands were on the chest: the end of her reply to the first hand-placement
    instruction, or when she began compressions if that came first (a caller who knows CPR)."""
    hands = next((a for a in f.acts if a.act == "instruct_cpr_hands"), None)
    placed = f.reply_end.get(hands.line, hands.t) if hands is not None else None
    return _earliest(placed, f.compressions_at)


def readback_verdicts(scenario: Scenario, f: CallFacts, act: str) -> list[tuple[TraineeAct, str]]:
    """Every read-back of the address / callback with its verdict against the truth."""
    slot = SLOT_OF_ACT[act]
    truth = scenario.location.full if act == "verify_address" else scenario.callback
    return [(a, readback.check(slot, f.text(a.line), truth)) for a in f.acts if a.act == act]


def verified_at(scenario: Scenario, f: CallFacts, act: str) -> float | None:
    """The end of the caller's confirmation of the first *correct* read-back after the answer."""
    info = "address" if act == "verify_address" else "callback"
    known = f.revealed_turn.get(info)
    for a, verdict in readback_verdicts(scenario, f, act):
        if verdict == "correct" and (known is None or a.t >= known):
            return f.reply_end.get(a.line, a.t)
    return None


def _earliest(*moments: float | None) -> float | None:
    return min((m for m in moments if m is not None), default=None)


def compute_metrics(scenario: Scenario, timeline: Timeline, f: CallFacts | None = None) -> dict[str, Any]:
    f = f or extract(timeline)
    key_acts = [r.act for r in scenario.protocol.required_acts if r.category == "key_questions"]
    asked_keys = [k for k in key_acts if f.first(k) is not None]
    instr = sorted({a.act for a in f.acts if a.act.startswith("instruct_")})
    started = timeline.first(EventType.CALL_STARTED)
    arrest = scenario.protocol.cardiac_arrest
    # a confirmed read-back (of the ALI address, say) also obtains the information
    addr_ok, cb_ok = verified_at(scenario, f, "verify_address"), verified_at(scenario, f, "verify_callback")
    return {
        "time_to_answer": round(f.answered_at - (started.t if started else 0.0), 2),
        "time_to_address": _earliest(f.revealed.get("address"), addr_ok),
        "time_to_address_verified": addr_ok,
        "time_to_callback": _earliest(f.revealed.get("callback"), cb_ok),
        "time_to_callback_verified": cb_ok,
        "time_to_chief_complaint": f.revealed.get("what_happened", f.first("ask_what_happened")),
        "time_to_arrest_recognition": arrest_recognition(scenario, f),
        "time_to_cpr_instruction": cpr_coached(f) if arrest else None,
        "time_to_hands_on_chest": hands_on_chest(f) if arrest else None,
        "time_to_first_compression": f.compressions_at if arrest else None,
        "time_to_dispatch_notice": f.first("dispatch_notice"),
        "repeated_questions": len(repeated_questions(f)),
        "key_question_coverage": round(len(asked_keys) / len(key_acts), 3) if key_acts else 1.0,
        "instructions_given": instr,
        "call_duration": round(f.ended_at, 2),
        "trainee_turns": len(f.trainee_lines),
    }
