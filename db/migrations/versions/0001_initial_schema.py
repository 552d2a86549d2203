"""initial schema: users, scenarios and versions, calls and what they produce

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
TS = sa.DateTime(timezone=True)


def _id() -> sa.Column:
    return sa.Column("id", sa.Uuid(), primary_key=True)


def _fk(name: str, target: str, ondelete: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Uuid(), sa.ForeignKey(target, ondelete=ondelete), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "scenarios", _id(),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("title", sa.String(256), nullable=False),
        sa.Column("call_type", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_scenarios_slug", "scenarios", ["slug"], unique=True)

    op.create_table(
        "users", _id(),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_users_username", "users", ["username"], unique=True)

    op.create_table(
        "scenario_versions", _id(),
        _fk("scenario_id", "scenarios.id", "CASCADE"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        sa.Column("content", JSON, nullable=False),
        _fk("author_id", "users.id", "SET NULL", nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("scenario_id", "version", name="uq_scenario_version"),
    )
    op.create_index("ix_scenario_versions_scenario_id", "scenario_versions", ["scenario_id"])

    op.create_table(
        "call_sessions", _id(),
        _fk("trainee_id", "users.id", "CASCADE", nullable=True),
        sa.Column("scenario_slug", sa.String(64), nullable=False),
        _fk("scenario_version_id", "scenario_versions.id", "SET NULL", nullable=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("answered_at", TS, nullable=True),
        sa.Column("ended_at", TS, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("end_reason", sa.String(64), nullable=True),
        sa.Column("recording_key", sa.String(512), nullable=True),
        sa.Column("llm_tokens", sa.Integer(), nullable=False),
        sa.Column("llm_cost", sa.Float(), nullable=True),
    )
    op.create_index("ix_call_sessions_scenario_started", "call_sessions",
                    ["scenario_slug", "started_at"])
    op.create_index("ix_call_sessions_scenario_version_id", "call_sessions",
                    ["scenario_version_id"])
    op.create_index("ix_call_sessions_started_at", "call_sessions", ["started_at"])
    op.create_index("ix_call_sessions_trainee_started", "call_sessions",
                    ["trainee_id", "started_at"])

    op.create_table(
        "call_comments", _id(),
        _fk("call_id", "call_sessions.id", "CASCADE"),
        _fk("author_id", "users.id", "SET NULL", nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_call_comments_call_id", "call_comments", ["call_id"])

    op.create_table(
        "extracted_entities", _id(),
        _fk("call_id", "call_sessions.id", "CASCADE"),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("line_index", sa.Integer(), nullable=True),
    )
    op.create_index("ix_extracted_entities_call_id", "extracted_entities", ["call_id"])

    op.create_table(
        "performance_metrics", _id(),
        _fk("call_id", "call_sessions.id", "CASCADE"),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("grade", sa.String(8), nullable=False),
        sa.Column("metrics", JSON, nullable=False),
        sa.Column("categories", JSON, nullable=False),
        sa.Column("findings", JSON, nullable=False),
        sa.Column("scorer_version", sa.String(32), nullable=False),
        sa.Column("time_to_address_s", sa.Float(), nullable=True),
        sa.Column("time_to_arrest_recognition_s", sa.Float(), nullable=True),
        sa.Column("time_to_first_compression_s", sa.Float(), nullable=True),
        sa.Column("time_to_dispatch_s", sa.Float(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_performance_metrics_call_id", "performance_metrics", ["call_id"],
                    unique=True)

    op.create_table(
        "timeline_events", _id(),
        _fk("call_id", "call_sessions.id", "CASCADE"),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("offset_s", sa.Float(), nullable=False),
        sa.Column("payload", JSON, nullable=False),
    )
    op.create_index("ix_timeline_events_call_seq", "timeline_events", ["call_id", "seq"])

    op.create_table(
        "transcript_lines", _id(),
        _fk("call_id", "call_sessions.id", "CASCADE"),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("speaker", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("offset_s", sa.Float(), nullable=False),
        sa.Column("actor", sa.String(32), nullable=True),
        sa.Column("audio_key", sa.String(512), nullable=True),
        sa.Column("stt_confidence", sa.Float(), nullable=True),
    )
    op.create_index("ix_transcript_lines_call_seq", "transcript_lines", ["call_id", "seq"])


def downgrade() -> None:
    for table in ("transcript_lines", "timeline_events", "performance_metrics",
                  "extracted_entities", "call_comments", "call_sessions", "scenario_versions",
                  "users", "scenarios"):
        op.drop_table(table)
