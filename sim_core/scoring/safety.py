"""Unsafe instructions: sending the caller towards the danger is a critical error.

A line the act model reads as an unsafe instruction is graded as one, with two
checks a training officer makes before writing up a critical error:

* there must be a danger on the call to send the caller towards: a suspect, a
  weapon, a hazard (fire, smoke, fuel, traffic...), a threat that lasts, or a
  patient who must not be moved. On a call with none of these ("go look and
  tell me if he's breathing" on a diabetic emergency) the line cannot send
  anyone towards danger;
* a warning is not an instruction: a line that tells the caller to stay away
  from the danger ("stay out front", "don't go back in") and whose only mention
  of going there is a condition with its consequence ("if you go back in, the
  smoke will put you down too") keeps the caller safe.

A line the checks set aside is still listed (no points) so an instructor can
see it and overrule.
"""

from __future__ import annotations

import re

from ..scenario.schema import Scenario
from .findings import Finding
from .harmful import keep_still
from .metrics import CallFacts

UNSAFE_CATEGORY_POINTS = 40.0
UNSAFE_OVERALL_POINTS = 15.0
SAFE_TIP = (
    "Keep the caller away from the danger: tell them what to avoid and where to stay safe, "
    "and let responders deal with it. A critical error like this fails the call."
)

_KEEP_AWAY = re.compile(
    r"\b(?:stay|keep|remain|wait)(?: \w+){0,2}? (?:out|outside|back|away|clear|put|where you are|inside|hidden|low)\b"
    r"|\b(?:don'?t|do not|never|no one should|nobody should) (?:\w+ )?(?:go|run|walk|get|try|open|approach|touch|confront"
    r"|enter|climb|reach|pull|move|head)\b|\bget (?:out|away|back)\b"
)
_LEAD = re.compile(
    r"^(?:(?:okay|ok|alright|all right|sir|ma'am|miss|now|so|and|then|just|please|listen|look|hey)\b[\s,]*)+"
)
_TOWARDS = re.compile(
    r"^(?:(?:can|could|would|will) you (?:please |just )?|you (?:need to|have to|should|must|can|could|gotta|got to) |try (?:and|to) )?"
    r"(?:go|get|run|try|pull|grab|check|look|peek|open|take|walk|climb|break|reach|confront|approach|see|head|enter"
    r"|bring|carry|drag|move|sneak|find|search|follow|chase|fight|tackle|stop|knock|push|lift|help)\b"
)
_CONDITION = re.compile(r"^(?:if|when|unless|once|in case)\b")


def danger_on_call(scenario: Scenario) -> bool:
    """The call has something a caller could be sent towards."""
    facts = scenario.facts
    return bool(facts.suspects or facts.weapons or facts.hazards or facts.ongoing_threat) or keep_still(scenario)


_NEGATED = re.compile(r"^(?:don'?t|do not|never|no one should|nobody should)\b")
_JOIN = re.compile(r"(,|\band\b|\bor\b|\bthen\b|\bbut\b)")


def _directs_towards(sentence: str) -> bool:
    """A clause of the sentence tells the caller to go, take, look, pull...: what an instruction
    towards danger sounds like. A condition ("if you go back in, ...") is not an instruction, and
    a negation carries over the clauses it joins ("don't go in and get her")."""
    parts = _JOIN.split(sentence.strip())
    negated = False
    for i in range(0, len(parts), 2):
        joined_by = parts[i - 1].strip() if i else ""
        clause = _LEAD.sub("", parts[i].strip())
        if not clause:
            continue
        if _CONDITION.match(clause):
            negated = False
            continue
        if _NEGATED.match(clause):
            negated = True
            continue
        if negated and joined_by in ("and", "or"):
            continue
        negated = False
        if _TOWARDS.match(clause) and not _KEEP_AWAY.match(clause):
            return True
    return False


def is_warning(text: str) -> bool:
    """The line keeps the caller away from the danger and sends them nowhere near it."""
    low = text.lower().replace("’", "'")
    if not _KEEP_AWAY.search(low):
        return False
    sentences = [x for x in re.split(r"[.?!;]+|\.\.\.|\s-\s", low) if x.strip()]
    return not any(_directs_towards(x) for x in sentences)


def unsafe_instructions(scenario: Scenario, f: CallFacts, out: list[Finding]) -> float:
    """Critical findings for instructions that send the caller towards danger; points off instructions."""
    lost = 0.0
    danger = danger_on_call(scenario)
    for a in f.acts:
        if a.act != "unsafe_instruction":
            continue
        text = f.text(a.line)
        why = "" if danger else "this call has no danger to send the caller towards"
        why = why or ("it tells the caller to keep away from the danger (a warning)" if is_warning(text) else "")
        if why:
            out.append(
                Finding(
                    a.t,
                    "unsafe_set_aside",
                    "instructions",
                    f"Read as an instruction towards danger, but {why}: not graded. {text!r}",
                    0.0,
                    rule="unsafe_instruction",
                    line=a.line,
                    quote=text,
                )
            )
            continue
        out.append(
            Finding(
                a.t,
                "unsafe",
                "instructions",
                f"Critical: this sends the caller towards danger: {text!r}. {SAFE_TIP}",
                UNSAFE_CATEGORY_POINTS,
                rule="unsafe_instruction",
                line=a.line,
                quote=text,
                overall_points=UNSAFE_OVERALL_POINTS,
                critical=True,
            )
        )
        lost += UNSAFE_CATEGORY_POINTS
    return lost
