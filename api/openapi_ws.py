"""The WebSocket's typed messages in the OpenAPI description (/docs, /openapi.json):
FastAPI lists HTTP routes only, so the message schemas are added as components and
the socket as a documented path."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from . import messages, ws

REF = "#/components/schemas/{model}"


def add_websocket_docs(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        refs = {}
        for name, adapter in (("ClientMessage", messages.CLIENT), ("ServerMessage", messages.SERVER)):
            schema = adapter.json_schema(ref_template=REF)
            schemas.update(schema.pop("$defs", {}))
            schemas[name] = schema
            refs[name] = {"$ref": REF.format(model=name)}
        spec.setdefault("paths", {})["/ws/call/{call_id}"] = {
            "get": {
                "tags": ["websocket"],
                "summary": "A live call over a WebSocket",
                "description": (ws.__doc__ or "") + "\n" + (messages.__doc__ or ""),
                "operationId": "call_socket",
                "parameters": [
                    {"name": "call_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {
                        "name": "token",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": "bearer token (browsers cannot set headers on a WebSocket)",
                    },
                ],
                "responses": {
                    "101": {
                        "description": "switching to the WebSocket protocol; then ClientMessage in, ServerMessage out",
                        "content": {"application/json": {"schema": refs["ServerMessage"]}},
                    }
                },
                "x-websocket": {"client-messages": refs["ClientMessage"], "server-messages": refs["ServerMessage"]},
            }
        }
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
