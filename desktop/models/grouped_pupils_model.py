"""The teacher's pupils by group (Pupils page), and the filter typed over them.

Groups are top-level rows in the order local_db gives them (own groups
first), each with its pupils in Swedish name order; a pupil in two groups
is under both. The filter keeps a pupil whose name holds every word typed
(any case, å/ä/ö as typed), and a whole group whose name does ("7a").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from local_db.views import GroupView, PupilView

#: The PupilView of a pupil row (None on group rows).
PUPIL_ROLE = Qt.ItemDataRole.UserRole + 1
#: The folded text the filter matches.
MATCH_ROLE = Qt.ItemDataRole.UserRole + 2

GroupedPupils = Sequence[tuple[GroupView, Sequence[PupilView]]]


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


class GroupedPupilsModel(QStandardItemModel):
    NAME, NOTE = range(2)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([self.tr("Name"), ""])

    def set_groups(self, groups: GroupedPupils) -> None:
        self.removeRows(0, self.rowCount())
        for group, pupils in groups:
            header = QStandardItem(
                self.tr("{group} · %n pupil(s)", "", len(pupils)).format(group=group.display_name)
            )
            header.setData(fold(group.display_name), MATCH_ROLE)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            spacer = QStandardItem("")
            spacer.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for pupil in pupils:
                # Family name first: how class lists are read and sorted in school.
                name = QStandardItem(f"{pupil.family_name}, {pupil.given_name}")
                name.setData(pupil, PUPIL_ROLE)
                name.setData(fold(pupil.full_name), MATCH_ROLE)
                name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                note = QStandardItem(self.tr("Protected") if pupil.protected else "")
                note.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if pupil.protected:
                    tip = self.tr("Protected identity — contact details are not shown")
                    name.setToolTip(tip)
                    note.setToolTip(tip)
                header.appendRow([name, note])
            self.appendRow([header, spacer])

    def pupil_count(self) -> int:
        """Distinct pupils listed (one in two groups counts once)."""
        seen = set()
        for row in range(self.rowCount()):
            group = self.item(row, 0)
            for child in range(group.rowCount() if group is not None else 0):
                pupil = group.child(child, 0).data(PUPIL_ROLE) if group is not None else None
                if isinstance(pupil, PupilView):
                    seen.add(pupil.id)
        return len(seen)


class PupilFilter(QSortFilterProxyModel):
    """Rows whose name holds every typed word; a group is shown while any of
    its pupils is, and a group that matches by name shows all its pupils."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_text(self, text: str) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.9
            self._words = fold(text).split()
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        text = index.data(MATCH_ROLE)
        return isinstance(text, str) and all(word in text for word in self._words)

    def pupils(self) -> list[PupilView]:
        """The pupils shown, top to bottom, each once."""
        shown: list[PupilView] = []
        for row in range(self.rowCount()):
            group = self.index(row, 0)
            for child in range(self.rowCount(group)):
                pupil = self.index(child, 0, group).data(PUPIL_ROLE)
                if isinstance(pupil, PupilView) and pupil not in shown:
                    shown.append(pupil)
        return shown
