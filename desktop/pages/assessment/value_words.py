"""Value words shown bold: a matrix cell's text as escaped HTML with the
syllabus's value words (<strong> in Skolverket's text) in <b>, and the
delegate that paints a cell so.

The text is the teacher's (or the catalogue's) plain text and is escaped
before any tag is added, so nothing in it is ever read as markup. A phrase
is bold wherever it stands as whole words; when the teacher has edited it
away, nothing is bold.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)


def emphasized_html(text: str, words: Sequence[str]) -> str:
    """`text` as HTML, every whole-word occurrence of a phrase in `words` bold."""
    spans: list[tuple[int, int]] = []
    for phrase in sorted({w for w in words if w.strip()}, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
        for found in pattern.finditer(text):
            start, end = found.span()
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
    parts, at = [], 0
    for start, end in sorted(spans):
        parts.append(html.escape(text[at:start]))
        parts.append(f"<b>{html.escape(text[start:end])}</b>")
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts).replace("\n", "<br>")


Index = QModelIndex | QPersistentModelIndex


class ValueWordsDelegate(QStyledItemDelegate):
    """Paints a cell with its value words bold; `words_for(index)` says which."""

    def __init__(self, words_for: Callable[[Index], Sequence[str]], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.words_for = words_for

    def _document(
        self, option: QStyleOptionViewItem, index: Index, width: int
    ) -> QTextDocument | None:
        words = self.words_for(index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not words or not isinstance(text, str) or not text:
            return None
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(emphasized_html(text, words))
        document.setTextWidth(max(width, 40))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        document = self._document(view_option, index, view_option.rect.width())
        if document is None:
            super().paint(painter, option, index)
            return
        view_option.text = ""
        widget = view_option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        rect = view_option.rect
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        # A size is asked for before the cell has a rect: the column's width.
        view = view_option.widget
        width = view.columnWidth(index.column()) if isinstance(view, QTableView) else 0
        document = self._document(view_option, index, width or view_option.rect.width())
        if document is None:
            return super().sizeHint(option, index)
        size = document.size()
        return QSize(int(size.width()), int(size.height()) + 4)
