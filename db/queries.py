"""Read functions for pages and analytics; they return plain rows (dicts).

Every function that lists calls takes `trainee_id`: a trainee's pages pass
their own id so they only ever see their own calls.
"""

from __future__ import annotations

import statistics
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from sim_core.percentile import percentile

from .calls import _utc, call_uuid
from .models import CallComment, CallSession, ExtractedEntity, PerformanceMetrics, TimelineEvent, TranscriptLine, User
from .overrides import overrides_for

DISTRIBUTION_METRICS = ("time_to_address", "time_to_arrest_recognition", "time_to_first_compression")
LEVELS = ("high", "compliant", "partial", "low", "non_compliant")


def _id(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _ids(values: Iterable[uuid.UUID | str] | None) -> list[uuid.UUID] | None:
    if values is None:
        return None
    return [v if isinstance(v, uuid.UUID) else uuid.UUID(str(v)) for v in values]


def _window(stmt, since: datetime | None, until: datetime | None):
    if since is not None:
        stmt = stmt.where(col(CallSession.started_at) >= _utc(since))
    if until is not None:
        stmt = stmt.where(col(CallSession.started_at) < _utc(until))
    return stmt


def list_calls(
    session: Session,
    *,
    trainee_id: uuid.UUID | str | None = None,
    scenario: str | None = None,
    status: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Calls newest first, with trainee (username), trainee_name (display name), score
    and grade."""
    stmt = (
        sa.select(
            CallSession,
            col(User.username),
            col(User.display_name),
            col(PerformanceMetrics.score),
            col(PerformanceMetrics.grade),
        )
        .join(User, col(User.id) == col(CallSession.trainee_id), isouter=True)
        .join(PerformanceMetrics, col(PerformanceMetrics.call_id) == col(CallSession.id), isouter=True)
    )
    if trainee_id is not None:
        stmt = stmt.where(col(CallSession.trainee_id) == _id(trainee_id))
    if scenario is not None:
        stmt = stmt.where(col(CallSession.scenario_slug) == scenario)
    if status is not None:
        stmt = stmt.where(col(CallSession.status) == status)
    stmt = _window(stmt, since, until).order_by(col(CallSession.started_at).desc())
    stmt = stmt.limit(max(1, min(limit, 1000))).offset(max(0, offset))
    return [
        _call_row(c) | {"trainee": name, "trainee_name": shown, "score": score, "grade": grade}
        for c, name, shown, score, grade in session.execute(stmt).all()
    ]


def _call_row(c: CallSession) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "trainee_id": str(c.trainee_id) if c.trainee_id else None,
        "scenario": c.scenario_slug,
        "scenario_version_id": str(c.scenario_version_id) if c.scenario_version_id else None,
        "mode": c.mode,
        "status": c.status,
        "started_at": _utc(c.started_at),
        "answered_at": _utc(c.answered_at),
        "ended_at": _utc(c.ended_at),
        "end_reason": c.end_reason,
        "recording_key": c.recording_key,
        "llm_tokens": c.llm_tokens,
        "llm_cost": c.llm_cost,
    }


def get_call(
    session: Session, *, call_id: uuid.UUID | str, trainee_id: uuid.UUID | str | None = None
) -> dict[str, Any] | None:
    """One call with transcript, events, entities, metrics and comments, in call order.

    With `trainee_id`, a call that belongs to someone else is None.
    """
    cid = call_uuid(call_id)
    call = session.get(CallSession, cid)
    if call is None or (trainee_id is not None and call.trainee_id != _id(trainee_id)):
        return None
    lines = session.exec(
        select(TranscriptLine)
        .where(col(TranscriptLine.call_id) == cid)
        .order_by(col(TranscriptLine.idx), col(TranscriptLine.seq))
    ).all()
    events = session.exec(
        select(TimelineEvent).where(col(TimelineEvent.call_id) == cid).order_by(col(TimelineEvent.seq))
    ).all()
    entities = session.exec(
        select(ExtractedEntity).where(col(ExtractedEntity.call_id) == cid).order_by(col(ExtractedEntity.seq))
    ).all()
    metrics = session.exec(select(PerformanceMetrics).where(col(PerformanceMetrics.call_id) == cid)).first()
    comments = session.exec(
        select(CallComment, col(User.username))
        .join(User, col(User.id) == col(CallComment.author_id), isouter=True)
        .where(col(CallComment.call_id) == cid)
        .order_by(col(CallComment.created_at))
    ).all()
    trainee = session.get(User, call.trainee_id) if call.trainee_id else None
    return _call_row(call) | {
        "trainee": trainee.username if trainee else None,
        "trainee_name": trainee.display_name if trainee else None,
        "transcript": [
            {
                "idx": ln.idx,
                "speaker": ln.speaker,
                "text": ln.text,
                "t": ln.offset_s,
                "actor": ln.actor,
                "audio_key": ln.audio_key,
                "confidence": ln.stt_confidence,
            }
            for ln in lines
        ],
        "events": [{"type": e.type, "t": e.offset_s, "data": e.payload} for e in events],
        "entities": [
            {
                "label": e.label,
                "text": e.text,
                "start": e.span_start,
                "end": e.span_end,
                "confidence": e.confidence,
                "line": e.line_index,
            }
            for e in entities
        ],
        "metrics": None
        if metrics is None
        else {
            "score": metrics.score,
            "grade": metrics.grade,
            "metrics": metrics.metrics,
            "categories": metrics.categories,
            "findings": metrics.findings,
            "scorer_version": metrics.scorer_version,
            "original": metrics.original,
            "overrides": overrides_for(session, call_id=cid) if metrics.original else [],
        },
        "comments": [{"author": name, "text": c.text, "created_at": _utc(c.created_at)} for c, name in comments],
    }


def score_trend(
    session: Session,
    *,
    trainee_id: uuid.UUID | str | None = None,
    trainee_ids: Iterable[uuid.UUID | str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    scenario: str | None = None,
) -> list[dict[str, Any]]:
    """Scored calls per trainee in time order: the points of a score-trend chart."""
    stmt = sa.select(
        col(CallSession.trainee_id),
        col(CallSession.id),
        col(CallSession.started_at),
        col(CallSession.scenario_slug),
        col(PerformanceMetrics.score),
        col(PerformanceMetrics.grade),
    ).join(PerformanceMetrics, col(PerformanceMetrics.call_id) == col(CallSession.id))
    ids = _ids(trainee_ids) or []
    if trainee_id is not None:
        ids.append(_id(trainee_id))
    if ids:
        stmt = stmt.where(col(CallSession.trainee_id).in_(ids))
    if scenario is not None:
        stmt = stmt.where(col(CallSession.scenario_slug) == scenario)
    stmt = _window(stmt, since, until).order_by(col(CallSession.trainee_id), col(CallSession.started_at))
    return [
        {
            "trainee_id": str(tid) if tid else None,
            "call_id": str(cid),
            "started_at": _utc(at),
            "scenario": sc,
            "score": score,
            "grade": grade,
        }
        for tid, cid, at, sc, score, grade in session.execute(stmt).all()
    ]


def metric_distributions(
    session: Session,
    *,
    scenario: str | None = None,
    trainee_ids: Iterable[uuid.UUID | str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    metrics: Iterable[str] = DISTRIBUTION_METRICS,
) -> list[dict[str, Any]]:
    """Per scenario and metric: count, min, quartiles, median, p90, max and mean (seconds)."""
    names = list(metrics)
    unknown = [m for m in names if not hasattr(PerformanceMetrics, f"{m}_s")]
    if unknown:
        raise ValueError(f"unknown metric(s) {unknown}")
    cols = [getattr(PerformanceMetrics, f"{m}_s") for m in names]
    stmt = select(col(CallSession.scenario_slug), *cols).join(
        PerformanceMetrics, col(PerformanceMetrics.call_id) == col(CallSession.id)
    )
    if scenario is not None:
        stmt = stmt.where(col(CallSession.scenario_slug) == scenario)
    ids = _ids(trainee_ids)
    if ids:
        stmt = stmt.where(col(CallSession.trainee_id).in_(ids))
    if session.get_bind().dialect.name == "postgresql":
        return _distributions_in_sql(session, stmt, names, since, until)
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in session.execute(_window(stmt, since, until)).all():
        for name, value in zip(names, row[1:]):
            if value is not None:
                values[(row[0], name)].append(float(value))
    out = []
    for (slug, name), xs in sorted(values.items()):
        xs.sort()
        out.append(
            {
                "scenario": slug,
                "metric": name,
                "n": len(xs),
                "min": xs[0],
                "p25": percentile(xs, 25),
                "median": percentile(xs, 50),
                "p75": percentile(xs, 75),
                "p90": percentile(xs, 90),
                "max": xs[-1],
                "mean": statistics.fmean(xs),
            }
        )
    return out


_QUANTILES = (("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p90", 0.9))


def _distributions_in_sql(
    session: Session, stmt, names: list[str], since: datetime | None, until: datetime | None
) -> list[dict[str, Any]]:
    """PostgreSQL computes the same figures server-side (percentile_cont), one row per
    scenario, so the cost does not grow with the rows sent to Python."""
    sub_cols = list(_window(stmt, since, until).subquery().c)
    per = 4 + len(_QUANTILES)
    aggs: list[sa.ColumnElement[Any]] = []
    for c in sub_cols[1:]:
        aggs += [sa.func.count(c), sa.func.min(c), sa.func.max(c), sa.func.avg(c)]
        aggs += [sa.func.percentile_cont(q).within_group(c) for _, q in _QUANTILES]
    agg_stmt = sa.select(sub_cols[0], *aggs).group_by(sub_cols[0]).order_by(sub_cols[0])
    out = []
    for row in session.execute(agg_stmt).all():
        for i, name in enumerate(names):
            vals = row[1 + i * per : 1 + (i + 1) * per]
            if not vals[0]:
                continue
            item = {"scenario": row[0], "metric": name, "n": int(vals[0]), "min": float(vals[1])}
            item.update({key: float(v) for (key, _), v in zip(_QUANTILES, vals[4:])})
            item.update({"max": float(vals[2]), "mean": float(vals[3])})
            out.append(item)
    return sorted(out, key=lambda r: (r["scenario"], r["metric"]))


def compliance_levels(
    session: Session,
    *,
    trainee_ids: Iterable[uuid.UUID | str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    scenario: str | None = None,
) -> list[dict[str, Any]]:
    """Per category and compliance level: number and share of a cohort's scored calls."""
    stmt = select(col(PerformanceMetrics.categories)).join(
        CallSession, col(PerformanceMetrics.call_id) == col(CallSession.id)
    )
    ids = _ids(trainee_ids)
    if ids:
        stmt = stmt.where(col(CallSession.trainee_id).in_(ids))
    if scenario is not None:
        stmt = stmt.where(col(CallSession.scenario_slug) == scenario)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (categories,) in session.execute(_window(stmt, since, until)).all():
        for name, info in (categories or {}).items():
            level = info.get("level") if isinstance(info, dict) else None
            if level:
                counts[name][str(level)] += 1
    out = []
    for name in sorted(counts):
        total = sum(counts[name].values())
        order = [lv for lv in LEVELS if lv in counts[name]] + sorted(lv for lv in counts[name] if lv not in LEVELS)
        for level in order:
            n = counts[name][level]
            out.append({"category": name, "level": level, "n": n, "share": n / total})
    return out


def count_rows(session: Session) -> dict[str, int]:
    """Row counts per table (for the admin page and tests)."""
    out = {}
    for model in (User, CallSession, TranscriptLine, TimelineEvent, ExtractedEntity, PerformanceMetrics, CallComment):
        out[model.__tablename__] = int(session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one())
    return out


__all__ = [
    "DISTRIBUTION_METRICS",
    "LEVELS",
    "compliance_levels",
    "count_rows",
    "get_call",
    "list_calls",
    "metric_distributions",
    "score_trend",
]
