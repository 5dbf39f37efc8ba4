"""Two-way sync: the outbox, edit bases, held tombstones, seen notices, and
the client id, clock and divergence-check columns of sync_state.

Frozen: generated from local_db/schema.py at this revision and never edited
afterwards (types spelled as plain SQLAlchemy types).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('edit_base',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('base_version', sa.BigInteger(), nullable=False),
    sa.Column('base_value', sa.JSON(), nullable=True),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('server_value', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('kind', 'record_id', 'field', name=op.f('pk_edit_base'))
    )
    op.create_table('held_tombstone',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'record_id', name=op.f('pk_held_tombstone'))
    )
    op.create_table('notice_seen',
    sa.Column('conflict_id', sa.Uuid(), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('conflict_id', name=op.f('pk_notice_seen'))
    )
    op.create_table('outbox',
    sa.Column('op', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('txn', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('base', sa.JSON(), nullable=False),
    sa.Column('base_text', sa.JSON(), nullable=False),
    sa.Column('clock_fields', sa.JSON(), nullable=False),
    sa.Column('hlc', sa.String(length=100), nullable=False),
    sa.Column('schema_version', sa.Integer(), nullable=False),
    sa.Column('actor', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('reject_reason', sa.Text(), nullable=True),
    sa.Column('rejected_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("action IN ('upsert', 'delete')", name=op.f('ck_outbox_action')),
    sa.CheckConstraint("state IN ('pending', 'rejected')", name=op.f('ck_outbox_state')),
    sa.PrimaryKeyConstraint('op', name=op.f('pk_outbox')),
    sqlite_autoincrement=True
    )
    op.create_index('ix_outbox_record', 'outbox', ['kind', 'record_id'], unique=False)
    op.create_index('ix_outbox_txn', 'outbox', ['txn'], unique=False)
    op.add_column('sync_state', sa.Column('client_id', sa.String(length=64), nullable=True))
    op.add_column('sync_state', sa.Column('last_hlc', sa.String(length=100), nullable=True))
    op.add_column('sync_state', sa.Column('last_verified_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('sync_state', sa.Column('clock_warning', sa.Text(), nullable=True))
    op.add_column('sync_state', sa.Column('last_push_at', sa.DateTime(timezone=True), nullable=True))
    # Made once per cache; local_db.clock makes one too if this row lacks it.
    op.execute(
        sa.text("UPDATE sync_state SET client_id = :client_id").bindparams(
            client_id=secrets.token_hex(8)
        )
    )


def downgrade() -> None:
    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.drop_column('last_push_at')
        batch_op.drop_column('clock_warning')
        batch_op.drop_column('last_verified_at')
        batch_op.drop_column('last_hlc')
        batch_op.drop_column('client_id')
    op.drop_index('ix_outbox_txn', table_name='outbox')
    op.drop_index('ix_outbox_record', table_name='outbox')
    op.drop_table('outbox')
    op.drop_table('notice_seen')
    op.drop_table('held_tombstone')
    op.drop_table('edit_base')
