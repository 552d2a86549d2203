"""The actor turns the director's decision into words.

`Actor` is the interface every actor implements; `ScriptedActor` speaks the
scenario's own phrasings, varied by emotion. The LLM actor lives beside it
and falls back to the scripted one.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..scenario.schema import Scenario
from .decision import Decision
from .lines import PREFIXES, SUFFIXES
from .sentences import lower_first, normal, scenario_names, sentence_keys, split_sentences

if TYPE_CHECKING:  # the NLP (spaCy) is not loaded for the caller's sake
    from ..nlp.schema import Entity

# How often a reply gets an emotional opener or closer, by emotion: sparingly.
PREFIX_RATE = {"hysterical": 0.4, "panicked": 0.25, "anxious": 0.12, "angry": 0.2}
SUFFIX_RATE = {"hysterical": 0.3, "panicked": 0.15}
NO_COLOUR = {"silent", "hang_up", "acknowledge", "clarify", "interrupt", "react", "dont_know", "withhold"}


@dataclass(slots=True)
class ActorContext:
    scenario: Scenario
    trainee_text: str = ""
    history: list[tuple[str, str]] = field(default_factory=list)  # (speaker, text), oldest first
    seed: int = 0
    turn: int = 0
    said: frozenset[str] = frozenset()  # normal form of every sentence the caller has said
    now: dict[str, Any] = field(default_factory=dict)  # the patient's breathing/conscious this turn
    # The call's entity finder (text -> entities): an actor that checks its words with the
    # NLP uses this one and hands the entities on in its reply, so no line is analysed twice.
    find_entities: Callable[[str], tuple[Entity, ...]] | None = None


@dataclass(slots=True)
class ActorReply:
    text: str
    actor: str  # "scripted" | "llm"
    reason: str = ""  # why this actor spoke (e.g. the LLM fault that caused a fallback)
    tokens: int = 0
    cost: float | None = None
    entities: tuple[Entity, ...] | None = None  # of `text`, when the actor already found them


class Actor(Protocol):
    name: str

    def perform(self, decision: Decision, ctx: ActorContext) -> ActorReply: ...

    def stream(self, decision: Decision, ctx: ActorContext) -> Iterator[str]:
        """The reply sentence by sentence, each as soon as it exists."""
        ...


class ScriptedActor:
    """Speaks the director's lines, now and then coloured by the caller's emotion: an
    opener ("Oh God, ...") or a closer ("Please hurry!") never said before in the call."""

    name = "scripted"

    def perform(self, decision: Decision, ctx: ActorContext) -> ActorReply:
        text = decision.scripted_text
        if not text:
            return ActorReply(text=text, actor=self.name)
        first, last_part = decision.parts[0].kind, decision.parts[-1].kind
        rng = random.Random(f"{ctx.seed}:{ctx.turn}:actor")
        emotion = decision.emotion
        said = set(ctx.said) | set(sentence_keys(text))
        last = next((t for who, t in reversed(ctx.history) if who == "caller"), "")
        proper = scenario_names(ctx.scenario)
        if text.startswith("*") or ctx.scenario.has("whisper"):
            return ActorReply(text=text, actor=self.name)  # a tap, a caller who must not be heard
        if first not in NO_COLOUR and rng.random() < PREFIX_RATE.get(emotion, 0.0):
            options = [
                p
                for p in PREFIXES.get(emotion, ())
                if not last.startswith(p.strip(" ,!")) and not text.lower().startswith(p.strip(" ,!").lower())
            ]
            if options:
                prefix = rng.choice(options)
                joined = prefix + (lower_first(text, proper) if prefix.endswith(", ") else text)
                if sentence_keys(joined)[0] not in said:
                    text = joined
        if last_part not in NO_COLOUR and rng.random() < SUFFIX_RATE.get(emotion, 0.0):
            fresh = [x for x in SUFFIXES.get(emotion, ()) if normal(x) not in said]
            if fresh:
                text = f"{text} {rng.choice(fresh)}"
        return ActorReply(text=text, actor=self.name)

    def stream(self, decision: Decision, ctx: ActorContext) -> Iterator[str]:
        yield from split_sentences(self.perform(decision, ctx).text)
