"""The caller: the director owns the truth, the actor speaks it."""

from .actor import Actor, ActorContext, ActorReply, ScriptedActor, split_sentences
from .decision import Decision, Part
from .director import Director
from .state import DirectorState

__all__ = [
    "Actor",
    "ActorContext",
    "ActorReply",
    "Decision",
    "Director",
    "DirectorState",
    "Part",
    "ScriptedActor",
    "split_sentences",
]
