"""Pupil documentation in the cache: notes with visibility, extra anpassningar, åtgärdsprogram references.

Issue 11, schema version 3 (the cache's copy of server revision 0010). The
cache takes its backup before this runs, as before every migration
(local_db.cache). A note gains its visibility, date and term (nullable: a
note pulled before reads as visible to the pupil's teachers, dated the day
it was made) and no longer needs an activity; neither does a conflict about
documentation. Two new tables: support_adjustment and action_programme_ref.

Frozen: plain SQLAlchemy types, so later changes to shared code cannot change
what this revision creates.

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


def _meta_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("modified_by", sa.Uuid(), nullable=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("field_seqs", sa.JSON(), nullable=True),
    ]


def upgrade() -> None:
    # Plain ADD COLUMN where it is enough; the NOT NULL that goes needs the
    # table rebuilt (SQLite), which batch mode does.
    op.add_column("pupil_note", sa.Column("visibility", sa.String(length=40), nullable=True))
    op.add_column("pupil_note", sa.Column("note_date", sa.Date(), nullable=True))
    op.add_column("pupil_note", sa.Column("term", sa.String(length=6), nullable=True))
    with op.batch_alter_table("pupil_note", schema=None) as batch_op:
        batch_op.alter_column("activity_id", existing_type=sa.Uuid(), nullable=True)
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.alter_column("activity_id", existing_type=sa.Uuid(), nullable=True)

    op.create_table(
        "support_adjustment",
        *_meta_columns(),
        sa.Column("pupil_id", sa.Uuid(), nullable=False),
        sa.Column("what", sa.String(length=500), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("evaluation", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_adjustment")),
    )
    op.create_index("ix_support_adjustment_pupil_id", "support_adjustment", ["pupil_id"])
    op.create_table(
        "action_programme_ref",
        *_meta_columns(),
        sa.Column("pupil_id", sa.Uuid(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("document_location", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_programme_ref")),
    )
    op.create_index("ix_action_programme_ref_pupil_id", "action_programme_ref", ["pupil_id"])


def downgrade() -> None:
    op.drop_table("action_programme_ref")
    op.drop_table("support_adjustment")
    with op.batch_alter_table("pupil_note", schema=None) as batch_op:
        batch_op.drop_column("term")
        batch_op.drop_column("note_date")
        batch_op.drop_column("visibility")
