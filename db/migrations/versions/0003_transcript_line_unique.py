"""one transcript line per place in a call: unique (call_id, idx)

Two servers that once forked a call could store two different lines at the same
index. Before the index is made unique, the later of each such pair (the fork the
live call never had) is removed; its timeline event is kept for the record.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_FORKED = """
DELETE FROM transcript_lines WHERE id IN (
    SELECT t.id FROM transcript_lines t WHERE EXISTS (
        SELECT 1 FROM transcript_lines o
        WHERE o.call_id = t.call_id AND o.idx = t.idx
          AND (o.seq < t.seq OR (o.seq = t.seq AND o.id < t.id))))
"""


def upgrade() -> None:
    op.execute(_FORKED)
    op.create_index("uq_transcript_lines_call_idx", "transcript_lines", ["call_id", "idx"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("uq_transcript_lines_call_idx", table_name="transcript_lines")
