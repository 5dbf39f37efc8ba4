"""Assessment: scales, criteria matrices, per-criterion levels, term-grade details.

Issue 10, schema version 2 (the cache's copy: no history or locks, which the
server keeps). The cache takes its backup before this runs, as before every
migration (local_db.cache). New columns are nullable (or text with an empty
default), so every assessment, result and term grade made before reads as it
did: a grade_af assessment, not published, no points, levels or marker.

Frozen: plain SQLAlchemy types, so later changes to shared code cannot change
what this revision creates.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
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
        "criteria_matrix",
        *_meta_columns(),
        sa.Column("activity_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("year_band", sa.String(length=20), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("template_of", sa.Uuid(), nullable=True),
                sa.PrimaryKeyConstraint("id", name=op.f("pk_criteria_matrix")),
    )
    with op.batch_alter_table("criteria_matrix", schema=None) as batch_op:
        batch_op.create_index("ix_criteria_matrix_activity_id", ["activity_id"], unique=False)
        batch_op.create_index("ix_criteria_matrix_template_of", ["template_of"], unique=False)

    # Plain ADD COLUMN, as in 0004: batch mode would rebuild the tables.
    op.add_column("assessment", sa.Column("scale_kind", sa.String(length=40), nullable=True))
    op.add_column("assessment", sa.Column("max_points", sa.Integer(), nullable=True))
    for name in ("e_limit", "c_limit", "a_limit"):
        op.add_column("assessment", sa.Column(name, sa.Integer(), nullable=True))
    op.add_column("assessment", sa.Column("criteria_matrix_id", sa.Uuid(), nullable=True))
    op.add_column("assessment", sa.Column("published", sa.Boolean(), nullable=True))
    op.create_index(
        "ix_assessment_criteria_matrix_id", "assessment", ["criteria_matrix_id"], unique=False
    )

    op.add_column("assessment_result", sa.Column("points", sa.Integer(), nullable=True))
    op.add_column("assessment_result", sa.Column("pass_fail", sa.String(length=40), nullable=True))
    # Not NULL like every text field; the results made before hold no levels.
    op.add_column(
        "assessment_result",
        sa.Column("levels", sa.Text(), nullable=False, server_default=""),
    )
    op.add_column("assessment_result", sa.Column("marker", sa.String(length=40), nullable=True))

    op.add_column(
        "term_grade", sa.Column("no_basis_reason", sa.String(length=40), nullable=True)
    )

def downgrade() -> None:
    op.drop_column("term_grade", "no_basis_reason")
    with op.batch_alter_table("assessment_result", schema=None) as batch_op:
        for name in ("marker", "levels", "pass_fail", "points"):
            batch_op.drop_column(name)
    op.drop_index("ix_assessment_criteria_matrix_id", table_name="assessment")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        for name in (
            "published",
            "criteria_matrix_id",
            "a_limit",
            "c_limit",
            "e_limit",
            "max_points",
            "scale_kind",
        ):
            batch_op.drop_column(name)
    op.drop_table("criteria_matrix")
