"""Harmful medical advice: advice that is fine on one call and dangerous on another, judged
against the scenario's own patient.

* Nothing by mouth: food, drink or pills for a patient who may not swallow safely
  (unconscious, a stroke, an overdose, a seizure, an arrest) can choke them or worsen
  the emergency.
* Do not move: a patient who may have hurt the neck or back (a fall, a collision, a
  diving or crush injury) must stay still unless in immediate danger.

Each is a critical finding at its moment, like an unsafe instruction.
"""

from __future__ import annotations

import re

from ..scenario.schema import Scenario
from .findings import Finding
from .metrics import CallFacts

HARMFUL_CATEGORY_POINTS = 40.0
HARMFUL_OVERALL_POINTS = 15.0

_NO_SWALLOW_TYPES = ("stroke", "overdose", "poison", "unconscious", "cardiac", "seizure", "diabetic")
_NO_SWALLOW_WORDS = re.compile(
    r"stroke|overdose|unconscious|unresponsive|seizure|convuls|pills|slurr|droop"
    r"|passed out|won't wake|not waking|opioid|heroin|fentanyl"
)
_SPINE_TYPES = ("fall", "collision", "traffic", "diving", "crush", "motorcycle", "pedestrian")
_SPINE_WORDS = re.compile(
    r"\bneck\b|\bspin(?:e|al)\b|\b(?:back|hip) (?:pain|injur|hurt)|\b(?:hurt|injured|broke|pain in) (?:his|her|their|the|my)"
    r" (?:right |left |lower )?(?:back|hip)\b|\bhip injur|\bfell\b|\bfall\b|\bcrash|\bcollision|\bthrown\b"
    r"|\bhead injur|\bhit (?:his|her|their) head\b|\bback of (?:his|her|their|the) head\b"
)

_PEOPLE = (
    r"(?:man|woman|boy|girl|baby|child|kid|husband|wife|son|daughter|mom|mother|dad|father|friend|brother"
    r"|sister|grandma|grandmother|grandpa|grandfather|neighbou?r|partner|boyfriend|girlfriend|coworker|patient|driver"
    r"|guy|person|lady|gentleman|victim|passenger|rider|cyclist|biker|pedestrian|other driver)"
)
_HIM = rf"(?:him|her|them|the {_PEOPLE}|your {_PEOPLE})"
_BY_MOUTH = re.compile(
    rf"\b(?:give|get|bring|offer|feed|pour) {_HIM} (?:some |a |an |a little |a glass of |a cup of |a sip of |a bit of |something to )?"
    r"(?:\w+ )?(?:water|drink|eat|food|juice|coffee|tea|soda|coke|pop|sugar|candy|milk|snack|sandwich|aspirin|tylenol"
    r"|ibuprofen|pills?|medicine|alcohol|whiskey|salt water)\b"
    rf"|\b(?:have|let|make|get|help) {_HIM} (?:to )?(?:drink|eat|swallow|sip|chew|take a (?:sip|drink|bite))\b"
    rf"|\btry (?:giving|feeding) {_HIM}\b|\b(?:pour|put|force) (?:some |a little )?(?:water|juice|coffee|sugar|food)"
    r" (?:in|into|down) (?:his|her|their) (?:mouth|throat)\b"
)
_MOVE = re.compile(
    rf"\b(?:move|lift|carry|drag|pull|roll|turn|shift|prop) {_HIM}\b(?! (?:to )?(?:lie|stay|keep|remain|hold))"
    rf"|\b(?:sit|stand|get|help|bring) {_HIM} (?:up|upright|to (?:his|her|their) feet|onto|on to|into|to the|over to|out)\b"
    rf"|\b(?:lay|lie|put) {_HIM} (?:down|flat|on (?:the|his|her|their) (?:ground|back|floor))\b"
    rf"|\bhelp {_HIM} (?:get up|stand|sit|walk|to (?:the|a) \w+)\b|\b(?:walk|get) {_HIM} (?:around|inside|in the house)\b"
    rf"|\b(?:sit|stand) {_HIM} up\b"
    # the caller is the patient
    r"|\b(?:get|pull|push|lift) (?:you|yourself) (?:up|onto|on to|into|over)\b|\btry (?:and |to )?(?:get up|stand|sit up|walk|move)\b"
)
_NEGATED = re.compile(r"\b(?:do not|don't|dont|never|nothing|not|no one should|nobody should|without)\b")
_CLAUSE = re.compile(r"[^.?!;,]+")
_ASKS_WHAT_HAPPENED = re.compile(
    r"^\s*(?:did|has|have|had|was|were) (?:you|he|she|they|someone|anyone)\b"
)  # a question, not advice
# What responders will do is not advice to the caller ("the firefighters will get her out").
_RESPONDERS = re.compile(
    r"\b(?:firefighters?|paramedics?|medics?|crews?|responders?|officers?|police|ems|ambulance"
    r"|fire department|they|they'll|they will)\b"
)
_SAFE_MOVE = re.compile(r"\b(?:fire|smoke|flames|traffic|road|water|pool|danger|gas|burning|out of the way)\b")


def _text(scenario: Scenario) -> str:
    parts = [scenario.call_type, scenario.facts.chief_complaint]
    for p in scenario.facts.patients:
        parts += [*p.injuries, *p.conditions]
    return " ".join(str(x) for x in parts).lower()


def nothing_by_mouth(scenario: Scenario) -> bool:
    text = _text(scenario)
    unconscious = any(p.conscious is False for p in scenario.facts.patients)
    return (
        unconscious
        or scenario.protocol.cardiac_arrest
        or any(t in scenario.call_type for t in _NO_SWALLOW_TYPES)
        or bool(_NO_SWALLOW_WORDS.search(text))
    )


def keep_still(scenario: Scenario) -> bool:
    if scenario.protocol.cardiac_arrest:
        return False  # an arrest patient goes flat on the floor for CPR
    return any(t in scenario.call_type for t in _SPINE_TYPES) or bool(_SPINE_WORDS.search(_text(scenario)))


def _said(rx: re.Pattern, text: str) -> bool:
    """The advice given, not forbidden ("don't give him anything to drink" is right)."""
    for clause in _CLAUSE.findall(text.lower().replace("’", "'")):
        m = rx.search(clause)
        before = clause[: m.start()] if m else ""
        if (
            m
            and not _NEGATED.search(before)
            and not _RESPONDERS.search(before)
            and not _ASKS_WHAT_HAPPENED.search(clause)
        ):
            if rx is _MOVE and _SAFE_MOVE.search(clause):
                continue  # moving a patient away from a fire or traffic is what protects them
            return True
    return False


def harmful_advice(scenario: Scenario, f: CallFacts, out: list[Finding]) -> float:
    """Critical findings for harmful medical advice; returns the points off instructions. A line
    already graded as an unsafe instruction is not graded twice."""
    unsafe = {x.line for x in out if x.kind == "unsafe"}
    airway = {a.line for a in f.acts if a.act == "instruct_airway"}  # the recovery position protects the airway
    checks = []
    if nothing_by_mouth(scenario):
        checks.append(
            (
                _BY_MOUTH,
                "nothing_by_mouth",
                "nothing to eat or drink (or pills) for a patient who may not swallow safely: it can choke "
                'them or make the emergency worse. Say: "Don\'t give him anything to eat or drink."',
            )
        )
    if keep_still(scenario):
        checks.append(
            (
                _MOVE,
                "do_not_move",
                "a patient who may have hurt the neck or back must not be moved unless in immediate "
                'danger. Say: "Don\'t move him; keep him still and tell him not to move his head."',
            )
        )
    lost = 0.0
    for i, (t, text) in enumerate(f.trainee_lines):
        for rx, rule, why in [] if i in unsafe else checks:
            if _said(rx, text) and not (rule == "do_not_move" and i in airway):
                out.append(
                    Finding(
                        t,
                        "harmful_advice",
                        "instructions",
                        f"Critical: harmful medical advice: {text!r}. On this call it must be {why} "
                        "A critical error like this fails the call.",
                        HARMFUL_CATEGORY_POINTS,
                        rule=rule,
                        line=i,
                        quote=text,
                        overall_points=HARMFUL_OVERALL_POINTS,
                        critical=True,
                    )
                )
                lost += HARMFUL_CATEGORY_POINTS
    return lost
