"""Attendance statistics of a group over a term or chosen dates, from the
local cache (works offline). Pupils at or above the threshold (the school's
choice, 15 % unless changed; kept in the app settings) are highlighted.
Exports: CSV for Excel, PDF for a meeting. The reading runs on the DB
worker; the files are written here (small, and Qt's PDF writer wants the
UI thread)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Connection

from desktop import local_time
from desktop.exports.attendance_csv import write_summary_csv
from desktop.exports.attendance_pdf import write_summary_pdf
from desktop.models.attendance_statistics_model import SORT_ROLE, AttendanceStatisticsModel
from desktop.models.attendance_texts import percent, threshold_text
from desktop.pages.lesson_views import configure_table
from desktop.pages.page import PageServices, row_layout
from desktop.settings import DEFAULT_ABSENCE_THRESHOLD
from local_db import repositories
from local_db.attendance import group_statistics
from local_db.attendance.views import GroupStatistics
from local_db.views import GroupView
from sync_protocol.terms import Term, term_for

log = logging.getLogger(__name__)

THIS_TERM, LAST_TERM, CHOSEN_DATES = range(3)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def previous_term(term: Term) -> Term:
    return term_for(term.start - dt.timedelta(days=1))


class StatisticsView(QWidget):
    #: A pupil was opened (Enter / double-click): the window shows the pupil page.
    pupil_activated = Signal(object)
    #: Statistics were read and shown (tests, screenshots).
    loaded = Signal()

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceStatistics")
        self.services = services
        self.group_id: uuid.UUID | None = None
        self.stats: GroupStatistics | None = None
        today = services.today()

        threshold_label = self._make_choices(today)

        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.setToolTip(self.tr("For Excel (Swedish: semicolons, decimal commas)"))
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.csv_button.clicked.connect(self._export_csv)
        self.pdf_button.clicked.connect(self._export_pdf)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("statisticsSummary")
        self.summary_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setObjectName("noticeLabel")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.model = AttendanceStatisticsModel(self)
        self.model.set_threshold(self.threshold_spin.value())
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("statisticsTable")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Attendance per pupil"))
        configure_table(self.table, AttendanceStatisticsModel.NOTE)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AttendanceStatisticsModel.PUPIL, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._pupil_opened)
        self.explanation = QLabel(
            self.tr(
                "Percentages are of the lesson time whose roll call was taken. Late arrival "
                "and leaving early count as invalid absence unless a guardian's report "
                "covers them; other school activity is not absence."
            )
        )
        self.explanation.setObjectName("hintLabel")
        self.explanation.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        choices = row_layout(
            self.group_combo,
            self.period_combo,
            self.from_edit,
            self.until_edit,
            threshold_label,
            self.threshold_spin,
        )
        choices.addWidget(self.csv_button)
        choices.addWidget(self.pdf_button)
        layout.addLayout(choices)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explanation)
        self._period_chosen(read=False)

    def _make_choices(self, today: dt.date) -> QLabel:
        """Group, period and threshold; returns the threshold's label."""
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName(self.tr("Group"))
        self.group_combo.activated.connect(lambda _index: self._group_chosen())
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName(self.tr("Period"))
        term = term_for(today)
        self.period_combo.addItem(self.tr("This term ({term})").format(term=term.code))
        self.period_combo.addItem(
            self.tr("Last term ({term})").format(term=previous_term(term).code)
        )
        self.period_combo.addItem(self.tr("Chosen dates"))
        self.period_combo.currentIndexChanged.connect(lambda _index: self._period_chosen())
        self.from_edit = self._date_edit(term.start, self.tr("From"))
        self.until_edit = self._date_edit(min(today, term.end), self.tr("Until"))
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(1, 100)
        self.threshold_spin.setSuffix(" %")
        self.threshold_spin.setAccessibleName(self.tr("Highlight absence at or above"))
        self.threshold_spin.setValue(self._stored_threshold())
        self.threshold_spin.valueChanged.connect(self._threshold_changed)
        threshold_label = QLabel(self.tr("Highlight at or above"))
        threshold_label.setBuddy(self.threshold_spin)
        return threshold_label

    def _date_edit(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        edit.dateChanged.connect(lambda _date: self.refresh())
        return edit

    def _stored_threshold(self) -> int:
        settings = self.services.settings
        return settings.absence_threshold if settings is not None else DEFAULT_ABSENCE_THRESHOLD

    # --- choices ------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        return _date(self.from_edit.date()), _date(self.until_edit.date())

    def _period_chosen(self, read: bool = True) -> None:
        choice = self.period_combo.currentIndex()
        chosen = choice == CHOSEN_DATES
        today = self.services.today()
        term = term_for(today)
        # This term so far: lessons still to come are not "offered" yet.
        start, end = term.start, min(today, term.end)
        if choice == LAST_TERM:
            term = previous_term(term)
            start, end = term.start, term.end
        for edit in (self.from_edit, self.until_edit):
            edit.setEnabled(chosen)
            edit.setVisible(chosen)
        if not chosen:
            for edit, day in ((self.from_edit, start), (self.until_edit, end)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        if read:
            self.refresh()

    def _group_chosen(self) -> None:
        data = self.group_combo.currentData()
        group_id = uuid.UUID(data) if isinstance(data, str) else None
        if group_id is not None and group_id != self.group_id:
            self.group_id = group_id
            self.refresh()

    def select_group(self, group_id: uuid.UUID) -> None:
        self.group_id = group_id
        self.refresh()

    def set_threshold(self, percent_value: int) -> None:
        self.threshold_spin.setValue(percent_value)

    def _threshold_changed(self, value: int) -> None:
        if self.services.settings is not None:
            self.services.settings.set_absence_threshold(value)
        self.model.set_threshold(value)
        self._show_summary()

    # --- reading ------------------------------------------------------------------

    def refresh(self) -> None:
        teacher, today = self.services.teacher_id, self.services.today()
        chosen = self.group_id
        start, end = self.period()

        def query(conn: Connection) -> tuple[list[GroupView], GroupStatistics | None]:
            groups = (
                [] if teacher is None else repositories.groups_for_teacher(conn, teacher, today)
            )
            group = chosen if chosen in {g.id for g in groups} else None
            if group is None and groups:
                group = groups[0].id
            stats = None if group is None else group_statistics(conn, group, start, end)
            return groups, stats

        self.services.read(query, self._show, owner=self)

    def _show(self, result: tuple[list[GroupView], GroupStatistics | None]) -> None:
        groups, stats = result
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for group in groups:
            # Text data: QComboBox.findData cannot compare Python uuid objects.
            self.group_combo.addItem(group.display_name, str(group.id))
        self.stats = stats
        self.group_id = stats.group_id if stats is not None else None
        if stats is not None:
            self.group_combo.setCurrentIndex(self.group_combo.findData(str(stats.group_id)))
        self.group_combo.blockSignals(False)
        self.model.set_rows(list(stats.pupils) if stats else [])
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(stats is not None and bool(stats.pupils))
        self._show_summary()
        self.loaded.emit()

    def _show_summary(self) -> None:
        stats = self.stats
        if stats is None:
            self.summary_label.setText(self.tr("You don't teach any groups yet."))
            return
        threshold = self.threshold_spin.value()
        flagged = sum(1 for row in stats.pupils if row.sums.at_or_above(threshold))
        total = stats.total
        self.summary_label.setText(
            self.tr(
                "{group}, {start} – {end}: {absence} absence, of it {invalid} invalid · "
                "{flagged} of {pupils} pupils at or above {threshold} · roll call taken in "
                "{registered} of {lessons} lessons"
            ).format(
                group=stats.group_name,
                start=local_time.short_date(stats.start),
                end=local_time.short_date(stats.end),
                absence=percent(total.absence_percent),
                invalid=percent(total.invalid_percent),
                flagged=flagged,
                pupils=len(stats.pupils),
                threshold=threshold_text(threshold),
                registered=stats.registered_count,
                lessons=stats.lesson_count,
            )
        )

    def _pupil_opened(self, index: QModelIndex) -> None:
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        if row is not None:
            self.pupil_activated.emit(row.pupil.id)

    # --- exports ------------------------------------------------------------------

    def export_name(self, suffix: str) -> str:
        stats = self.stats
        if stats is None:
            return f"attendance.{suffix}"
        term = term_for(stats.start)
        whole_term = stats.start == term.start and stats.end in (
            term.end,
            min(self.services.today(), term.end),
        )
        period = term.code if whole_term else f"{stats.start.isoformat()}_{stats.end.isoformat()}"
        name = self.tr("Attendance {group} {period}").format(group=stats.group_name, period=period)
        return f"{name}.{suffix}"

    def _ask_path(self, suffix: str, kind: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save attendance summary"), self.export_name(suffix), kind
        )
        return Path(chosen) if chosen else None

    def _export_csv(self) -> None:
        path = self._ask_path("csv", self.tr("CSV for Excel (*.csv)"))
        if path is not None:
            self.export_csv(path)

    def _export_pdf(self) -> None:
        path = self._ask_path("pdf", self.tr("PDF (*.pdf)"))
        if path is not None:
            self.export_pdf(path)

    def export_csv(self, path: Path) -> bool:
        if self.stats is None:
            return False
        try:
            write_summary_csv(path, self.stats, self.threshold_spin.value())
        except OSError as exc:
            return self._export_failed(path, exc)
        return self._exported(path)

    def export_pdf(self, path: Path) -> bool:
        if self.stats is None:
            return False
        try:
            write_summary_pdf(path, self.stats, self.threshold_spin.value(), self.services.today())
        except OSError as exc:
            return self._export_failed(path, exc)
        return self._exported(path)

    def _exported(self, path: Path) -> bool:
        self.message_label.setText(self.tr("Saved {file}.").format(file=str(path)))
        self.message_label.show()
        return True

    def _export_failed(self, path: Path, exc: OSError) -> bool:
        log.warning("export to %s failed: %s", path, exc)
        self.message_label.setText(
            self.tr(
                "Klassbok couldn't save {file} ({reason}). Choose another folder, or check "
                "that the disk isn't full."
            ).format(file=str(path), reason=exc.strerror or str(exc))
        )
        self.message_label.show()
        return False
