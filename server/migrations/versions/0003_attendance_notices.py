"""Attendance notices: the reporting system of each absence report, the sender's index.

absence_report.reporter_account_id names the guardian-facing system's
account that made a report (server-only: a system lists and withdraws its
own). notice_delivery is polled by state and due time.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("absence_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reporter_account_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("notice_delivery", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notice_delivery_state", ["state", "next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notice_delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_notice_delivery_state")
    with op.batch_alter_table("absence_report", schema=None) as batch_op:
        batch_op.drop_column("reporter_account_id")
