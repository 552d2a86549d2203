"""Instructors overruling the grader: stored decisions, the re-scored call, how often the
grader's findings were upheld per scorer version, and corrected lines as labelled examples.

The scorer's own result is kept in ``performance_metrics.original`` the first time a
call is overruled; every later decision re-scores from the stored timeline and the
scenario version the call was played against, with all decisions so far.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from sim_core.nlp.schema import ACTS
from sim_core.scenario import Scenario, parse_scenario_yaml
from sim_core.scoring.overrides import Override, labelled_lines, rescore
from sim_core.timeline import Timeline

from .app_queries import latest_versions
from .calls import call_uuid, finish_call
from .models import CallSession, FindingOverride, PerformanceMetrics, TimelineEvent, User
from .scenarios import load_version


class OverrideError(ValueError):
    """A decision that cannot be applied (the message says why, for the instructor)."""


def _timeline(session: Session, cid: uuid.UUID) -> Timeline:
    rows = session.exec(
        select(TimelineEvent).where(col(TimelineEvent.call_id) == cid).order_by(col(TimelineEvent.seq))
    ).all()
    return Timeline.from_list({"type": e.type, "t": e.offset_s, "data": e.payload} for e in rows)


def _scenario(session: Session, call: CallSession) -> Scenario:
    if call.scenario_version_id is not None:
        return load_version(session, version_id=call.scenario_version_id)
    latest = latest_versions(session).get(call.scenario_slug)
    if latest is None:
        raise OverrideError("the call's scenario no longer exists; it cannot be re-scored")
    return parse_scenario_yaml(latest["yaml_text"])


def _decisions(session: Session, cid: uuid.UUID) -> list[tuple[FindingOverride, str | None]]:
    return list(
        session.exec(
            select(FindingOverride, col(User.username))
            .join(User, col(User.id) == col(FindingOverride.author_id), isouter=True)
            .where(col(FindingOverride.call_id) == cid)
            .order_by(col(FindingOverride.created_at))
        ).all()
    )


def _as_override(row: FindingOverride, by: str | None) -> Override:
    return Override(row.kind, row.reason, finding_id=row.finding_id, act=row.act, line=row.line_index, by=by or "")


def overrule(
    session: Session,
    *,
    call_id: uuid.UUID | str,
    author_id: uuid.UUID | str,
    kind: str,
    reason: str,
    finding_id: str = "",
    act: str = "",
    line: int | None = None,
) -> dict[str, Any]:
    """Store one decision and re-score the call; returns the adjusted result."""
    cid = call_uuid(call_id)
    call = session.get(CallSession, cid)
    metrics = session.exec(select(PerformanceMetrics).where(col(PerformanceMetrics.call_id) == cid)).first()
    if call is None or metrics is None:
        raise OverrideError("only a scored call can be overruled")
    try:
        Override(kind, reason, finding_id=finding_id, act=act, line=line)  # refuses a malformed decision
    except ValueError as exc:
        raise OverrideError(str(exc)) from exc
    original = metrics.original or {
        "score": metrics.score,
        "grade": metrics.grade,
        "scorer_version": metrics.scorer_version,
        "findings": list(metrics.findings),
    }
    known = {f.get("id") for f in [*original["findings"], *metrics.findings]}  # the grader's, or after a re-score
    if kind == "dismiss" and finding_id not in known:
        raise OverrideError("that finding is not in the grader's result for this call")
    if kind == "mark_done" and act not in ACTS:
        raise OverrideError(f"unknown act {act!r}")
    uid = author_id if isinstance(author_id, uuid.UUID) else uuid.UUID(str(author_id))
    session.add(
        FindingOverride(
            call_id=cid,
            kind=kind,
            finding_id=finding_id,
            act=act,
            line_index=line,
            reason=reason.strip(),
            author_id=uid,
            scorer_version=original["scorer_version"],
        )
    )
    session.flush()
    decisions = [_as_override(r, by) for r, by in _decisions(session, cid)]
    result = rescore(_scenario(session, call), _timeline(session, cid), decisions).to_dict()
    result["overrides"] = [d.to_dict() for d in decisions]
    result["original"] = {k: original[k] for k in ("score", "grade", "scorer_version")}
    finish_call(session, call_id=cid, result=result)
    metrics.original = original
    session.add(metrics)
    session.flush()
    return result


def overrides_for(session: Session, *, call_id: uuid.UUID | str) -> list[dict[str, Any]]:
    """A call's decisions, oldest first, with who made them."""
    return [
        {
            "kind": r.kind,
            "finding_id": r.finding_id,
            "act": r.act,
            "line": r.line_index,
            "reason": r.reason,
            "by": by,
            "scorer_version": r.scorer_version,
            "created_at": r.created_at,
        }
        for r, by in _decisions(session, call_uuid(call_id))
    ]


def upheld_by_scorer_version(session: Session) -> list[dict[str, Any]]:
    """Per scorer version, over the calls an instructor reviewed (made any decision on): the
    grader's findings, how many were dismissed, acts marked done, the findings overturned
    (dismissed, or a "never did" whose act was marked done) and the share upheld."""
    rows = session.exec(
        select(PerformanceMetrics, FindingOverride).join(
            FindingOverride, col(FindingOverride.call_id) == col(PerformanceMetrics.call_id)
        )
    ).all()
    per_call: dict[uuid.UUID, tuple[PerformanceMetrics, list[FindingOverride]]] = {}
    for m, o in rows:
        per_call.setdefault(m.call_id, (m, []))[1].append(o)
    out: dict[str, dict[str, Any]] = {}
    for m, decisions in per_call.values():
        original = m.original or {"scorer_version": m.scorer_version, "findings": m.findings}
        v = original.get("scorer_version") or "unknown"
        row = out.setdefault(
            v,
            {
                "scorer_version": v,
                "calls_reviewed": 0,
                "findings": 0,
                "dismissed": 0,
                "marked_done": 0,
                "overturned": 0,
            },
        )
        row["calls_reviewed"] += 1
        row["findings"] += len(original.get("findings") or [])
        graded = {f.get("id") for f in original.get("findings") or []}
        dismissed = {o.finding_id for o in decisions if o.kind == "dismiss"}
        marked = {f"missing:{o.act}:call" for o in decisions if o.kind == "mark_done"}
        row["dismissed"] += len(dismissed)
        row["marked_done"] += len({o.act for o in decisions if o.kind == "mark_done"})
        row["overturned"] += len((dismissed | marked) & graded)
    for row in out.values():
        row["upheld_share"] = round(1 - row["overturned"] / row["findings"], 3) if row["findings"] else None
    return sorted(out.values(), key=lambda r: r["scorer_version"])


def corrections(session: Session) -> list[dict[str, Any]]:
    """Every corrected trainee line as {text, acts}, the format `nlp retrain --corrections` reads."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    cids = session.exec(select(col(FindingOverride.call_id)).distinct()).all()
    for cid in cids:
        metrics = session.exec(select(PerformanceMetrics).where(col(PerformanceMetrics.call_id) == cid)).first()
        original = (metrics.original or {}).get("findings", []) if metrics else []
        decisions = [_as_override(r, by) for r, by in _decisions(session, cid)]
        for row in labelled_lines(_timeline(session, cid), original, decisions, ACTS):
            key = json.dumps(row, sort_keys=True)
            if key not in seen:
                seen.add(key)
                out.append(row)
    return out


def export_corrections(session: Session, path: Path) -> int:
    """Write the corrections as JSONL; returns how many lines."""
    rows = corrections(session)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return len(rows)
