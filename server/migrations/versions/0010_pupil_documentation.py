"""Pupil documentation: notes with visibility, extra anpassningar, åtgärdsprogram references.

Issue 11, schema version 3. A note gains its visibility, date and term (all
nullable: a note made before reads as visible to the pupil's teachers,
dated the day it was made, with no term) and no longer needs an activity.
A conflict about documentation names no activity, so sync_conflict's
activity_id becomes nullable too. Two new tables: support_adjustment (extra
anpassningar) and action_programme_ref (åtgärdsprogram, only referenced).

Frozen: plain SQLAlchemy types, so later changes to shared code cannot change
what this revision creates.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
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


def _server_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("field_clock", sa.JSON(), nullable=True),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
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
        *_server_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_adjustment")),
    )
    op.create_index("ix_support_adjustment_pupil_id", "support_adjustment", ["pupil_id"])
    op.create_index("ix_support_adjustment_seq", "support_adjustment", ["seq"])
    op.create_table(
        "action_programme_ref",
        *_meta_columns(),
        sa.Column("pupil_id", sa.Uuid(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("document_location", sa.String(length=300), nullable=False),
        *_server_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_programme_ref")),
    )
    op.create_index("ix_action_programme_ref_pupil_id", "action_programme_ref", ["pupil_id"])
    op.create_index("ix_action_programme_ref_seq", "action_programme_ref", ["seq"])


def downgrade() -> None:
    op.drop_table("action_programme_ref")
    op.drop_table("support_adjustment")
    with op.batch_alter_table("pupil_note", schema=None) as batch_op:
        batch_op.drop_column("term")
        batch_op.drop_column("note_date")
        batch_op.drop_column("visibility")
