"""Saving attendance on the DB worker, never on the UI thread.

Each write is one local transaction (local_db.attendance calls
local_db.edits.save_record): the mark and its outbox op commit together.
After it the runner broadcasts ATTENDANCE_CHANGES so every page (Today's
"taken" column, the roll call itself) refreshes. What the teacher can act
on comes back as a value; a bug is logged with its traceback and the
teacher sees that this one change was not saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import Connection

from desktop.error_messages import user_message
from desktop.models.attendance_texts import refusal_text
from desktop.pages.page import PageServices
from desktop.task_runner import Task
from local_db.attendance import RollCallRefused
from local_db.edits import InvalidEdit

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The change name pages see in operation_did_execute.
ATTENDANCE_CHANGES = frozenset({"attendance"})


@dataclass(frozen=True)
class WriteOutcome(Generic[T]):
    """saved: the transaction committed. Otherwise `problem` says, in the
    teacher's words, why nothing was saved."""

    saved: bool
    value: T | None = None
    problem: str | None = None
    refused: RollCallRefused | None = None


def run_attendance_write(
    services: PageServices,
    write: Callable[[Connection], T],
    on_done: Callable[[WriteOutcome[T]], None],
    owner: QWidget,
    pupil_name: str = "",
) -> None:
    session = services.session

    def run(_context: object) -> WriteOutcome[T]:
        if session.closed:  # logged out while this waited in the queue
            return WriteOutcome(saved=False, problem=None)
        try:
            with session.cache.begin() as conn:
                return WriteOutcome(saved=True, value=write(conn))
        except RollCallRefused as refused:
            return WriteOutcome(saved=False, refused=refused)

    def done(outcome: WriteOutcome[T]) -> None:
        if outcome.refused is not None:
            outcome = WriteOutcome(
                saved=False,
                refused=outcome.refused,
                problem=refusal_text(outcome.refused, pupil_name),
            )
        on_done(outcome)

    def failed(exc: Exception) -> None:
        message = user_message(exc)
        if isinstance(exc, InvalidEdit):
            # The roll call checks everything first: reaching this is a bug.
            log.error("attendance edit refused by the cache: %s", exc, exc_info=exc)
        elif message is None:
            log.error("saving attendance failed", exc_info=(type(exc), exc, exc.__traceback__))
        on_done(
            WriteOutcome(
                saved=False,
                problem=message
                or QCoreApplication.translate(
                    "AttendanceWrites",
                    "Sorry, that change could not be saved; the rest of the roll call is "
                    "safe. Details are in Klassbok's log.",
                ),
            )
        )

    services.runner.run_db(
        Task(run=run, on_success=done, on_failure=failed, owner=owner, changes=ATTENDANCE_CHANGES)
    )
