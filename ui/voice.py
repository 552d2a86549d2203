"""Voice on the call page: push-to-talk clips (st.audio_input) and live two-way
voice (streamlit-webrtc), both through sim_core.voice.VoiceCall. Any speech
fault shows a clear message and the call goes on in text; nothing recorded so
far is lost."""

from __future__ import annotations

import hashlib
import logging
import threading
from typing import Any

import streamlit as st

from sim_core.call_status import CallInputError
from sim_core.speech import AudioInputError, SpeechError, build_stt, build_tts
from sim_core.speech.ringtone import ring_wav
from sim_core.storage.base import StorageError, call_prefix
from sim_core.voice import VoiceCall

from . import services
from .safe_text import md
from .webrtc_audio import frame_callback

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner="Loading speech recognition…")
def stt() -> Any:
    return build_stt(services.settings())


@st.cache_resource(show_spinner="Loading the caller's voice…")
def tts() -> Any:
    return build_tts(services.settings())


@st.cache_resource(show_spinner=False)
def ring_tone() -> bytes:
    return ring_wav()


class _VoiceCalls:
    """One VoiceCall per live call in this process (the WebRTC worker lives in it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, VoiceCall] = {}

    def get(self, call: Any) -> VoiceCall:
        with self._lock:
            vc = self._calls.get(call.call_id)
            if vc is None or vc.call is not call:
                vc = VoiceCall(call, stt=stt(), tts=tts(), store=services.object_store(), settings=services.settings())
                self._calls[call.call_id] = vc
            return vc

    def find(self, call_id: str) -> VoiceCall | None:
        with self._lock:
            return self._calls.get(call_id)

    def pop(self, call_id: str) -> VoiceCall | None:
        with self._lock:
            return self._calls.pop(call_id, None)


@st.cache_resource(show_spinner=False)
def voice_calls() -> _VoiceCalls:
    return _VoiceCalls()


def _voice_or_message(call: Any) -> VoiceCall | None:
    try:
        return voice_calls().get(call)
    except Exception as exc:
        st.warning(
            f"Speech is not available here ({md(f'{exc.__class__.__name__}: {exc}')}). "
            "Choose **Typed** above; your call continues and everything so far is kept.",
            icon=":material/mic_off:",
        )
        return None


AUDIO_FILES = ["wav", "webm", "ogg", "opus", "mp3", "m4a", "flac"]


def push_to_talk(call: Any) -> None:
    """A clip recorded in the browser, or an audio file, is one turn: transcribed, and the
    caller answers aloud. Each clip is taken once; a bad one is explained, the call goes on.
    Speech that cannot start (a model that fails to load) is said before anything is recorded."""
    if _voice_or_message(call) is None:
        return
    clip = st.audio_input("Record what you say, then stop", key=f"ptt_{call.call_id}")
    upload = st.file_uploader(
        "…or upload a recorded clip",
        type=AUDIO_FILES,
        key=f"ptt_file_{call.call_id}",
        help="WAV, WebM, Ogg, MP3, M4A or FLAC; one thing you say to the caller.",
    )
    taken = st.session_state.setdefault("ptt_taken", set())
    for item in (clip, upload):
        data = item.getvalue() if item is not None else b""
        digest = hashlib.sha1(data).hexdigest()
        if item is None or digest in taken:
            continue
        taken.add(digest)
        _clip_turn(call, data)
    last = st.session_state.get(f"ptt_last_{call.call_id}")
    if last is None:
        st.caption("Record a sentence; it is transcribed and the caller answers aloud.")
    else:  # the last turn stays on screen across reruns (the transcript redraw is one)
        st.caption(
            f"Heard: “{md(last.get('marked') or last['heard'])}” ({last['confidence']:.0%} confidence)"
            + (md(" — words in [brackets?] were unclear") if "?]" in (last.get("marked") or "") else "")
        )
        if last.get("low"):
            st.warning(
                "The recogniser was unsure of what you said: the caller may have misheard, "
                "and details taken from it are marked unconfirmed. Repeat or type it.",
                icon=":material/hearing:",
            )
        _play(last["wav"])


def _clip_turn(call: Any, data: bytes) -> None:
    vc = _voice_or_message(call)
    if vc is None:
        return
    try:
        vt = vc.push_to_talk(data)
    except (AudioInputError, SpeechError) as exc:
        st.error(
            f"That clip could not be used: {md(exc)}. Your call continues: record again, upload another file, or type.",
            icon=":material/graphic_eq:",
        )
        return
    except CallInputError as exc:
        st.error(str(exc))
        return
    st.session_state[f"ptt_last_{call.call_id}"] = {
        "heard": vt.heard,
        "confidence": vt.confidence,
        "marked": vt.marked,
        "low": vt.low_confidence,
        "wav": vt.caller_wav,
    }
    st.rerun()  # redraw the transcript with both lines


def _play(wav: bytes | None) -> None:
    if wav:
        st.audio(wav, format="audio/wav", autoplay=True)


def live_voice(call: Any) -> None:
    """Microphone in and the caller's voice out on one WebRTC connection."""
    try:
        from streamlit_webrtc import WebRtcMode, webrtc_streamer
    except ImportError as exc:
        st.warning(f"Live voice needs streamlit-webrtc ({exc}). Use typed text or push-to-talk.")
        return
    vc = _voice_or_message(call)
    if vc is None:
        return
    ctx = webrtc_streamer(
        key=f"live_{call.call_id}",
        mode=WebRtcMode.SENDRECV,
        rtc_configuration=services.rtc_configuration(),
        media_stream_constraints={"audio": True, "video": False},
        audio_frame_callback=frame_callback(vc),
        async_processing=True,
        on_audio_ended=vc.mic_ended,
    )
    if ctx.state.playing:
        vc.start_live()
        live_panel(call.call_id)
    else:
        vc.stop_live()
        # the component shows a denied microphone only inside its own frame
        # ("NotAllowedError"); the server is not told, so the way on is always here
        st.info(
            "Press START and allow the microphone. If the browser blocks it "
            "(the player above says “NotAllowedError” or “Access denied”), your call "
            "goes on: choose **Typed** above and keep talking; the transcript is kept.",
            icon=":material/mic_off:",
        )


@st.fragment(run_every=0.5)
def live_panel(call_id: str) -> None:
    vc = voice_calls().find(call_id)
    if vc is None:
        return
    snap = vc.snapshot()
    if snap.connection_lost:
        st.warning(
            f"The live voice connection was lost (no audio from your microphone for "
            f"{snap.mic_silent_s:.0f} s). Your call and its transcript are kept: press "
            "STOP then START to reconnect, or choose **Typed** above and keep talking.",
            icon=":material/signal_disconnected:",
        )
    elif snap.listening:
        st.caption(f":material/mic: Listening… {md(snap.partial)}")
    elif snap.caller_speaking:
        st.caption(":material/volume_up: The caller is speaking (talk to interrupt).")
    else:
        st.caption("Speak when you are ready.")
    if snap.last_error:
        st.warning(f"Speech problem: {md(snap.last_error)}. The call continues; you can type.")
    if snap.turns and st.session_state.get("voice_turns_shown") != snap.turns:
        st.session_state["voice_turns_shown"] = snap.turns
        st.rerun()


def recording(call: Any) -> bytes | None:
    """Finish the call's audio (if it had any) and return the stereo recording."""
    vc = voice_calls().pop(call.call_id)
    key = None
    if vc is not None:
        try:
            key = vc.finish()
        except Exception:
            log.exception("could not store the recording")
    store = services.object_store()
    if store is None:
        return None
    key = key or f"{call_prefix(call.call_id)}call.wav"
    try:
        return store.get(key)
    except (KeyError, StorageError):
        return None
