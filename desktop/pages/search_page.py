"""Search (Sök): what the teacher types in the main window's search field,
found in the cache as they type: pupils, notes, extra anpassningar, units,
lesson plans and the syllabus (local_db.search, docs/search.md).

The field lives in the main window (Ctrl+K, Ctrl+F); this page shows the
results. Typing waits DEBOUNCE_MS for a pause, then the search runs on the
DB worker like every page's read. Only one search is in flight at a time:
what is typed meanwhile waits and goes next, so a fast typist never queues
a search per keystroke, and an answer for older text is never shown over a
newer one. Opening a result asks the main window to navigate
(`open_requested`); a syllabus item opens here, its text with its credit.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget
from sqlalchemy import Connection

from desktop.models.rows_table_model import ROW_ROLE
from desktop.models.search_results_model import MatchDelegate, SearchResultsModel
from desktop.pages.assessment.catalogue_picker import source_text
from desktop.pages.lesson_views import configure_table
from desktop.pages.page import Page, PageServices, empty_state, page_heading
from local_db.search import SearchHit, SearchResults, search, search_words
from local_db.search.views import CATALOGUE_ITEM
from sync_protocol.kinds.curriculum import DEFAULT_SOURCE

#: A pause this long in typing starts a search.
DEBOUNCE_MS = 150


class SearchPage(Page):
    #: A hit to open elsewhere (a pupil, a note, a unit, a lesson plan).
    open_requested = Signal(object)

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.setObjectName("searchPage")
        heading, _title, self.subtitle = page_heading(self.title())
        self.typed = ""
        #: The text of the search on the worker now (None: none running).
        self._running: str | None = None
        self.results: SearchResults | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)

        self.model = SearchResultsModel(self)
        self.table = QTableView()
        self.table.setObjectName("searchResults")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Search results"))
        configure_table(self.table, SearchResultsModel.FOUND)
        self.table.setItemDelegateForColumn(SearchResultsModel.FOUND, MatchDelegate(self.table))
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty = empty_state("")
        self.item_view = QLabel()
        self.item_view.setObjectName("catalogueText")
        self.item_view.setWordWrap(True)
        self.item_view.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.item_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.item_view.setMinimumWidth(260)
        self.item_view.hide()
        split = QSplitter()
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(self.item_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        self._show_state()

    def title(self) -> str:
        return self.tr("Search")

    # --- searching ---------------------------------------------------------------

    def set_text(self, typed: str) -> None:
        """What the field holds now; searched after a pause in typing."""
        self.typed = typed
        self._timer.start()

    def refresh(self) -> None:
        """Data changed (or the page is shown): search the same words again."""
        self._start()

    def _start(self) -> None:
        if self._running is not None:
            return  # the answer comes first; _done starts the newest text then
        typed, me = self.typed, self.services.teacher_id
        if not search_words(typed):
            self._show(SearchResults(typed, ()))
            return
        self._running = typed

        def query(conn: Connection) -> SearchResults:
            return search(conn, typed, me)

        self.services.read(query, self._done, owner=self)

    def _done(self, results: SearchResults) -> None:
        self._running = None
        if results.typed != self.typed:
            self._start()  # typed on meanwhile: that text now
            return
        self._show(results)

    def _show(self, results: SearchResults) -> None:
        self.results = results
        self.model.set_hits(results.hits)
        self.item_view.hide()
        self._show_state()
        self.loaded.emit()

    def _show_state(self) -> None:
        results = self.results
        hits = () if results is None else results.hits
        self.table.setVisible(bool(hits))
        self.empty.setVisible(not hits)
        if not search_words(self.typed):
            self.subtitle.setText("")
            self.empty.setText(
                self.tr(
                    "Type to search your pupils, notes, extra adjustments, units, lesson "
                    "plans and the syllabus. Two letters are enough: “bråk” finds “bråktal”."
                )
            )
        elif not hits:
            self.subtitle.setText("")
            self.empty.setText(
                self.tr("Nothing matches “{text}”. Check the spelling or type less.").format(
                    text=self.typed.strip()
                )
            )
        elif results is not None and results.more:
            self.subtitle.setText(
                self.tr("The best %n result(s); type more to narrow them down.", "", len(hits))
            )
        else:
            self.subtitle.setText(self.tr("%n result(s)", "", len(hits)))

    # --- opening -------------------------------------------------------------------

    def open_first(self) -> None:
        """Enter in the search field: the best result."""
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
            self._activated(self.model.index(0, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = current.data(ROW_ROLE)
        if isinstance(hit, SearchHit) and hit.kind == CATALOGUE_ITEM:
            self.show_item(hit)
        else:
            self.item_view.hide()

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(ROW_ROLE)
        if not isinstance(hit, SearchHit):
            return
        if hit.kind == CATALOGUE_ITEM:
            self.show_item(hit)
        else:
            self.open_requested.emit(hit)

    def show_item(self, hit: SearchHit) -> None:
        """A syllabus item's whole text, and where it comes from."""
        credit = source_text(hit.subject, hit.version or 0, hit.source or DEFAULT_SOURCE)
        self.item_view.setText(
            f"<h3>{_escape(hit.title)}</h3><p>{_escape(hit.text)}</p><p><i>{_escape(credit)}</i></p>"
        )
        self.item_view.show()


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")
