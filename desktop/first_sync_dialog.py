"""Progress of the first download of a teacher's school data.

Shown only when the download takes longer than the task runner's progress
delay (0.5 s), so a quick one never flickers. The total is unknown to the
client (the feed is paged), so it shows a busy bar and the records so far.
Cancel stops at the next safe point: every page that arrived is kept, and
the next sync carries on from there. The dialog is not modal: the window
stays usable, and "Hide" leaves the progress in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.task_runner import ProgressInfo


class FirstSyncDialog(QDialog):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSyncDialog")
        self.setWindowTitle(self.tr("Downloading your school data"))
        self.setModal(False)
        self.task_id: int | None = None
        heading = QLabel(self.tr("Downloading your school data"))
        heading.setObjectName("dialogHeading")
        explanation = QLabel(
            self.tr(
                "The first time, Klassbok copies your groups, pupils and timetable to this "
                "computer, so that it works without a network. This can take a few minutes."
            )
        )
        explanation.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the total is not known in advance
        self.bar.setTextVisible(False)
        self.count_label = QLabel(self.tr("Starting…"))
        self.count_label.setObjectName("hintLabel")
        self.hide_button = QPushButton(self.tr("Hide"))
        self.hide_button.setToolTip(self.tr("Keep downloading; progress stays in the status bar"))
        self.hide_button.clicked.connect(self.hide)
        self.cancel_button = QPushButton(self.tr("Stop download"))
        self.cancel_button.setToolTip(
            self.tr("What has arrived is kept; Sync now continues from there")
        )
        self.cancel_button.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.hide_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.bar)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)

    def start(self, info: ProgressInfo) -> None:
        self.task_id = info.task_id
        self.cancel_button.setEnabled(True)
        self.update_progress(info)
        self.show()

    def update_progress(self, info: ProgressInfo) -> None:
        if info.task_id != self.task_id:
            return
        if info.done:
            count = f"{info.done:,}".replace(",", "\u202f")
            self.count_label.setText(
                self.tr("%n record(s) so far", "", info.done).replace(str(info.done), count)
            )

    def finish(self, task_id: int) -> None:
        if task_id == self.task_id:
            self.task_id = None
            self.hide()

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.count_label.setText(self.tr("Stopping after the current part…"))
        self.cancel_requested.emit()
