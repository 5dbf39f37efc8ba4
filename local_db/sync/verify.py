"""The divergence check and scope repair.

Runs after a pull that reported scope_changed (remembered in sync_state
until a check completes), when the caller asks (the first sync of an app
session) and when the last check is older than a day. Also right after a
first sync into an empty cache: skipping it there (it looks like comparing
the server with a copy of itself) let the sync simulation find a cache
that differed in 9 parts a few steps later (seed 1743381312):

1. GET /sync/digest: per kind, and per activity for kinds with an
   activity_id, the count and sha256 of the sorted lines "<id>:<seq>\\n" of
   the non-deleted rows in scope.
2. The same locally, over every row but local creates still waiting for
   the server, leaving out rows whose tombstone is held for an unsettled
   edit. A row hidden as deleted with no op left counts as seq 0.
3. For each part that differs: POST /sync/manifest, delete local rows the
   server no longer shows (never a row with unsettled edits: pending or
   rejected ops), and POST /sync/fetch what is missing or stale, in chunks,
   each applied in a local transaction of its own.
4. Clear the flag and stamp the time. A crash or a cancel before that leaves
   the flag set, so the next sync checks again; every step before is a
   complete, correct change on its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select, update

from local_db import outbox as ob
from local_db.schema import held_tombstone, sync_state, synced
from local_db.sync.errors import ProtocolError
from local_db.sync.page_apply import apply_records, decode_records
from local_db.sync.run import SyncRun
from sync_protocol.entities import REGISTRY
from sync_protocol.wire import DigestResponse

log = logging.getLogger(__name__)

#: A check is due at least this often.
VERIFY_EVERY = dt.timedelta(hours=24)
#: Ids per fetch request (the wire allows 5,000).
FETCH_CHUNK = 1000
_DELETE_CHUNK = 500
EMPTY_DIGEST = hashlib.sha256(b"").hexdigest()

Part = tuple[str, uuid.UUID | None]
#: Per kind and partition, the lines "<id>:<seq>\n" of this cache's rows.
LocalLines = dict[str, dict[uuid.UUID | None, list[str]]]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def partitioned(kind: str) -> bool:
    """Kinds whose every row names an activity are compared per activity.
    Pupil notes and conflicts may name none (documentation is about a pupil):
    they are compared whole, so a row without an activity is never left out."""
    spec = REGISTRY[kind]
    return spec.has_field("activity_id") and not spec.field("activity_id").nullable


def digest_of(entries: dict[uuid.UUID, int]) -> tuple[int, str]:
    return digest_lines([f"{record_id}:{seq}\n" for record_id, seq in entries.items()])


def digest_lines(lines: list[str]) -> tuple[int, str]:
    """(count, sha256 hex of the lines sorted)."""
    return len(lines), hashlib.sha256("".join(sorted(lines)).encode("ascii")).hexdigest()


def _hyphenated(hex_id: str) -> str:
    """32 hex digits (as the cache stores a UUID) in the UUID's printed form."""
    return f"{hex_id[:8]}-{hex_id[8:12]}-{hex_id[12:16]}-{hex_id[16:20]}-{hex_id[20:]}"


def local_lines(conn: Connection, kind: str) -> dict[uuid.UUID | None, list[str]]:
    """The lines "<id>:<seq>\n" of the rows the check compares, by partition:
    every row except local creates still waiting for the server (seq 0, with
    ops in the outbox) and rows whose tombstone is held.

    A row with seq 0 and no op is compared too, as "<id>:0", which never
    matches, so the check fetches or removes it: a create the server
    answered "applied" before a pull brought it back (found by the sync
    simulation: it stayed for good once the record left the scope), or one
    answered "merged" because a colleague had made the record first (the
    cache showed its own default instead of the colleague's mark). So does
    a row hidden as deleted with no op left (_hidden_without_op).

    Ids are read as the stored hex text: a first sync's 100,000 uuid.UUID
    objects, made only to be printed again, were most of the check's time.
    """
    table = synced[kind]
    held = {
        record_id.hex
        for record_id in conn.execute(
            select(held_tombstone.c.record_id).where(held_tombstone.c.kind == kind)
        ).scalars()
    }
    columns = "id, seq, activity_id, deleted" if partitioned(kind) else "id, seq, NULL, deleted"
    rows = conn.exec_driver_sql(f'SELECT {columns} FROM "{table.name}"').fetchall()
    never_sent = [uuid.UUID(hex=row[0]) for row in rows if row[1] == 0]
    if never_sent:
        held |= {record_id.hex for record_id in ob.held_records(conn, kind, never_sent)}
    hidden = _hidden_without_op(conn, kind, [row[0] for row in rows if row[3]])
    partitions: dict[str | None, uuid.UUID | None] = {None: None}
    parts: dict[uuid.UUID | None, list[str]] = defaultdict(list)
    for hex_id, seq, activity, _ in rows:
        if hex_id in held:
            continue
        try:
            partition = partitions[activity]
        except KeyError:
            partition = partitions[activity] = uuid.UUID(hex=activity)
        # A row hidden with no op left never matches: fetched again, or removed.
        parts[partition].append(f"{_hyphenated(hex_id)}:{0 if hex_id in hidden else seq}\n")
    return parts


def _hidden_without_op(conn: Connection, kind: str, deleted: list[str]) -> set[str]:
    """Of these rows marked deleted here (ids as stored hex text), the ones
    with no op in the outbox. A row is hidden while its delete waits for the
    server's answer, and goes once the delete is settled; one hidden with
    nothing left to send shows a settled state the server may not have.
    Its line, "<id>:<seq>", matched the server's all the same, so the check
    could not see it (long runs of the sync simulation, issue 16: a record
    a colleague brought back after her delete stayed hidden for good). It
    counts as "<id>:0" now, and _repair fetches or removes it."""
    if not deleted:
        return set()
    ids = [uuid.UUID(hex=hex_id) for hex_id in deleted]
    held = {record_id.hex for record_id in ob.held_records(conn, kind, ids)}
    return set(deleted) - held


def all_local_lines(conn: Connection) -> LocalLines:
    return {kind: local_lines(conn, kind) for kind in REGISTRY}


def mismatched_parts(mine_by_kind: LocalLines, answer: DigestResponse) -> list[Part]:
    """The (kind, partition) parts whose count or digest differ."""
    server: dict[str, dict[uuid.UUID | None, tuple[int, str]]] = defaultdict(dict)
    for entry in answer.digests:
        if entry.kind in REGISTRY:  # a newer server's kinds are not ours to check
            server[entry.kind][entry.partition] = (entry.count, entry.digest.lower())
    found: list[Part] = []
    for kind in REGISTRY:
        theirs = server.get(kind, {})
        mine = mine_by_kind.get(kind, {})
        by_activity = partitioned(kind) and set(theirs) != {None}
        if not by_activity:
            whole = [line for part in mine.values() for line in part]
            if theirs.get(None, (0, EMPTY_DIGEST)) != digest_lines(whole):
                found.append((kind, None))
            continue
        for partition in sorted((set(theirs) | set(mine)) - {None}, key=str):
            expected = theirs.get(partition, (0, EMPTY_DIGEST))
            if expected != digest_lines(mine.get(partition, [])):
                found.append((kind, partition))
    return found


@dataclass(frozen=True)
class CheckAhead:
    """The check's two halves, already on their way."""

    digest: Future[DigestResponse]
    lines: Future[LocalLines]

    def wait(self) -> None:
        both: list[Future[Any]] = [self.digest, self.lines]
        wait(both)

    def results(self) -> tuple[LocalLines, DigestResponse]:
        self.wait()  # both, even when one failed: nothing runs on after
        return self.lines.result(), self.digest.result()


def start_check_ahead(run: SyncRun) -> CheckAhead:
    """Start the check's halves at the same time, each about half a second's
    work after a first sync: the server works out its digest while a helper
    reads this cache's lines. At the end of a first sync the pull starts
    them before it builds the cache's indexes (SQLite lets go of the GIL
    meanwhile)."""

    def lines() -> LocalLines:
        with run.cache.connect() as conn:
            return all_local_lines(conn)

    helper = ThreadPoolExecutor(2, thread_name_prefix="klassbok-check")
    ahead = run.check_ahead = CheckAhead(helper.submit(run.client.digest), helper.submit(lines))
    helper.shutdown(wait=False)  # the threads end with their work
    return ahead


def _is_due(conn: Connection, forced: bool, now: dt.datetime) -> bool:
    state = conn.execute(select(sync_state).where(sync_state.c.id == 1)).mappings().one()
    last = state["last_verified_at"]
    return forced or bool(state["scope_changed"]) or last is None or now - last >= VERIFY_EVERY


def _stamp_verified(run: SyncRun) -> None:
    with run.cache.begin() as conn:
        conn.execute(
            update(sync_state)
            .where(sync_state.c.id == 1)
            .values(scope_changed=False, last_verified_at=_now())
        )
    run.verified = True


class VerifyScope:
    """Compare with the server's digests and repair what differs."""

    name = "verify"

    def __init__(self, *, force: bool = False) -> None:
        self.force = force

    def run(self, run: SyncRun) -> None:
        with run.cache.connect() as conn:
            if not _is_due(conn, self.force, _now()):
                return
        # Started already at the end of a first sync (PullChanges).
        early = run.check_ahead
        ahead = early if isinstance(early, CheckAhead) else start_check_ahead(run)
        run.check_ahead = None
        mine, answer = ahead.results()
        parts = mismatched_parts(mine, answer)
        run.verified_parts_mismatched = len(parts)
        for kind, partition in parts:
            if run.should_stop():
                return
            self._repair(run, kind, partition)
        if run.should_stop():
            return
        _stamp_verified(run)
        log.info(
            "divergence check: %d part(s) differed, %d row(s) removed, %d fetched",
            len(parts),
            run.repair_removed,
            run.repair_fetched,
        )

    def _repair(self, run: SyncRun, kind: str, partition: uuid.UUID | None) -> None:
        manifest = run.client.manifest(kind, partition)
        if manifest.kind != kind:
            raise ProtocolError("the server sent the manifest of another kind of record")
        theirs = {entry.id: entry.seq for entry in manifest.entries}
        table = synced[kind]
        with run.cache.begin() as conn:
            query = select(table.c.id, table.c.seq)
            if partition is not None:
                query = query.where(table.c.activity_id == partition)
            rows = conn.execute(query.add_columns(table.c.deleted)).all()
            hidden = _hidden_without_op(conn, kind, [row[0].hex for row in rows if row[2]])
            # A row hidden with no op left counts as seq 0, as in its line.
            mine = {row[0]: 0 if row[0].hex in hidden else int(row[1]) for row in rows}
            gone = [rid for rid in mine if rid not in theirs]
            # Never a row with edits the server has not settled (a local
            # create among them).
            gone = sorted(set(gone) - ob.held_records(conn, kind, gone), key=str)
            for start in range(0, len(gone), _DELETE_CHUNK):
                chunk = gone[start : start + _DELETE_CHUNK]
                conn.execute(delete(table).where(table.c.id.in_(chunk)))
        run.repair_removed += len(gone)
        wanted = sorted((rid for rid, seq in theirs.items() if mine.get(rid) != seq), key=str)
        for start in range(0, len(wanted), FETCH_CHUNK):
            if run.should_stop():
                return
            answer = run.client.fetch(kind, wanted[start : start + FETCH_CHUNK])
            records = decode_records(answer.changes)
            if any(record.kind != kind for record in records):
                raise ProtocolError("the server sent records of another kind than asked for")
            with run.cache.begin() as conn:
                apply_records(conn, records)
            run.repair_fetched += len(records)
