"""SS 12000: the state of imports from a student information system's API.

Issue 13. One row (one SS 12000 source per server): the source's URL, when
the last successful run began (the next run asks for objects modified after
it), a marker set while a run is in progress, the last error, and the
lookups a delta run needs for objects Klassbok keeps no table of (duties,
syllabuses, organisations above school units).

Frozen: plain SQLAlchemy types, so later changes to shared code cannot change
what this revision creates.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ss12000_import_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("last_run_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_run_finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("in_progress_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=1000), nullable=True),
        sa.Column("lookups", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ss12000_import_state")),
    )


def downgrade() -> None:
    op.drop_table("ss12000_import_state")
