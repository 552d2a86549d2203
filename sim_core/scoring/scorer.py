"""Scoring: a pure function of (scenario, timeline).

Six categories as in protocol QA (case entry, chief complaint, key questions,
instructions, CAD accuracy, customer service), each 0-100 with a compliance
level; an overall score and grade; and findings that explain every deduction
with its moment in the call and what to say instead. Critical findings (T-CPR
timing, unsafe instructions, harmful medical advice, abusive tone) also cost
points off the overall score, so a call that misses what matters most cannot
grade well; a call with a critical error (an unsafe instruction or harmful
advice) fails: capped below a pass, less the error's own points. Late help
(`dispatch`), an upset caller never calmed and tone failures (`conduct`), and a
wrong address left in CAD (`cad`) also cost the overall score. An instructor's
overrides re-score through `overrides.rescore`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..scenario.schema import CATEGORIES, RequiredAct, Scenario, acts_meaning
from ..timeline import Timeline
from .cad import cad_accuracy
from .conduct import (
    CALMING,
    REQUIRED_SHARE,
    TONE,
    calm_control_owed,
    coached_hands_on,
    customer_service,
    lost_with_line,
    tone_lines,
    uncalmed_caller,
)
from .dispatch import grade_dispatch
from .fairness import closest_line
from .findings import Finding
from .harmful import harmful_advice
from .interpreter import grade_interpreter
from .location import (
    LocationCheck,
    callback_finding,
    check_location,
    location_finding,
    location_tip,
    readback_findings,
    unverified_moment,
)
from .metrics import CPR_STEP_ACTS, CallFacts, compute_metrics, cpr_coached, extract, told_in_opening
from .precautions import aspirin_checks
from .safety import unsafe_instructions
from .standards import STANDARDS, as_table
from .suggestions import suggestion
from .tcpr_grade import grade_tcpr

SCORER_VERSION = "2.4"
WEIGHTS = {
    "case_entry": 0.22,
    "chief_complaint": 0.10,
    "key_questions": 0.20,
    "instructions": 0.20,
    "cad_accuracy": 0.13,
    "customer_service": 0.15,
}
ORDER_PENALTY = 10.0
CRITICAL_CAP = 64.0  # less its own points, a call with a critical error cannot pass (at most 49)
CRITICAL_ERRORS = ("unsafe", "harmful_advice")  # finding kinds that fail the call
CREDIT_WITHHELD_ON_TONE = ("calm_control", "reassure")
# One delay, one deduction: in an arrest the timing of these acts is graded by the T-CPR recognition
# and first-compression measures, so their deadlines in the protocol are not charged a second time.
TIMED_BY_TCPR = ("ask_conscious", "ask_breathing", "recognize_arrest", "instruct_cpr", *CPR_STEP_ACTS)


@dataclass
class ScoreResult:
    score: float
    grade: str
    metrics: dict[str, Any]
    categories: dict[str, dict[str, Any]]
    findings: list[Finding] = field(default_factory=list)
    scorer_version: str = SCORER_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "grade": self.grade,
            "metrics": self.metrics,
            "categories": self.categories,
            "findings": [x.to_dict() for x in self.findings],
            "scorer_version": self.scorer_version,
            "standards": as_table(),
        }


def level_for(score: float) -> str:
    if score >= 90:
        return "high"
    if score >= 75:
        return "compliant"
    if score >= 60:
        return "partial"
    if score >= 40:
        return "low"
    return "non_compliant"


def grade_for(score: float) -> str:
    for floor, grade in ((90, "A"), (80, "B"), (70, "C"), (60, "D")):
        if score >= floor:
            return grade
    return "F"


def category_of(req: RequiredAct) -> str:
    if req.category:
        return req.category
    return "instructions" if req.act.startswith("instruct_") or req.act == "dispatch_notice" else "key_questions"


def _done_at(
    req: RequiredAct, f: CallFacts, scenario: Scenario, rude: set[int], where: LocationCheck
) -> tuple[float | None, int | None]:
    """When a required act counts as done (and on which line): CPR only once coached, a
    read-back only when it matches the truth, calm control not on a rude line; the address (and
    the callback number) is also obtained by reading back what the screen shows when the caller
    confirms it; the chief complaint is obtained at answer when the caller opened by saying it."""
    if req.act == "instruct_cpr" and scenario.protocol.cardiac_arrest:
        moments = [t for t in (cpr_coached(f), f.compressions_at) if t is not None]
        t = min(moments) if moments else None
        line = next((a.line for a in f.acts if a.t == t), None) if t is not None else None
        return t, line
    if req.act == "calm_control":  # coaching a task with the caller's hands is call control, from then on
        calm: tuple[float | None, int | None] = next(
            ((a.t, a.line) for a in f.acts if a.act == "calm_control" and a.line not in rude), (None, None)
        )
        hands = coached_hands_on(scenario, f)
        if hands[0] is not None and (calm[0] is None or hands[0] < calm[0]):
            return hands
        return calm
    if req.act == "verify_address":
        return (f.trainee_lines[where.line][0], where.line) if where.line is not None else (None, None)
    if req.act == "verify_callback":
        return where.callback.verified_at, where.callback.line
    if req.act == "ask_what_happened" and told_in_opening(f):
        return 0.0, None  # the caller opened with it: the chief complaint was obtained at answer
    accepted = acts_meaning(req.act)  # a finer act does what the coarser requirement asks
    done: tuple[float | None, int | None] = next(
        (
            (a.t, a.line)
            for a in f.acts
            if a.act in accepted and not (req.act in CREDIT_WITHHELD_ON_TONE and a.line in rude)
        ),
        (None, None),
    )
    if req.act == "ask_address" and where.from_screen and where.exact and where.line is not None:
        screen = (f.trainee_lines[where.line][0], where.line)  # the caller confirmed the screen's address
        return screen if done[0] is None or screen[0] < done[0] else done
    cb = where.callback
    if req.act == "ask_callback" and cb.from_screen and cb.verified_at is not None:
        on_screen = (cb.verified_at, cb.line)  # the caller confirmed the number on the screen
        return on_screen if done[0] is None or cb.verified_at < done[0] else done
    return done


def _prevented_event(act: str, f: CallFacts, scenario: Scenario, when: float) -> tuple[float, str] | None:
    """The first scenario event that happened because `act` had not been done yet (the scenario
    says the event is skipped when the act comes first: the intruder on the stairs unless the
    caller was told to lock herself in), when the act came only after it: (moment, what was said)."""
    by_id = {ev.id: ev for ev in scenario.events}
    for t, ev_id in f.events:
        ev = by_id.get(ev_id)
        if ev is not None and ev.trigger.unless_act in acts_meaning(act) and t < when:
            return t, ev.say
    return None


def _timed_elsewhere(act: str, scenario: Scenario) -> bool:
    return scenario.protocol.cardiac_arrest and act in TIMED_BY_TCPR


def _coached_arrest(f: CallFacts, scenario: Scenario, when: float) -> bool:
    """Calm control given as the CPR coaching itself on an arrest: its timing is the T-CPR
    measures' (one delay, one deduction)."""
    return scenario.protocol.cardiac_arrest and when == coached_hands_on(scenario, f)[0]


def _check_required(
    req: RequiredAct,
    f: CallFacts,
    cat: str,
    out: list[Finding],
    scenario: Scenario,
    rude: set[int],
    where: LocationCheck,
    unreached: list[str],
    cut: float | None = None,
) -> tuple[float, float]:
    """(earned, possible) for one required act; appends a finding when short. A location never
    verified is explained with what the screen showed, at the moment it was first acted on. When
    the caller hung up at `cut` (after help was sent to a verified location), a question or
    open-line instruction not done and not yet due is left to the hang-up's finding (added to
    `unreached`): neither earned nor owed."""
    if req.act == "calm_control" and not calm_control_owed(scenario, f):
        return req.weight, req.weight  # the caller never needed calming
    when, line = _done_at(req, f, scenario, rude, where)
    if (
        when is None
        and cut is not None
        and (req.deadline_s is None or req.deadline_s > cut)
        and lost_with_line(req.act)
    ):
        unreached.append(req.act)
        return 0.0, 0.0
    tip = suggestion(req.act, scenario)
    name = req.act.replace("_", " ")
    if when is None:
        near = closest_line(f, req.act, req.say)
        seen = (
            f" Closest line: {near[2]!r} at {near[1]:.0f}s; if that was it, an instructor can mark it done."
            if near
            else " No line came close."
        )
        t = None
        if req.act == "verify_address":
            tip, t = f"{where.summary()} {location_tip(scenario)}", unverified_moment(f)
        out.append(
            Finding(
                t,
                "missing",
                cat,
                f"Never did: {name}. {tip}".strip() + seen,
                req.weight,
                rule=req.act,
                quote=near[2] if near else "",
                closest_line=near[0] if near else None,
            )
        )
        return 0.0, req.weight
    if _timed_elsewhere(req.act, scenario) or (req.act == "calm_control" and _coached_arrest(f, scenario, when)):
        return req.weight, req.weight
    came = _prevented_event(req.act, f, scenario, when)
    if came is not None and (req.deadline_s is None or when <= req.deadline_s):
        at, said = came
        out.append(
            Finding(
                when,
                "late",
                cat,
                f"{name.capitalize()} at {when:.0f}s, after the caller said at {at:.0f}s: {said!r}. Given earlier, "
                f"it would have kept that from happening. {tip}".strip(),
                req.weight / 2,
                rule=req.act,
                line=line,
                quote=f.text(line) if line is not None else "",
            )
        )
        return req.weight / 2, req.weight
    if req.deadline_s is not None and when > req.deadline_s:
        out.append(
            Finding(
                when,
                "late",
                cat,
                f"{name.capitalize()} at {when:.0f}s, after the {req.deadline_s:.0f}s target. {tip}".strip(),
                req.weight / 2,
                rule=req.act,
                line=line,
                quote=f.text(line) if line is not None else "",
            )
        )
        return req.weight / 2, req.weight
    return req.weight, req.weight


def _lost_after_help(f: CallFacts, where: LocationCheck, help_at: float | None) -> float | None:
    """The moment the caller hung up, when help had been announced and the location verified
    before it: what was still to come is the hang-up's one deduction. A caller lost before that
    is still owed all of it, and nobody is coming: every missing item stands (None)."""
    if not f.hung_up or where.verified_at is None or help_at is None:
        return None
    return f.ended_at if max(where.verified_at, help_at) <= f.ended_at else None


def _answer_time(metrics: dict[str, Any], out: list[Finding]) -> float:
    std = STANDARDS["answer"]
    t = metrics["time_to_answer"]
    if t is None or std.goal_s is None or t <= std.goal_s:
        return 0.0
    pts = 15.0 if std.minimum_s is not None and t > std.minimum_s else 5.0
    out.append(
        Finding(
            0.0,
            "answer_late",
            "case_entry",
            f"The phone rang {t:.0f}s before it was answered (NENA: within {std.goal_s:.0f}s, "
            f"at most {std.minimum_s:.0f}s).",
            pts,
            rule="answer",
            standard="answer",
        )
    )
    return pts


def score_call(scenario: Scenario, timeline: Timeline) -> ScoreResult:
    f = extract(timeline)
    metrics = compute_metrics(scenario, timeline, f)
    findings: list[Finding] = []
    earned = {c: 0.0 for c in CATEGORIES}
    possible = {c: 0.0 for c in CATEGORIES}
    proto = scenario.protocol
    rude = tone_lines(f)
    where = check_location(scenario, f)
    metrics["time_to_location_verified"] = where.verified_at
    metrics["location_check"] = where.summary()
    required = [*proto.required_acts, *proto.required_instructions]
    unreached: list[str] = []
    cut = _lost_after_help(f, where, metrics["time_to_dispatch_notice"])
    for req in required:
        cat = category_of(req)
        e, p = _check_required(req, f, cat, findings, scenario, rude, where, unreached, cut)
        earned[cat] += e
        possible[cat] += p
    cats: dict[str, float] = {}
    for c in ("case_entry", "chief_complaint", "key_questions", "instructions"):
        cats[c] = 100.0 * earned[c] / possible[c] if possible[c] else 100.0
    cats["case_entry"] = max(0.0, cats["case_entry"] - _answer_time(metrics, findings))
    cats["case_entry"] = max(0.0, cats["case_entry"] - readback_findings(scenario, f, findings))
    if not any(r.act == "verify_address" for r in required):
        cats["case_entry"] = max(0.0, cats["case_entry"] - location_finding(scenario, f, where, findings))
    if not any(r.act == "verify_callback" for r in required):
        cats["case_entry"] = max(0.0, cats["case_entry"] - callback_finding(scenario, f, where.callback, findings))
    times = [(a, f.first(a)) for a in proto.ordered]
    done = [(a, t) for a, t in times if t is not None]
    for (a1, t1), (a2, t2) in zip(done, done[1:]):
        if t2 < t1:
            findings.append(
                Finding(
                    t2,
                    "order",
                    "key_questions",
                    f"{a2.replace('_', ' ')} came before {a1.replace('_', ' ')}; follow the protocol order.",
                    ORDER_PENALTY,
                    rule=a2,
                )
            )
            cats["key_questions"] = max(0.0, cats["key_questions"] - ORDER_PENALTY)
    for bad in proto.forbidden_acts:
        if bad.act in TONE:  # graded once, as a tone finding that carries the scenario's reason
            continue
        hit = next((a for a in f.acts if a.act == bad.act), None)
        if hit is not None:
            findings.append(
                Finding(
                    hit.t,
                    "forbidden",
                    "instructions",
                    bad.reason,
                    25,
                    rule=bad.act,
                    line=hit.line,
                    quote=f.text(hit.line),
                )
            )
            cats["instructions"] = max(0.0, cats["instructions"] - 25)
    cats["instructions"] = max(0.0, cats["instructions"] - unsafe_instructions(scenario, f, findings))
    cats["instructions"] = max(0.0, cats["instructions"] - harmful_advice(scenario, f, findings))
    cats["instructions"] = max(0.0, cats["instructions"] - aspirin_checks(f, findings))
    for cat, pts in grade_tcpr(scenario, f, metrics, findings).items():
        cats[cat] = max(0.0, cats[cat] - pts)
    lost = grade_dispatch(scenario, f, metrics["time_to_dispatch_notice"], findings)
    cats["instructions"] = max(0.0, cats["instructions"] - lost)
    cats["cad_accuracy"] = cad_accuracy(scenario, f, findings)
    cats["customer_service"] = customer_service(
        f, findings, {b.act: b.reason for b in proto.forbidden_acts if b.act in TONE}, unreached
    )
    uncalmed = uncalmed_caller(scenario, f, rude, findings)
    if uncalmed:  # one fault, one deduction: the missing calm control and reassurance are that finding
        for x in findings:
            if x.kind in ("missing", "late") and x.category == "customer_service" and x.rule in CALMING:
                earned["customer_service"] += x.points
                x.points = 0.0
                x.message += " (Charged once, as the upset caller never calmed.)"
    if possible["customer_service"]:  # the scenario's calm control and reassurance
        short = 1.0 - earned["customer_service"] / possible["customer_service"]
        cats["customer_service"] -= REQUIRED_SHARE * short
    cats["customer_service"] = max(0.0, cats["customer_service"] - uncalmed)
    cats["customer_service"] = max(
        0.0, cats["customer_service"] - grade_interpreter(scenario, timeline, metrics, findings)
    )
    findings.sort(key=lambda x: (x.t is None, x.t or 0.0))
    return assemble(cats, metrics, findings)


def overall(cats: dict[str, float], findings: list[Finding]) -> float:
    """The overall score: weighted categories less the overall points of findings that carry
    them. A call with a critical error (an unsafe instruction, harmful advice) is capped at
    CRITICAL_CAP and each critical error costs its points below that cap, so it fails (at most 49)
    and a second one is not free."""
    errors = [x for x in findings if x.kind in CRITICAL_ERRORS]
    total = sum(WEIGHTS[c] * cats[c] for c in CATEGORIES) - sum(
        x.overall_points for x in findings if x.kind not in CRITICAL_ERRORS
    )
    if errors:
        total = min(total, CRITICAL_CAP) - sum(x.overall_points for x in errors)
    return round(min(100.0, max(0.0, total)), 1)


def assemble(cats: dict[str, float], metrics: dict[str, Any], findings: list[Finding]) -> ScoreResult:
    categories = {c: {"score": round(cats[c], 1), "level": level_for(cats[c])} for c in CATEGORIES}
    score = overall(cats, findings)
    return ScoreResult(score, grade_for(score), metrics, categories, findings)
