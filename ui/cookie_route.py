"""The sign-in cookie set by the server as HttpOnly, so no script in the page can read
it. Used when the app is served by `streamlit run serve.py` (Streamlit's ASGI mode, which
mounts these routes); under plain `streamlit run app.py` the page writes a short-lived
cookie itself (ui.auth).

After a password or SSO sign-in the page holds only a one-time ticket, valid for a
minute; its script posts it here at once and gets the real token back as an HttpOnly
cookie. The page later asks here to renew that cookie, and to forget it; it never sees it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from db.engine import get_engine, session_scope
from db.sign_ins import exchange_ticket, rotate_sign_in, user_for_token
from sim_core.settings import get_settings

log = logging.getLogger(__name__)

COOKIE = "sim_sign_in"
SIGN_IN, RENEW, FORGET = "/_sim/sign-in", "/_sim/renew", "/_sim/forget"
TICKET_S = 60.0
_mounted = {"on": False}


def mounted() -> bool:
    """True when this process serves the routes (the page must not write the cookie)."""
    return _mounted["on"]


def _with_db(work: Callable[[Any, Any], Any]) -> Any:
    cfg = get_settings()
    with session_scope(get_engine(cfg)) as s:
        return work(s, cfg)


def _minutes(cfg: Any) -> float:
    return min(cfg.sign_in_token_minutes, cfg.sign_in_hours * 60)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host", "")


def _with_cookie(request: Request, token: str | None, minutes: float = 0.0) -> Response:
    resp = Response(status_code=204 if token else 403)
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"
    if token:
        resp.set_cookie(
            COOKIE, token, max_age=int(minutes * 60), path="/", httponly=True, samesite="strict", secure=secure
        )
    else:
        resp.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=secure)
    return resp


async def _sign_in(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    try:
        ticket = str((await request.json()).get("ticket") or "")
    except ValueError:
        return Response(status_code=400)

    def work(s: Any, cfg: Any) -> tuple[str | None, float]:
        return exchange_ticket(s, ticket=ticket, minutes=_minutes(cfg), shift_hours=cfg.sign_in_hours), _minutes(cfg)

    token, minutes = await run_in_threadpool(_with_db, work)
    return _with_cookie(request, token, minutes)


async def _renew(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    current = request.cookies.get(COOKIE, "")

    def work(s: Any, cfg: Any) -> tuple[str | None, float]:
        if not current or user_for_token(s, token=current) is None:
            return None, 0.0
        return rotate_sign_in(s, token=current, minutes=_minutes(cfg), shift_hours=cfg.sign_in_hours), _minutes(cfg)

    token, minutes = await run_in_threadpool(_with_db, work)
    return _with_cookie(request, token, minutes)


async def _forget(request: Request) -> Response:
    return _with_cookie(request, None)


def routes() -> list[Route]:
    """The routes serve.py mounts; from then on the page leaves the cookie to them."""
    _mounted["on"] = True
    return [
        Route(SIGN_IN, _sign_in, methods=["POST"]),
        Route(RENEW, _renew, methods=["POST"]),
        Route(FORGET, _forget, methods=["POST"]),
    ]


def post_script(path: str, body: dict[str, str] | None = None) -> str:
    """A page script that posts to one of the routes (same origin, cookies included)."""
    import json

    payload = json.dumps(body or {})
    return (
        "<script>fetch(" + json.dumps(path) + ",{method:'POST',credentials:'same-origin',"
        "headers:{'Content-Type':'application/json'},body:" + json.dumps(payload) + "});</script>"
    )


__all__ = ["COOKIE", "TICKET_S", "mounted", "post_script", "routes"]
