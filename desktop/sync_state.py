"""What the status bar shows about the connection and the last sync (frozen)."""

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
    pending_changes: int = 0
    syncing: bool = False
    #: The teacher must log in again before syncing continues.
    needs_login: bool = False
    #: A sync problem other than being offline (shown as a quiet note).
    problem: str | None = None
