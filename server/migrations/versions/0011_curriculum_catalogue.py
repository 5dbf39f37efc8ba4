"""The curriculum catalogue: subjects, central content and knowledge requirements by version.

Reserved for issue 11 (the curriculum catalogue) so that work on several capabilities can
proceed in parallel with a fixed order of revisions; it does nothing until
that work fills it in.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
