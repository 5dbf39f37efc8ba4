"""The sync engine: a pipeline of steps over one cache and one client.

`sync()` runs push (local_db.sync.push), pull (PullChanges) and, when due,
the divergence check (local_db.sync.verify); `pull()` only pulls. Every step
commits in local transactions that each leave the cache whole, so a crash or
a cancel at any point loses nothing and the next sync carries on.

Errors: ServerUnreachable and ServerError are retryable (wait
`next_retry_delay(attempt)` and sync again); SessionExpired and
UpdateRequired stop the sync with the outbox untouched; ProtocolError means
nothing of the bad answer was stored (a push is simply sent again: the
server's per-op idempotency returns the same results).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Protocol

from local_db.cache import Cache
from local_db.sync.pull import DEFAULT_PAGE_LIMIT, PullChanges
from local_db.sync.push import PushOutbox
from local_db.sync.retry import next_retry_delay
from local_db.sync.run import (
    CancelCheck,
    ChangeSource,
    ProgressCallback,
    SyncClient,
    SyncReport,
    SyncRun,
)
from local_db.sync.verify import VerifyScope

__all__ = [
    "ChangeSource",
    "PullChanges",
    "PushOutbox",
    "SyncClient",
    "SyncEngine",
    "SyncReport",
    "SyncRun",
    "SyncStep",
    "VerifyScope",
    "next_retry_delay",
]

log = logging.getLogger(__name__)


class SyncStep(Protocol):
    name: str

    def run(self, run: SyncRun) -> None: ...


class SyncEngine:
    def __init__(
        self,
        cache: Cache,
        client: SyncClient,
        *,
        page_limit: int = DEFAULT_PAGE_LIMIT,
        verify_scope: bool = False,
    ) -> None:
        self.cache = cache
        self.client = client
        self.page_limit = page_limit
        #: Set by the caller for the first sync of an app session: the next
        #: sync() runs the divergence check even if it is not otherwise due.
        #: Cleared once a check has completed.
        self.verify_scope = verify_scope

    def sync(
        self,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> SyncReport:
        """Two-way sync: push the outbox, pull the feed, and run the
        divergence check when it is due. Raises the errors of
        local_db.sync.errors (see the module docstring for what each means);
        everything committed before an error stays committed and whole."""
        report = self.run_steps(
            [
                PushOutbox(),
                PullChanges(self.page_limit, check_ahead=True),
                VerifyScope(force=self.verify_scope),
            ],
            progress,
            cancelled,
        )
        if report.verified:
            self.verify_scope = False
        return report

    @staticmethod
    def retry_delay(attempt: int) -> float:
        """Seconds before automatic retry number `attempt` (see next_retry_delay)."""
        return next_retry_delay(attempt)

    def pull(
        self,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> SyncReport:
        """Bring the cache up to date with the server's change feed.

        Raises the errors of local_db.sync.errors; whatever pages were
        applied before an error stay applied (each one is complete).
        """
        return self.run_steps([PullChanges(self.page_limit)], progress, cancelled)

    def run_steps(
        self,
        steps: Sequence[SyncStep],
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> SyncReport:
        started = time.perf_counter()
        bytes_before = self.client.bytes_received
        sent_before = getattr(self.client, "bytes_sent", 0)
        run = SyncRun(
            cache=self.cache,
            client=self.client,
            progress=progress or (lambda done, total: None),
            cancelled=cancelled or (lambda: False),
        )
        try:
            for step in steps:
                if run.should_stop():
                    break
                step.run(run)
        finally:
            run.finish()
        report = SyncReport(
            records_applied=run.records_applied,
            pages=run.pages,
            bytes_received=self.client.bytes_received - bytes_before,
            duration_s=time.perf_counter() - started,
            cancelled=run.was_cancelled,
            scope_changed=run.scope_changed,
            ops_sent=run.ops_sent,
            push_batches=run.push_batches,
            bytes_sent=getattr(self.client, "bytes_sent", 0) - sent_before,
            push_outcomes=dict(run.push_outcomes),
            clock_warning=run.clock_warning,
            verified=run.verified,
            parts_mismatched=run.verified_parts_mismatched,
            rows_removed=run.repair_removed,
            rows_fetched=run.repair_fetched,
        )
        log.info(
            "sync: %d ops sent in %d batches %s, %d records in %d pages, %d bytes, %.2f s%s",
            report.ops_sent,
            report.push_batches,
            report.push_outcomes,
            report.records_applied,
            report.pages,
            report.bytes_received,
            report.duration_s,
            ", cancelled" if report.cancelled else "",
        )
        return report
