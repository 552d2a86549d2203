"""The published standards the grade measures against, with their sources, in one place.

The debrief shows this table; scoring reads its figures from here only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Standard:
    key: str
    what: str
    goal_s: float | None  # the high-performance goal (seconds from answer unless stated)
    minimum_s: float | None  # the minimum acceptable
    source: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


STANDARDS: dict[str, Standard] = {
    s.key: s
    for s in (
        Standard(
            "answer",
            "Ring to answer",
            15.0,
            20.0,
            "NENA-STA-020.1-2020: 90% of 9-1-1 calls answered within 15 s, 95% within 20 s",
        ),
        Standard(
            "tcpr_recognition",
            "Answer to recognition of cardiac arrest",
            60.0,
            120.0,
            "AHA telecommunicator CPR performance measures; Resuscitation Academy (goal < 60 s, minimum < 120 s)",
        ),
        Standard(
            "tcpr_first_compression",
            "Answer to first telecommunicator-directed compression",
            90.0,
            180.0,
            "AHA telecommunicator CPR performance measures; Resuscitation Academy (goal < 90 s, minimum < 180 s)",
        ),
        Standard(
            "call_processing",
            "Answer to help dispatched",
            None,
            60.0,
            "NFPA 1225 (2022): call processing within 60 s for 90% of calls",
        ),
        Standard(
            "repeat_window",
            "A question asked again within this time of its answer is a repeat",
            30.0,
            None,
            "Call-taking practice: a re-check after a change or after 30 s is not a repeat",
        ),
    )
}

# Speaking rate used to stamp when a typed or replayed caller reply ends (about 150 words a minute
# is a typical conversational rate in English).
NATURAL_WORDS_PER_S = 2.5


def speaking_time(text: str) -> float:
    """Seconds to say `text` at a natural rate ("..." and stage directions are not spoken)."""
    words = [w for w in text.replace("*", " ").split() if any(c.isalnum() for c in w)]
    return round(len(words) / NATURAL_WORDS_PER_S, 2)


def late_points(t: float | None, std: Standard, per_s: float, cap: float) -> float:
    """Points lost for a moment later than the standard's goal, in proportion; `cap` when it never came."""
    if t is None:
        return cap
    if std.goal_s is None or t <= std.goal_s:
        return 0.0
    return round(min(cap, per_s * (t - std.goal_s)), 1)


def as_table() -> list[dict[str, object]]:
    return [s.to_dict() for s in STANDARDS.values()]
