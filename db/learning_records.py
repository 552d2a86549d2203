"""A stored call's learning record (xAPI statement), read with the same trainee
restriction as every other call read."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from sim_core.xapi import build_statement

from .app_queries import latest_versions
from .models import ScenarioVersion, User
from .queries import get_call


class NotScored(LookupError):
    """The call exists but has not been scored yet (still running, or its score is queued)."""


def statement_for_call(
    session: Session, *, call_id: uuid.UUID | str, activity_base: str, trainee_id: uuid.UUID | str | None = None
) -> dict[str, Any] | None:
    """The xAPI statement of a scored call; None when unknown (or, with `trainee_id`,
    someone else's); NotScored while it has no score."""
    call = get_call(session, call_id=call_id, trainee_id=trainee_id)
    if call is None:
        return None
    if not call["metrics"]:
        raise NotScored(f"call {call['id']} has not been scored yet (status {call['status']})")
    user = session.get(User, uuid.UUID(call["trainee_id"])) if call["trainee_id"] else None
    who = (
        {"username": user.username, "display_name": user.display_name}
        if user is not None
        else {"username": "unknown", "display_name": "unknown trainee"}
    )
    return build_statement(call, who, _scenario_content(session, call), activity_base)


def _scenario_content(session: Session, call: dict[str, Any]) -> dict[str, Any]:
    if call.get("scenario_version_id"):
        version = session.get(ScenarioVersion, uuid.UUID(call["scenario_version_id"]))
        if version is not None:
            return dict(version.content or {})
    latest = latest_versions(session).get(call["scenario"])
    return dict((latest or {}).get("content") or {"id": call["scenario"]})


__all__ = ["NotScored", "statement_for_call"]
