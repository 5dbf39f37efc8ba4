"""The pupil's timeline (Tidslinje) on the Pupils page: one list of what
happened, newest first (attendance this term, results, term grades, notes,
extra anpassningar), with a toggle per kind. Filtering is done in memory on
the timeline the page read on the DB worker, so a toggle never waits."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.timeline_models import TimelineTableModel, kind_filter_name
from local_db.documentation.timeline import KINDS, PupilTimeline


class TimelinePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.timeline: PupilTimeline | None = None
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.period = QLabel()
        self.period.setObjectName("hintLabel")
        self.period.setWordWrap(True)
        self.toggles: dict[str, QPushButton] = {}
        toggles = QHBoxLayout()
        toggles.setSpacing(6)
        toggles.addWidget(QLabel(self.tr("Show:")))
        for kind in KINDS:
            button = QPushButton(kind_filter_name(kind))
            button.setObjectName("filterToggle")
            button.setCheckable(True)
            button.setChecked(True)
            button.setAccessibleName(self.tr("Show {kind}").format(kind=kind_filter_name(kind)))
            button.toggled.connect(lambda _on: self._filter())
            self.toggles[kind] = button
            toggles.addWidget(button)
        toggles.addStretch(1)
        self.export_button = QPushButton(self.tr("Documentation as PDF…"))
        self.export_button.setToolTip(
            self.tr("For the development talk: notes, extra adjustments and attendance")
        )
        # Below the table, not beside the toggles: one row of both was wider
        # than the page leaves the timeline, and squeezed the pupil list.
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)

        self.model = TimelineTableModel(self)
        self.table = self._make_table()
        self.empty = QLabel()
        self.empty.setObjectName("hintLabel")
        self.empty.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("noticeLabel")
        self.message.setWordWrap(True)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.period)
        layout.addLayout(toggles)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(export_row)
        layout.addWidget(self.message)
        self.show_timeline(None, "")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("timelineTable")
        table.setModel(self.model)
        table.setAccessibleName(self.tr("The pupil's timeline, newest first"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(34)
        header = table.horizontalHeader()
        for column in (TimelineTableModel.DATE, TimelineTableModel.KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # What happened takes the room; the details (who sees a note, the
        # feedback) keep a column of their own, whole in the tooltip.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TimelineTableModel.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TimelineTableModel.DETAIL, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TimelineTableModel.DETAIL, 240)
        return table

    def shown_kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, button in self.toggles.items() if button.isChecked())

    def show_timeline(self, timeline: PupilTimeline | None, pupil_name: str) -> None:
        self.timeline = timeline
        self.title.setText(
            self.tr("Timeline of {pupil}").format(pupil=pupil_name) if pupil_name else ""
        )
        self.export_button.setEnabled(timeline is not None)
        if timeline is None:
            self.period.setText("")
        else:
            self.period.setText(
                self.tr(
                    "Newest first. Attendance is counted for this term ({start} – {end}); "
                    "results, grades and documentation for as long as Klassbok has them."
                ).format(
                    start=timeline.attendance_start.isoformat(),
                    end=timeline.attendance_end.isoformat(),
                )
            )
        self._filter()

    def _filter(self) -> None:
        timeline = self.timeline
        rows = () if timeline is None else timeline.of_kinds(self.shown_kinds())
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if timeline is None:
            self.empty.setText(self.tr("Choose a pupil to see their timeline."))
        elif not timeline.entries:
            self.empty.setText(
                self.tr("Nothing recorded for this pupil yet: no absence, results or notes.")
            )
        else:
            self.empty.setText(self.tr("Nothing of the chosen kinds. Turn on more above."))

    def select_record(self, record_id: uuid.UUID) -> bool:
        """Choose and show the entry of a note or adjustment (a search result);
        its kind is turned on if it was off. False when the timeline has none."""
        timeline = self.timeline
        entry = next(
            (
                e
                for e in (timeline.entries if timeline else ())
                if getattr(e.item, "id", None) == record_id
            ),
            None,
        )
        if entry is None:
            return False
        self.toggles[entry.kind].setChecked(True)
        for row, shown in enumerate(self.model.rows()):
            if shown is entry:
                index = self.model.index(row, 0)
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                self.table.scrollTo(index)
        return True
