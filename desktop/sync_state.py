"""What the status bar, the banner and the sidebar show about syncing (frozen)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class Connection(enum.Enum):
    UNKNOWN = "unknown"  # no network result yet this run
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True)
class SyncState:
    connection: Connection = Connection.UNKNOWN
    last_sync_at: dt.datetime | None = None
    has_synced_once: bool = False
    #: Local edits waiting to be sent (live: re-read after every local write).
    pending_changes: int = 0
    #: Edits the server refused; the teacher looks at them and dismisses them.
    rejected_changes: int = 0
    #: Conflicts waiting for a decision (needs review, both texts, delete vs edit).
    open_conflicts: int = 0
    #: Notices addressed to this teacher that are not dismissed yet.
    open_notices: int = 0
    #: The server's sentence about this computer's clock (None: the clock is fine).
    clock_warning: str | None = None
    syncing: bool = False
    #: The teacher must log in again before syncing continues.
    needs_login: bool = False
    #: The server refuses this version of Klassbok (426): nothing syncs until
    #: it is updated; the outbox is kept.
    update_required: bool = False
    #: A sync problem other than being offline (shown as a quiet note).
    problem: str | None = None
    #: When the next automatic attempt after a failure is due (time.monotonic()).
    retry_at: float | None = None
    #: The teacher stopped the last sync (Cancel); what arrived so far is kept.
    cancelled: bool = False
