"""An instructor overrules the grader: the call re-scored with their decisions.

Two decisions, each with a reason:

* ``dismiss`` a finding (by its stable id, ``Finding.id``): it no longer costs
  points and leaves the debrief's list of findings;
* ``mark_done`` a required act on a trainee line the grader misread: the act
  counts as done at that line's moment (its timings follow), and the
  "never did" finding for it goes.

The corrected lines are also labelled examples for the act model: the line's
text with its acts as the instructor says they are.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..events import ActDetected
from ..scenario.schema import CATEGORIES, Scenario
from ..timeline import Event, EventType, Timeline
from .conduct import REQUIRED_SHARE
from .findings import Finding
from .metrics import extract
from .scorer import ScoreResult, assemble, category_of, score_call

KINDS = ("dismiss", "mark_done")
# Kinds whose points are in the scenario's act weights (earned / possible), not category points.
WEIGHTED_KINDS = ("missing", "late")
# Findings that say a line *was* an act (unsafe, a tone failure, a forbidden act): dismissing one
# says the grader misread the line. Dismissing a late or repeated question is about timing, not
# about what the line was.
MISREAD_KINDS = ("unsafe", "tone", "forbidden")


@dataclass(frozen=True, slots=True)
class Override:
    kind: str  # "dismiss" | "mark_done"
    reason: str
    finding_id: str = ""  # for "dismiss"
    act: str = ""  # for "mark_done"
    line: int | None = None  # for "mark_done": the trainee line (index from 0)
    by: str = ""  # who decided (username)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"override kind must be one of {KINDS}")
        if not self.reason.strip():
            raise ValueError("an override needs a reason")
        if self.kind == "dismiss" and not self.finding_id:
            raise ValueError("dismissing needs the finding's id")
        if self.kind == "mark_done" and (not self.act or self.line is None or self.line < 0):
            raise ValueError("marking an act done needs the act and the trainee line")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _with_marked_acts(timeline: Timeline, marks: list[Override]) -> Timeline:
    """The timeline with an act_detected event right after each marked trainee line."""
    wanted: dict[int, list[str]] = {}
    for o in marks:
        wanted.setdefault(int(o.line or 0), []).append(o.act)
    out, line = [], -1
    for ev in timeline:
        out.append(ev)
        if ev.type == EventType.TRAINEE_SAID:
            line += 1
            out.extend(Event(ev.t, ActDetected(act=act, by="instructor")) for act in wanted.get(line, []))
    return Timeline(out)


def _possible(scenario: Scenario) -> dict[str, float]:
    proto = scenario.protocol
    possible = {c: 0.0 for c in CATEGORIES}
    for req in [*proto.required_acts, *proto.required_instructions]:
        possible[category_of(req)] += req.weight
    return possible


def _category_effect(f: Finding, possible: dict[str, float]) -> float:
    """What a finding took off its category score."""
    if f.kind in WEIGHTED_KINDS:
        p = possible.get(f.category) or 0.0
        share = REQUIRED_SHARE if f.category == "customer_service" else 100.0  # see scorer.score_call
        return share * f.points / p if p else 0.0
    return f.points


def rescore(scenario: Scenario, timeline: Timeline, overrides: list[Override]) -> ScoreResult:
    """The call scored as the instructor has ruled (the scorer's own result when no overrides)."""
    marks = [o for o in overrides if o.kind == "mark_done"]
    result = score_call(scenario, _with_marked_acts(timeline, marks) if marks else timeline)
    gone = {o.finding_id for o in overrides if o.kind == "dismiss"}
    gone |= {f"missing:{o.act}:call" for o in marks}
    if not gone & {x.id for x in result.findings}:
        return result
    possible = _possible(scenario)
    cats = {c: float(v["score"]) for c, v in result.categories.items()}
    kept: list[Finding] = []
    for x in result.findings:
        if x.id in gone:
            cats[x.category] = min(100.0, cats[x.category] + _category_effect(x, possible))
        else:
            kept.append(x)
    return assemble(cats, result.metrics, kept)


def labelled_lines(
    timeline: Timeline, original: list[dict[str, Any]], overrides: list[Override], acts: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The trainee lines an instructor corrected, as {text, acts} examples.

    A dismissed finding that says a line was an act (unsafe, tone, forbidden) takes
    that act off the line; a marked act adds it. A line left with no act is labelled ``other``.
    """
    f = extract(timeline)
    by_id = {x["id"]: x for x in original}
    lines: dict[int, set[str]] = {}
    for o in overrides:
        if o.kind == "mark_done":
            line = int(o.line or 0)
            lines.setdefault(line, set(f.acts_on(line))).add(o.act)
            continue
        found = by_id.get(o.finding_id) or {}
        at, rule = found.get("line"), found.get("rule", "")
        if found.get("kind") not in MISREAD_KINDS or at is None or rule not in acts:
            continue
        lines.setdefault(int(at), set(f.acts_on(int(at)))).discard(rule)
    out = []
    for line, labels in sorted(lines.items()):
        text = f.text(line)
        if not text.strip():
            continue
        known = sorted((a for a in labels if a in acts), key=acts.index) or ["other"]
        out.append({"text": text, "acts": known})
    return out


__all__ = ["KINDS", "Override", "labelled_lines", "rescore"]
