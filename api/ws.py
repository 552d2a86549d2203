"""WS /ws/call/{call_id}: one live call over a WebSocket (messages: api.messages).

Authenticate with `?token=` or an `Authorization: Bearer` header. On connect the
server sends `state` (the whole call so far), so a client whose connection
dropped reconnects, to this or any other API process, and carries on. After
every turn, control or tick, what the call's timeline gained is sent as typed
messages; in voice modes the caller's reply follows as audio, sentence by
sentence. Closing codes: 4401 no valid token, 4404 not this user's live call,
4503 the database is unavailable, 1000 the call ended.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from typing import Any

import numpy as np
from anyio import to_thread
from fastapi import APIRouter, HTTPException, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, ValidationError

from db.signed_in import SignedInUser
from sim_core.call_status import VOICE_MODES, CallInputError, CallStatus
from sim_core.call_view import call_clock, transcript_rows
from sim_core.caller_turn import Turn
from sim_core.events import CallerSaid, Control, EmotionChanged, EntityFound, Payload, TraineeSaid
from sim_core.ratelimit import RateLimited
from sim_core.scoring.scorer import level_for
from sim_core.session import CallSession
from sim_core.speech import AudioInputError, SpeechError
from sim_core.speech.audio import pcm_to_wav
from sim_core.timeline import Event

from .backends import ApiBackends
from .deps import token_from, user_for_bearer
from .messages import (
    CLIENT,
    AudioMessage,
    CadMessage,
    CallerAudioMessage,
    CallerStreamMessage,
    ControlMessage,
    ControlStateMessage,
    EmotionMessage,
    EndedMessage,
    EntityMessage,
    ErrorMessage,
    Line,
    SayMessage,
    StateMessage,
    TimerMessage,
    TranscriptMessage,
)

log = logging.getLogger(__name__)
router = APIRouter()
TICK_S = 1.0
LIVE_S = 0.1  # live voice: how often new lines and the caller's voice are sent


@router.websocket("/ws/call/{call_id}")
async def call_socket(websocket: WebSocket, call_id: str) -> None:
    b: ApiBackends = websocket.app.state.backends
    await websocket.accept()
    token = websocket.query_params.get("token") or token_from(websocket.headers.get("authorization"))
    try:
        user = await to_thread.run_sync(user_for_bearer, b, token[:200])
        call = None if user is None else await to_thread.run_sync(b.desk.find, call_id[:64], user.id)
    except HTTPException as exc:
        await _refuse(websocket, 4503, "unavailable", str(exc.detail))
        return
    if user is None:
        await _refuse(websocket, 4401, "unauthorized", "sign in: pass ?token=<bearer token> or an Authorization header")
        return
    if call is None:
        await _refuse(websocket, 4404, "not_found", "that call does not exist, has expired, or is not yours")
        return
    await CallConnection(websocket, b, call, user).run()


async def _refuse(ws: WebSocket, code: int, kind: str, message: str) -> None:
    await ws.send_text(ErrorMessage(code=kind, message=message).model_dump_json())
    await ws.close(code=code, reason=message[:120])


class CallConnection:
    """One client's connection to one live call."""

    def __init__(self, ws: WebSocket, b: ApiBackends, call: CallSession, user: SignedInUser) -> None:
        self.ws, self.b, self.call, self.user = ws, b, call, user
        self.sent = 0  # timeline events already turned into messages
        self.audio = bytearray()
        self.audio_format: tuple[str, int] | None = None
        self.emit_lock = asyncio.Lock()
        self.closed = False
        self.live: asyncio.Task | None = None  # live voice: the pump of lines and audio

    # ------------------------------------------------------------- the loops
    async def run(self) -> None:
        await self.send_state()
        if self.call.status == CallStatus.ENDED:
            await self.finish()
            return
        ticker = asyncio.create_task(self.tick_loop())
        try:
            while not self.closed:
                frame = await self.ws.receive()
                if frame["type"] == "websocket.disconnect":
                    break
                if frame.get("text") is not None:
                    await self.handle(frame["text"])
                else:
                    await self.error("bad_message", "send JSON text frames, not binary ones")
        except (WebSocketDisconnect, RuntimeError):
            pass  # dropped: the call stays live for a reconnect
        finally:
            ticker.cancel()
            if self.live is not None:  # stop listening; a reconnect starts again
                self.live.cancel()
                vc = self.b.voice_of(self.call.call_id)
                if vc is not None:
                    await to_thread.run_sync(vc.mic_ended)

    async def tick_loop(self) -> None:
        """The call clock runs on the server: timed events, a caller who hangs up on silence."""
        try:
            while not self.closed:
                await asyncio.sleep(TICK_S)
                turn = await to_thread.run_sync(self._tick)
                await self.emit()
                if self.closed:
                    return
                answered = self.call.answered_at
                clock = call_clock(self.call)
                await self.send(
                    TimerMessage(
                        clock_s=round(clock, 2),
                        status=self.call.status,
                        since_answer_s=None if answered is None else round(clock - answered, 2),
                    )
                )
                await self.after(turn)
        except (WebSocketDisconnect, RuntimeError, ConnectionError):
            return
        except asyncio.CancelledError:
            raise

    def _tick(self) -> Turn | None:
        """This socket is on the call (presence for the call clock); let time pass in it
        (the clock does too: whichever comes first makes a timed event happen, and a
        caller line made here is spoken in voice modes)."""
        self.b.desk.heartbeat(self.call.call_id)
        return self.call.tick()

    # ------------------------------------------------------------- client messages
    async def handle(self, raw: str) -> None:
        try:
            msg = CLIENT.validate_json(raw)
        except ValidationError as exc:
            await self.error("bad_message", _explain(exc))
            return
        try:
            if isinstance(msg, SayMessage):
                self._count_turn()
                turn = await to_thread.run_sync(self.call.trainee_says, msg.text)
                await self.after(turn)
            elif isinstance(msg, AudioMessage):
                await self.take_audio(msg)
            elif isinstance(msg, ControlMessage):
                await to_thread.run_sync(self.call.control, msg.action)
                await self.after(None)
            elif isinstance(msg, CadMessage):
                fields = msg.fields.model_dump(exclude_none=True)
                await to_thread.run_sync(self.call.cad_update, fields)
        except RateLimited as exc:
            await self.error("rate_limited", str(exc))
        except CallInputError as exc:
            await self.error("call_input", str(exc))
        except AudioInputError as exc:
            await self.error("audio", f"that audio could not be used: {exc}; the call goes on")
        except SpeechError as exc:
            await self.error("speech", f"speech is unavailable ({exc}); type instead")
        except (WebSocketDisconnect, RuntimeError, asyncio.CancelledError):
            raise
        except Exception as exc:
            log.exception("call %s: %s failed", self.call.call_id, type(msg).__name__)
            await self.error("unavailable", f"that could not be done now ({exc.__class__.__name__}); the call goes on")

    def _count_turn(self) -> None:
        self.b.limits.turns.check(self.user.id)

    async def take_audio(self, msg: AudioMessage) -> None:
        try:
            chunk = base64.b64decode(msg.data, validate=True)
        except (binascii.Error, ValueError):
            await self.error("bad_message", "data: not valid base64")
            return
        if self.audio_format not in (None, (msg.format, msg.sample_rate)):
            self.audio.clear()
            await self.error(
                "bad_message", "format or sample_rate changed within one utterance; the earlier chunks were dropped"
            )
        if self.call.mode == "live_voice" and msg.format == "pcm16":
            await self.stream_audio(chunk, msg.sample_rate)
            return
        self.audio_format = (msg.format, msg.sample_rate)
        self.audio += chunk
        if len(self.audio) > self.b.settings.max_upload_bytes:
            self.audio.clear()
            self.audio_format = None
            raise AudioInputError(f"the utterance is over the {self.b.settings.max_upload_bytes / 1e6:.1f} MB limit")
        if not msg.final:
            return
        data, self.audio = bytes(self.audio), bytearray()
        fmt, rate = self.audio_format
        self.audio_format = None
        if fmt == "pcm16":
            if len(data) % 2:
                raise AudioInputError("pcm16 audio must be whole 16-bit samples")
            data = pcm_to_wav(np.frombuffer(data, dtype="<i2"), rate)
        self._count_turn()
        voice = await to_thread.run_sync(self._voice)
        turn, _ = await to_thread.run_sync(voice.take_clip, data)
        await self.after(turn, spoken=True)

    async def stream_audio(self, chunk: bytes, rate: int) -> None:
        """Live voice: microphone audio into the call's listener (it makes the turns)."""
        if len(chunk) % 2:
            raise AudioInputError("pcm16 audio must be whole 16-bit samples")
        vc = await to_thread.run_sync(self._voice)
        if self.live is None or self.live.done():
            await to_thread.run_sync(vc.start_live)
            self.live = asyncio.create_task(self.live_pump(vc))
        vc.feed_mic(np.frombuffer(chunk, dtype="<i2"), rate)

    async def live_pump(self, vc: Any) -> None:
        """Live voice: send new lines as the listener makes turns, and the caller's voice
        as it plays (about LIVE_S at a time, only while the caller speaks)."""
        n = int(vc.rate * LIVE_S)
        last_error = ""
        try:
            while not self.closed:
                await asyncio.sleep(LIVE_S)
                await self.emit()
                if vc.playback.is_playing:
                    pcm = vc.read_speaker(n)
                    await self.send(
                        CallerStreamMessage(
                            sample_rate=vc.rate, data=base64.b64encode(pcm.astype("<i2").tobytes()).decode()
                        )
                    )
                error = vc.snapshot().last_error
                if error and error != last_error:
                    await self.error("speech", f"{error}; the call goes on")
                last_error = error
                if self.call.status == CallStatus.ENDED:
                    await self.finish()
        except (WebSocketDisconnect, RuntimeError, ConnectionError):
            return

    def _voice(self) -> Any:
        try:
            return self.b.voice(self.call)
        except SpeechError:
            raise
        except Exception as exc:
            raise SpeechError(f"{exc.__class__.__name__}: {exc}") from None

    # ------------------------------------------------------------- server messages
    async def after(self, turn: Turn | None, *, spoken: bool = False) -> None:
        """Send what the call gained; speak the caller's reply in voice modes."""
        await self.emit()
        voice = spoken or self.call.mode in VOICE_MODES
        if turn is not None and voice and turn.caller_text.strip(". "):
            await self.speak(turn)
        if self.call.status == CallStatus.ENDED:
            await self.finish()

    async def speak(self, turn: Turn) -> None:
        try:
            vc = await to_thread.run_sync(self._voice)
            sentences = vc.speak_as_heard(turn)  # through the phone line, like the live path
            while (chunk := await to_thread.run_sync(next, sentences, None)) is not None:
                wav = pcm_to_wav(chunk.pcm, chunk.sample_rate)
                await self.send(
                    CallerAudioMessage(
                        index=chunk.index,
                        text=chunk.text,
                        sample_rate=chunk.sample_rate,
                        data=base64.b64encode(wav).decode(),
                    )
                )
        except SpeechError as exc:
            await self.error("speech", f"the caller's voice is unavailable ({exc}); their words are in the transcript")

    async def emit(self) -> None:
        async with self.emit_lock:
            events = list(self.call.timeline)
            new, self.sent = events[self.sent :], len(events)
            answered = self.call.answered_at or 0.0
            for ev in new:
                msg = self._message(ev, answered)
                if msg is not None:
                    await self.send(msg)

    def _message(self, ev: Event[Payload], answered: float) -> BaseModel | None:
        p = ev.payload
        if isinstance(p, (CallerSaid, TraineeSaid)):
            return TranscriptMessage(
                speaker="caller" if isinstance(p, CallerSaid) else "trainee",
                text=p.text,
                t=round(ev.t - answered, 2),
                line=p.line,
                confidence=p.confidence if isinstance(p, TraineeSaid) else None,
            )
        if isinstance(p, EntityFound):
            return EntityMessage(
                speaker=p.speaker or "trainee", line=p.line or 0, label=p.label, text=p.text, confidence=p.confidence
            )
        if isinstance(p, EmotionChanged):
            return EmotionMessage(emotion=p.emotion, level=p.level)
        if isinstance(p, Control):
            return ControlStateMessage(action=p.action, muted=self.call.muted, held=self.call.held)
        return None  # call_ended: `finish` sends the score once the recording is stored

    def _ended(self) -> EndedMessage:
        r = self.call.result
        return EndedMessage(reason=self.call.end_reason, score=r.score, grade=r.grade, level=level_for(r.score))

    async def send_state(self) -> None:
        async with self.emit_lock:
            self.sent = len(list(self.call.timeline))
            mood = self.call.caller_mood
            rows = [
                Line(speaker=r["speaker"], text=r["text"], t=r["t"], entities=r["entities"])
                for r in transcript_rows(self.call)
            ]
            await self.send(
                StateMessage(
                    call_id=self.call.call_id,
                    status=self.call.status,
                    mode=self.call.mode,
                    muted=self.call.muted,
                    held=self.call.held,
                    clock_s=round(call_clock(self.call), 2),
                    emotion=mood.emotion,
                    emotion_level=float(mood.level),
                    transcript=rows,
                )
            )

    async def finish(self) -> None:
        """The call ended: store the recording, forget the call here, send the score, close."""
        if self.closed:
            return
        self.closed = True
        await to_thread.run_sync(self.b.finish_call, self.call.call_id)
        if self.call.result is not None:
            await self.send(self._ended())
        try:
            await self.ws.close(code=1000, reason="the call ended")
        except RuntimeError:
            pass

    async def send(self, msg: BaseModel) -> None:
        await self.ws.send_text(msg.model_dump_json())

    async def error(self, code: str, message: str) -> None:
        await self.send(ErrorMessage(code=code, message=message))


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err["loc"]) or "(message)"
        parts.append(f"{where}: {err['msg']}")
    return "bad message: " + "; ".join(parts) + " (send JSON with type say, audio, control or cad)"
