"""Customer service and safety: tone, repeats, silences, hang-ups, calming an upset caller
and unsafe instructions.

Rudeness, victim-blaming and threats to hang up are customer-service failures
at their moment, and each also costs the overall score: one judging line can
turn a caller against the call-taker for the rest of the call. A caller who is
hysterical or angry and is never given calm control or reassurance has been
left to their panic, unless they were then coached through a task with their
hands that the call needs (CPR in an arrest, pressure on a wound, the airway),
which is call control of its own from that line on. A frightened (panicked)
caller who is neither calmed, reassured nor given anything to do is left to
their fear in the same way. Either is one finding at the moment the caller got
there, which also stands for the scenario's calm control and reassurance (one
fault, one deduction); a child is charged twice, as reassurance is what keeps a
frightened child on the line and able to help. The scenario's required calm
control and reassurance are part of the category: a calm caller is not owed
calm control.

A caller who hangs up has been lost by the call-taker (every hang-up the
simulated caller makes answers rudeness or silence). Once help was sent to a
verified location, the hang-up is one finding: the questions and the open-line
instructions still to come after it (required, not yet due) are named in it and
cost the overall score once, rather than each item again; the responders on
the way will ask on scene. Safety or care advice the caller never got is still
missing (they face the danger without it), and a caller lost before help was
sent to a verified location is owed everything still missing: nobody is coming.
(Unsafe instructions: `safety`.)
"""

from __future__ import annotations

from ..scenario.schema import CPR_COACHING, Scenario, acts_meaning
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
    *CPR_COACHING,
    "instruct_aed",
    "instruct_bleeding",
    "instruct_airway",
)
ANNOUNCED_CPR = "instruct_cpr"  # the act alone: CPR named, no step of it given yet
UPSET = ("hysterical", "angry")  # a caller who needs calming before anything else
FRIGHTENED = ("panicked",)  # left to their fear when neither calmed, reassured nor given a task
DISTRESSED = (*FRIGHTENED, *UPSET)  # a caller who is owed calm control
REQUIRED_SHARE = 20.0  # the part of customer service that is the scenario's calm control and reassurance
UNCALMED_POINTS = 20.0  # off customer service: an upset caller never calmed or reassured
UNCALMED_OVERALL = 3.0
CHILD_UNDER = 13  # a caller younger than this is a child
CHILD_FACTOR = 2.0  # a frightened child never reassured: twice an adult's charge
HANG_UP_POINTS = 25.0  # off customer service: the caller hung up
HANG_UP_OVERALL = 5.0  # off the overall score: the questions and care a call lost after help was sent never had
ON_THE_LINE = ("instruct_stay_on_line", "instruct_report_changes", "instruct_prepare_arrival")


def lost_with_line(act: str) -> bool:
    """A required act a hang-up takes with it: a question (the responders on the way will ask it
    on scene), the customer service, or an instruction that only means something on an open line.
    Advice the caller needed for their safety or the patient's care is still missing after it."""
    return not act.startswith("instruct_") or act in ON_THE_LINE


CALM_TIP = 'Take control calmly: "I need you to listen to me so I can help you."'


def caller_moods(scenario: Scenario, f: CallFacts) -> list[tuple[float, str]]:
    """The caller's emotion over the call: the scenario's baseline at answer, then each change."""
    return [(0.0, scenario.caller.baseline_emotion.value), *f.emotions]


def first_mood(scenario: Scenario, f: CallFacts, moods: tuple[str, ...]) -> float | None:
    return next((t for t, m in caller_moods(scenario, f) if m in moods), None)


def calm_control_owed(scenario: Scenario, f: CallFacts) -> bool:
    """Calm control is for a distressed caller: one who stays calm or merely anxious needs none."""
    return first_mood(scenario, f, DISTRESSED) is not None


def child_caller(scenario: Scenario) -> bool:
    age = scenario.caller.age
    return age is not None and age < CHILD_UNDER


def hands_on_needed(scenario: Scenario) -> set[str]:
    """The tasks for the caller's hands this call needs: those its protocol requires (and the AED
    in an arrest). CPR pressed on a conscious patient is no call control, and "we're going to do
    CPR" is an announcement: the caller's hands are busy once told where to put them and to push."""
    proto = scenario.protocol
    required = {x for r in (*proto.required_acts, *proto.required_instructions) for x in acts_meaning(r.act)}
    needed = {a for a in HANDS_ON if a in required or (a == "instruct_aed" and proto.cardiac_arrest)}
    return needed - {ANNOUNCED_CPR}


def coached_hands_on(scenario: Scenario, f: CallFacts, since: float = 0.0) -> tuple[float | None, int | None]:
    """The first line from `since` coaching a task with the caller's hands that the call needs."""
    needed = hands_on_needed(scenario)
    return next(((a.t, a.line) for a in f.acts if a.act in needed and a.t >= since), (None, None))


def given_a_task(scenario: Scenario, f: CallFacts, since: float, rude: set[int]) -> bool:
    """An instruction after `since` (not on a line with a tone failure, nor a hands-on task the
    call does not need): something to do is call control for a frightened caller."""
    unneeded = set(HANDS_ON) - hands_on_needed(scenario)
    return any(
        a.act.startswith("instruct_") and a.act not in unneeded and a.t >= since and a.line not in rude for a in f.acts
    )


def uncalmed_caller(scenario: Scenario, f: CallFacts, rude: set[int], out: list[Finding]) -> float:
    """A finding when the caller was hysterical or angry and the trainee never gave calm control or
    reassurance (a line with a tone failure gives neither), or was frightened (panicked) and was
    neither calmed, reassured nor given anything to do, on a call whose protocol expects calm
    control or reassurance. A child is charged twice. Returns the points off customer service."""
    expected = {r.act for r in scenario.protocol.required_acts} & set(CALMING)
    if not expected or any(a.act in CALMING and a.line not in rude for a in f.acts):
        return 0.0
    upset = first_mood(scenario, f, UPSET)
    if upset is not None and coached_hands_on(scenario, f, upset)[0] is not None:
        upset = None  # coaching an upset caller through a task with their hands is taking control
    scared = first_mood(scenario, f, FRIGHTENED)
    if scared is not None and given_a_task(scenario, f, scared, rude):
        scared = None
    at = upset if upset is not None else scared  # the upset caller, when there was one
    if at is None:
        return 0.0
    mood = next(m for t, m in caller_moods(scenario, f) if t == at and m in DISTRESSED)
    left = "never calmed or reassured" if mood in UPSET else "never calmed, reassured or given anything to do"
    feared = first_mood(scenario, f, FRIGHTENED)
    if feared is not None and feared < at:  # frightened before the panic became hysteria or anger
        mood = f"panicked from {feared:.0f}s and {mood}"
    child = child_caller(scenario)
    factor = CHILD_FACTOR if child else 1.0
    who = "A frightened child" if child else "An upset caller"
    out.append(
        Finding(
            at,
            "uncalmed",
            "customer_service",
            f"The caller was {mood} from {at:.0f}s and was {left}. {who} left alone with it gives poor "
            f'answers and may stop listening. {CALM_TIP} Then reassure: "Help is on the way, '
            "you're doing the right thing.\""
            + (" A child needs it most: praise, simple words and something to do." if child else ""),
            UNCALMED_POINTS * factor,
            rule="calm_control",
            overall_points=UNCALMED_OVERALL * factor,
        )
    )
    return UNCALMED_POINTS * factor


def tone_lines(f: CallFacts) -> set[int]:
    """Trainee lines with a tone failure: they earn no credit for calm control or reassurance."""
    return {a.line for a in f.acts if a.act in TONE}


def customer_service(
    f: CallFacts, out: list[Finding], reasons: dict[str, str] | None = None, unreached: list[str] | None = None
) -> float:
    """Customer-service score; `reasons` are the scenario's own words on why a tone act hurts this call;
    `unreached` names the required acts the hang-up left undone before they were due."""
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
        left = (
            " Still to come when the line went dead (charged once, here): "
            + ", ".join(a.replace("_", " ") for a in unreached)
            + "."
            if unreached
            else ""
        )
        out.append(
            Finding(
                f.ended_at,
                "hang_up",
                "customer_service",
                f"The caller hung up at {f.ended_at:.0f}s: the call was lost.{left}",
                HANG_UP_POINTS,
                rule="hang_up",
                overall_points=HANG_UP_OVERALL if unreached else 0.0,
            )
        )
        score -= HANG_UP_POINTS
    return max(score, 0.0)
