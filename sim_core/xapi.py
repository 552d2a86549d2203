"""Learning records: a finished, scored call as one xAPI 1.0.3 statement.

Actor: the trainee's account; verb: completed; object: the scenario as an
activity; result: score (scaled 0..1), success (compliance level high or
compliant), completion and duration (answer → end, the one call clock), with
the metrics, grade and category scores as extensions. Pure: plain dicts in,
one dict out. The statement id is derived from the call id, so sending it again
never makes a second record.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from .scoring.scorer import level_for

XAPI_VERSION = "1.0.3"
COMPLETED = {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
_NS = uuid.UUID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
PASSING_LEVELS = ("high", "compliant")


def statement_id(call_id: str) -> str:
    return str(uuid.uuid5(_NS, f"completed:{call_id}"))


def _duration(events: list[dict[str, Any]]) -> str:
    """ISO 8601 duration from answer (or ring) to the end of the call."""
    start = next((e["t"] for e in events if e["type"] == "call_answered"), 0.0)
    end = next((e["t"] for e in reversed(events) if e["type"] == "call_ended"), events[-1]["t"] if events else 0.0)
    return f"PT{max(0.0, float(end) - float(start)):.2f}S"


def _iso(value: datetime | str | None) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def build_statement(call: dict[str, Any], user: dict[str, Any], scenario: dict[str, Any], base: str) -> dict[str, Any]:
    """The statement for a stored call (`call` as db.queries.get_call returns it, with
    `metrics`), its trainee {username, display_name} and scenario content {id, title, …}."""
    m = call["metrics"]
    if not m:
        raise ValueError(f"call {call['id']} has no score yet")
    base = base.rstrip("/")
    ext = f"{base}/xapi/extensions"
    score = float(m["score"])
    slug = scenario.get("id") or call["scenario"]
    activity = {
        "objectType": "Activity",
        "id": f"{base}/scenarios/{slug}",
        "definition": {
            "type": SIMULATION,
            "name": {"en-US": str(scenario.get("title") or slug)},
            "description": {"en-US": str(scenario.get("description") or "")},
            "extensions": {
                f"{ext}/call-type": scenario.get("call_type"),
                f"{ext}/difficulty": scenario.get("difficulty"),
            },
        },
    }
    statement: dict[str, Any] = {
        "id": statement_id(call["id"]),
        "actor": {
            "objectType": "Agent",
            "name": user.get("display_name") or user["username"],
            "account": {"homePage": base, "name": user["username"]},
        },
        "verb": COMPLETED,
        "object": activity,
        "result": {
            "score": {"scaled": round(score / 100.0, 4), "raw": round(score, 2), "min": 0, "max": 100},
            "success": level_for(score) in PASSING_LEVELS,
            "completion": True,
            "duration": _duration(call.get("events") or []),
            "extensions": {
                f"{ext}/grade": m.get("grade"),
                f"{ext}/compliance-level": level_for(score),
                f"{ext}/metrics": m.get("metrics") or {},
                f"{ext}/categories": m.get("categories") or {},
            },
        },
        "context": {
            "registration": str(call["id"]),
            "platform": "9-1-1 call-taker training simulator",
            "language": "en-US",
            "extensions": {
                f"{ext}/mode": call.get("mode"),
                f"{ext}/end-reason": call.get("end_reason"),
                f"{ext}/scenario-version-id": call.get("scenario_version_id"),
                f"{ext}/scorer-version": m.get("scorer_version"),
            },
        },
        "version": XAPI_VERSION,
    }
    when = _iso(call.get("ended_at"))
    if when:
        statement["timestamp"] = when
    return statement


__all__ = ["COMPLETED", "XAPI_VERSION", "build_statement", "statement_id"]
