"""How much the scripted caller sounds like a person, measured on transcripts.

`audit_call` replays one transcript through a full simulated call and reads
the timeline back: sentences the caller said more than once (silence aside),
how many recognised questions got the fact they asked for, how many replies
were fillers (nothing answered, done or acknowledged), and the emotion
trajectory. `python -m sim_core audit [paths]` prints it per call and in total.

A question is "recognised" when the NLP found a question act in the line (or
the caller's own question words found one of the newer slots or a scenario
detail); it is answered with the asked fact when the reply states that fact,
or says "I don't know" where the scenario says the caller does not know it.
Questions the scenario deliberately leaves unanswered at that moment
(withholding, a silent window, hanging up) are counted apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .caller.arc import emotion_arc, step_label
from .caller.asking import asked_for
from .caller.sentences import sentence_keys
from .caller.truth import declared_unknown
from .events import ActDetected, CallerSaid, TraineeSaid
from .scenario import Scenario
from .session import CallSession
from .transcript import load_transcript, run_transcript

HELD_BACK = ("withhold", "silent", "hang_up")


@dataclass
class CallAudit:
    transcript: str
    scenario: str
    replies: int = 0
    repeats: list[str] = field(default_factory=list)  # sentences said again (one entry per extra time)
    questions: int = 0  # recognised questions with a reply
    answered: int = 0  # ... answered with the fact asked
    held_back: int = 0  # deliberately not answered (withheld, silent)
    missed: list[str] = field(default_factory=list)  # "line -> what was asked" not answered
    fillers: int = 0
    acknowledgements: int = 0
    clarifications: int = 0
    emotions: list[tuple[float, str]] = field(default_factory=list)

    @property
    def answered_share(self) -> float | None:
        asked = self.questions - self.held_back
        return round(self.answered / asked, 3) if asked else None

    @property
    def filler_share(self) -> float | None:
        return round(self.fillers / self.replies, 3) if self.replies else None

    def trajectory(self) -> str:
        return " > ".join(f"{label}@{t:g}" for t, label in self.emotions)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(answered_share=self.answered_share, filler_share=self.filler_share, trajectory=self.trajectory())
        return out


def _replies(call: CallSession) -> Iterable[tuple[str, tuple[str, ...], CallerSaid]]:
    """(trainee line, its acts, the caller's reply) for every line that got a reply."""
    text: str | None = None
    acts: list[str] = []
    for ev in call.timeline:
        p = ev.payload
        if isinstance(p, TraineeSaid):
            text, acts = p.text, []
        elif isinstance(p, ActDetected) and text is not None:
            acts.append(p.act)
        elif isinstance(p, CallerSaid) and text is not None:
            yield text, tuple(acts), p
            text = None


def audit_call(scenario: Scenario, transcript: str | Path, *, seed: int = 0, **session_kwargs: Any) -> CallAudit:
    call = run_transcript(scenario, load_transcript(transcript), seed=seed, **session_kwargs)
    out = CallAudit(transcript=str(transcript), scenario=scenario.id)
    seen: Counter[str] = Counter()
    for ev in call.timeline.kind(CallerSaid):
        if "silent" in ev.payload.kinds:
            continue
        for key in dict.fromkeys(sentence_keys(ev.payload.text)):  # a stutter is not a repeat
            seen[key] += 1
            if seen[key] > 1:
                out.repeats.append(key)
    points = emotion_arc(call.timeline)
    out.emotions = [(p.t, step_label(p, prev)) for prev, p in zip([None, *points], points)]
    for text, acts, reply in _replies(call):
        kinds = set(reply.kinds)
        out.replies += 1
        if kinds and kinds <= {"filler"}:
            out.fillers += 1
        elif kinds and kinds <= {"acknowledge", "interrupt"}:
            out.acknowledgements += 1
        elif "clarify" in kinds:
            out.clarifications += 1
        asked = asked_for(acts, text, scenario)
        wanted = [s for _, s in asked.slots] + [d.id for d in asked.details]
        for slot in wanted:
            out.questions += 1
            said = {s.removesuffix("_confirm") for s in reply.answered}
            if slot.removesuffix("_confirm") in said or (slot in reply.dont_know and declared_unknown(scenario, slot)):
                out.answered += 1
            elif kinds & set(HELD_BACK):
                out.held_back += 1
            else:
                out.missed.append(f"{text} -> {slot}")
    return out


def scenario_of(path: Path, scenarios: dict[str, Scenario]) -> Scenario | None:
    """The scenario a transcript belongs to: the longest scenario id its file name starts with."""
    name = path.name
    ids = sorted((i for i in scenarios if name == i or name.startswith(i + ".")), key=len, reverse=True)
    return scenarios[ids[0]] if ids else None


def transcripts(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        found.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    return found


def totals(audits: list[CallAudit]) -> dict[str, Any]:
    replies = sum(a.replies for a in audits)
    asked = sum(a.questions - a.held_back for a in audits)
    return {
        "calls": len(audits),
        "replies": replies,
        "verbatim_repeats": sum(len(a.repeats) for a in audits),
        "calls_with_repeats": sum(1 for a in audits if a.repeats),
        "questions": sum(a.questions for a in audits),
        "held_back": sum(a.held_back for a in audits),
        "answered_with_fact": sum(a.answered for a in audits),
        "answered_share": round(sum(a.answered for a in audits) / asked, 3) if asked else None,
        "fillers": sum(a.fillers for a in audits),
        "filler_share": round(sum(a.fillers for a in audits) / replies, 3) if replies else None,
        "acknowledgement_share": round(sum(a.acknowledgements for a in audits) / replies, 3) if replies else None,
        "clarification_share": round(sum(a.clarifications for a in audits) / replies, 3) if replies else None,
    }


def format_audit(a: CallAudit) -> str:
    share = "n/a" if a.answered_share is None else f"{a.answered_share:.0%}"
    lines = [
        f"{Path(a.transcript).name}: repeats {len(a.repeats)}, answered {a.answered}/"
        f"{a.questions - a.held_back} ({share}), held back {a.held_back}, fillers {a.fillers}/{a.replies}",
        f"  emotion: {a.trajectory()}",
    ]
    lines += [f"  repeated: {r!r}" for r in a.repeats]
    lines += [f"  missed: {m}" for m in a.missed]
    return "\n".join(lines)
