"""Shared ways of showing lessons: a calm table and a card delegate."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop import local_time, theme
from desktop.models.lesson_table_model import (
    TIMING_ROLE,
    LessonTableModel,
    LessonTiming,
    lesson_title,
)
from desktop.models.rows_table_model import ROW_ROLE
from local_db.views import LessonView

CARD_BORDER = "#d5dbe3"
CARD_FILL = "#ffffff"
CARD_HIGHLIGHT_FILL = "#e4f0fb"
CARD_HIGHLIGHT_BORDER = "#2f6fae"
TEXT = "#1f2933"
MUTED = "#6b7280"
CANCELLED_FILL = "#f7f8fa"


def configure_table(view: QTableView, stretch_column: int) -> None:
    """Tables that read like lists: whole rows, no grid, generous rows."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(40)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    view.setTabKeyNavigation(False)


def make_lesson_table(model: LessonTableModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName("lessonTable")
    view.setModel(model)
    configure_table(view, LessonTableModel.SUBJECT)
    return view


class LessonCardDelegate(QStyledItemDelegate):
    """Draws a lesson as a small card: time, subject, groups and room."""

    PADDING = 8
    LINES = 3

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        height = metrics.height() * self.LINES + self.PADDING * 2 + 8
        return QSize(120, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        lesson = index.data(ROW_ROLE)
        if not isinstance(lesson, LessonView):
            super().paint(painter, option, index)
            return
        timing = index.data(TIMING_ROLE)
        rect: QRect = option.rect.adjusted(2, 3, -2, -3)
        state = option.state
        highlighted = timing in (LessonTiming.CURRENT, LessonTiming.NEXT)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = theme.colour(CANCELLED_FILL if lesson.cancelled else CARD_FILL)
        if highlighted or selected:
            fill = theme.colour(CARD_HIGHLIGHT_FILL)
        border = theme.colour(
            CARD_HIGHLIGHT_BORDER if (highlighted or focused or selected) else CARD_BORDER
        )
        painter.setPen(QPen(border, 2 if (focused or highlighted) else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)

        base_font: QFont = option.font
        metrics = QFontMetrics(base_font)
        line_height = metrics.height()
        text_rect = rect.adjusted(self.PADDING, self.PADDING - 2, -self.PADDING, 0)
        muted = lesson.cancelled or timing is LessonTiming.PAST

        time_font = QFont(base_font)
        time_font.setPointSizeF(base_font.pointSizeF() * 0.92)
        painter.setFont(time_font)
        painter.setPen(theme.colour(MUTED))
        painter.drawText(
            QRect(text_rect.left(), text_rect.top(), text_rect.width(), line_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            local_time.time_range(lesson.start_time, lesson.end_time),
        )
        title_font = QFont(base_font)
        title_font.setBold(True)
        title_font.setStrikeOut(lesson.cancelled)
        painter.setFont(title_font)
        painter.setPen(theme.colour(MUTED if muted else TEXT))
        title_rect = QRect(
            text_rect.left(), text_rect.top() + line_height, text_rect.width(), line_height
        )
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(title_font).elidedText(
                lesson_title(lesson), Qt.TextElideMode.ElideRight, title_rect.width()
            ),
        )
        detail = " · ".join(part for part in (", ".join(lesson.group_names), lesson.room) if part)
        painter.setFont(base_font)
        painter.setPen(theme.colour(MUTED))
        detail_rect = QRect(
            text_rect.left(), text_rect.top() + 2 * line_height, text_rect.width(), line_height
        )
        painter.drawText(
            detail_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_rect.width()),
        )
        painter.restore()
