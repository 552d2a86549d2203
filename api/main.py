"""The API app: `uvicorn api.main:app`. Same Settings, database, users, live store
and role rules as the pages; embedded defaults when nothing is configured.

    GET  /health, /ready                       process up; every configured dependency
    POST /api/v1/auth/token                    bearer token (username+password or API token)
    GET  /api/v1/scenarios, POST (instructors), GET /api/v1/scenarios/{id}
    POST /api/v1/calls/start, GET /api/v1/calls/{id}, POST …/end, GET …/transcript, …/xapi
    WS   /ws/call/{id}                         a live call, typed messages (api.messages)
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from db.health import run_doctor
from sim_core.ratelimit import RateLimiter
from sim_core.settings import Settings, get_settings

from . import routes_auth, routes_calls, routes_scenarios, ws
from .backends import build_backends
from .openapi_ws import add_websocket_docs

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        cfg = settings or get_settings()
        app.state.backends = await to_thread.run_sync(build_backends, cfg)
        app.state.request_limit = RateLimiter(cfg.rate_limit_api_requests_per_min, 60.0, "API requests")
        yield
        app.state.backends.close()

    app = FastAPI(title="9-1-1 call-taker simulator API", version="1", description=__doc__, lifespan=lifespan)
    app.include_router(routes_auth.router)
    app.include_router(routes_scenarios.router)
    app.include_router(routes_calls.router)
    app.include_router(ws.router)

    @app.get("/health", tags=["health"])
    def health() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get(
        "/ready", tags=["health"], responses={503: {"description": "a configured dependency is down; it is named"}}
    )
    def ready(request: Request) -> Any:
        """Every configured dependency, checked as `python -m cli doctor` checks it."""
        rows, ok = run_doctor(request.app.state.backends.settings)
        down = [r for r in rows if r["configured"] and r["status"] == "down"]
        body = {"status": "ok" if ok else "not ready", "checks": rows, "failing": [r["name"] for r in down]}
        if down:
            body["detail"] = "; ".join(f"{r['name']}: {r['detail']}" for r in down)
        return JSONResponse(body, status_code=200 if ok else 503)

    add_websocket_docs(app)
    return app


app = create_app()
