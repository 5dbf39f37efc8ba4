"""The attendance part of the pupil page: this term's figures, absence per
week (chart), and the same-day notices to the guardians and their state."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from desktop.models.absence_notice_model import AbsenceNoticeModel
from desktop.models.attendance_texts import hours, percent, threshold_text
from desktop.pages.lesson_views import configure_table
from desktop.widgets.absence_chart import AbsenceChart
from local_db.attendance.views import PupilAttendance
from sync_protocol.terms import term_for


class PupilAttendancePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pupilAttendance")
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.flag = QLabel()
        self.flag.setObjectName("thresholdNotice")
        self.flag.setWordWrap(True)
        self.chart = AbsenceChart()
        self.notices_title = QLabel(self.tr("Notices to guardians"))
        self.notices_title.setObjectName("sectionTitle")
        self.notice_model = AbsenceNoticeModel(self)
        self.notice_table = QTableView()
        self.notice_table.setObjectName("noticeTable")
        self.notice_table.setModel(self.notice_model)
        self.notice_table.setAccessibleName(self.tr("Notices to guardians"))
        configure_table(self.notice_table, AbsenceNoticeModel.STATE)
        self.no_notices = QLabel(self.tr("No notices to guardians this term."))
        self.no_notices.setObjectName("hintLabel")
        self.no_notices.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for widget in (
            self.title,
            self.summary,
            self.flag,
            self.chart,
            self.notices_title,
            self.notice_table,
            self.no_notices,
        ):
            layout.addWidget(widget)

    def show_attendance(self, attendance: PupilAttendance | None, threshold: float) -> None:
        self.setVisible(attendance is not None)
        if attendance is None:
            return
        term = term_for(attendance.start)
        self.title.setText(self.tr("Attendance this term ({term})").format(term=term.code))
        sums = attendance.sums
        if sums.reported == 0:
            self.summary.setText(self.tr("No roll call has been taken for this pupil yet."))
        else:
            self.summary.setText(
                self.tr(
                    "Absence {absence} (valid {valid}, invalid {invalid}) · late %n time(s) · "
                    "{registered} of {offered} lesson time registered",
                    "",
                    sums.late_count,
                ).format(
                    absence=percent(sums.absence_percent),
                    valid=percent(sums.valid_percent),
                    invalid=percent(sums.invalid_percent),
                    registered=hours(sums.reported),
                    offered=hours(sums.offered),
                )
            )
        flagged = sums.at_or_above(threshold)
        self.flag.setText(
            self.tr(
                "At or above the school's threshold of {threshold} absence: look into the "
                "reasons with the pupil's mentor."
            ).format(threshold=threshold_text(threshold))
        )
        self.flag.setVisible(flagged)
        self.chart.set_weeks(attendance.weeks)
        self.notice_model.set_rows(list(attendance.notices))
        has_notices = bool(attendance.notices)
        self.notice_table.setVisible(has_notices)
        self.no_notices.setVisible(not has_notices)
        header = self.notice_table.horizontalHeader().sizeHint().height()
        self.notice_table.setFixedHeight(header + max(1, len(attendance.notices)) * 40 + 4)
