"""Planning: a unit's catalogue picks and status, a lesson plan's links.

Issue 11, schema version 3: `planning_unit` gains `curriculum` (the picked
catalogue items with their subject code and version, JSON, "" for none) and
`status` (draft / published; units made before have none, which counts as a
draft); `lesson_plan` gains `links` (JSON, "" for none).

Frozen: plain SQLAlchemy types, so later changes to shared code cannot change
what this revision creates.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: nothing here needs the table rebuilt.
    op.add_column(
        "planning_unit",
        sa.Column("curriculum", sa.Text(), nullable=False, server_default=""),
    )
    op.add_column("planning_unit", sa.Column("status", sa.String(length=40), nullable=True))
    op.add_column(
        "lesson_plan", sa.Column("links", sa.Text(), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("lesson_plan", schema=None) as batch_op:
        batch_op.drop_column("links")
    with op.batch_alter_table("planning_unit", schema=None) as batch_op:
        batch_op.drop_column("status")
        batch_op.drop_column("curriculum")
