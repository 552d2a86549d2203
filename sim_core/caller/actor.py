"""The actor turns the director's decision into words.

`Actor` is the interface every actor implements; `ScriptedActor` speaks the
scenario's own phrasings, varied by emotion. The LLM actor lives beside it
and falls back to the scripted one.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Iterator, Protocol

from ..scenario.schema import Scenario
from .director import Decision

# Small, emotion-specific variations of the scripted phrasing.
PREFIXES = {
    "panicked": ("Oh God, ", "Please, ", ""),
    "hysterical": ("Oh my God, oh my God! ", "Please! ", "I can't- "),
    "anxious": ("Um, ", "", ""),
    "angry": ("Look, ", "Are you even listening? ", ""),
    "whispering": ("*whispering* ", ""),
}
SUFFIXES = {
    "panicked": (" Please hurry!", "", ""),
    "hysterical": (" Please, please hurry!", " Help us!", ""),
}


@dataclass(slots=True)
class ActorContext:
    scenario: Scenario
    trainee_text: str = ""
    history: list[tuple[str, str]] = field(default_factory=list)  # (speaker, text), oldest first
    seed: int = 0
    turn: int = 0


@dataclass(slots=True)
class ActorReply:
    text: str
    actor: str                    # "scripted" | "llm"
    reason: str = ""              # why this actor spoke (e.g. the LLM fault that caused a fallback)
    tokens: int = 0
    cost: float | None = None


class Actor(Protocol):
    name: str

    def perform(self, decision: Decision, ctx: ActorContext) -> ActorReply: ...

    def stream(self, decision: Decision, ctx: ActorContext) -> Iterator[str]:
        """The reply sentence by sentence, each as soon as it exists."""
        ...


class ScriptedActor:
    name = "scripted"

    def perform(self, decision: Decision, ctx: ActorContext) -> ActorReply:
        text = decision.scripted_text
        rng = random.Random(f"{ctx.seed}:{ctx.turn}:actor")
        emotion = decision.emotion
        kinds = {p.kind for p in decision.parts}
        if text and not kinds & {"silent", "hang_up"}:
            prefix = rng.choice(PREFIXES.get(emotion, ("",)))
            suffix = rng.choice(SUFFIXES.get(emotion, ("",)))
            if prefix and not text.lower().startswith(prefix.strip(" ,!-*").lower()):
                text = prefix + (text[0].lower() + text[1:] if prefix.endswith(", ") else text)
            if suffix and not text.endswith(suffix.strip()):
                text = text + suffix
        return ActorReply(text=text, actor=self.name)

    def stream(self, decision: Decision, ctx: ActorContext) -> Iterator[str]:
        yield from split_sentences(self.perform(decision, ctx).text)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]
