"""Scoring: a pure function of (scenario, timeline).

Six categories as in protocol QA (case entry, chief complaint, key questions,
instructions, CAD accuracy, customer service), each 0-100 with a compliance
level; an overall score and grade; and findings that explain every deduction
with its moment in the call and what to say instead.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..scenario.schema import CATEGORIES, RequiredAct, Scenario
from ..timeline import Timeline
from .metrics import CallFacts, compute_metrics, extract, repeated_questions
from .suggestions import SUGGEST

SCORER_VERSION = "1.0"
WEIGHTS = {"case_entry": 0.22, "chief_complaint": 0.10, "key_questions": 0.20,
           "instructions": 0.20, "cad_accuracy": 0.13, "customer_service": 0.15}
LONG_GAP_S = 20.0
ORDER_PENALTY = 10.0


@dataclass(slots=True)
class Finding:
    t: float | None
    kind: str
    category: str
    message: str
    points: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ScoreResult:
    score: float
    grade: str
    metrics: dict[str, Any]
    categories: dict[str, dict[str, Any]]
    findings: list[Finding] = field(default_factory=list)
    scorer_version: str = SCORER_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "grade": self.grade, "metrics": self.metrics,
                "categories": self.categories, "findings": [x.to_dict() for x in self.findings],
                "scorer_version": self.scorer_version}


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


def _category_of(req: RequiredAct) -> str:
    if req.category:
        return req.category
    return "instructions" if req.act.startswith("instruct_") or req.act == "dispatch_notice" \
        else "key_questions"


def suggestion(act: str, scenario: Scenario) -> str:
    return SUGGEST.get(act, "").format(address=scenario.location.full)


def _check_required(req: RequiredAct, f: CallFacts, cat: str, out: list[Finding],
                    scenario: Scenario) -> tuple[float, float]:
    """(earned, possible) for one required act; appends a finding when short."""
    when = f.first(req.act)
    tip = suggestion(req.act, scenario)
    if when is None:
        out.append(Finding(None, "missing", cat, f"Never did: {req.act.replace('_', ' ')}. {tip}".strip(),
                           req.weight))
        return 0.0, req.weight
    if req.deadline_s is not None and when > req.deadline_s:
        out.append(Finding(when, "late", cat,
                           f"{req.act.replace('_', ' ').capitalize()} at {when:.0f}s, "
                           f"after the {req.deadline_s:.0f}s target. {tip}".strip(), req.weight / 2))
        return req.weight / 2, req.weight
    return req.weight, req.weight


def _norm(text: Any) -> str:
    words = re.sub(r"[^a-z0-9 ]", " ", str(text).lower()).split()
    abbrev = {"st": "street", "ave": "avenue", "av": "avenue", "dr": "drive", "rd": "road",
              "apt": "apartment", "blvd": "boulevard", "ln": "lane", "&": "and"}
    return " ".join(abbrev.get(w, w) for w in words)


def _digits(text: Any) -> str:
    return re.sub(r"\D", "", str(text))


def _overlap(a: Any, b: Any) -> float:
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return len(wa & wb) / len(wb) if wb else 0.0


def _cad(scenario: Scenario, f: CallFacts, out: list[Finding]) -> float:
    truth = scenario.cad
    if not f.cad:
        out.append(Finding(None, "cad", "cad_accuracy",
                           "No CAD incident was entered. Record address, incident type and priority as you go.",
                           100))
        return 0.0
    parts = []
    addr = _overlap(f.cad.get("address", ""), truth.address)
    parts.append(addr)
    if addr < 0.8:
        out.append(Finding(f.cad_first.get("address"), "cad", "cad_accuracy",
                           f"CAD address {f.cad.get('address', '')!r} does not match {truth.address!r}.", 35))
    itype = _overlap(f.cad.get("incident_type", ""), truth.incident_type)
    parts.append(1.0 if itype >= 0.5 else 0.0)
    if itype < 0.5:
        out.append(Finding(f.cad_first.get("incident_type"), "cad", "cad_accuracy",
                           f"CAD incident type {f.cad.get('incident_type', '')!r}; expected "
                           f"{truth.incident_type!r}.", 35))
    try:
        diff = abs(int(f.cad.get("priority", 0)) - truth.priority)
    except (TypeError, ValueError):
        diff = 9
    parts.append(1.0 if diff == 0 else 0.5 if diff == 1 else 0.0)
    if diff:
        given = f.cad.get("priority")
        said = "No CAD priority set" if given in (None, "") else f"CAD priority {given}"
        out.append(Finding(f.cad_first.get("priority"), "cad", "cad_accuracy",
                           f"{said}; this call is priority {truth.priority}.", 30))
    if "callback" in f.cad:
        parts.append(1.0 if _digits(f.cad["callback"]) == _digits(scenario.callback) else 0.0)
    return 100.0 * sum(parts) / len(parts)


def _customer_service(f: CallFacts, out: list[Finding]) -> float:
    score = 100.0
    rude = [a for a in f.acts if a.act == "rude"]
    for a in rude:
        out.append(Finding(a.t, "rude", "customer_service",
                           f"Rude or dismissive: {f.trainee_lines[a.line][1]!r}. "
                           f"{SUGGEST['calm_control']}", 20))
    score -= 20 * len(rude)
    for a in repeated_questions(f):
        out.append(Finding(a.t, "repeat", "customer_service",
                           f"Asked again ({a.act.replace('_', ' ')}) after the caller already answered or "
                           "said they don't know: it costs time and raises panic.", 8))
        score -= 8
    prev = 0.0
    for t, _ in f.trainee_lines:
        if t - prev > LONG_GAP_S:
            out.append(Finding(t, "silence", "customer_service",
                               f"{t - prev:.0f}s of silence from the call-taker; keep control of the call.", 8))
            score -= 8
        prev = t
    if f.hung_up:
        out.append(Finding(f.ended_at, "hang_up", "customer_service", "The caller hung up.", 25))
        score -= 25
    return max(score, 0.0)


def score_call(scenario: Scenario, timeline: Timeline) -> ScoreResult:
    f = extract(timeline)
    metrics = compute_metrics(scenario, timeline, f)
    findings: list[Finding] = []
    earned = {c: 0.0 for c in CATEGORIES}
    possible = {c: 0.0 for c in CATEGORIES}
    proto = scenario.protocol
    for req in [*proto.required_acts, *proto.required_instructions]:
        cat = _category_of(req)
        e, p = _check_required(req, f, cat, findings, scenario)
        earned[cat] += e
        possible[cat] += p
    cats: dict[str, float] = {}
    for c in ("case_entry", "chief_complaint", "key_questions", "instructions"):
        cats[c] = 100.0 * earned[c] / possible[c] if possible[c] else 100.0
    # order of the protocol sequence
    times = [(a, f.first(a)) for a in proto.ordered]
    done = [(a, t) for a, t in times if t is not None]
    for (a1, t1), (a2, t2) in zip(done, done[1:]):
        if t2 < t1:
            findings.append(Finding(t2, "order", "key_questions",
                                    f"{a2.replace('_', ' ')} came before {a1.replace('_', ' ')}; "
                                    "follow the protocol order.", ORDER_PENALTY))
            cats["key_questions"] = max(0.0, cats["key_questions"] - ORDER_PENALTY)
    for bad in proto.forbidden_acts:
        when = f.first(bad.act)
        if when is not None:
            findings.append(Finding(when, "forbidden", "instructions", bad.reason, 25))
            cats["instructions"] = max(0.0, cats["instructions"] - 25)
    dispatch = metrics["time_to_dispatch_notice"]
    if dispatch is not None and dispatch > proto.dispatch_deadline_s:
        findings.append(Finding(dispatch, "late", "instructions",
                                f"Help was announced at {dispatch:.0f}s; aim for {proto.dispatch_deadline_s:.0f}s.",
                                10))
        cats["instructions"] = max(0.0, cats["instructions"] - 10)
    cats["cad_accuracy"] = _cad(scenario, f, findings)
    cats["customer_service"] = _customer_service(f, findings)
    total = sum(WEIGHTS[c] * cats[c] for c in CATEGORIES)
    categories = {c: {"score": round(cats[c], 1), "level": level_for(cats[c])} for c in CATEGORIES}
    findings.sort(key=lambda x: (x.t is None, x.t or 0.0))
    score = round(total, 1)
    return ScoreResult(score, grade_for(score), metrics, categories, findings)
