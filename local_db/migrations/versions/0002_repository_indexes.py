"""Indexes the pages' queries need: the week view and group member counts.

Without them the timetable of a week scans a year of lessons, and each
group's pupil count scans every membership of the group.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_lesson_start_time", "lesson", ["start_time"], unique=False)
    op.create_index(
        "ix_group_membership_group_dates",
        "group_membership",
        ["group_id", "start_date", "end_date", "person_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_group_membership_group_dates", table_name="group_membership")
    op.drop_index("ix_lesson_start_time", table_name="lesson")
