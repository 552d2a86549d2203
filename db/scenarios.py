"""Scenario data functions: immutable versions, activation, validated loading."""
from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from sqlmodel import Session, func, select

from sim_core.scenario import Scenario as ScenarioModel
from sim_core.scenario import ScenarioError, parse_scenario_yaml

from .models import Scenario, ScenarioVersion, User


def content_hash(scenario: ScenarioModel) -> str:
    """Hash of the validated content: formatting and comments do not make a new version."""
    raw = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _uuid(value: uuid.UUID | str | None) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def get_scenario(session: Session, *, slug: str) -> Scenario | None:
    return session.exec(select(Scenario).where(Scenario.slug == slug)).first()


def save_scenario_version(session: Session, *, scenario: ScenarioModel, yaml_text: str,
                          author_id: uuid.UUID | str | None) -> ScenarioVersion:
    """Save a new immutable version when the content changed; else return the latest one."""
    digest = content_hash(scenario)
    row = get_scenario(session, slug=scenario.id)
    if row is None:
        row = Scenario(slug=scenario.id, title=scenario.title, call_type=scenario.call_type)
        session.add(row)
        session.flush()
    latest = _latest(session, row.id)
    if latest is not None and latest.content_hash == digest:
        return latest
    author = _uuid(author_id)
    if author is not None and session.get(User, author) is None:
        raise ValueError(f"unknown author {author}")
    version = ScenarioVersion(
        scenario_id=row.id, version=(latest.version + 1) if latest else 1, content_hash=digest,
        yaml_text=yaml_text, content=scenario.model_dump(mode="json"), author_id=author,
    )
    row.title, row.call_type = scenario.title, scenario.call_type
    session.add(row)
    session.add(version)
    session.flush()
    return version


def _latest(session: Session, scenario_id: uuid.UUID) -> ScenarioVersion | None:
    stmt = (select(ScenarioVersion).where(ScenarioVersion.scenario_id == scenario_id)
            .order_by(ScenarioVersion.version.desc()).limit(1))
    return session.exec(stmt).first()


def list_scenarios(session: Session, *, include_inactive: bool = True) -> list[dict[str, Any]]:
    """One row per scenario with its latest version number."""
    latest = (select(ScenarioVersion.scenario_id, func.max(ScenarioVersion.version).label("v"))
              .group_by(ScenarioVersion.scenario_id).subquery())
    stmt = (select(Scenario, latest.c.v).join(latest, latest.c.scenario_id == Scenario.id,
                                               isouter=True).order_by(Scenario.slug))
    if not include_inactive:
        stmt = stmt.where(Scenario.active.is_(True))
    return [{"id": str(sc.id), "slug": sc.slug, "title": sc.title, "call_type": sc.call_type,
             "active": sc.active, "latest_version": v, "created_at": sc.created_at}
            for sc, v in session.exec(stmt).all()]


def get_active_version(session: Session, *, slug: str) -> ScenarioVersion | None:
    """The latest version of an active scenario (None when unknown or deactivated)."""
    row = get_scenario(session, slug=slug)
    if row is None or not row.active:
        return None
    return _latest(session, row.id)


def version_history(session: Session, *, slug: str) -> list[dict[str, Any]]:
    """Every saved version, newest first, with author and time."""
    stmt = (select(ScenarioVersion, User.username).join(Scenario)
            .join(User, User.id == ScenarioVersion.author_id, isouter=True)
            .where(Scenario.slug == slug).order_by(ScenarioVersion.version.desc()))
    return [{"id": str(v.id), "version": v.version, "author": name, "created_at": v.created_at,
             "content_hash": v.content_hash} for v, name in session.exec(stmt).all()]


def set_scenario_active(session: Session, *, slug: str, active: bool) -> None:
    row = get_scenario(session, slug=slug)
    if row is None:
        raise KeyError(f"unknown scenario {slug!r}")
    row.active = active
    session.add(row)
    session.flush()


def load_version(session: Session, *, version_id: uuid.UUID | str) -> ScenarioModel:
    """The validated scenario of one version; ScenarioError if it no longer validates."""
    version = session.get(ScenarioVersion, _uuid(version_id))
    if version is None:
        raise KeyError(f"unknown scenario version {version_id}")
    return parse_scenario_yaml(version.yaml_text, f"scenario version {version.id}")


def load_active_scenarios(session: Session) -> tuple[list[ScenarioModel], list[str]]:
    """Every active scenario's latest version; ones that no longer validate are reported
    in the second list and skipped whole."""
    good: list[ScenarioModel] = []
    errors: list[str] = []
    for row in list_scenarios(session, include_inactive=False):
        version = get_active_version(session, slug=row["slug"])
        if version is None:
            continue
        try:
            good.append(parse_scenario_yaml(version.yaml_text,
                                            f"{row['slug']} v{version.version}"))
        except ScenarioError as exc:
            errors.append(str(exc))
    return good, errors


__all__ = ["content_hash", "get_active_version", "get_scenario", "list_scenarios",
           "load_active_scenarios", "load_version", "save_scenario_version",
           "set_scenario_active", "version_history"]
