"""The curriculum catalogue in the cache (read-only reference data).

Reserved for issue 11 (the curriculum catalogue) so that work on several capabilities can
proceed in parallel with a fixed order of revisions; it does nothing until
that work fills it in.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
