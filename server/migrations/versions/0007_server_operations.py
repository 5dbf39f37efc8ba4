"""Operations at municipal scale: login throttling kept in the database, and what several worker processes share.

First part: sync_counter.last_hlc, the server clock's last stamp, shared by
every worker process and kept across restarts (issue 16: a restarted server's
clock could give stamps older than ones it gave before); and
sync_counter.generation, the data's identity that feed cursors carry
(server.services.operations.backup makes a new one at every restore).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_counter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_hlc", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("generation", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_counter", schema=None) as batch_op:
        batch_op.drop_column("generation")
        batch_op.drop_column("last_hlc")
