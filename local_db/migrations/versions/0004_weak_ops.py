"""Outbox ops that carry a default rather than a teacher's choice.

"Everyone not yet marked is present" writes defaults: offline they must not
overwrite a colleague's explicit mark the client never saw (see
sync_protocol.wire.PushOp.weak).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, not batch mode: batch mode rebuilds the table and
    # would drop its AUTOINCREMENT, after which an emptied outbox would hand
    # out op number 1 again and the server would answer the new op with the
    # stored result of the old one (push idempotency is keyed on it).
    op.add_column(
        "outbox", sa.Column("weak", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    op.drop_column("outbox", "weak")
