"""The health check of the simulator's own backends: Redis, the object store, the LLM,
TTS and STT. The database's check is added by `db.health`, and `python -m cli doctor`
prints them all as one table.

Each row: name, configured (a real service was chosen in Settings), status
(ok | down | skipped) and a one-line detail naming the setting to fix. The
run is not ok when a configured dependency is down; embedded defaults are
checked and shown but never fail it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from .live.store import redis_client
from .settings import Settings, redact_url
from .speech.stt_whisper import bundled_model_dir, check_model_dir
from .storage import build_object_store

Row = dict[str, Any]


def row(name: str, configured: bool, status: str, detail: str) -> Row:
    return {"name": name, "configured": configured, "status": status, "detail": detail}


def guard(name: str, configured: bool, fn: Callable[[], Row]) -> Row:
    try:
        return fn()
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        return row(name, configured, "down", first)


def check_redis(settings: Settings) -> Row:
    if not settings.redis_url:
        return row("redis", False, "skipped", "REDIS_URL empty: live calls kept in process memory")
    where = redact_url(settings.redis_url)

    def run() -> Row:
        try:
            redis_client(settings.redis_url, timeout_s=2.0).ping()
        except Exception as exc:
            low = str(exc).lower()
            cause = "wrong password" if "auth" in low or "password" in low else "unreachable"
            return row("redis", True, "down", f"REDIS_URL: {cause} at {where} ({exc})")
        return row("redis", True, "ok", f"{where} answers PING")

    return guard("redis", True, run)


def check_object_store(settings: Settings) -> Row:
    configured = bool(settings.s3_endpoint)

    def run() -> Row:
        store = build_object_store(settings)
        return row("object store", configured, "ok", store.check())  # type: ignore[attr-defined]

    return guard("object store", configured, run)


def _http_check(
    name: str, setting: str, url: str, *, headers: dict[str, str] | None = None, key_setting: str = ""
) -> Row:
    shown = redact_url(url)  # no password or key in what is shown
    try:
        resp = httpx.get(url, headers=headers or {}, timeout=3.0, follow_redirects=True)
    except httpx.HTTPError as exc:
        return row(name, True, "down", f"{setting}: cannot reach {shown} ({exc.__class__.__name__})")
    if resp.status_code in (401, 403):
        who = key_setting or setting
        return row(name, True, "down", f"{who}: rejected by {shown} (HTTP {resp.status_code})")
    if resp.status_code >= 500:
        return row(name, True, "down", f"{setting}: {shown} answered HTTP {resp.status_code}")
    return row(name, True, "ok", f"{shown} answered HTTP {resp.status_code}")


def check_llm(settings: Settings) -> Row:
    if not settings.llm_configured:
        return row("llm", False, "skipped", "LLM_API_KEY empty: the caller uses the scripted actor")
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    return guard(
        "llm",
        True,
        lambda: _http_check(
            "llm", "LLM_BASE_URL", f"{settings.llm_base_url}/models", headers=headers, key_setting="LLM_API_KEY"
        ),
    )


def _speech_headers(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.speech_api_key}"} if settings.speech_api_key else {}


def check_tts(settings: Settings) -> Row:
    if settings.tts_backend == "coqui":
        if not settings.coqui_tts_url:
            return row("tts", True, "down", "COQUI_TTS_URL: empty but TTS_BACKEND=coqui")
        return guard("tts", True, lambda: _http_check("tts", "COQUI_TTS_URL", settings.coqui_tts_url))
    if settings.tts_backend == "openai":
        return _speech_server("tts", "TTS_BACKEND", settings)
    return row("tts", False, "skipped", f"TTS_BACKEND={settings.tts_backend}: local engine")


def check_stt(settings: Settings) -> Row:
    if settings.stt_backend == "openai":
        return _speech_server("stt", "STT_BACKEND", settings)
    if settings.stt_backend == "whisper":
        return guard("stt", True, lambda: _whisper_model(settings))
    return row("stt", False, "skipped", f"STT_BACKEND={settings.stt_backend}: local engine")


def _whisper_model(settings: Settings) -> Row:
    """The Whisper model folder is there and complete (not loaded: that takes a while)."""
    folder = check_model_dir(settings.whisper_model_dir or bundled_model_dir())
    return row("stt", True, "ok", f"STT_BACKEND=whisper: model in {folder}")


def _speech_server(name: str, backend_setting: str, settings: Settings) -> Row:
    """The OpenAI-compatible speech server that `name` (tts or stt) is set to use."""
    if not settings.speech_base_url:
        return row(name, True, "down", f"SPEECH_BASE_URL: empty but {backend_setting}=openai")
    return guard(
        name,
        True,
        lambda: _http_check(
            name,
            "SPEECH_BASE_URL",
            f"{settings.speech_base_url}/models",
            headers=_speech_headers(settings),
            key_setting="SPEECH_API_KEY",
        ),
    )


Check = Callable[[Settings], Row]
CHECKS: tuple[Check, ...] = (check_redis, check_object_store, check_llm, check_tts, check_stt)


def run_doctor(settings: Settings, checks: tuple[Check, ...] = CHECKS) -> tuple[list[Row], bool]:
    """Run each check; ok is False when a configured dependency is down."""
    rows = [check(settings) for check in checks]
    ok = not any(r["configured"] and r["status"] == "down" for r in rows)
    return rows, ok


def format_table(rows: list[Row]) -> str:
    header = ("dependency", "configured", "status", "detail")
    body = [(r["name"], "yes" if r["configured"] else "default", r["status"], r["detail"]) for r in rows]
    widths = [max(len(str(x[i])) for x in [header, *body]) for i in range(3)]
    lines = []
    for cells in [header, *body]:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(cells[:3], widths)) + "  " + str(cells[3]))
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 6)
    return "\n".join(lines)


__all__ = ["CHECKS", "Check", "Row", "format_table", "guard", "row", "run_doctor"]
