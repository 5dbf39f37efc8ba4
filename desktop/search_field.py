"""The main window's search field (Ctrl+K, Ctrl+F) and where a result leads.

Typing shows the Search page (desktop.pages.search_page) with results as
the teacher types; Enter opens the best one, Down moves into the list, Esc
empties the field and goes back to the page the teacher came from. A
result opens where it lives: a pupil, note or extra anpassning on the
Pupils page (the note chosen in the pupil's timeline), a unit or a lesson
plan in Planering.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QWidget

from desktop.pages.planning.planning_navigation import open_lesson_plan, open_unit
from local_db.search import SearchHit
from local_db.search.views import ADJUSTMENT, LESSON_PLAN, NOTE, PUPIL, UNIT

#: The main window (not imported: it imports this module); it has search_page,
#: stack, nav, pages, pupils_page, planning_page, show_search, show_page, open_pupil.
MainWindow = Any


class SearchField(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: The page shown before the search began (Esc goes back to it).
        self._came_from: QWidget | None = None
        self.edit = QLineEdit()
        self.edit.setObjectName("globalSearch")
        self.edit.setPlaceholderText(
            self.tr("Search pupils, notes, plans and the syllabus… (Ctrl+K)")
        )
        self.edit.setAccessibleName(self.tr("Search"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._typed)
        self.edit.returnPressed.connect(window.search_page.open_first)
        self.edit.installEventFilter(self)
        self.bar = QFrame()
        self.bar.setObjectName("searchBar")
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(32, 12, 32, 0)
        row.addWidget(self.edit)

    def focus_search(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text().strip():
            self._show_results()

    def _typed(self, text: str) -> None:
        self.window.search_page.set_text(text)
        if text.strip():
            self._show_results()

    def _show_results(self) -> None:
        current = self.window.stack.currentWidget()
        if current is not self.window.search_page:
            self._came_from = current
        self.window.show_search()

    def _leave(self) -> None:
        self.edit.clear()
        back = self._came_from
        if back is not None and self.window.stack.currentWidget() is self.window.search_page:
            for row, (page, _icon) in enumerate(self.window.pages):
                if page is back:
                    self.window.nav.setCurrentRow(row)
        self._came_from = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self._leave()
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
                table = self.window.search_page.table
                if table.isVisible():
                    table.setFocus(Qt.FocusReason.OtherFocusReason)
                    if not table.currentIndex().isValid():
                        table.setCurrentIndex(table.model().index(0, 0))
                    return True
        return super().eventFilter(watched, event)


def open_hit(window: MainWindow, hit: SearchHit) -> None:
    """Go where the result lives."""
    if hit.kind == PUPIL and hit.pupil_id is not None:
        window.open_pupil(hit.pupil_id)
    elif hit.kind in (NOTE, ADJUSTMENT) and hit.pupil_id is not None:
        window.show_page(window.pupils_page)
        window.pupils_page.show_pupil(hit.pupil_id, record_id=hit.record_id)
    # Planering's choices first, then the page: the read its showing starts
    # is then of the unit's or the lesson's week already.
    elif hit.kind == UNIT and hit.activity_id is not None:
        open_unit(window.planning_page, hit.activity_id, hit.record_id)
        window.show_page(window.planning_page)
    elif hit.kind == LESSON_PLAN and hit.lesson_id is not None and hit.lesson_start is not None:
        open_lesson_plan(window.planning_page, hit.lesson_id, hit.lesson_start)
        window.show_page(window.planning_page)
