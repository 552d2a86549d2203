"""assignments: scenarios set for trainees (or a cohort) with a due date

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("cohort", sa.String(64), nullable=True))
    op.create_table(
        "assignments",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("title", sa.String(256), nullable=False),
        sa.Column("scenario_slugs", JSON, nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("cohort", sa.String(64), nullable=True),
        sa.Column("created_by", sa.Uuid(), sa.ForeignKey("users.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "assignment_trainees",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("assignment_id", sa.Uuid(),
                  sa.ForeignKey("assignments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("trainee_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.UniqueConstraint("assignment_id", "trainee_id", name="uq_assignment_trainee"),
    )
    op.create_index("ix_assignment_trainees_assignment_id", "assignment_trainees",
                    ["assignment_id"])
    op.create_index("ix_assignment_trainees_trainee_id", "assignment_trainees", ["trainee_id"])


def downgrade() -> None:
    op.drop_table("assignment_trainees")
    op.drop_table("assignments")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("cohort")
