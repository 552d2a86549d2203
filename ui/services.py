"""Long-lived backends for the pages, built once per process (st.cache_resource).

Each factory builds the backend Settings choose (sim_core.persist, sim_core.live,
sim_core.storage, sim_core.speech); with nothing configured those are the
embedded defaults, so `streamlit run app.py` works on a fresh clone.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import streamlit as st

from db.bootstrap import SchemaNotAtHead, start_database
from db.engine import DatabaseUnavailable, get_engine
from db.passwords import GATE
from db.recorder import build_recorder
from sim_core.desk import CallDesk
from sim_core.live import CallClock, CallRegistry, MemoryLiveStore, build_live_store
from sim_core.llm.actor import build_actor
from sim_core.llm.client import ChatClient
from sim_core.nlp import analyze
from sim_core.ratelimit import limiters
from sim_core.session import CallSession
from sim_core.settings import Settings, get_settings
from sim_core.storage import build_object_store

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from sim_core.caller import Actor
    from sim_core.live import LiveStore
    from sim_core.nlp import Analysis
    from sim_core.persist import CallRecorder
    from sim_core.ratelimit import Limits
    from sim_core.storage import ObjectStore

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return get_settings()


class Backends:
    """What start-up produced: the engine, and the message when the database is down."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.db_error = ""
        self.public_error = ""  # what anyone may read about why (no host, port or user)
        self.admin_note = ""


RETRY_START_S = 10.0  # while the database is down, try start-up again at most this often
_failed: dict[str, Any] = {"at": float("-inf"), "out": None}  # the last failed start-up
_failed_lock = threading.Lock()


def backends() -> Backends:
    """The started backends; while the database is down, a Backends whose db_error says so.
    A failed start-up is never cached: it is tried again (at most every RETRY_START_S), so
    the app recovers by itself once the database is back."""
    with _failed_lock:
        recent = _failed["out"]
        if recent is not None and time.monotonic() - _failed["at"] < RETRY_START_S:
            return recent
    try:
        return _started_backends()
    except _StartFailed as exc:
        with _failed_lock:
            _failed.update(at=time.monotonic(), out=exc.backends)
        return exc.backends


class _StartFailed(RuntimeError):
    def __init__(self, backends: Backends) -> None:
        super().__init__(backends.db_error)
        self.backends = backends


@st.cache_resource(show_spinner="Connecting to the database…")
def _started_backends() -> Backends:
    """Check the schema is at head (`python -m cli prestart` migrates and seeds before the
    server starts) and create the first admin (cached only when it worked: a raise is not
    cached)."""
    out = Backends()
    cfg = settings()
    GATE.configure(cfg.password_hash_slots, cfg.password_hash_wait_s)
    try:
        out.engine = get_engine(cfg)
        out.admin_note = start_database(out.engine, cfg)
    except SchemaNotAtHead as exc:
        out.engine, out.db_error, out.public_error = None, str(exc), str(exc)
        log.error("start-up: %s", exc)
        raise _StartFailed(out) from None
    except DatabaseUnavailable as exc:
        out.engine, out.db_error = None, str(exc)
        log.error("start-up: %s", exc)
        raise _StartFailed(out) from None
    except Exception as exc:
        log.exception("start-up failed")
        out.engine, out.db_error = None, f"database start-up failed: {exc.__class__.__name__}"
        raise _StartFailed(out) from None
    with _failed_lock:
        _failed.update(at=float("-inf"), out=None)
    return out


def public_db_error() -> str:
    """What anyone, signed in or not, may read about a database that is down: no host, port,
    user or driver message (those are in the server log and on the admin page)."""
    return backends().public_error or (
        "The database is unavailable, so nobody can sign in right now. This page "
        "tries again by itself: reload in a few seconds. If it lasts, tell your "
        "administrator."
    )


def engine() -> Engine | None:
    """The database engine, or None (the page shows backends().db_error)."""
    return backends().engine


def db_error() -> str:
    return backends().db_error


@st.cache_resource(show_spinner=False)
def live_store() -> LiveStore:
    cfg = settings()
    try:
        return build_live_store(cfg)
    except Exception:
        log.exception("live store unavailable; using process memory")
        return MemoryLiveStore(cfg.session_ttl_s)


def recorder() -> CallRecorder | None:
    """The call recorder; None while the database has not started (not cached, so the
    recorder appears once it has)."""
    return None if engine() is None else _recorder()


@st.cache_resource(show_spinner=False)
def _recorder() -> CallRecorder:
    return build_recorder(settings())


@st.cache_resource(show_spinner=False)
def object_store() -> ObjectStore | None:
    cfg = settings()
    try:
        return build_object_store(cfg)
    except Exception:
        log.exception("object store unavailable")
        return None


@st.cache_resource(show_spinner=False)
def actor() -> Actor | None:
    """The caller's actor: LLM when configured and available, else scripted."""
    try:
        return build_actor(settings())
    except Exception:
        log.exception("LLM actor unavailable; using the scripted caller")
        return None


@st.cache_resource(show_spinner="Loading the language pipeline…")
def analyzer() -> Callable[[str], Analysis]:
    try:
        analyze("warm up")
    except Exception:
        log.exception("NLP warm-up failed")
    # The pipeline is millions of long-lived objects; a full collection walking them took
    # about 220 ms and landed on whichever page run crossed the threshold. Frozen objects
    # are left out of every later collection (garbage from before is collected first).
    gc.collect()
    gc.freeze()
    return analyze


def _stop_clock(calls: CallRegistry) -> None:
    if calls.clock is not None:
        calls.clock.stop()


@st.cache_resource(show_spinner=False, on_release=_stop_clock)
def registry() -> CallRegistry:
    """The live calls of this process, with the server's call clock running over them
    (timed events, silence hang-ups and abandoned calls happen with no browser open)."""
    calls = CallRegistry()
    cfg, store = settings(), live_store()
    backends = {"actor": actor(), "analyzer": analyzer(), "recorder": recorder(), "live_store": store}

    def resume(call_id: str) -> CallSession | None:
        found = store.load_versioned(call_id)
        return None if found is None else CallSession.from_state(found[0], version=found[1], **backends)

    calls.clock = CallClock(calls, store, resume=resume, idle_s=cfg.call_abandon_s, interval_s=cfg.call_clock_s).start()
    return calls


def desk() -> CallDesk:
    """Starts and finds this process's live calls with the backends above."""
    return CallDesk(registry(), live_store=live_store(), recorder=recorder(), actor=actor(), analyzer=analyzer())


def rtc_configuration(cfg: Settings | None = None) -> dict[str, Any]:
    """ICE servers from STUN_URLS / TURN_*; none configured → host candidates only
    (works on localhost with no internet)."""
    cfg = cfg or settings()
    servers: list[dict[str, Any]] = []
    stun = [u.strip() for u in cfg.stun_urls.split(",") if u.strip()]
    if stun:
        servers.append({"urls": stun})
    if cfg.turn_url:
        turn: dict[str, Any] = {"urls": [u.strip() for u in cfg.turn_url.split(",") if u.strip()]}
        if cfg.turn_username:
            turn["username"] = cfg.turn_username
            turn["credential"] = cfg.turn_password
        servers.append(turn)
    return {"iceServers": servers}


@st.cache_resource(show_spinner=False)
def rate_limits() -> Limits:
    """Turns per minute and calls per hour (this process), and the sign-in guard (shared
    through Redis when REDIS_URL is set)."""
    return limiters(settings())


@st.cache_resource(show_spinner=False)
def llm_client() -> ChatClient | None:
    """The chat client for debrief narratives and scenario drafts; None without an LLM."""
    cfg = settings()
    if not cfg.llm_configured:
        return None
    return ChatClient.from_settings(cfg)
