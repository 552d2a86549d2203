"""scenario drafts: a version is a draft until an instructor publishes it

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Versions saved before drafts existed were live for trainees: they stay published.
    with op.batch_alter_table("scenario_versions") as batch:
        batch.add_column(sa.Column("status", sa.String(16), nullable=False,
                                   server_default="published"))
        batch.add_column(sa.Column("published_at", TS, nullable=True))
        batch.add_column(sa.Column("published_by", sa.Uuid(), nullable=True))
        batch.create_foreign_key("fk_scenario_versions_published_by", "users",
                                 ["published_by"], ["id"], ondelete="SET NULL")
    op.execute("UPDATE scenario_versions SET published_at = created_at")
    op.create_index("ix_scenario_versions_status", "scenario_versions", ["scenario_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_scenario_versions_status", "scenario_versions")
    with op.batch_alter_table("scenario_versions") as batch:
        batch.drop_constraint("fk_scenario_versions_published_by", type_="foreignkey")
        batch.drop_column("published_by")
        batch.drop_column("published_at")
        batch.drop_column("status")
