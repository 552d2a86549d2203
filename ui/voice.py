"""Voice on the call page: push-to-talk clips (st.audio_input) and live two-way
voice (streamlit-webrtc). Each degrades to a clear message when speech is
unavailable; the call and its transcript are never lost."""
from __future__ import annotations

import hashlib
import logging
from typing import Any

import streamlit as st

from sim_core.session import CallInputError

from . import services

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner="Loading speech recognition…")
def stt() -> Any:
    from sim_core.speech.stt import build_stt
    return build_stt(services.settings())


@st.cache_resource(show_spinner="Loading the caller's voice…")
def tts() -> Any:
    from sim_core.speech.tts import build_tts
    return build_tts(services.settings())


def _stt_or_message() -> Any | None:
    try:
        return stt()
    except Exception as exc:  # noqa: BLE001 - missing engine or module
        st.warning(f"Speech recognition is not available here ({exc.__class__.__name__}: {exc}). "
                   "Switch to typed text; your call continues.")
        return None


def transcribe(engine: Any, data: bytes, context: str | None = None) -> str:
    """Text of one recorded clip; AudioInputError (a clear message) for a file that is
    not audio, too long or silent."""
    from sim_core.speech.audio import decode_audio
    cfg = services.settings()
    audio = decode_audio(data, rate=16000, max_duration_s=cfg.max_upload_s)
    return engine.transcribe(audio.pcm, context=context).text or ""


def push_to_talk(call: Any) -> None:
    clip = st.audio_input("Hold to record what you say, then stop", key=f"ptt_{call.call_id}")
    if clip is None:
        st.caption("Record a sentence; it is transcribed and the caller answers.")
        return
    data = clip.getvalue()
    digest = hashlib.sha1(data).hexdigest()
    if st.session_state.get("ptt_last") == digest:
        return
    st.session_state["ptt_last"] = digest
    if len(data) > services.settings().max_upload_bytes:
        st.error("That recording is too large. Keep each turn short.")
        return
    engine = _stt_or_message()
    if engine is None:
        return
    try:
        text = transcribe(engine, data, context=call.call_id)
    except Exception as exc:  # noqa: BLE001 - undecodable audio, engine fault
        st.error(f"Could not understand that recording: {exc}")
        return
    if not text.strip():
        st.warning("No words were recognised. Try again, closer to the microphone.")
        return
    try:
        turn = call.trainee_says(text)
    except CallInputError as exc:
        st.error(str(exc))
        return
    _speak(turn.caller_text, call)
    if call.status == "ended":
        st.rerun()


def _speak(text: str, call: Any) -> None:
    if not text.strip():
        return
    try:
        from sim_core.speech.datatypes import VoiceStyle
        from sim_core.speech.tts import synthesize_all
        chunk = synthesize_all(tts(), text, VoiceStyle())
        st.audio(chunk.to_bytes(), format="audio/wav", autoplay=True)
    except Exception as exc:  # noqa: BLE001 - text still shows in the transcript
        st.caption(f"(The caller's voice is unavailable: {exc.__class__.__name__}; read the reply.)")


def live_voice(call: Any) -> None:
    try:
        from . import live_voice as lv
    except Exception as exc:  # noqa: BLE001
        st.warning(f"Live voice is not available here ({exc}). Use typed text or push-to-talk.")
        return
    lv.render(call)


def recording(call: Any) -> bytes | str | None:
    """The call's recording, if one was stored."""
    store = services.object_store()
    if store is None:
        return None
    try:
        from sim_core.storage.base import call_prefix
        keys = [k for k in store.list(call_prefix(call.call_id)) if k.endswith("recording.wav")]
        return store.get(keys[0]) if keys else None
    except Exception:  # noqa: BLE001
        return None
