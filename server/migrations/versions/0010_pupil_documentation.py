"""Pupil documentation: notes with visibility, extra anpassningar, åtgärdsprogram references.

Reserved for issue 11 (pupil documentation) so that work on several capabilities can
proceed in parallel with a fixed order of revisions; it does nothing until
that work fills it in.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
