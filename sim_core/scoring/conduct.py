"""Customer service and safety: tone, repeats, silences, hang-ups and unsafe instructions.

Rudeness, victim-blaming and threats to hang up are customer-service failures
at their moment; sending the caller towards danger is a critical error that
also costs points off the overall score.
"""

from __future__ import annotations

from .fairness import repeated_questions
from .findings import Finding
from .metrics import CallFacts

LONG_GAP_S = 20.0
TONE = {  # act: (points off customer service, points off the overall score, what it is)
    "rude": (20.0, 3.0, "Rude or dismissive"),
    "victim_blaming": (30.0, 6.0, "Victim-blaming"),
    "threaten_hangup": (25.0, 5.0, "Threatened to hang up on the caller"),
}
UNSAFE_CATEGORY_POINTS = 40.0
UNSAFE_OVERALL_POINTS = 15.0
CALM_TIP = 'Take control calmly: "I need you to listen to me so I can help you."'
SAFE_TIP = (
    "Keep the caller away from the danger: tell them what to avoid and where to stay safe, "
    "and let responders deal with it. A critical error like this caps the grade at D."
)


def tone_lines(f: CallFacts) -> set[int]:
    """Trainee lines with a tone failure: they earn no credit for calm control or reassurance."""
    return {a.line for a in f.acts if a.act in TONE}


def customer_service(f: CallFacts, out: list[Finding], reasons: dict[str, str] | None = None) -> float:
    """Customer-service score; `reasons` are the scenario's own words on why a tone act hurts this call."""
    reasons = reasons or {}
    score = 100.0
    seen: set[tuple[int, str]] = set()
    for a in f.acts:
        if a.act not in TONE or (a.line, a.act) in seen:
            continue
        seen.add((a.line, a.act))
        pts, overall, what = TONE[a.act]
        why = reasons.get(a.act) or reasons.get("rude", "")
        out.append(
            Finding(
                a.t,
                "tone",
                "customer_service",
                f"{what}: {f.text(a.line)!r}. {why} {CALM_TIP}".replace("  ", " "),
                pts,
                rule=a.act,
                line=a.line,
                quote=f.text(a.line),
                overall_points=overall,
            )
        )
        score -= pts
    for a in repeated_questions(f):
        out.append(
            Finding(
                a.t,
                "repeat",
                "customer_service",
                f"Asked again ({a.act.replace('_', ' ')}) right after the caller answered or said they "
                "don't know: it costs time and raises panic. A clarification, or a re-check after "
                "something changed, is fine.",
                8,
                rule=a.act,
                line=a.line,
                quote=f.text(a.line),
            )
        )
        score -= 8
    prev = 0.0
    for i, (t, text) in enumerate(f.trainee_lines):
        if t - prev > LONG_GAP_S:
            out.append(
                Finding(
                    t,
                    "silence",
                    "customer_service",
                    f"{t - prev:.0f}s of silence from the call-taker; keep control of the call.",
                    8,
                    rule="silence",
                    line=i,
                    quote=text,
                )
            )
            score -= 8
        prev = t
    if f.hung_up:
        out.append(Finding(f.ended_at, "hang_up", "customer_service", "The caller hung up.", 25, rule="hang_up"))
        score -= 25
    return max(score, 0.0)


def unsafe_instructions(f: CallFacts, out: list[Finding]) -> float:
    """Critical findings for instructions that send the caller towards danger; points off instructions."""
    lost = 0.0
    for a in f.acts:
        if a.act != "unsafe_instruction":
            continue
        out.append(
            Finding(
                a.t,
                "unsafe",
                "instructions",
                f"Critical: this sends the caller towards danger: {f.text(a.line)!r}. {SAFE_TIP}",
                UNSAFE_CATEGORY_POINTS,
                rule="unsafe_instruction",
                line=a.line,
                quote=f.text(a.line),
                overall_points=UNSAFE_OVERALL_POINTS,
                critical=True,
            )
        )
        lost += UNSAFE_CATEGORY_POINTS
    return lost
