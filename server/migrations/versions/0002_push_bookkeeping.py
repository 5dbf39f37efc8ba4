"""Push bookkeeping: field clocks on every teacher-owned kind, conflict lookup index.

The push records who set each field and when (field_clock) on every kind a
client may write, not only on kinds with LATEST_WINS fields: a grade
conflict says who gave the current grade. Conflicts are looked up by the
record they are about.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS_WITHOUT_CLOCK = ("assessment_result", "term_grade")


def upgrade() -> None:
    for table in _KINDS_WITHOUT_CLOCK:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("field_clock", sa.JSON(), nullable=True))
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflict_record_id", ["record_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_conflict_record_id")
    for table in reversed(_KINDS_WITHOUT_CLOCK):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("field_clock")
