"""The director's state: everything it has decided so far in one call, saved with
the call in the live store and restored from it, so the caller goes on where it was."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .tcpr import new_state as new_tcpr_state


@dataclass
class DirectorState:
    seed: int = 0
    turn: int = 0
    level: float = 0.5
    label: str = "anxious"
    asked: dict[str, int] = field(default_factory=dict)
    answered: list[str] = field(default_factory=list)
    said_dont_know: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)
    acts_seen: list[str] = field(default_factory=list)
    lines: dict[str, str] = field(default_factory=dict)  # slot / detail answers changed by events
    breathing: str | None = None
    conscious: bool | None = None
    followed: list[str] = field(default_factory=list)
    compressions: bool = False
    rude: int = 0
    calmed: bool = False
    wrong_address_given: bool = False
    last_trainee_t: float = 0.0
    hung_up: bool = False
    threat: bool = False
    said: list[str] = field(default_factory=list)  # normal form of every sentence spoken
    plain_asks: dict[str, int] = field(default_factory=dict)  # withheld slot -> plainly-worded asks
    support_turn: int = -10  # last turn the trainee was supportive
    last_answered: list[str] = field(default_factory=list)  # facts in the caller's last reply
    reported_level: float = -1.0  # level at the last emotion_changed event
    last_line: str = ""  # the caller's last reply, as chosen
    cut_in_turn: int = -1  # turn whose line the caller talked over live
    signal: str = ""  # how a caller who cannot talk was told to answer: tap, cough, yesno
    tcpr: dict[str, Any] = field(default_factory=new_tcpr_state)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> DirectorState:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in raw.items() if k in known})
