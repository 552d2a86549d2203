"""Read functions the Streamlit pages need beyond db.queries: one flat row per
scored call for analytics (raw key metrics and category levels, not aggregates).

Like db.queries, every function takes `trainee_ids` so a trainee's view can be
restricted to their own calls.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from .calls import _utc
from .models import CallSession, FindingOverride, PerformanceMetrics, Scenario, ScenarioVersion, User, VersionStatus


def scored_calls(
    session: Session,
    *,
    trainee_ids: Iterable[uuid.UUID | str] | None = None,
    scenario: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 5000,
) -> list[dict[str, Any]]:
    """Scored calls oldest first: ids, trainee, scenario, time, score, grade,
    key metrics (seconds) and each category's score and level.

    Only the columns these rows need are read (not the findings, the largest part of a
    scored call), so the cost per call stays small for a whole training centre."""
    call, pm = CallSession, PerformanceMetrics
    stmt = (
        sa.select(
            col(call.id),
            col(call.trainee_id),
            col(User.username),
            col(call.scenario_slug),
            col(call.mode),
            col(call.started_at),
            col(call.end_reason),
            col(call.llm_tokens),
            col(call.llm_cost),
            col(pm.score),
            col(pm.grade),
            col(pm.metrics),
            col(pm.categories),
            col(pm.time_to_address_s),
            col(pm.time_to_arrest_recognition_s),
            col(pm.time_to_first_compression_s),
            col(pm.time_to_dispatch_s),
        )
        .join(pm, col(pm.call_id) == col(call.id))
        .join(User, col(User.id) == col(call.trainee_id), isouter=True)
    )
    ids = [v if isinstance(v, uuid.UUID) else uuid.UUID(str(v)) for v in (trainee_ids or [])]
    if ids:
        stmt = stmt.where(col(call.trainee_id).in_(ids))
    if scenario is not None:
        stmt = stmt.where(col(call.scenario_slug) == scenario)
    if since is not None:
        stmt = stmt.where(col(call.started_at) >= _utc(since))
    if until is not None:
        stmt = stmt.where(col(call.started_at) < _utc(until))
    stmt = stmt.order_by(col(call.started_at)).limit(max(1, min(limit, 50000)))
    out = []
    for (
        call_id,
        trainee_id,
        username,
        slug,
        mode,
        started_at,
        end_reason,
        llm_tokens,
        llm_cost,
        score,
        grade,
        metrics,
        categories,
        to_address,
        to_arrest,
        to_compression,
        to_dispatch,
    ) in session.execute(stmt).all():
        m = metrics or {}
        row: dict[str, Any] = {
            "call_id": str(call_id),
            "trainee_id": str(trainee_id) if trainee_id else None,
            "trainee": username,
            "scenario": slug,
            "mode": mode,
            "started_at": _utc(started_at),
            "score": score,
            "grade": grade,
            "time_to_answer": m.get("time_to_answer"),
            "time_to_address": to_address,
            "time_to_arrest_recognition": to_arrest,
            "time_to_first_compression": to_compression,
            "time_to_dispatch": to_dispatch if to_dispatch is not None else m.get("time_to_dispatch_notice"),
            "end_reason": end_reason,
            "llm_tokens": llm_tokens or 0,
            "llm_cost": llm_cost,
        }
        for name, info in (categories or {}).items():
            if isinstance(info, dict):
                row[f"cat_{name}"] = info.get("score")
                row[f"level_{name}"] = info.get("level")
        out.append(row)
    return out


def scored_calls_version(session: Session) -> tuple[Any, ...]:
    """What changes when any call is scored, re-scored, overruled, deleted or charged LLM
    usage: counts, the newest scoring and decision times, and sums of scores and tokens.
    A few aggregates, so a page can key its copy of `scored_calls` on it and never show
    numbers from before the latest call."""
    scored = session.exec(
        select(
            func.count(col(PerformanceMetrics.id)),
            func.max(col(PerformanceMetrics.created_at)),
            func.sum(col(PerformanceMetrics.score)),
        )
    ).one()
    usage = session.exec(select(func.count(col(CallSession.id)), func.sum(col(CallSession.llm_tokens)))).one()
    decided = session.exec(select(func.count(col(FindingOverride.id)), func.max(col(FindingOverride.created_at)))).one()
    return (*scored, *usage, *decided)


def scored_calls_mark(session: Session, *, trainee_id: uuid.UUID | str) -> tuple[Any, ...]:
    """What changes when one of the trainee's calls is scored or an instructor re-scores
    one: (scored calls, when the last was scored, instructor decisions, the last one).
    Two indexed aggregates, so a page can key its copy of `scored_calls` on it."""
    tid = trainee_id if isinstance(trainee_id, uuid.UUID) else uuid.UUID(str(trainee_id))
    scored = session.exec(
        select(func.count(col(PerformanceMetrics.id)), func.max(col(PerformanceMetrics.created_at)))
        .join(CallSession, col(CallSession.id) == col(PerformanceMetrics.call_id))
        .where(col(CallSession.trainee_id) == tid)
    ).one()
    decided = session.exec(
        select(func.count(col(FindingOverride.id)), func.max(col(FindingOverride.created_at)))
        .join(CallSession, col(CallSession.id) == col(FindingOverride.call_id))
        .where(col(CallSession.trainee_id) == tid)
    ).one()
    return (*scored, *decided)


def latest_versions(
    session: Session, *, published_only: bool = False, slug: str | None = None
) -> dict[str, dict[str, Any]]:
    """slug → the latest version of every scenario (active or not): id, version,
    status, yaml_text, content, the scenario's active flag, title and call type, and
    `published` (the newest published version number, None if never published).
    `published_only` gives the newest published version and leaves out scenarios never
    published (what a trainee may see). One row per scenario is read, not every version;
    `slug` reads that scenario's row only."""
    one = None if slug is None else select(col(Scenario.id)).where(col(Scenario.slug) == slug).scalar_subquery()

    def newest(only_published: bool):
        stmt = select(col(ScenarioVersion.scenario_id), func.max(col(ScenarioVersion.version)).label("v"))
        if only_published:
            stmt = stmt.where(col(ScenarioVersion.status) == VersionStatus.PUBLISHED)
        if one is not None:
            stmt = stmt.where(col(ScenarioVersion.scenario_id) == one)
        return stmt.group_by(col(ScenarioVersion.scenario_id)).subquery()

    latest, live = newest(published_only), newest(True)
    stmt = (
        select(Scenario, ScenarioVersion, live.c.v)
        .join(latest, latest.c.scenario_id == col(Scenario.id))
        .join(
            ScenarioVersion,
            sa.and_(col(ScenarioVersion.scenario_id) == col(Scenario.id), col(ScenarioVersion.version) == latest.c.v),
        )
        .join(live, live.c.scenario_id == col(Scenario.id), isouter=True)
        .order_by(col(Scenario.slug))
    )
    return {
        sc.slug: {
            "id": str(v.id),
            "version": v.version,
            "status": v.status,
            "published": published,
            "yaml_text": v.yaml_text,
            "content": v.content,
            "active": sc.active,
            "title": sc.title,
            "call_type": sc.call_type,
            "created_at": _utc(v.created_at),
        }
        for sc, v, published in session.exec(stmt).all()
    }


def version_yaml(session: Session, *, version_id: uuid.UUID | str) -> str | None:
    """The YAML text of one saved version (None when unknown)."""
    v = session.get(ScenarioVersion, version_id if isinstance(version_id, uuid.UUID) else uuid.UUID(str(version_id)))
    return None if v is None else v.yaml_text


__all__ = ["latest_versions", "scored_calls", "scored_calls_mark", "scored_calls_version", "version_yaml"]
