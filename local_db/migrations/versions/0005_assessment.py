"""Assessment: scales, criteria matrices, per-criterion levels, term-grade details.

Reserved for issue 10 (assessment) so that work on several capabilities can proceed in
parallel with a fixed order of revisions; it does nothing until that work
fills it in.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
