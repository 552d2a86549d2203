"""Customer service and safety: tone, repeats, silences, hang-ups, calming an upset caller
and unsafe instructions.

Rudeness, victim-blaming and threats to hang up are customer-service failures
at their moment, and each also costs the overall score: one judging line can
turn a caller against the call-taker for the rest of the call. A caller who is
hysterical or angry and is never given calm control or reassurance has been
left to their panic, unless they were then coached through a task with their
hands (CPR, pressure on a wound, the airway), which is call control of its own
(a finding at the moment they first got there, which then
also stands for the scenario's calm control and reassurance: one fault, one
deduction). The
scenario's required calm control and reassurance are part of the category: a
calm caller is not owed calm control. (Unsafe instructions: `safety`.)
"""

from __future__ import annotations

from ..scenario.schema import Scenario
from .fairness import after_dont_know, repeated_questions
from .findings import Finding
from .metrics import CallFacts

LONG_GAP_S = 20.0
TONE = {  # act: (points off customer service, points off the overall score, what it is)
    "rude": (20.0, 4.0, "Rude or dismissive"),
    "victim_blaming": (30.0, 10.0, "Victim-blaming"),
    "threaten_hangup": (25.0, 6.0, "Threatened to hang up on the caller"),
}
DONT_KNOW_OVERALL = 2.0  # asking again what the caller said they do not know is a named fault (DOMAIN)
CALMING = ("calm_control", "reassure")
HANDS_ON = (  # a task for the caller's hands: directing it is call control
    "instruct_cpr",
    "instruct_cpr_position",
    "instruct_cpr_hands",
    "instruct_cpr_push",
    "instruct_cpr_rate",
    "instruct_cpr_continue",
    "instruct_aed",
    "instruct_bleeding",
    "instruct_airway",
)
UPSET = ("hysterical", "angry")  # a caller who needs calming before anything else
DISTRESSED = ("panicked", *UPSET)  # a caller who is owed calm control
REQUIRED_SHARE = 20.0  # the part of customer service that is the scenario's calm control and reassurance
UNCALMED_POINTS = 20.0  # off customer service: an upset caller never calmed or reassured
UNCALMED_OVERALL = 3.0
CALM_TIP = 'Take control calmly: "I need you to listen to me so I can help you."'


def caller_moods(scenario: Scenario, f: CallFacts) -> list[tuple[float, str]]:
    """The caller's emotion over the call: the scenario's baseline at answer, then each change."""
    return [(0.0, scenario.caller.baseline_emotion.value), *f.emotions]


def first_mood(scenario: Scenario, f: CallFacts, moods: tuple[str, ...]) -> float | None:
    return next((t for t, m in caller_moods(scenario, f) if m in moods), None)


def calm_control_owed(scenario: Scenario, f: CallFacts) -> bool:
    """Calm control is for a distressed caller: one who stays calm or merely anxious needs none."""
    return first_mood(scenario, f, DISTRESSED) is not None


def uncalmed_caller(scenario: Scenario, f: CallFacts, rude: set[int], out: list[Finding]) -> float:
    """A finding when the caller was hysterical or angry and the trainee never gave calm control or
    reassurance (a line with a tone failure gives neither), on a call whose protocol expects one.
    Returns the points off customer service."""
    expected = {r.act for r in scenario.protocol.required_acts} & set(CALMING)
    upset = first_mood(scenario, f, UPSET)
    if not expected or upset is None or any(a.act in CALMING and a.line not in rude for a in f.acts):
        return 0.0
    if any(a.act in HANDS_ON and a.t >= upset for a in f.acts):
        return 0.0  # coaching an upset caller through a task with their hands is taking control
    mood = next(m for t, m in caller_moods(scenario, f) if t == upset and m in UPSET)
    out.append(
        Finding(
            upset,
            "uncalmed",
            "customer_service",
            f"The caller was {mood} from {upset:.0f}s and was never calmed or reassured: an upset caller "
            f'gives poor answers and may stop listening. {CALM_TIP} Then reassure: "Help is on the way, '
            "you're doing the right thing.\"",
            UNCALMED_POINTS,
            rule="calm_control",
            overall_points=UNCALMED_OVERALL,
        )
    )
    return UNCALMED_POINTS


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
        unknown = after_dont_know(f, a)
        said = "said they don't know" if unknown else "answered"
        out.append(
            Finding(
                a.t,
                "repeat",
                "customer_service",
                f"Asked again ({a.act.replace('_', ' ')}) right after the caller {said}: it costs time and "
                "raises panic. A clarification, or a re-check after something changed, is fine"
                + (", but a caller who does not know will not know a moment later." if unknown else "."),
                8,
                rule=a.act,
                line=a.line,
                quote=f.text(a.line),
                overall_points=DONT_KNOW_OVERALL if unknown else 0.0,
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
