"""SS 12000: API clients, and the state of imports from a student information system.

Reserved for issue 13 (SS 12000) so that work on several capabilities could
proceed in parallel with a fixed order of revisions. It stays empty: servers
had already applied it when issue 13 began, so its tables came in later
revisions (0013 API clients, 0014 the state of SS 12000 imports).

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
