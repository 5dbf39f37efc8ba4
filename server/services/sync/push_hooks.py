"""Work that follows a push's attendance writes, in the push's own transaction.

Guardians must be told the same day of an invalid absence (skollagen 7:17).
The push does not know how notices are made; it reports every attendance
row it wrote (created, changed, revived) to the hooks in
`after_attendance_written`, once per batch, after all ops are applied and
before commit, with the batch's seq. A hook that raises rolls the whole
batch back (the client sends it again), so a saved absence never goes
without its notice.

The built-in hook hands those rows to
`server.services.notices.absence_notices.queue_for_attendance(conn, rows, seq=, now=)`
when that module exists: it queues a notice for a new invalid absence and
cancels an unsent one when the absence was corrected, so it gets every
written row, whatever its status. Other modules register with
`register_attendance_hook`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection

log = logging.getLogger(__name__)

ABSENCE_NOTICES_MODULE = "server.services.notices.absence_notices"


@dataclass(frozen=True)
class AttendanceChange:
    """An attendance row a push wrote (created, or changed)."""

    #: The row as written: every column of the attendance table.
    row: Mapping[str, Any]
    #: The status before the push; None when the push created the row.
    previous_status: str | None

    @property
    def became_absent(self) -> bool:
        return self.row["status"] == "absent" and self.previous_status != "absent"


class AttendanceHook(Protocol):
    def __call__(
        self,
        conn: Connection,
        changes: Sequence[AttendanceChange],
        *,
        seq: int,
        now: dt.datetime,
    ) -> None: ...


def queue_absence_notices(
    conn: Connection, changes: Sequence[AttendanceChange], *, seq: int, now: dt.datetime
) -> None:
    """Every written row goes to the absence notices (if built), which decide per pupil and day."""
    rows = [change.row for change in changes]
    queue = _absence_notice_queue()
    if queue is not None:
        queue(conn, rows, seq=seq, now=now)


def _absence_notice_queue() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module(ABSENCE_NOTICES_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != ABSENCE_NOTICES_MODULE:
            raise  # the module exists but is broken: a bug, not an absence
        return None
    queue: Callable[..., Any] = module.queue_for_attendance
    return queue


#: Called in order with the batch's attendance changes; see the module docstring.
after_attendance_written: list[AttendanceHook] = [queue_absence_notices]


def register_attendance_hook(hook: AttendanceHook) -> None:
    if hook not in after_attendance_written:
        after_attendance_written.append(hook)


def unregister_attendance_hook(hook: AttendanceHook) -> None:
    if hook in after_attendance_written:
        after_attendance_written.remove(hook)


def run_attendance_hooks(
    conn: Connection, changes: Sequence[AttendanceChange], *, seq: int, now: dt.datetime
) -> None:
    if not changes:
        return
    # Two ops of one batch on one row: the row as it ends, the status it had before.
    merged: dict[Any, AttendanceChange] = {}
    for change in changes:
        earlier = merged.get(change.row["id"])
        previous = change.previous_status if earlier is None else earlier.previous_status
        merged[change.row["id"]] = AttendanceChange(change.row, previous)
    final = list(merged.values())
    for hook in list(after_attendance_written):
        hook(conn, final, seq=seq, now=now)
