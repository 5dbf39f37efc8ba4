"""Planning and pupil documentation: catalogue, units, lesson plans, notes with visibility, search.

Reserved for issue 11 (planning and documentation) so that work on several capabilities can proceed in
parallel with a fixed order of revisions; it does nothing until that work
fills it in. Databases
already carry it as applied, so filled-in work would never run there: pupil
documentation and the catalogue have revisions of their own after the head
(server 0010/0011, cache 0007/0008), and this one stays empty.

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
