"""The curriculum catalogue: subjects by version, their items, and a matrix's source.

Issue 11, schema version 3 (the cache's copy; the cache takes its backup
before this runs, as before every migration): `curriculum_subject` (one row per subject
version) and `curriculum_item` (a paragraph of criteria or a point of central
content), read-only reference data; `criteria_matrix` gains where it came
from (`source_subject`, `source_version`) and its value words. Matrices made
before have none ("" value words).

Frozen: plain SQLAlchemy types, so later changes to shared code cannot change
what this revision creates.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
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
    op.create_table(
        "curriculum_subject",
        *_meta_columns(),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("modified_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curriculum_subject")),
    )
    op.create_table(
        "curriculum_item",
        *_meta_columns(),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("subject_code", sa.String(length=20), nullable=False),
        sa.Column("subject_version", sa.Integer(), nullable=False),
        sa.Column("item_kind", sa.String(length=40), nullable=False),
        sa.Column("year", sa.String(length=10), nullable=False),
        sa.Column("variant", sa.String(length=60), nullable=True),
        sa.Column("grade_step", sa.String(length=40), nullable=True),
        sa.Column("heading", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value_words", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curriculum_item")),
    )
    with op.batch_alter_table("curriculum_item", schema=None) as batch_op:
        batch_op.create_index("ix_curriculum_item_subject_id", ["subject_id"], unique=False)
    # Where a matrix started from the catalogue. Plain ADD COLUMN: nothing
    # here needs the table rebuilt; matrices made before have no source.
    op.add_column(
        "criteria_matrix", sa.Column("source_subject", sa.String(length=20), nullable=True)
    )
    op.add_column("criteria_matrix", sa.Column("source_version", sa.Integer(), nullable=True))
    op.add_column(
        "criteria_matrix",
        sa.Column("value_words", sa.Text(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("criteria_matrix", schema=None) as batch_op:
        for name in ("value_words", "source_version", "source_subject"):
            batch_op.drop_column(name)
    op.drop_table("curriculum_item")
    op.drop_table("curriculum_subject")
