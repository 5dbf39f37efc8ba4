"""A count badge on a sidebar entry ("Conflicts  2"), painted by a delegate
so the sidebar's own look (hover, selection) stays exactly as it is."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem

from desktop import theme

#: Item data role holding the count (int); 0 or None shows no badge.
BADGE_ROLE = Qt.ItemDataRole.UserRole + 40

_FILL = "#a15c07"  # the calm amber of "offline": needs attention, not alarm
_TEXT = "#ffffff"


class SidebarBadgeDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        count = index.data(BADGE_ROLE)
        if not isinstance(count, int) or count <= 0:
            return
        text = str(count) if count < 100 else "99+"
        painter.save()
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        rect: QRect = option.rect
        height = metrics.height() + 4
        width = max(height, metrics.horizontalAdvance(text) + 12)
        badge = QRect(rect.right() - width - 10, rect.center().y() - height // 2 + 1, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.colour(_FILL))
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(theme.colour(_TEXT))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


def set_badge(nav: QListWidget, row: int, count: int, title: str, accessible: str) -> None:
    """Show `count` on the sidebar entry `row`; the entry's accessible name
    says it in words (a screen reader does not see the painted badge)."""
    item = nav.item(row)
    if item is None:
        return
    item.setData(BADGE_ROLE, count)
    item.setData(Qt.ItemDataRole.AccessibleTextRole, accessible if count else title)
