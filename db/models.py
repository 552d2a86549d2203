"""SQLModel tables: users, scenarios and their versions, calls and everything a call produces.

Keys are UUIDs; JSON columns become JSONB on PostgreSQL; child rows of a call
are removed with it (ON DELETE CASCADE, enforced on SQLite too by the engine).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from sim_core.call_status import CallMode

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
TZDateTime = sa.DateTime(timezone=True)


class Role(StrEnum):
    """What a user may do: take calls; also author and review; also see everyone's
    figures; everything."""

    TRAINEE = "trainee"
    INSTRUCTOR = "instructor"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class CallRecordStatus(StrEnum):
    """A stored call: still going (or never finished), ended, scored, or ended by the
    server because nobody was on it (scored too)."""

    IN_PROGRESS = "in_progress"
    ENDED = "ended"
    SCORED = "scored"
    ABANDONED = "abandoned"


class VersionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


def table(model: type[SQLModel]) -> sa.Table:
    """A table model's Core table, typed (SQLModel leaves `__table__` unannotated)."""
    return SQLModel.metadata.tables[str(model.__tablename__)]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _json(default: Any) -> Any:
    factory = (lambda: dict(default)) if isinstance(default, dict) else (lambda: list(default))
    return Field(default_factory=factory, sa_type=JSONType, nullable=False)


def _ts(*, nullable: bool = False, index: bool = False) -> Any:
    if nullable:
        return Field(default=None, sa_type=TZDateTime, nullable=True, index=index)
    return Field(default_factory=utcnow, sa_type=TZDateTime, nullable=False, index=index)


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=128)
    role: str = Field(max_length=16, default=Role.TRAINEE)
    password_hash: str = Field(max_length=256)
    active: bool = Field(default=True)
    created_at: datetime = _ts()
    # a training group (e.g. "Spring 2027 class"); assignments can go to all its trainees
    cohort: str | None = Field(default=None, max_length=64, nullable=True)


class Scenario(SQLModel, table=True):
    __tablename__ = "scenarios"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    slug: str = Field(max_length=64, unique=True, index=True)
    title: str = Field(max_length=256)
    call_type: str = Field(max_length=64, default="")
    active: bool = Field(default=True)
    created_at: datetime = _ts()


class ScenarioVersion(SQLModel, table=True):
    __tablename__ = "scenario_versions"
    __table_args__ = (
        sa.UniqueConstraint("scenario_id", "version", name="uq_scenario_version"),
        sa.Index("ix_scenario_versions_status", "scenario_id", "status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    scenario_id: uuid.UUID = Field(foreign_key="scenarios.id", ondelete="CASCADE", index=True)
    version: int
    content_hash: str = Field(max_length=64)
    yaml_text: str = Field(sa_type=sa.Text)
    content: dict[str, Any] = _json({})
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL", nullable=True)
    created_at: datetime = _ts()
    # a draft is seen only in the editor; trainees get the newest published version
    status: str = Field(max_length=16, default=VersionStatus.PUBLISHED)
    published_at: datetime | None = _ts(nullable=True)
    published_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL", nullable=True)


class CallSession(SQLModel, table=True):
    __tablename__ = "call_sessions"
    __table_args__ = (
        sa.Index("ix_call_sessions_trainee_started", "trainee_id", "started_at"),
        sa.Index("ix_call_sessions_scenario_started", "scenario_slug", "started_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    trainee_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE", nullable=True)
    scenario_slug: str = Field(max_length=64)
    scenario_version_id: uuid.UUID | None = Field(
        default=None,
        foreign_key="scenario_versions.id",
        ondelete="SET NULL",
        nullable=True,
        index=True,
    )
    mode: str = Field(max_length=16, default=CallMode.TEXT)
    started_at: datetime = _ts(index=True)
    answered_at: datetime | None = _ts(nullable=True)
    ended_at: datetime | None = _ts(nullable=True)
    status: str = Field(max_length=16, default=CallRecordStatus.IN_PROGRESS)
    end_reason: str | None = Field(default=None, max_length=64)
    recording_key: str | None = Field(default=None, max_length=512)
    llm_tokens: int = Field(default=0)
    llm_cost: float | None = Field(default=None)


class TranscriptLine(SQLModel, table=True):
    __tablename__ = "transcript_lines"
    __table_args__ = (
        sa.Index("ix_transcript_lines_call_seq", "call_id", "seq"),
        # one line per place in the transcript, whichever server wrote it
        sa.Index("uq_transcript_lines_call_idx", "call_id", "idx", unique=True),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    call_id: uuid.UUID = Field(foreign_key="call_sessions.id", ondelete="CASCADE")
    idx: int
    seq: int = Field(sa_type=sa.BigInteger)
    speaker: str = Field(max_length=16)
    text: str = Field(sa_type=sa.Text)
    offset_s: float
    actor: str | None = Field(default=None, max_length=32)
    audio_key: str | None = Field(default=None, max_length=512)
    stt_confidence: float | None = Field(default=None)


class TimelineEvent(SQLModel, table=True):
    __tablename__ = "timeline_events"
    __table_args__ = (sa.Index("ix_timeline_events_call_seq", "call_id", "seq"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    call_id: uuid.UUID = Field(foreign_key="call_sessions.id", ondelete="CASCADE")
    seq: int = Field(sa_type=sa.BigInteger)
    type: str = Field(max_length=32)
    offset_s: float
    payload: dict[str, Any] = _json({})


class ExtractedEntity(SQLModel, table=True):
    __tablename__ = "extracted_entities"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    call_id: uuid.UUID = Field(foreign_key="call_sessions.id", ondelete="CASCADE", index=True)
    seq: int = Field(sa_type=sa.BigInteger)
    label: str = Field(max_length=32)
    text: str = Field(sa_type=sa.Text)
    span_start: int | None = Field(default=None)
    span_end: int | None = Field(default=None)
    confidence: float | None = Field(default=None)
    line_index: int | None = Field(default=None)


class PerformanceMetrics(SQLModel, table=True):
    __tablename__ = "performance_metrics"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    call_id: uuid.UUID = Field(foreign_key="call_sessions.id", ondelete="CASCADE", unique=True, index=True)
    score: float
    grade: str = Field(max_length=8)
    metrics: dict[str, Any] = _json({})
    categories: dict[str, Any] = _json({})
    findings: list[Any] = _json([])
    scorer_version: str = Field(max_length=32, default="")
    time_to_address_s: float | None = Field(default=None)
    time_to_arrest_recognition_s: float | None = Field(default=None)
    time_to_first_compression_s: float | None = Field(default=None)
    time_to_dispatch_s: float | None = Field(default=None)
    created_at: datetime = _ts()
    # the scorer's own result (score, grade, scorer_version, findings) once an instructor overruled it
    original: dict[str, Any] | None = Field(default=None, sa_type=JSONType, nullable=True)


class FindingOverride(SQLModel, table=True):
    """An instructor's decision about the grader's result: a finding dismissed, or a missed act
    marked done on a trainee line, with the reason and the scorer version it overruled."""

    __tablename__ = "finding_overrides"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    call_id: uuid.UUID = Field(foreign_key="call_sessions.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=16)
    finding_id: str = Field(max_length=128, default="")
    act: str = Field(max_length=64, default="")
    line_index: int | None = Field(default=None)
    reason: str = Field(sa_type=sa.Text)
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL", nullable=True)
    scorer_version: str = Field(max_length=32, default="")
    created_at: datetime = _ts()


class CallComment(SQLModel, table=True):
    __tablename__ = "call_comments"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    call_id: uuid.UUID = Field(foreign_key="call_sessions.id", ondelete="CASCADE", index=True)
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL", nullable=True)
    text: str = Field(sa_type=sa.Text)
    created_at: datetime = _ts()


class SignIn(SQLModel, table=True):
    """A browser's signed-in session: survives a page reload until it expires or the user
    signs out. Only the SHA-256 of the token is stored; the browser keeps the token."""

    __tablename__ = "sign_ins"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = _ts()
    expires_at: datetime = Field(sa_type=TZDateTime, nullable=False)
    revoked_at: datetime | None = _ts(nullable=True)


class Assignment(SQLModel, table=True):
    """Scenarios an instructor set for trainees to play by a due date."""

    __tablename__ = "assignments"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    title: str = Field(max_length=256)
    scenario_slugs: list[Any] = _json([])
    due_at: datetime = Field(sa_type=TZDateTime, nullable=False)
    # the cohort it was set for, when it was (its trainees at that moment are the assignees)
    cohort: str | None = Field(default=None, max_length=64, nullable=True)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL", nullable=True)
    created_at: datetime = _ts()


class AssignmentTrainee(SQLModel, table=True):
    __tablename__ = "assignment_trainees"
    __table_args__ = (sa.UniqueConstraint("assignment_id", "trainee_id", name="uq_assignment_trainee"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    assignment_id: uuid.UUID = Field(foreign_key="assignments.id", ondelete="CASCADE", index=True)
    trainee_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)


metadata = SQLModel.metadata

__all__ = [
    "Assignment",
    "AssignmentTrainee",
    "CallComment",
    "CallSession",
    "ExtractedEntity",
    "FindingOverride",
    "JSONType",
    "PerformanceMetrics",
    "Scenario",
    "ScenarioVersion",
    "TimelineEvent",
    "TranscriptLine",
    "User",
    "VersionStatus",
    "Role",
    "CallRecordStatus",
    "metadata",
    "utcnow",
]
