"""What the API process builds once at start-up, from the same Settings and with the
same factories as the pages: database (schema checked at head, first admin), live store,
recorder, object store, caller actor, NLP, rate limits and the call desk. Speech
engines load on first use (a typed-only deployment never pays for them)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from db.bootstrap import start_database
from db.engine import get_engine
from db.recorder import build_recorder
from sim_core.desk import CallDesk, CallRegistry
from sim_core.live import CallClock, MemoryLiveStore, build_live_store
from sim_core.llm.actor import build_actor
from sim_core.nlp import analyze
from sim_core.persist.background import BackgroundRecorder
from sim_core.ratelimit import Limits, limiters
from sim_core.settings import Settings
from sim_core.speech import build_stt, build_tts
from sim_core.storage import build_object_store
from sim_core.voice import VoiceCall

log = logging.getLogger(__name__)


@dataclass
class ApiBackends:
    settings: Settings
    desk: CallDesk
    limits: Limits
    engine: Any = None
    db_error: str = ""
    object_store: Any = None
    _speech: tuple[Any, Any] | None = None
    _voice: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # ------------------------------------------------------------- speech
    def speech(self) -> tuple[Any, Any]:
        """(stt, tts) for this process, built on first use."""
        with self._lock:
            if self._speech is None:
                self._speech = (build_stt(self.settings), build_tts(self.settings))
            return self._speech

    def voice(self, call: Any) -> Any:
        """The VoiceCall of a live call (one per call in this process)."""
        stt, tts = self.speech()
        with self._lock:
            vc = self._voice.get(call.call_id)
            if vc is None or vc.call is not call:
                vc = VoiceCall(
                    call,
                    stt=stt,
                    tts=tts,
                    store=self.object_store,
                    settings=self.settings,
                    sample_rate=self.settings.sample_rate,
                )
                self._voice[call.call_id] = vc
            return vc

    def voice_of(self, call_id: str) -> Any | None:
        """The call's VoiceCall if it has one in this process."""
        with self._lock:
            return self._voice.get(call_id)

    def close(self) -> None:
        """Stop the call clock (the process is shutting down)."""
        clock = getattr(self.desk.registry, "clock", None)
        if clock is not None:
            clock.stop()

    def finish_call(self, call_id: str) -> None:
        """After a call ended: store its stereo recording (if it had audio), wait until
        everything it produced is in the database, forget it in this process."""
        with self._lock:
            vc = self._voice.pop(call_id, None)
        if vc is not None:
            try:
                vc.finish()
            except Exception:
                log.exception("could not store the recording of call %s", call_id)
        recorder = self.desk.recorder
        if recorder is not None and not recorder.wait_idle(call_id):
            log.warning("call %s: some writes are still queued for the database", call_id)
        self.desk.forget(call_id)


def build_backends(settings: Settings) -> ApiBackends:
    """Every backend Settings choose; a database that cannot start is reported in
    `db_error` (endpoints that need it answer 503), never a crash."""
    engine, db_error = None, ""
    try:
        engine = get_engine(settings)
        note = start_database(engine, settings)
        if note:
            log.warning(note)
    except Exception as exc:
        engine, db_error = None, f"database start-up failed: {exc}"
        log.error(db_error)
    try:
        live = build_live_store(settings)
    except Exception:
        log.exception("live store unavailable; using process memory")
        live = MemoryLiveStore(settings.session_ttl_s)
    recorder = None
    if engine is not None:  # written behind the turn: a reply never waits for the database
        recorder = BackgroundRecorder(build_recorder(settings))
    store = None
    try:
        store = build_object_store(settings)
    except Exception:
        log.exception("object store unavailable")
    actor = None
    try:
        actor = build_actor(settings)
    except Exception:
        log.exception("LLM actor unavailable; using the scripted caller")
    analyze("warm up")
    desk = CallDesk(CallRegistry(), live_store=live, recorder=recorder, actor=actor, analyzer=analyze)
    # time passes in every call, socket open or not
    desk.registry.clock = CallClock(
        desk.registry, live, resume=desk.resume, idle_s=settings.call_abandon_s, interval_s=settings.call_clock_s
    ).start()
    return ApiBackends(
        settings=settings, desk=desk, limits=limiters(settings), engine=engine, db_error=db_error, object_store=store
    )


__all__ = ["ApiBackends", "build_backends"]
