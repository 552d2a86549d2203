"""Human words for the codes the simulator stores (modes, statuses, compliance
levels, end reasons, trainee acts), so no page shows `non_compliant` or `None`."""

from __future__ import annotations

import re
from typing import Any

WORDS = {
    # call modes
    "text": "Typed",
    "push_to_talk": "Push-to-talk",
    "live_voice": "Live voice",
    # call statuses
    "ringing": "Ringing",
    "active": "On the line",
    "in_progress": "In progress",
    "ended": "Ended (not scored)",
    "scored": "Scored",
    "abandoned": "Abandoned",
    # compliance levels
    "high": "High",
    "compliant": "Compliant",
    "partial": "Partial",
    "low": "Low",
    "non_compliant": "Non-compliant",
    # end reasons
    "trainee_ended": "You ended the call",
    "caller_hung_up": "The caller hung up",
    "caller_abandoned": "Not answered: the caller gave up",
    "expired": "Expired",
    # scenario versions
    "draft": "Draft",
    "published": "Published",
}
ACRONYMS = {"cpr": "CPR", "aed": "AED", "cad": "CAD", "ani": "ANI", "ali": "ALI"}
ACT_VERBS = {"ask": "Ask", "verify": "Verify (read back)", "instruct": "Instruct", "recognize": "Recognise"}
NONE = "—"


def _words(code: str) -> str:
    parts = [ACRONYMS.get(p, p) for p in code.split("_") if p]
    text = " ".join(parts)
    return text[:1].upper() + text[1:]


def human(code: Any) -> str:
    """The human words for a stored code; '—' for nothing at all."""
    if code is None or (isinstance(code, float) and code != code) or code == "":
        return NONE
    text = str(code)
    if text in WORDS:
        return WORDS[text]
    if re.fullmatch(r"[a-z0-9_]+", text):
        return _words(text)
    return text


def act_label(act: str) -> str:
    """'ask_callback' → 'Ask: callback'; 'instruct_cpr_hands' → 'Instruct: CPR hands'."""
    verb, _, rest = act.partition("_")
    if verb in ACT_VERBS and rest:
        return f"{ACT_VERBS[verb]}: {_words(rest).lower().replace('cpr', 'CPR').replace('aed', 'AED')}"
    return _words(act)


def score_text(score: Any) -> str:
    """One rounding of a score everywhere (lists, review, debrief, coaching text): whole
    points as Python formats them (f"{score:.0f}", halves to even)."""
    value = round_score(score)
    return NONE if value is None else str(value)


def round_score(score: Any) -> int | None:
    if score is None:
        return None
    try:
        return int(f"{float(score):.0f}")
    except (TypeError, ValueError):
        return None


__all__ = ["NONE", "WORDS", "act_label", "human", "round_score", "score_text"]
