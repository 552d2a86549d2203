"""What a live call is doing, how the trainee talks on it and the error a call refuses bad
input with: one definition each, used by the session, the call clock, the pages and the API
(values are the strings stored and sent)."""

from __future__ import annotations

from enum import StrEnum


class CallStatus(StrEnum):
    """A live call: the phone rings, the trainee is on the line, the call is over."""

    RINGING = "ringing"
    ACTIVE = "active"
    ENDED = "ended"


class CallMode(StrEnum):
    """How the trainee talks on the call."""

    TEXT = "text"
    PUSH_TO_TALK = "push_to_talk"
    LIVE_VOICE = "live_voice"


VOICE_MODES = (CallMode.PUSH_TO_TALK, CallMode.LIVE_VOICE)


class CallInputError(ValueError):
    """Bad input to a call (empty utterance, call already over...)."""


__all__ = ["CallInputError", "CallMode", "CallStatus", "VOICE_MODES"]
