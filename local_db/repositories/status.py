"""What the status bar shows."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from local_db.outbox import REJECTED, pending_count
from local_db.repositories._common import sync_conflict
from local_db.repositories.sync_issues import DECIDED_TYPES
from local_db.schema import outbox, sync_state
from local_db.views import SyncStatus


def sync_status(conn: Connection) -> SyncStatus:
    state = conn.execute(select(sync_state).where(sync_state.c.id == 1)).mappings().first()
    # Conflicts a teacher must decide; notices are information (and may be
    # addressed to a colleague), so they are not counted here.
    open_conflicts = conn.execute(
        select(func.count())
        .select_from(sync_conflict)
        .where(
            sync_conflict.c.state == "open",
            sync_conflict.c.conflict_type.in_(DECIDED_TYPES),
            sync_conflict.c.deleted.is_(False),
        )
    ).scalar_one()
    return SyncStatus(
        last_sync_at=None if state is None else state["last_sync_at"],
        pending_changes=pending_count(conn),
        open_conflicts=int(open_conflicts),
        has_synced_once=bool(state is not None and state["has_synced_once"]),
        rejected_changes=int(
            conn.execute(
                select(func.count()).select_from(outbox).where(outbox.c.state == REJECTED)
            ).scalar_one()
        ),
        clock_warning=None if state is None else state["clock_warning"],
    )
