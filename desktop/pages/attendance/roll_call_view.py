"""The roll call of one lesson: keyboard first, saved at every key.

A mark shows at once (the row is updated before the DB worker has saved
it) and the selection moves to the next pupil; the worker saves it in its
own transaction. Reads that come back while a pupil's save is still on
its way keep the row as the teacher set it, so fast typing never flickers.
Marks arriving through sync update rows in place: the selection stays.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QWidget
from sqlalchemy import Connection

from desktop.models.attendance_texts import refusal_text
from desktop.models.roll_call_model import RollCallModel, shown_state
from desktop.pages.attendance.attendance_writes import WriteOutcome, run_attendance_write
from desktop.pages.attendance.roll_call_keys import (
    ALL_PRESENT_SHORTCUT,
    MAX_DIGITS,
    KeyAction,
    KeyKind,
    action_for,
)
from desktop.pages.attendance.roll_call_layout import RollCallLayout
from desktop.pages.page import PageServices
from local_db.attendance import (
    Mark,
    Refusal,
    RollCallRefused,
    answer_report,
    check_minutes,
    load_roll_call,
    mark_pupil,
    mark_unmarked_present,
    minutes_early_at,
    minutes_late_at,
    set_comment,
)
from local_db.attendance.views import (
    LATE,
    LEFT_EARLY,
    PRESENT,
    STATES_WITH_MINUTES,
    VALID_ABSENCE,
    AttendanceMark,
    RollCall,
    RollCallEntry,
)


class RollCallView(RollCallLayout):
    back_requested = Signal()
    #: The roll call was read and shown (tests, screenshots).
    loaded = Signal()
    #: A write came back from the DB worker (saved or not).
    write_finished = Signal(bool)

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = RollCallModel(self)
        self.model.me = services.teacher_id
        self.setup_table(self.model)
        self.lesson_id: uuid.UUID | None = None
        self.roll_call: RollCall | None = None
        self.minutes_typed = ""
        # Rows set here whose save has not come back yet (pupil -> entry, count).
        self._optimistic: dict[uuid.UUID, RollCallEntry] = {}
        self._in_flight: dict[uuid.UUID, int] = {}
        self._reading = False
        self._read_again = False
        self._first_show = True
        self._stale = False
        # Its own marks, a co-teacher's through sync: re-read when visible.
        services.runner.operation_did_execute.connect(self._data_changed)

        self.table.installEventFilter(self)
        self.comment_edit.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.back_button.clicked.connect(self.back_requested)
        self.all_present_button.clicked.connect(self.mark_all_present)
        shortcut = QShortcut(QKeySequence(ALL_PRESENT_SHORTCUT), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.mark_all_present)
        self.accept_button.clicked.connect(lambda: self.answer_report(accept=True))
        self.keep_button.clicked.connect(lambda: self.answer_report(accept=False))
        self.comment_edit.returnPressed.connect(self._save_comment)

    # --- reading -----------------------------------------------------------------

    def _data_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def open_lesson(self, lesson_id: uuid.UUID) -> None:
        if lesson_id != self.lesson_id:
            self.lesson_id = lesson_id
            self.roll_call = None
            self._optimistic.clear()
            self._in_flight.clear()
            self._first_show = True
            self.model.set_entries([])
        self.clear_typing()
        self.refresh()

    def refresh(self) -> None:
        if self.lesson_id is None:
            return
        if self._reading:
            self._read_again = True  # one more read once this one is back
            return
        self._reading = True
        lesson_id, teacher = self.lesson_id, self.services.teacher_id
        self.services.read(
            lambda conn: (lesson_id, load_roll_call(conn, lesson_id, teacher)),
            self._show,
            owner=self,
        )

    def _show(self, result: tuple[uuid.UUID, RollCall | None]) -> None:
        self._reading = False
        lesson_id, call = result
        if self._read_again:
            self._read_again = False
            self.refresh()
        if lesson_id != self.lesson_id:
            return
        self.roll_call = call
        if call is None:
            self.show_missing_lesson()
            self.loaded.emit()
            return
        current = self.current_entry()
        entries = [
            self._optimistic.get(e.pupil.id, e) if self._in_flight.get(e.pupil.id) else e
            for e in call.entries
        ]
        self.model.set_entries(entries, call.day)
        if self._first_show:
            self._first_show = False
            first = next(
                (i for i, e in enumerate(entries) if e.member and shown_state(e) is None), 0
            )
            self.select_row(first)
            self.table.setFocus()
        elif current is not None and self.current_entry() != current:
            row = self.model.row_of(current.pupil.id)
            if row is not None and self.table.currentIndex().row() != row:
                self.select_row(row)  # the list changed under the selection
        self.show_lesson(call)
        self.update_summary(self.model.entries(), call)
        self._current_changed(self.table.currentIndex(), QModelIndex())
        self.loaded.emit()

    # --- selection ---------------------------------------------------------------

    def current_entry(self) -> RollCallEntry | None:
        return self.model.entry_at(self.table.currentIndex().row())

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, RollCallModel.NAME))
            self.table.scrollTo(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry_at(current.row())
        self.show_question(entry, self.roll_call.day if self.roll_call else None)
        if not self.comment_edit.hasFocus():
            self.show_comment_target(entry)

    # --- keys --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.comment_edit:
            if event.key() == Qt.Key.Key_Escape:
                self.show_comment_target(self.current_entry())
                self.table.setFocus()
                return True
            return False
        if watched is self.table:
            action = action_for(event)
            return action is not None and self.handle_key(action)
        return False

    def handle_key(self, action: KeyAction) -> bool:
        """True when the key was the roll call's (the table never sees it)."""
        if action.kind is KeyKind.DIGIT:
            if len(self.minutes_typed) < MAX_DIGITS:
                self.minutes_typed += str(action.digit)
            self.show_typing(self.minutes_typed)
            return True
        if action.kind is KeyKind.BACKSPACE:
            self.minutes_typed = self.minutes_typed[:-1]
            self.show_typing(self.minutes_typed)
            return True
        if action.kind is KeyKind.ESCAPE:
            if self.minutes_typed or self.message_label.isVisible():
                self.clear_typing()
            else:
                self.back_requested.emit()
            return True
        if action.kind is KeyKind.ENTER:
            if not self.minutes_typed:
                return False
            entry = self.current_entry()
            mark = entry.mark if entry else None
            if mark is None or mark.status not in STATES_WITH_MINUTES:
                self.show_message(self.tr("Type the minutes, then S (late) or T (left early)."))
                return True
            self.apply_state(mark.status)
            return True
        if action.kind is KeyKind.COMMENT:
            self.edit_comment()
            return True
        if action.kind is KeyKind.STATE and action.state is not None:
            self.apply_state(action.state)
            return True
        return False

    def clear_typing(self) -> None:
        self.minutes_typed = ""
        self.show_typing("")
        self.show_message("")

    # --- marking -----------------------------------------------------------------

    def _refuse(self, refused: RollCallRefused, entry: RollCallEntry | None = None) -> None:
        self.minutes_typed = ""
        self.show_typing("")
        self.show_message(refusal_text(refused, entry.pupil.full_name if entry else ""))

    def _markable(self, entry: RollCallEntry | None) -> bool:
        call = self.roll_call
        if call is None or entry is None:
            return False
        if call.lesson.cancelled:
            self._refuse(RollCallRefused(Refusal.LESSON_CANCELLED))
            return False
        if not entry.member:
            self._refuse(RollCallRefused(Refusal.NOT_IN_GROUP), entry)
            return False
        return True

    def _minutes_for(self, state: str) -> int | None:
        """Typed minutes, else counted from the lesson to now ("arrived now")."""
        call = self.roll_call
        assert call is not None
        if self.minutes_typed:
            return int(self.minutes_typed)
        now = self.services.now()
        if state == LATE:
            return minutes_late_at(call.lesson.start_time, now)
        return minutes_early_at(call.lesson.end_time, now)

    def apply_state(self, state: str) -> None:
        entry = self.current_entry()
        if not self._markable(entry) or entry is None or self.roll_call is None:
            return
        minutes = None
        if state in STATES_WITH_MINUTES:
            typed = bool(self.minutes_typed)
            minutes = self._minutes_for(state)
            try:
                check_minutes(minutes, self.roll_call.lesson.minutes)
            except RollCallRefused as refused:
                if typed:
                    self._refuse(refused, entry)
                else:
                    self.show_message(self.outside_lesson_text(state))
                return
        old = entry.mark
        mark = AttendanceMark(
            status=state,
            late_minutes=minutes if state == LATE else None,
            left_early_minutes=minutes if state == LEFT_EARLY else None,
            comment=old.comment if old else None,
            absence_report_id=entry.report.id if entry.report else None,
            marked_by=self.services.teacher_id,
        )
        self.clear_typing()
        self._set_optimistic(dataclasses.replace(entry, mark=mark))
        lesson_id, pupil_id = self.roll_call.lesson.id, entry.pupil.id
        actor = self.services.teacher_id
        self._write(
            lambda conn: mark_pupil(conn, lesson_id, pupil_id, Mark(state, minutes), actor=actor),
            [pupil_id],
            entry.pupil.full_name,
        )
        row = self.table.currentIndex().row()
        if row + 1 < self.model.rowCount():
            self.select_row(row + 1)

    def mark_all_present(self) -> None:
        call = self.roll_call
        if call is None:
            return
        if call.lesson.cancelled:
            self._refuse(RollCallRefused(Refusal.LESSON_CANCELLED))
            return
        self.clear_typing()
        pupils = []
        for entry in self.model.entries():
            # A pupil with a guardian's report stays as the report says.
            if entry.member and entry.mark is None and not entry.prefilled:
                mark = AttendanceMark(PRESENT, marked_by=self.services.teacher_id)
                self._set_optimistic(dataclasses.replace(entry, mark=mark))
                pupils.append(entry.pupil.id)
        lesson_id, actor = call.lesson.id, self.services.teacher_id
        self._write(lambda conn: mark_unmarked_present(conn, lesson_id, actor=actor), pupils)

    def answer_report(self, *, accept: bool) -> None:
        entry = self.current_entry()
        call = self.roll_call
        if call is None or entry is None or entry.report is None or entry.mark is None:
            return
        if not self._markable(entry):
            return
        report_id, pupil_id, lesson_id = entry.report.id, entry.pupil.id, call.lesson.id
        state = VALID_ABSENCE if accept else entry.mark.status
        mark = dataclasses.replace(entry.mark, status=state, absence_report_id=report_id)
        self._set_optimistic(dataclasses.replace(entry, mark=mark))
        actor = self.services.teacher_id
        self._write(
            lambda conn: answer_report(
                conn, lesson_id, pupil_id, report_id, accept=accept, actor=actor
            ),
            [pupil_id],
            entry.pupil.full_name,
        )
        self.table.setFocus()

    def edit_comment(self) -> None:
        entry = self.current_entry()
        if not self._markable(entry) or entry is None:
            return
        if entry.mark is None and not entry.prefilled:
            self._refuse(RollCallRefused(Refusal.NOT_MARKED), entry)
            return
        self.show_comment_target(entry)
        self.comment_edit.setFocus()
        self.comment_edit.selectAll()

    def _save_comment(self) -> None:
        entry = self.current_entry()
        call = self.roll_call
        if call is None or entry is None or not self._markable(entry):
            return
        text = self.comment_edit.text()
        lesson_id, pupil_id, actor = call.lesson.id, entry.pupil.id, self.services.teacher_id

        def write(conn: Connection) -> None:
            if entry.mark is None and entry.prefilled:
                # A pre-filled valid absence is saved first, then commented on.
                mark_pupil(conn, lesson_id, pupil_id, Mark(VALID_ABSENCE), actor=actor)
            set_comment(conn, lesson_id, pupil_id, text, actor=actor)

        if entry.mark is not None:
            clean = " ".join(text.split()) or None
            self._set_optimistic(
                dataclasses.replace(entry, mark=dataclasses.replace(entry.mark, comment=clean))
            )
        self._write(write, [pupil_id], entry.pupil.full_name)
        self.table.setFocus()

    # --- saving ------------------------------------------------------------------

    def _set_optimistic(self, entry: RollCallEntry) -> None:
        """Show the row as set now; it stays so until its save is back."""
        row = self.model.row_of(entry.pupil.id)
        if row is not None:
            self.model.replace_entry(row, entry)
        self._optimistic[entry.pupil.id] = entry
        self._in_flight[entry.pupil.id] = self._in_flight.get(entry.pupil.id, 0) + 1
        if self.roll_call is not None:
            self.update_summary(self.model.entries(), self.roll_call)
        self._current_changed(self.table.currentIndex(), QModelIndex())

    def _write(
        self, write: Callable[[Connection], object], pupils: list[uuid.UUID], name: str = ""
    ) -> None:
        def done(outcome: WriteOutcome[object]) -> None:
            for pupil_id in pupils:
                left = self._in_flight.get(pupil_id, 0) - 1
                if left <= 0:
                    self._in_flight.pop(pupil_id, None)
                    self._optimistic.pop(pupil_id, None)
                else:
                    self._in_flight[pupil_id] = left
            if not outcome.saved:
                if outcome.problem:
                    self.show_message(outcome.problem)
                self.refresh()  # show what is really saved
            self.write_finished.emit(outcome.saved)

        run_attendance_write(self.services, write, done, owner=self, pupil_name=name)
