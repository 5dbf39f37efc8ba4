"""About Klassbok: the version, and what it is built from under which licence.

The Python libraries are read from their installed metadata (desktop.licences),
the same figures in a checkout, a wheel install and the bundle; the native
libraries inside them (Qt, SQLCipher, OpenSSL) are named too, since their
licences are what a school's IT department asks about.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import licences, resources


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Klassbok"))
        self.setWindowIcon(resources.icon("klassbok"))
        self.resize(680, 540)

        title = QLabel(self.tr("Klassbok {version}").format(version=licences.app_version()))
        title.setObjectName("detailTitle")
        title.setAccessibleName(title.text())
        summary = QLabel(
            self.tr(
                "Attendance, planning, assessment and pupil documentation for teachers in "
                "Swedish compulsory school. Your school's data is kept on this computer, "
                "encrypted, and synced with the school's server."
            )
        )
        summary.setWordWrap(True)
        heading = QLabel(self.tr("Built with"))
        heading.setObjectName("sectionTitle")

        components = [
            *licences.native_components(qVersion()),
            *licences.python_components(),
        ]
        self.table = QTableWidget(len(components), 3)
        self.table.setObjectName("licenceTable")
        self.table.setAccessibleName(self.tr("Libraries and their licences"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Library"), self.tr("Version"), self.tr("Licence")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for row, component in enumerate(components):
            for column, text in enumerate((component.name, component.version, component.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long licence expression is elided in the cell
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows (tests, the self-test)."""
        found = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in range(3)]
            name, version, licence = (cell.text() if cell is not None else "" for cell in cells)
            found.append((name, version, licence))
        return found
