"""One import run: fetch, check, plan, write, and remember where it got to.

A run is one transaction: the objects are fetched first (outside any
transaction, so a slow SS 12000 server holds no lock), then checked, and
only when every object is valid are the changes and the new state written
together. A failure anywhere, a connection cut on page 3, an invalid
object, leaves the school as it was and the state's delta point where it
was, so the next run fetches the same changes again and finishes them.
The in-progress marker tells the operator a run began and did not finish.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select, update

from server.db import hold_counter, write_transaction
from server.services.imports.csv_existing import load_stored_rows
from server.services.imports.plan_apply import KindCounts, diff, write_changes
from server.services.ss12000_import.client import Ss12000Client
from server.services.ss12000_import.context import Lookups
from server.services.ss12000_import.errors import Ss12000Error
from server.services.ss12000_import.plan import build_plan
from server.services.ss12000_import.source import Fetched, fetch_from_api, fetch_from_folder
from server.tables import ss12000_import_state

_STATE = ss12000_import_state
_ONE = 1  # the state's only row: one SS 12000 source per server


@dataclass(frozen=True)
class RunReport:
    #: "full", "delta" or "folder"
    mode: str
    modified_after: dt.datetime | None
    fetched: Mapping[str, int]
    deleted: Mapping[str, int]
    counts: Mapping[str, KindCounts]
    change_sets: tuple[int, ...] = ()
    protection_changes: int = 0
    #: Why a run that was asked for as a delta ran in full, or that the last
    #: run did not finish.
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class State:
    source_url: str
    last_run_started_at: dt.datetime | None
    in_progress_started_at: dt.datetime | None
    last_error: str | None
    lookups: Lookups


def load_state(conn: Connection) -> State | None:
    row = conn.execute(select(_STATE).where(_STATE.c.id == _ONE)).first()
    if row is None:
        return None
    return State(
        row.source_url,
        row.last_run_started_at,
        row.in_progress_started_at,
        row.last_error,
        Lookups.from_json(row.lookups),
    )


def _begin(engine: Engine, source_url: str, started: dt.datetime) -> State | None:
    """The state before this run, with the in-progress marker set."""
    with write_transaction(engine) as conn:
        before = load_state(conn)
        if before is None:
            conn.execute(
                insert(_STATE).values(
                    id=_ONE, source_url=source_url, lookups={}, in_progress_started_at=started
                )
            )
        else:
            conn.execute(
                update(_STATE).where(_STATE.c.id == _ONE).values(in_progress_started_at=started)
            )
    return before


def _record_failure(engine: Engine, message: str) -> None:
    with write_transaction(engine) as conn:
        conn.execute(update(_STATE).where(_STATE.c.id == _ONE).values(last_error=message[:1000]))


def _apply(
    engine: Engine,
    fetched: Fetched,
    *,
    mode: str,
    modified_after: dt.datetime | None,
    started: dt.datetime,
    source_url: str,
    notes: tuple[str, ...],
    now: Callable[[], dt.datetime],
) -> RunReport:
    with write_transaction(engine) as conn:
        # Held from reading the stored rows to the commit (as csv_import):
        # no teacher's change or second run slips between compare and write.
        hold_counter(conn)
        state = load_state(conn)
        stored = load_stored_rows(conn)
        plan, lookups = build_plan(fetched, stored, state.lookups if state else Lookups())
        changes = diff(plan, stored, sync_deletes=bool(fetched.complete))
        applied = write_changes(conn, changes)
        values: dict[str, object] = {
            "lookups": lookups.to_json(),
            "in_progress_started_at": None,
            "last_error": None,
            "last_run_finished_at": now(),
        }
        if mode != "folder":
            # The next delta asks for what changed since this run *began*:
            # an object changed while it fetched is fetched again.
            values.update(source_url=source_url, last_run_started_at=started)
        conn.execute(update(_STATE).where(_STATE.c.id == _ONE).values(**values))
    return RunReport(
        mode,
        modified_after,
        {endpoint: len(objects) for endpoint, objects in fetched.objects.items()},
        {endpoint: len(ids) for endpoint, ids in fetched.deleted.items() if ids},
        {kind: change.counts() for kind, change in changes.items()},
        applied.change_sets,
        applied.protection_changes,
        notes,
    )


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sync_from_api(
    engine: Engine,
    url: str,
    token: str,
    *,
    full: bool = False,
    now: Callable[[], dt.datetime] = _utc_now,
    timeout: float = 60.0,
) -> RunReport:
    """A delta run since the last successful one (or a full run); Ss12000Error on failure."""
    client = Ss12000Client(url, token, timeout=timeout)
    started = now()
    before = _begin(engine, client.base_url, started)
    notes: list[str] = []
    if before is not None and before.in_progress_started_at is not None:
        notes.append(
            f"the run begun {before.in_progress_started_at:%Y-%m-%d %H:%M} UTC did not finish; "
            "this run does its work again"
        )
    modified_after = None if before is None or full else before.last_run_started_at
    if before is not None and before.source_url != client.base_url and not full:
        notes.append(f"the last runs read {before.source_url}; this one reads everything")
        modified_after = None
    try:
        fetched = fetch_from_api(client, modified_after)
        return _apply(
            engine,
            fetched,
            mode="full" if modified_after is None else "delta",
            modified_after=modified_after,
            started=started,
            source_url=client.base_url,
            notes=tuple(notes),
            now=now,
        )
    except Ss12000Error as exc:
        _record_failure(engine, str(exc))
        raise


def import_folder(
    engine: Engine, folder: Path, *, now: Callable[[], dt.datetime] = _utc_now
) -> RunReport:
    """The folder's files, each a complete list; the API's delta point is left alone."""
    started = now()
    fetched = fetch_from_folder(folder)
    _begin(engine, f"folder:{folder.resolve()}", started)
    try:
        return _apply(
            engine,
            fetched,
            mode="folder",
            modified_after=None,
            started=started,
            source_url="",
            notes=(),
            now=now,
        )
    except Ss12000Error as exc:
        _record_failure(engine, str(exc))
        raise
