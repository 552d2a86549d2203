"""Long-lived backends for the pages, built once per process (st.cache_resource).

Each factory builds the backend Settings choose (sim_core.persist, sim_core.live,
sim_core.storage, sim_core.speech); with nothing configured those are the
embedded defaults, so `streamlit run app.py` works on a fresh clone.
"""
from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from sim_core.settings import Settings, get_settings

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return get_settings()


class Backends:
    """What start-up produced: the engine, and the message when the database is down."""

    def __init__(self) -> None:
        self.engine: Any = None
        self.db_error = ""
        self.admin_note = ""


@st.cache_resource(show_spinner="Preparing the database…")
def backends() -> Backends:
    """Bring the schema to head, create the first admin, seed scenarios into an empty DB."""
    from db.cli_commands import upgrade_engine
    from db.engine import DatabaseUnavailable, get_engine
    out = Backends()
    cfg = settings()
    try:
        out.engine = get_engine(cfg)
        upgrade_engine(out.engine)
        out.admin_note = ensure_admin(out.engine, cfg)
        seed_if_empty(out.engine, cfg)
    except DatabaseUnavailable as exc:
        out.db_error = str(exc)
    except Exception as exc:  # noqa: BLE001 - start-up must explain, not crash
        log.exception("start-up failed")
        out.db_error = f"database start-up failed: {exc.__class__.__name__}: {exc}"
    return out


def ensure_admin(engine: Any, cfg: Settings) -> str:
    from db.engine import session_scope
    from db.users import UserError, create_user, get_user_by_username
    if not (cfg.admin_username and cfg.admin_password):
        return ""
    with session_scope(engine) as s:
        if get_user_by_username(s, username=cfg.admin_username) is not None:
            return ""
        try:
            create_user(s, username=cfg.admin_username, display_name=cfg.admin_username,
                        role="admin", password=cfg.admin_password)
        except UserError as exc:
            return f"ADMIN_USERNAME/ADMIN_PASSWORD: {exc}"
    return f"created admin {cfg.admin_username!r}"


def seed_if_empty(engine: Any, cfg: Settings) -> None:
    from db.cli_commands import seed
    from db.engine import session_scope
    from db.scenarios import list_scenarios
    with session_scope(engine) as s:
        empty = not list_scenarios(s)
    if empty:
        seed(cfg)


def engine() -> Any:
    """The database engine, or None (the page shows backends().db_error)."""
    return backends().engine


def db_error() -> str:
    return backends().db_error


@st.cache_resource(show_spinner=False)
def live_store() -> Any:
    cfg = settings()
    try:
        from sim_core.live import build_live_store
        return build_live_store(cfg)
    except Exception:  # noqa: BLE001 - Redis misconfigured: keep calls going in memory
        log.exception("live store unavailable; using process memory")
        from sim_core.live import MemoryLiveStore
        return MemoryLiveStore(cfg.session_ttl_s)


@st.cache_resource(show_spinner=False)
def recorder() -> Any:
    eng = engine()
    if eng is None:
        return None
    from sim_core.persist import build_recorder
    return build_recorder(settings())


@st.cache_resource(show_spinner=False)
def object_store() -> Any:
    cfg = settings()
    try:
        from sim_core.storage import build_object_store
        return build_object_store(cfg)
    except Exception:  # noqa: BLE001 - no recordings, calls still work
        log.exception("object store unavailable")
        return None


@st.cache_resource(show_spinner=False)
def actor() -> Any:
    """The caller's actor: LLM when configured and available, else scripted."""
    try:
        from sim_core.llm.actor import build_actor
        return build_actor(settings())
    except Exception:  # noqa: BLE001 - scripted actor is always available
        log.exception("LLM actor unavailable; using the scripted caller")
        return None


@st.cache_resource(show_spinner="Loading the language pipeline…")
def analyzer() -> Any:
    from sim_core.nlp import analyze
    try:
        analyze("warm up")
    except Exception:  # noqa: BLE001
        log.exception("NLP warm-up failed")
    return analyze


def _stop_clock(calls: Any) -> None:
    if getattr(calls, "clock", None) is not None:
        calls.clock.stop()


@st.cache_resource(show_spinner=False, on_release=_stop_clock)
def registry() -> Any:
    """The live calls of this process, with the server's call clock running over them
    (timed events, silence hang-ups and abandoned calls happen with no browser open)."""
    from sim_core.live import CallClock, CallRegistry
    calls = CallRegistry()
    cfg, store = settings(), live_store()
    backends = {"actor": actor(), "analyzer": analyzer(), "recorder": recorder(),
                "live_store": store}

    def resume(call_id: str) -> Any:
        from sim_core.session import CallSession
        found = store.load_versioned(call_id)
        return None if found is None else CallSession.from_state(found[0], version=found[1],
                                                                 **backends)

    calls.clock = CallClock(calls, store, resume=resume, idle_s=cfg.call_abandon_s,
                            interval_s=cfg.call_clock_s).start()
    return calls


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
def rate_limits() -> Any:
    """(turns per minute, calls per hour) limiters shared by every session of this process."""
    from sim_core.ratelimit import limiters
    return limiters(settings())


@st.cache_resource(show_spinner=False)
def llm_client() -> Any:
    """The chat client for debrief narratives and scenario drafts; None without an LLM."""
    cfg = settings()
    if not cfg.llm_configured:
        return None
    from sim_core.llm.client import ChatClient
    return ChatClient.from_settings(cfg)
