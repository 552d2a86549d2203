"""Timeline → metrics: the moments a supervisor measures, in seconds from answer.

Pure functions of (scenario, timeline). `None` means it never happened.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..scenario.schema import SLOT_OF_ACT, Scenario
from ..timeline import EventType, Timeline

ARREST_WORDS = ("cardiac arrest", "start cpr", "begin cpr", "do cpr", "chest compressions")


@dataclass(slots=True)
class TraineeAct:
    act: str
    t: float          # seconds from answer
    line: int         # index of the trainee line


@dataclass
class CallFacts:
    """What happened in the call, extracted once from the timeline."""
    answered_at: float
    ended_at: float
    acts: list[TraineeAct] = field(default_factory=list)
    trainee_lines: list[tuple[float, str]] = field(default_factory=list)
    revealed: dict[str, float] = field(default_factory=dict)
    dont_know: dict[str, float] = field(default_factory=dict)
    cad: dict[str, Any] = field(default_factory=dict)
    cad_first: dict[str, float] = field(default_factory=dict)
    compressions_at: float | None = None
    hung_up: bool = False

    def first(self, act: str) -> float | None:
        return next((a.t for a in self.acts if a.act == act), None)

    def times(self, act: str) -> list[float]:
        return [a.t for a in self.acts if a.act == act]


def extract(timeline: Timeline) -> CallFacts:
    answered = timeline.answered_at()
    facts = CallFacts(answered_at=answered, ended_at=max(timeline.last_t - answered, 0.0))
    line = -1
    for ev in timeline:
        rel = round(ev.t - answered, 3)
        if ev.type == EventType.TRAINEE_SAID:
            line += 1
            facts.trainee_lines.append((rel, ev.data.get("text", "")))
        elif ev.type == EventType.ACT_DETECTED:
            facts.acts.append(TraineeAct(ev.data["act"], rel, line))
        elif ev.type == EventType.FACT_REVEALED:
            facts.revealed.setdefault(ev.data["slot"], rel)
        elif ev.type == EventType.CALLER_SAID and ev.data.get("kinds"):
            for slot in ev.data.get("dont_know", []):
                facts.dont_know.setdefault(slot, rel)
            if "hang_up" in ev.data["kinds"]:
                facts.hung_up = True
        elif ev.type == EventType.CAD_UPDATED:
            for key, value in ev.data.get("fields", {}).items():
                if value not in (None, ""):
                    facts.cad[key] = value
                    facts.cad_first.setdefault(key, rel)
        elif ev.type == EventType.CALLER_ACTION and ev.data.get("action") == "compressions_started":
            if facts.compressions_at is None:
                facts.compressions_at = rel
    return facts


def _arrest_recognition(scenario: Scenario, f: CallFacts) -> float | None:
    if not scenario.protocol.cardiac_arrest:
        return None
    moments = [a.t for a in f.acts if a.act == "instruct_cpr"]
    moments += [t for t, text in f.trainee_lines if any(w in text.lower() for w in ARREST_WORDS)]
    itype = str(f.cad.get("incident_type", "")).lower()
    if "arrest" in itype or "cpr" in itype:
        moments.append(f.cad_first["incident_type"])
    return min(moments) if moments else None


def repeated_questions(f: CallFacts) -> list[TraineeAct]:
    """Questions asked again after the caller answered them or said 'I don't know'.
    Verification read-backs are not repeats."""
    out: list[TraineeAct] = []
    for a in f.acts:
        slot = SLOT_OF_ACT.get(a.act)
        if slot is None or a.act.startswith("verify_"):
            continue
        known_at = min((x for x in (f.revealed.get(slot), f.dont_know.get(slot)) if x is not None),
                       default=None)
        if known_at is not None and a.t > known_at + 0.01:
            out.append(a)
    return out


def compute_metrics(scenario: Scenario, timeline: Timeline, f: CallFacts | None = None) -> dict[str, Any]:
    f = f or extract(timeline)
    addr_verified = next((a.t for a in f.acts if a.act == "verify_address"
                          and "address" in f.revealed and a.t >= f.revealed["address"]), None)
    key_acts = [r.act for r in scenario.protocol.required_acts if r.category == "key_questions"]
    asked_keys = [k for k in key_acts if f.first(k) is not None]
    instr = sorted({a.act for a in f.acts if a.act.startswith("instruct_")})
    started = timeline.first(EventType.CALL_STARTED)
    return {
        "time_to_answer": round(f.answered_at - (started.t if started else 0.0), 2),
        "time_to_address": f.revealed.get("address"),
        "time_to_address_verified": addr_verified,
        "time_to_callback": f.revealed.get("callback"),
        "time_to_chief_complaint": f.revealed.get("what_happened", f.first("ask_what_happened")),
        "time_to_arrest_recognition": _arrest_recognition(scenario, f),
        "time_to_first_compression": f.compressions_at,
        "time_to_dispatch_notice": f.first("dispatch_notice"),
        "repeated_questions": len(repeated_questions(f)),
        "key_question_coverage": round(len(asked_keys) / len(key_acts), 3) if key_acts else 1.0,
        "instructions_given": instr,
        "call_duration": round(f.ended_at, 2),
        "trainee_turns": len(f.trainee_lines),
    }
