"""Alembic environment of the cache.

The cache is migrated in-process by local_db.migrations.upgrade, which hands
us an open, keyed connection; there is no URL to connect to (the key lives in
the OS keyring, never in a config file).
"""

from __future__ import annotations

from alembic import context

from local_db.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "The cache is migrated in-process (local_db.migrations.upgrade); "
        "see docs/cache.md for how to write a new revision."
    )

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite can ALTER little; batch mode rebuilds a table when it must.
    render_as_batch=True,
    # The whole upgrade is one transaction opened by the caller: a failed
    # revision leaves the file at the revision it had.
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
