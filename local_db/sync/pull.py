"""Pulling the change feed: each page and its cursor in one local transaction.

While page N is written, page N+1 is already on its way: the server reads
and sends it (another process, often another computer) and the client
receives, parses and validates it on a helper thread. (A fetched page that is
never applied, after a cancel or an invalid page, is simply dropped.) Pages are still applied
one at a time, in order, each whole with its cursor, so a crash or a cancel
between pages leaves a consistent cache whose next pull resumes at the
stored cursor. The client is used by one thread at a time: the helper
fetches only while this thread is busy with the cache, and a pull never
returns while a fetch is still running.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import Connection, select, update

from local_db import clock
from local_db.bulk_load import drop_secondary_indexes, ensure_secondary_indexes
from local_db.schema import sync_state, synced
from local_db.sync.decoded import DecodedPage
from local_db.sync.errors import CursorRefused, ProtocolError
from local_db.sync.page_apply import apply_page
from local_db.sync.page_parse import decode_page_body
from local_db.sync.run import SyncRun
from local_db.sync.verify import start_check_ahead
from sync_protocol.hlc import InvalidStamp

log = logging.getLogger(__name__)

#: Records per page asked of the server (its maximum); it may send fewer
#: (whole change-sets only) or a few more. Large pages: fewer round trips
#: and per-page costs (a transaction, the scope on the server) for a first
#: sync, and a page is still only a few MB in memory.
DEFAULT_PAGE_LIMIT = 5000
#: The first page of a pull is smaller: the client starts writing, and asks
#: for the next page, sooner (a first sync's pipeline of pages is full after
#: a fifth of the wait).
FIRST_PAGE_LIMIT = 1000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def cache_is_empty(conn: Connection) -> bool:
    """No synced row of any kind (a new cache, or one just wiped)."""
    return all(
        conn.execute(select(table.c.id).limit(1)).first() is None for table in synced.values()
    )


def _observe(conn: Connection, stamp: str | None) -> None:
    try:
        clock.observe(conn, stamp)
    except InvalidStamp:
        # The page itself is fine; the clock simply learns nothing from it.
        log.warning("ignoring an unreadable server clock stamp on a page")


class PullChanges:
    """Pull pages until the server has no more."""

    name = "pull"

    def __init__(self, page_limit: int = DEFAULT_PAGE_LIMIT, *, check_ahead: bool = False) -> None:
        self.page_limit = page_limit
        #: The divergence check follows (SyncEngine.sync): at the end of a
        #: first sync, start it (the server's digest, this cache's lines)
        #: before building the indexes, which then take no time of their own.
        self.check_ahead = check_ahead

    def _fetch(self, run: SyncRun, cursor: str | None, limit: int) -> DecodedPage:
        """A page and its records, all of it validated before any of it is
        written (ProtocolError names the first bad record)."""
        return run.client.change_page(cursor, limit, decode_page_body, next_limit=self.page_limit)

    def run(self, run: SyncRun) -> None:
        with run.cache.begin() as conn:
            conn.execute(
                update(sync_state).where(sync_state.c.id == 1).values(last_attempt_at=_now())
            )
            cursor = conn.execute(select(sync_state.c.cursor)).scalar_one_or_none()
            from_nothing = cursor is None and cache_is_empty(conn)
            if from_nothing:
                drop_secondary_indexes(conn)
        finished = False
        try:
            try:
                self._pull(run, cursor)
            except CursorRefused:
                if cursor is None:
                    raise
                self._start_again(run)
            finished = not run.should_stop()
        finally:
            if from_nothing:
                if finished and self.check_ahead:
                    start_check_ahead(run)
                with run.cache.begin() as conn:
                    ensure_secondary_indexes(conn)

    def _start_again(self, run: SyncRun) -> None:
        """The server no longer knows this cursor (restored from a backup, or a
        new database): pull everything from the start. Pages overwrite what
        the server has; the divergence check, made due here and in the cache
        (so a crash mid-way still runs it), removes what it no longer has.
        The outbox is untouched: edits not yet sent go out as usual."""
        log.warning("the server refused this computer's feed cursor; pulling everything again")
        with run.cache.begin() as conn:
            restart = update(sync_state).where(sync_state.c.id == 1)
            conn.execute(restart.values(cursor=None, scope_changed=True))
        run.scope_changed = True
        run.feed_restarted = True
        self._pull(run, None)

    def _pull(self, run: SyncRun, cursor: str | None) -> None:
        if run.should_stop():
            return
        helper: ThreadPoolExecutor | None = None
        try:
            page = self._fetch(run, cursor, min(FIRST_PAGE_LIMIT, self.page_limit))
            while True:
                if page.has_more and not page.records and page.cursor == cursor:
                    raise ProtocolError("the server sent the same empty page again")
                # Ask for the next page first: the server works on it, and
                # the helper checks it, while this one is written (SQLite
                # lets go of the GIL while it writes).
                upcoming: Future[DecodedPage] | None = None
                if page.has_more and not run.should_stop():
                    helper = helper or ThreadPoolExecutor(1, thread_name_prefix="klassbok-pull")
                    upcoming = helper.submit(self._fetch, run, page.cursor, self.page_limit)
                with run.cache.begin() as conn:
                    run.records_applied += apply_page(conn, page, _now())
                    _observe(conn, page.server_hlc)
                run.pages += 1
                run.scope_changed = run.scope_changed or page.scope_changed
                cursor = page.cursor
                run.progress(run.records_applied, None)
                if upcoming is None or run.should_stop():
                    return
                page = upcoming.result()
        finally:
            if helper is not None:
                # Waits for a fetch still running (a cancel between pages,
                # an invalid page): the client must be free when the pull
                # returns.
                helper.shutdown(wait=True)
