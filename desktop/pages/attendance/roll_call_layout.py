"""What the roll call looks like: the list, the key legend, the lines under
it. RollCallView (roll_call_view.py) adds what the keys and buttons do.

Calm on purpose: one list, the state written out and coloured, messages
in one place under the list, never a dialog while thirty pupils walk in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import local_time
from desktop.models.attendance_texts import late_report_question
from desktop.models.lesson_table_model import lesson_title
from desktop.models.roll_call_model import RollCallModel, shown_state
from desktop.pages.attendance.roll_call_delegate import InitialsBadgeDelegate
from desktop.pages.attendance.roll_call_keys import all_present_hint, legend, legend_footnote
from desktop.pages.lesson_views import configure_table
from local_db.attendance import COMMENT_MAX_LENGTH
from local_db.attendance.views import (
    ABSENT,
    LATE,
    LEFT_EARLY,
    VALID_ABSENCE,
    RollCall,
    RollCallEntry,
)


class RollCallLayout(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rollCall")
        self.table = QTableView()
        self.table.setObjectName("rollCallTable")
        self.table.setAccessibleName(self.tr("Roll call"))
        self.minutes_label = QLabel()
        self.minutes_label.setObjectName("minutesEntry")
        self.minutes_label.hide()
        self.message_label = QLabel()
        self.message_label.setObjectName("inlineError")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addWidget(self.table, 1)
        middle.addWidget(self._legend())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 16)
        layout.setSpacing(10)
        layout.addLayout(self._header())
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addWidget(self.minutes_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self._question())
        layout.addLayout(self._comment_row())
        layout.addLayout(self._footer())

    def _header(self) -> QGridLayout:
        self.back_button = QPushButton(self.tr("← Lessons"))
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip(self.tr("Back to the list of lessons (Esc)"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("pageSubtitle")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("rollCallProgress")
        self.progress_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.banner = QLabel()
        self.banner.setObjectName("noticeLabel")
        self.banner.setWordWrap(True)
        self.banner.hide()
        header = QGridLayout()
        header.setHorizontalSpacing(16)
        header.addWidget(self.back_button, 0, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        header.addWidget(self.title_label, 1, 0)
        header.addWidget(self.progress_label, 1, 1)
        header.addWidget(self.detail_label, 2, 0, 1, 2)
        header.setColumnStretch(0, 1)
        return header

    def _question(self) -> QFrame:
        self.question = QFrame()
        self.question.setObjectName("reportQuestion")
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Accept: valid absence (G)"))
        self.keep_button = QPushButton(self.tr("Keep: invalid absence (F)"))
        row = QHBoxLayout(self.question)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.question_label, 1)
        row.addWidget(self.accept_button)
        row.addWidget(self.keep_button)
        self.question.hide()
        return self.question

    def _comment_row(self) -> QHBoxLayout:
        self.comment_label = QLabel()
        self.comment_edit = QLineEdit()
        self.comment_edit.setObjectName("commentField")
        self.comment_edit.setMaxLength(COMMENT_MAX_LENGTH)
        self.comment_edit.setPlaceholderText(
            self.tr("A short note, e.g. “forgot the book” — never health details")
        )
        self.comment_edit.setAccessibleName(self.tr("Comment"))
        self.comment_label.setBuddy(self.comment_edit)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.comment_label)
        row.addWidget(self.comment_edit, 1)
        return row

    def _footer(self) -> QHBoxLayout:
        self.all_present_button = QPushButton(self.tr("Everyone not yet marked is present"))
        self.all_present_button.setToolTip(
            self.tr(
                "Ctrl+Shift+N. Pupils already marked and absences reported by a guardian "
                "are left as they are."
            )
        )
        self.saved_hint = QLabel(
            self.tr(
                "Every mark is saved on this computer at once and sent to the server when "
                "it can be reached."
            )
        )
        self.saved_hint.setObjectName("hintLabel")
        self.saved_hint.setWordWrap(True)
        footer = QHBoxLayout()
        footer.addWidget(self.all_present_button)
        footer.addWidget(self.saved_hint, 1)
        return footer

    def _legend(self) -> QFrame:
        box = QFrame()
        box.setObjectName("keyLegend")
        box.setFixedWidth(248)
        grid = QGridLayout(box)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(5)
        title = QLabel(self.tr("Keys"))
        title.setObjectName("sectionTitle")
        grid.addWidget(title, 0, 0, 1, 2)
        keys = legend()
        for number, (key, meaning) in enumerate(keys, start=1):
            cap = QLabel(key)
            cap.setObjectName("keyCap")
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cap.setMinimumWidth(cap.sizeHint().width())
            text = QLabel(meaning)
            text.setWordWrap(True)
            grid.addWidget(cap, number, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, number, 1)
        for offset, line in enumerate((all_present_hint(), legend_footnote()), start=1):
            note = QLabel(line)
            note.setObjectName("hintLabel")
            note.setWordWrap(True)
            grid.addWidget(note, len(keys) + offset, 0, 1, 2)
        grid.setRowStretch(len(keys) + 3, 1)
        grid.setColumnStretch(1, 1)
        return box

    def setup_table(self, model: RollCallModel) -> None:
        self.table.setModel(model)
        configure_table(self.table, RollCallModel.NOTE)
        self.table.setItemDelegateForColumn(RollCallModel.BADGE, InitialsBadgeDelegate(self.table))
        # 36 px rows: a class of 30 needs little scrolling on a laptop.
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RollCallModel.BADGE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(RollCallModel.BADGE, 46)
        # Names as wide as the class needs; the state a fixed width, so the
        # columns never jump while the teacher types.
        header.setSectionResizeMode(RollCallModel.NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RollCallModel.MARK, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(RollCallModel.MARK, 168)
        self.table.setAlternatingRowColors(False)  # the state colours carry the rows

    # --- showing -----------------------------------------------------------------

    def show_lesson(self, call: RollCall) -> None:
        lesson = call.lesson
        self.title_label.setText(self.tr("Roll call: {lesson}").format(lesson=lesson_title(lesson)))
        parts = [
            local_time.long_date(call.day),
            local_time.time_range(lesson.start_time, lesson.end_time),
            ", ".join(lesson.group_names),
        ]
        if lesson.room:
            parts.append(self.tr("room {room}").format(room=lesson.room))
        parts.append(self.tr("{minutes} min").format(minutes=lesson.minutes))
        self.detail_label.setText(" · ".join(part for part in parts if part))
        if lesson.cancelled:
            self.banner.setText(
                self.tr(
                    "This lesson was cancelled. Its roll call is shown as it was and "
                    "can't be changed."
                )
            )
        self.banner.setVisible(lesson.cancelled)
        for widget in (self.all_present_button, self.comment_edit):
            widget.setEnabled(not lesson.cancelled)

    def show_missing_lesson(self) -> None:
        self.title_label.setText(self.tr("Roll call"))
        self.detail_label.setText("")
        self.banner.setText(
            self.tr(
                "This lesson is no longer in your timetable (the school removed it or "
                "it moved out of your groups). Nothing you saved is lost."
            )
        )
        self.banner.show()
        self.all_present_button.setEnabled(False)

    # The counts use QCoreApplication.translate, not self.tr: PySide6 looks
    # plurals up under the subclass's name (RollCallView), where lupdate
    # filed them under this class's.
    def update_summary(self, entries: Sequence[RollCallEntry], call: RollCall) -> None:
        members = [e for e in entries if e.member]
        # A guardian's report decides a pupil as much as a mark does.
        states = [shown_state(e) for e in members]
        marked = [state for state in states if state is not None]
        counts = {state: states.count(state) for state in (ABSENT, LATE, LEFT_EARLY, VALID_ABSENCE)}
        parts = [
            self.tr("{marked} of {total} marked").format(marked=len(marked), total=len(members))
        ]
        # Plain names as the counts: pyside6-lupdate skips a translate() call
        # whose number is a subscript (counts[ABSENT]), and then the Swedish
        # catalogue loses the string.
        absent, late = counts[ABSENT], counts[LATE]
        left_early, valid = counts[LEFT_EARLY], counts[VALID_ABSENCE]
        translate = QCoreApplication.translate
        if absent:
            parts.append(translate("RollCallLayout", "%n absent", "", absent))
        if late:
            parts.append(translate("RollCallLayout", "%n late", "", late))
        if left_early:
            parts.append(translate("RollCallLayout", "%n left early", "", left_early))
        if valid:
            parts.append(translate("RollCallLayout", "%n valid absence(s)", "", valid))
        self.progress_label.setText(" · ".join(parts))
        self.all_present_button.setEnabled(not call.lesson.cancelled and len(marked) < len(members))

    def show_question(self, entry: RollCallEntry | None, day: dt.date | None) -> None:
        if entry is None or not entry.report_needs_answer or entry.report is None or day is None:
            self.question.hide()
            return
        self.question_label.setText(
            self.tr("{name}: {question}").format(
                name=entry.pupil.full_name, question=late_report_question(entry.report, day)
            )
        )
        self.question.show()

    def show_comment_target(self, entry: RollCallEntry | None) -> None:
        name = entry.pupil.given_name if entry is not None else ""
        self.comment_label.setText(self.tr("Comment for {name} (K):").format(name=name))
        comment = entry.mark.comment if entry is not None and entry.mark is not None else None
        self.comment_edit.setText(comment or "")

    def show_typing(self, digits: str) -> None:
        if digits:
            self.minutes_label.setText(
                self.tr("{minutes} min — press S (late) or T (left early), Esc to clear").format(
                    minutes=digits
                )
            )
        self.minutes_label.setVisible(bool(digits))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def outside_lesson_text(self, state: str) -> str:
        if state == LATE:
            return self.tr(
                "It isn't lesson time now, so Klassbok can't count how late. Type the "
                "minutes, then S."
            )
        return self.tr(
            "It isn't lesson time now, so Klassbok can't count how early. Type the minutes, then T."
        )
