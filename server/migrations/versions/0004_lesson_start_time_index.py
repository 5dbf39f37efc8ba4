"""An index on lesson.start_time: each push with attendance asks for the lessons of its days.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 04:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("lesson", schema=None) as batch_op:
        batch_op.create_index("ix_lesson_start_time", ["start_time"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("lesson", schema=None) as batch_op:
        batch_op.drop_index("ix_lesson_start_time")
