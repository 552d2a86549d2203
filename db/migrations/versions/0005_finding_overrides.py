"""finding overrides: an instructor dismisses a finding or marks a missed act done

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "finding_overrides",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("call_id", sa.Uuid(), sa.ForeignKey("call_sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("finding_id", sa.String(128), nullable=False, server_default=""),
        sa.Column("act", sa.String(64), nullable=False, server_default=""),
        sa.Column("line_index", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("scorer_version", sa.String(32), nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_finding_overrides_call_id", "finding_overrides", ["call_id"])
    with op.batch_alter_table("performance_metrics") as batch:
        batch.add_column(sa.Column("original", JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("performance_metrics") as batch:
        batch.drop_column("original")
    op.drop_index("ix_finding_overrides_call_id", "finding_overrides")
    op.drop_table("finding_overrides")
