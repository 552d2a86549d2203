"""The scenario's caller behaviours as rules over the director's state:
withholding by how a question is asked, talking over a long instruction,
going silent for a while, hanging up on rudeness or silence.

A caller hangs up on silence only when nothing holds them on the line. One who was told to
stay on the line, who is doing a task the call-taker gave (compressions, pressure, watching
the patient, waiting behind a locked door) or who was told help is on the way waits much
longer before deciding the line is dead; one busy with compressions does not hang up on
silence at all. Hanging up on rudeness is the scenario's own rule and is kept as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..scenario.schema import Scenario
from .sentences import split_sentences

if TYPE_CHECKING:
    from .state import DirectorState

TALK_OVER_WORDS = 20  # a line this long (or three sentences) gets talked over
RAPPORT_TURNS = 2  # a supportive line opens a withholding caller up for this many turns
HOLD_ON_FACTOR = 4.0  # a caller with a reason to stay waits this many times the scenario's silence
NOT_A_TASK = ("instruct_stay_on_line",)


def withheld(scenario: Scenario, s: DirectorState, slot: str, how: str) -> bool:
    """Does the caller hold this fact back now? A pressured question never gets it; a
    supportive one (or a plain one soon after support) does; plain questions get it on the
    behaviour's `times`-th plain ask."""
    hold = next((b for b in scenario.behaviours if b.kind == "withhold" and b.slot == slot), None)
    if hold is None:
        return False
    if how == "pressured":
        return True
    if how == "supportive" or s.turn - s.support_turn <= RAPPORT_TURNS:
        return False
    s.plain_asks[slot] = s.plain_asks.get(slot, 0) + 1
    return s.plain_asks[slot] < hold.times


def long_line(text: str) -> bool:
    """Long enough to be talked over: many words or three sentences."""
    return len(text.split()) >= TALK_OVER_WORDS or len(split_sentences(text)) >= 3


def talks_over(scenario: Scenario, label: str, text: str) -> bool:
    """A caller who talks over cuts into a long instruction while upset or angry."""
    return scenario.has("talk_over") and label in ("panicked", "hysterical", "angry") and long_line(text)


def holding_on(s: DirectorState) -> str | None:
    """Why the caller stays on a silent line, if anything holds them there."""
    if s.compressions:
        return "compressions"
    if "instruct_stay_on_line" in s.acts_seen:
        return "told to stay on the line"
    if any(a.startswith("instruct_") and a not in NOT_A_TASK for a in s.followed):
        return "doing what they were told"
    if "dispatch_notice" in s.acts_seen:
        return "help is on the way"
    return None


def silence_patience(silence_s: float, s: DirectorState) -> float | None:
    """How long a silence the caller sits through before hanging up (None: never)."""
    why = holding_on(s)
    if why == "compressions":
        return None
    return silence_s * HOLD_ON_FACTOR if why else silence_s


def hang_up_due(scenario: Scenario, s: DirectorState, t: float) -> bool:
    rude = scenario.behaviour("hang_up_if_rude")
    silent = scenario.behaviour("hang_up_if_silent")
    if rude and s.rude >= rude.rude_count:
        s.hung_up = True
    elif silent:
        patience = silence_patience(silent.silence_s, s)
        if patience is not None and t - s.last_trainee_t >= patience:
            s.hung_up = True
    return s.hung_up


def silent_now(scenario: Scenario, t: float) -> bool:
    b = scenario.behaviour("go_silent")
    if b is None or b.after_s is None:
        return False
    end = b.after_s + (b.duration_s or 10.0)
    return b.after_s <= t < end
