"""The initials badge of the roll call: a round chip in the colour of the
pupil's state, so the state of the class reads at a glance (the state is
also written in its own column: colour is never the only cue)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop import theme
from desktop.models.attendance_texts import STATE_COLORS
from desktop.models.roll_call_model import STATE_ROLE

BADGE_SIZE = 28


class InitialsBadgeDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(BADGE_SIZE + 16, BADGE_SIZE + 8)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The row's own background (selection, alternating) first.
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget
            )
        state = index.data(STATE_ROLE)
        text_light, fill_light = STATE_COLORS.get(state, STATE_COLORS[None])
        text_color, fill = theme.colour(text_light), theme.colour(fill_light)
        rect = QRectF(option.rect)
        size = min(BADGE_SIZE, rect.height() - 6)
        circle = QRectF(rect.center().x() - size / 2, rect.center().y() - size / 2, size, size)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(text_color, 1.5))
        painter.setBrush(fill)
        painter.drawEllipse(circle)
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.85))
        painter.setFont(font)
        painter.setPen(text_color)
        painter.drawText(circle, int(Qt.AlignmentFlag.AlignCenter), str(index.data() or ""))
        painter.restore()
