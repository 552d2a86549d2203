"""The typed messages of WS /ws/call/{call_id}: JSON objects told apart by `type`.

Client → server: `say` (a typed line), `audio` (a chunk of the trainee's speech,
base64; the chunk with `final` true ends the utterance and makes the turn; in a
`live_voice` call, `pcm16` chunks stream instead: the server hears when the
trainee has finished speaking, and the caller can be interrupted),
`control` (mute, unmute, hold, resume, end) and `cad` (incident-record fields).
Server → client: `state` (on connect and on resume: the whole call so far),
`transcript` (a line said), `entity` (an entity found in a line), `emotion`
(the caller's emotional state changed), `caller_audio` (the caller's reply,
one sentence per message, WAV in base64), `caller_stream` (live voice: the
caller's voice as it plays, raw 16-bit samples), `control` (the call's mute/hold
state), `timer` (every second), `ended` (the score) and `error` (the call goes
on). Times are seconds since the call was answered unless named `clock_s`
(seconds since the phone rang).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SayMessage(_In):
    type: Literal["say"]
    text: str = Field(min_length=1, max_length=2000, description="what the trainee says")


class AudioMessage(_In):
    type: Literal["audio"]
    data: str = Field(max_length=30_000_000, description="base64 audio bytes")
    format: Literal["pcm16", "wav", "ogg", "webm", "opus"] = Field(
        "pcm16",
        description="pcm16: raw little-endian 16-bit mono samples at sample_rate; "
        "the others: a whole or partial file (Opus in Ogg or WebM)",
    )
    sample_rate: int = Field(16000, ge=8000, le=48000, description="for pcm16")
    final: bool = Field(False, description="the last chunk of this utterance: make the turn")


class ControlMessage(_In):
    type: Literal["control"]
    action: Literal["mute", "unmute", "hold", "resume", "end", "interpreter"] = Field(
        ..., description="interpreter: put a telephone interpreter on the line (a caller who does not speak English)"
    )


class CadFields(_In):
    address: str | None = Field(None, max_length=300)
    callback: str | None = Field(None, max_length=40)
    incident_type: str | None = Field(None, max_length=100)
    priority: int | None = Field(None, ge=1, le=5)
    units: str | None = Field(None, max_length=200)
    narrative: str | None = Field(None, max_length=4000)


class CadMessage(_In):
    type: Literal["cad"]
    fields: CadFields


ClientMessage = Annotated[SayMessage | AudioMessage | ControlMessage | CadMessage, Field(discriminator="type")]
CLIENT = TypeAdapter(ClientMessage)


class Line(BaseModel):
    speaker: Literal["caller", "trainee"]
    text: str
    t: float
    entities: list[dict[str, Any]] = []


class StateMessage(BaseModel):
    type: Literal["state"] = "state"
    call_id: str
    status: Literal["ringing", "active", "ended"]
    mode: str
    muted: bool
    held: bool
    clock_s: float
    emotion: str
    emotion_level: float
    transcript: list[Line]


class TranscriptMessage(BaseModel):
    type: Literal["transcript"] = "transcript"
    speaker: Literal["caller", "trainee"]
    text: str
    t: float
    line: int = Field(description="the line's number among this speaker's lines")
    confidence: float | None = Field(None, description="speech recognition confidence (spoken trainee lines)")


class EntityMessage(BaseModel):
    type: Literal["entity"] = "entity"
    speaker: Literal["caller", "trainee"]
    line: int
    label: str
    text: str
    confidence: float | None = None


class EmotionMessage(BaseModel):
    type: Literal["emotion"] = "emotion"
    emotion: str
    level: float


class CallerAudioMessage(BaseModel):
    type: Literal["caller_audio"] = "caller_audio"
    index: int = Field(description="sentence number within the reply")
    text: str = Field(description="the sentence spoken")
    format: Literal["wav"] = "wav"
    sample_rate: int
    data: str = Field(description="base64 WAV (mono 16-bit)")


class CallerStreamMessage(BaseModel):
    """Live voice: the caller's voice (over the scene's background sound) as it plays,
    about 100 ms per message, while the caller speaks."""

    type: Literal["caller_stream"] = "caller_stream"
    sample_rate: int
    data: str = Field(description="base64 raw little-endian 16-bit mono samples")


class ControlStateMessage(BaseModel):
    type: Literal["control"] = "control"
    action: str
    muted: bool
    held: bool


class TimerMessage(BaseModel):
    type: Literal["timer"] = "timer"
    clock_s: float
    since_answer_s: float | None
    status: Literal["ringing", "active", "ended"]


class EndedMessage(BaseModel):
    type: Literal["ended"] = "ended"
    reason: str
    score: float
    grade: str
    level: str


class ErrorMessage(BaseModel):
    type: Literal["error"] = "error"
    code: Literal[
        "bad_message", "rate_limited", "call_input", "audio", "speech", "unauthorized", "not_found", "unavailable"
    ]
    message: str


ServerMessage = Annotated[
    StateMessage
    | TranscriptMessage
    | EntityMessage
    | EmotionMessage
    | CallerAudioMessage
    | CallerStreamMessage
    | ControlStateMessage
    | TimerMessage
    | EndedMessage
    | ErrorMessage,
    Field(discriminator="type"),
]
SERVER = TypeAdapter(ServerMessage)

__all__ = [
    "CLIENT",
    "SERVER",
    "AudioMessage",
    "CadMessage",
    "CallerAudioMessage",
    "CallerStreamMessage",
    "ClientMessage",
    "ControlMessage",
    "ControlStateMessage",
    "EmotionMessage",
    "EndedMessage",
    "EntityMessage",
    "ErrorMessage",
    "Line",
    "SayMessage",
    "ServerMessage",
    "StateMessage",
    "TimerMessage",
    "TranscriptMessage",
]
