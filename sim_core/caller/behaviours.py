"""The scenario's caller behaviours as rules over the director's state:
withholding by how a question is asked, talking over a long instruction,
going silent for a while, hanging up on rudeness or silence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..scenario.schema import Scenario
from .sentences import split_sentences

if TYPE_CHECKING:
    from .state import DirectorState

TALK_OVER_WORDS = 20  # a line this long (or three sentences) gets talked over
RAPPORT_TURNS = 2  # a supportive line opens a withholding caller up for this many turns


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


def hang_up_due(scenario: Scenario, s: DirectorState, t: float) -> bool:
    rude = scenario.behaviour("hang_up_if_rude")
    silent = scenario.behaviour("hang_up_if_silent")
    if rude and s.rude >= rude.rude_count:
        s.hung_up = True
    elif silent and t - s.last_trainee_t >= silent.silence_s:
        s.hung_up = True
    return s.hung_up


def silent_now(scenario: Scenario, t: float) -> bool:
    b = scenario.behaviour("go_silent")
    if b is None or b.after_s is None:
        return False
    end = b.after_s + (b.duration_s or 10.0)
    return b.after_s <= t < end
