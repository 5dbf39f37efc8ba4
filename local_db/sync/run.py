"""The state one run of the sync pipeline shares between its steps.

Its own module so the steps (pull, push, verify) and the engine that runs
them each depend one way: steps import the run, the engine imports the steps
and the run, nothing imports the engine but its callers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from local_db.cache import Cache
from local_db.sync.api_client import PageT
from sync_protocol.wire import (
    DigestResponse,
    FetchResponse,
    ManifestResponse,
    PushBatch,
    PushResponse,
)


class WorkAhead(Protocol):
    """Work a step started early for a later step (verify.CheckAhead)."""

    def wait(self) -> None: ...


ProgressCallback = Callable[[int, int | None], None]
CancelCheck = Callable[[], bool]


class ChangeSource(Protocol):
    """What the engine needs of the API client."""

    bytes_received: int

    def change_page(
        self,
        cursor: str | None,
        limit: int | None,
        decode: Callable[[bytes], PageT],
        *,
        next_limit: int | None = None,
    ) -> PageT: ...


class SyncClient(ChangeSource, Protocol):
    """What two-way sync needs of the API client (ApiClient has it all)."""

    bytes_sent: int

    def push(self, batch: PushBatch) -> PushResponse: ...

    def digest(self) -> DigestResponse: ...

    def manifest(self, kind: str, partition: uuid.UUID | None) -> ManifestResponse: ...

    def fetch(self, kind: str, ids: list[uuid.UUID]) -> FetchResponse: ...


@dataclass(frozen=True)
class SyncReport:
    records_applied: int
    pages: int
    bytes_received: int
    duration_s: float
    cancelled: bool
    #: The server said the teacher's scope changed (kept in sync_state).
    scope_changed: bool = False
    # --- push ---
    #: Ops sent (a resent op counts again) in how many batches, and request bytes.
    ops_sent: int = 0
    push_batches: int = 0
    bytes_sent: int = 0
    #: Answers by outcome: applied, merged, conflict, rejected (, duplicate).
    push_outcomes: Mapping[str, int] = field(default_factory=dict)
    #: The server's sentence about this computer's clock, to show as it is.
    clock_warning: str | None = None
    # --- divergence check ---
    #: A check ran to the end (False: not due, or cancelled).
    verified: bool = False
    parts_mismatched: int = 0
    rows_removed: int = 0
    rows_fetched: int = 0

    @property
    def ops_rejected(self) -> int:
        return self.push_outcomes.get("rejected", 0)

    @property
    def ops_conflicted(self) -> int:
        return self.push_outcomes.get("conflict", 0)


@dataclass
class SyncRun:
    """The state one run of the pipeline shares between its steps."""

    cache: Cache
    client: SyncClient
    progress: ProgressCallback
    cancelled: CancelCheck
    records_applied: int = 0
    pages: int = 0
    scope_changed: bool = False
    #: The server refused the cursor and the feed was pulled from the start.
    feed_restarted: bool = False
    was_cancelled: bool = False
    ops_sent: int = 0
    push_batches: int = 0
    push_outcomes: dict[str, int] = field(default_factory=dict)
    clock_warning: str | None = None
    verified: bool = False
    verified_parts_mismatched: int = 0
    repair_removed: int = 0
    repair_fetched: int = 0
    #: The divergence check's two halves (the server's digest, this cache's
    #: lines), started before the check runs: see verify.start_check_ahead.
    check_ahead: WorkAhead | None = None

    def finish(self) -> None:
        """Wait for work still on its way: the client and the cache must be
        free when the run returns. Its results are no longer needed."""
        ahead, self.check_ahead = self.check_ahead, None
        if ahead is not None:
            ahead.wait()

    def should_stop(self) -> bool:
        """Checked at safe points only: between pages, between steps."""
        if not self.was_cancelled and self.cancelled():
            self.was_cancelled = True
        return self.was_cancelled
