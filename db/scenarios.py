"""Scenario data functions: immutable versions (drafts until published),
activation, validated loading. Trainees only ever get published versions."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from sqlmodel import Session, col, func, select

from sim_core.scenario import Scenario as ScenarioModel
from sim_core.scenario import ScenarioError, parse_scenario_yaml
from sim_core.scenario.readiness import publish_problems

from .models import Scenario, ScenarioVersion, User, VersionStatus, utcnow

DRAFT, PUBLISHED = VersionStatus.DRAFT, VersionStatus.PUBLISHED


class PublishError(ValueError):
    """A version cannot be published; `problems` are "field.path: message"."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def content_hash(scenario: ScenarioModel) -> str:
    """Hash of the validated content: formatting and comments do not make a new version."""
    raw = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _uuid(value: uuid.UUID | str | None) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def get_scenario(session: Session, *, slug: str) -> Scenario | None:
    return session.exec(select(Scenario).where(col(Scenario.slug) == slug)).first()


def save_scenario_version(
    session: Session,
    *,
    scenario: ScenarioModel,
    yaml_text: str,
    author_id: uuid.UUID | str | None,
    status: str = PUBLISHED,
) -> ScenarioVersion:
    """Save a new immutable version when the content changed; else return the latest one.

    `status="draft"` saves a version only the editor sees (see `save_draft`); the
    default publishes at once, which is for reviewed files (the seed folder)."""
    if status not in (DRAFT, PUBLISHED):
        raise ValueError(f"status must be {DRAFT!r} or {PUBLISHED!r}")
    digest = content_hash(scenario)
    row = get_scenario(session, slug=scenario.id)
    if row is None:
        row = Scenario(slug=scenario.id, title=scenario.title, call_type=scenario.call_type)
        session.add(row)
        session.flush()
    latest = _latest(session, row.id)
    if latest is not None and latest.content_hash == digest:
        if status == PUBLISHED and latest.status == DRAFT:
            return publish_version(session, version_id=latest.id, by=author_id)
        return latest
    author = _uuid(author_id)
    if author is not None and session.get(User, author) is None:
        raise ValueError(f"unknown author {author}")
    version = ScenarioVersion(
        scenario_id=row.id,
        version=(latest.version + 1) if latest else 1,
        content_hash=digest,
        yaml_text=yaml_text,
        content=scenario.model_dump(mode="json"),
        author_id=author,
        status=status,
        published_at=utcnow() if status == PUBLISHED else None,
        published_by=author if status == PUBLISHED else None,
    )
    if status == PUBLISHED:
        row.title, row.call_type = scenario.title, scenario.call_type
    session.add(row)
    session.add(version)
    session.flush()
    return version


def save_draft(
    session: Session, *, scenario: ScenarioModel, yaml_text: str, author_id: uuid.UUID | str | None
) -> ScenarioVersion:
    """Save an edit as a draft version (trainees keep the published one); unchanged
    content returns the latest version as it is."""
    return save_scenario_version(session, scenario=scenario, yaml_text=yaml_text, author_id=author_id, status=DRAFT)


def publish_version(session: Session, *, version_id: uuid.UUID | str, by: uuid.UUID | str | None) -> ScenarioVersion:
    """Publish a draft after checking the whole scenario (PublishError lists every
    problem). Its content never changes; trainees get it from now on."""
    version = session.get(ScenarioVersion, _uuid(version_id))
    if version is None:
        raise KeyError(f"unknown scenario version {version_id}")
    if version.status == PUBLISHED:
        return version
    problems = publish_problems(version.content or {})
    if problems:
        raise PublishError(problems)
    content = version.content or {}
    version.status, version.published_at = PUBLISHED, utcnow()
    version.published_by = _uuid(by)
    row = session.get_one(Scenario, version.scenario_id)
    row.title, row.call_type = content.get("title", row.title), content.get("call_type", "")
    session.add(version)
    session.add(row)
    session.flush()
    return version


def _latest(session: Session, scenario_id: uuid.UUID, status: str | None = None) -> ScenarioVersion | None:
    stmt = select(ScenarioVersion).where(col(ScenarioVersion.scenario_id) == scenario_id)
    if status is not None:
        stmt = stmt.where(col(ScenarioVersion.status) == status)
    return session.exec(stmt.order_by(col(ScenarioVersion.version).desc()).limit(1)).first()


def list_scenarios(
    session: Session, *, include_inactive: bool = True, published_only: bool = False
) -> list[dict[str, Any]]:
    """One row per scenario with its latest and its latest published version numbers.
    `published_only` leaves out scenarios that were never published (trainees' lists)."""
    latest = (
        select(col(ScenarioVersion.scenario_id), func.max(col(ScenarioVersion.version)).label("v"))
        .group_by(col(ScenarioVersion.scenario_id))
        .subquery()
    )
    live = (
        select(col(ScenarioVersion.scenario_id), func.max(col(ScenarioVersion.version)).label("p"))
        .where(col(ScenarioVersion.status) == PUBLISHED)
        .group_by(col(ScenarioVersion.scenario_id))
        .subquery()
    )
    stmt = (
        select(Scenario, latest.c.v, live.c.p)
        .join(latest, latest.c.scenario_id == col(Scenario.id), isouter=True)
        .join(live, live.c.scenario_id == col(Scenario.id), isouter=True)
        .order_by(col(Scenario.slug))
    )
    if not include_inactive:
        stmt = stmt.where(col(Scenario.active).is_(True))
    if published_only:
        stmt = stmt.where(live.c.p.is_not(None))
    return [
        {
            "id": str(sc.id),
            "slug": sc.slug,
            "title": sc.title,
            "call_type": sc.call_type,
            "active": sc.active,
            "latest_version": v,
            "published_version": p,
            "created_at": sc.created_at,
        }
        for sc, v, p in session.exec(stmt).all()
    ]


def get_active_version(session: Session, *, slug: str) -> ScenarioVersion | None:
    """The latest published version of an active scenario (None when unknown,
    deactivated or never published): what trainees play."""
    row = get_scenario(session, slug=slug)
    if row is None or not row.active:
        return None
    return _latest(session, row.id, PUBLISHED)


def version_history(session: Session, *, slug: str) -> list[dict[str, Any]]:
    """Every saved version, newest first: author, time, draft or published (when, by whom)."""
    from sqlalchemy.orm import aliased

    publisher = aliased(User)
    stmt = (
        select(ScenarioVersion, col(User.username), col(User.display_name), publisher.display_name)
        .join(Scenario)
        .join(User, col(User.id) == col(ScenarioVersion.author_id), isouter=True)
        .join(publisher, col(publisher.id) == col(ScenarioVersion.published_by), isouter=True)
        .where(col(Scenario.slug) == slug)
        .order_by(col(ScenarioVersion.version).desc())
    )
    return [
        {
            "id": str(v.id),
            "version": v.version,
            "author": name,
            "author_name": shown,
            "created_at": v.created_at,
            "content_hash": v.content_hash,
            "status": v.status,
            "published_at": v.published_at,
            "published_by": pub,
        }
        for v, name, shown, pub in session.exec(stmt).all()
    ]


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
    for row in list_scenarios(session, include_inactive=False, published_only=True):
        version = get_active_version(session, slug=row["slug"])
        if version is None:
            continue
        try:
            good.append(parse_scenario_yaml(version.yaml_text, f"{row['slug']} v{version.version}"))
        except ScenarioError as exc:
            errors.append(str(exc))
    return good, errors


__all__ = [
    "DRAFT",
    "PUBLISHED",
    "PublishError",
    "content_hash",
    "get_active_version",
    "get_scenario",
    "list_scenarios",
    "load_active_scenarios",
    "load_version",
    "publish_version",
    "save_draft",
    "save_scenario_version",
    "set_scenario_active",
    "version_history",
]
