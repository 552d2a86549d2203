"""What the director decides for one caller turn: the parts of the reply and the
emotion, for any actor to put into words."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Part:
    """One thing the caller does in a turn."""

    kind: str  # opening|answer|dont_know|withhold|wrong_info|correction|follow|event|filler|deflect|
    #                           silent|hang_up|acknowledge|clarify|react|interrupt
    line: str  # the scripted phrasing for the current emotion
    slot: str | None = None
    act: str | None = None
    truth: str | None = None  # the fact the actor may state in this part


@dataclass(slots=True)
class Decision:
    parts: list[Part]
    emotion: str
    emotion_level: float
    emotion_changed: bool = False
    revealed: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    caller_action: str | None = None
    hang_up: bool = False
    talk_over: bool = False  # the caller cuts in before the trainee has finished

    @property
    def scripted_text(self) -> str:
        return " ".join(p.line for p in self.parts if p.line).strip()
