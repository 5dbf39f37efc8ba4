"""The results of a search (local_db.search): one row a hit, grouped by kind
(pupils, notes, adjustments, units, lesson plans, syllabus), ranked within
each group. Columns: the kind, the heading (a pupil's name, a unit's title),
where the words were found (the snippet, matched words in bold through
MatchDelegate) and the day."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop import local_time
from desktop.models.rows_table_model import RowsTableModel
from local_db.search import KINDS, MATCH_END, MATCH_START, SearchHit
from local_db.search.views import (
    ADJUSTMENT,
    CATALOGUE_ITEM,
    LESSON_PLAN,
    NOTE,
    PUPIL,
    UNIT,
)

translate = QCoreApplication.translate
#: Custom role: the snippet as HTML, matched words in <b> (MatchDelegate paints it).
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2


def kind_label(kind: str) -> str:
    names = {
        PUPIL: translate("Search", "Pupil"),
        NOTE: translate("Search", "Note"),
        ADJUSTMENT: translate("Search", "Extra adjustment"),
        UNIT: translate("Search", "Unit"),
        LESSON_PLAN: translate("Search", "Lesson plan"),
        CATALOGUE_ITEM: translate("Search", "Syllabus"),
    }
    return names.get(kind, kind)


def plain_snippet(snippet: str) -> str:
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "").replace("\n", " ")


def snippet_html(snippet: str) -> str:
    """Escaped first, so a note's own `<` never becomes markup."""
    escaped = html.escape(snippet.replace("\n", " "))
    return escaped.replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")


def grouped(hits: Sequence[SearchHit]) -> list[SearchHit]:
    """By kind in KINDS order, each kind's hits in their rank order."""
    order = {kind: number for number, kind in enumerate(KINDS)}
    return sorted(hits, key=lambda hit: order.get(hit.kind, len(order)))  # stable: ranks stay


def day_text(hit: SearchHit) -> str:
    if hit.day is not None:
        return local_time.short_date(hit.day)
    if hit.lesson_start is not None:
        return local_time.short_date(local_time.to_local(hit.lesson_start).date())
    return ""


def heading_text(hit: SearchHit) -> str:
    if hit.kind == LESSON_PLAN and hit.activity_name:
        return hit.activity_name
    if hit.kind == UNIT and hit.activity_name:
        return f"{hit.title} ({hit.activity_name})"
    return hit.title


class SearchResultsModel(RowsTableModel[SearchHit]):
    KIND, HEADING, FOUND, DAY = range(4)

    def headers(self) -> Sequence[str]:
        return (
            translate("Search", "Kind"),
            translate("Search", "What"),
            translate("Search", "Found in"),
            translate("Search", "Date"),
        )

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.set_rows(grouped(hits))

    def display(self, row: SearchHit, column: int) -> str:
        if column == self.KIND:
            return kind_label(row.kind)
        if column == self.HEADING:
            return heading_text(row)
        if column == self.FOUND:
            return plain_snippet(row.snippet)
        return day_text(row)

    def extra_data(self, row: SearchHit, column: int, role: int) -> Any:
        if role == SNIPPET_HTML_ROLE and column == self.FOUND:
            return snippet_html(row.snippet)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.FOUND:
            return plain_snippet(row.snippet)
        return None


class MatchDelegate(QStyledItemDelegate):
    """Paints the snippet column with the matched words in bold."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = index.data(SNIPPET_HTML_ROLE)
        if not isinstance(text, str):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(text)
        rect = option.rect
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        top = rect.top() + max(0, (rect.height() - document.size().height()) / 2)
        painter.translate(rect.left() + 4, top)
        painter.setClipRect(0, 0, rect.width() - 8, rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()
