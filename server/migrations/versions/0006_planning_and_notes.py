"""Planning and pupil documentation: the curriculum catalogue, units, lesson plans, notes with visibility.

Reserved for issue 11 (planning and documentation) so that work on several capabilities can proceed in
parallel with a fixed order of revisions; it does nothing until that work
fills it in.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
