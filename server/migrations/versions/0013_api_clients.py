"""SS 12000: API clients, the municipality's systems that read the published API.

Issue 13. The table api_client: one row per system an administrator let in
(`klassbok-server create-api-client NAME --scope ...`), with the scopes it
may read under /ss12000/v2/ and only the sha256 of its token (the token is
printed once, at creation). Revoking keeps the row, so `list-api-clients`
still shows who had access and until when.

Frozen: plain SQLAlchemy types, so later changes to shared code cannot change
what this revision creates.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_client",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("scopes", sa.String(length=500), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_client")),
        sa.UniqueConstraint("name", name=op.f("uq_api_client_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_client_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("api_client")
