"""A pupil's absence week by week: stacked bars, valid below, invalid on top,
as a share of the week's registered lesson time (weeks with holidays
compare fairly). Drawn with QPainter: QtCharts is not part of
PySide6-Essentials. Axis labels, a legend and words for screen readers."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop import theme
from desktop.models.attendance_texts import percent
from local_db.attendance.views import WeekAbsence

VALID_COLOR = "#5b8fc9"
INVALID_COLOR = "#d9822b"
AXIS_COLOR = "#9ca3af"
GRID_COLOR = "#e5e7eb"
TEXT_COLOR = "#4b5563"
NO_DATA_COLOR = "#d5dbe3"

LEFT, RIGHT, TOP, BOTTOM = 72, 16, 34, 46  # at the normal text size; larger text, more


def margins(metrics: QFontMetrics) -> tuple[float, float, float]:
    """Left, top and bottom room for the axis labels and titles in this font."""
    line = metrics.height()
    left = max(LEFT, line + 10 + metrics.horizontalAdvance("100 %") + 8)
    return float(left), float(max(TOP, line + 16)), float(max(BOTTOM, 2 * line + 12))


def week_shares(weeks: Sequence[WeekAbsence]) -> list[tuple[float, float] | None]:
    """(valid %, invalid %) of each week's registered time; None: nothing registered."""
    shares: list[tuple[float, float] | None] = []
    for week in weeks:
        if week.reported <= 0:
            shares.append(None)
        else:
            shares.append(
                (
                    100.0 * week.valid_absence / week.reported,
                    100.0 * week.invalid_absence / week.reported,
                )
            )
    return shares


def tick_step(top: int) -> int:
    """Gridlines at round values up to the top itself, at most five above zero."""
    return next(step for step in (2, 5, 10, 20, 25, 50) if top % step == 0 and top / step <= 5)


def axis_top(highest: float) -> int:
    """A round top for the y axis: at least 10 %, at most 100 %."""
    if highest <= 10:
        return 10
    step = 10 if highest <= 50 else 25
    return min(100, int(math.ceil(highest / step) * step))


class AbsenceChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("absenceChart")
        self.setAccessibleName(self.tr("Absence per week"))
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._weeks: list[WeekAbsence] = []

    def sizeHint(self) -> QSize:
        return QSize(560, max(240, 14 * self.fontMetrics().height()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the teacher chose a text size
            self.updateGeometry()

    def weeks(self) -> list[WeekAbsence]:
        return list(self._weeks)

    def set_weeks(self, weeks: Sequence[WeekAbsence]) -> None:
        self._weeks = list(weeks)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words (screen readers, tooltips)."""
        parts = []
        for week, share in zip(self._weeks, week_shares(self._weeks), strict=True):
            if share is None:
                continue
            valid, invalid = share
            parts.append(
                self.tr("week {week}: valid {valid}, invalid {invalid}").format(
                    week=week.week, valid=percent(valid), invalid=percent(invalid)
                )
            )
        return "; ".join(parts) if parts else self.tr("No registered lessons in this period.")

    # --- drawing -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        left, top_room, bottom_room = margins(metrics)
        plot = QRectF(
            left,
            top_room,
            max(10, self.width() - left - RIGHT),
            max(10, self.height() - top_room - bottom_room),
        )
        shares = week_shares(self._weeks)
        if not any(share is not None for share in shares):
            painter.setPen(theme.colour(TEXT_COLOR))
            painter.drawText(
                QRectF(self.rect()),
                int(Qt.AlignmentFlag.AlignCenter),
                self.tr("No registered lessons in this period yet."),
            )
            painter.end()
            return
        highest = max(sum(share) for share in shares if share is not None)
        top = axis_top(highest)
        self._draw_grid(painter, plot, top, metrics)
        self._draw_bars(painter, plot, top, shares, metrics)
        self._draw_legend(painter, metrics)
        painter.end()

    def _y(self, plot: QRectF, top: int, value: float) -> float:
        return plot.bottom() - plot.height() * min(value, top) / top

    def _draw_grid(self, painter: QPainter, plot: QRectF, top: int, metrics: QFontMetrics) -> None:
        painter.setFont(self.font())
        for value in range(0, top + 1, tick_step(top)):
            y = self._y(plot, top, value)
            painter.setPen(QPen(theme.colour(GRID_COLOR if value else AXIS_COLOR), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(theme.colour(TEXT_COLOR))
            label = f"{value} %"
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, plot.left() - 8, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
        # Axis titles: what the numbers are.
        painter.save()
        painter.translate(metrics.height() / 2 + 2, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, -metrics.height() / 2, plot.height(), metrics.height()),
            int(Qt.AlignmentFlag.AlignCenter),
            self.tr("% of lesson time"),
        )
        painter.restore()
        painter.drawText(
            QRectF(
                plot.left(), self.height() - metrics.height() - 2, plot.width(), metrics.height()
            ),
            int(Qt.AlignmentFlag.AlignCenter),
            self.tr("Week"),
        )

    def _draw_bars(
        self,
        painter: QPainter,
        plot: QRectF,
        top: int,
        shares: list[tuple[float, float] | None],
        metrics: QFontMetrics,
    ) -> None:
        slot = plot.width() / len(shares)
        width = max(3.0, min(28.0, slot * 0.62))
        label_every = max(1, math.ceil(metrics.horizontalAdvance("52") * 1.8 / slot))
        for index, (week, share) in enumerate(zip(self._weeks, shares, strict=True)):
            center = plot.left() + slot * (index + 0.5)
            left = center - width / 2
            if share is None:
                painter.setPen(QPen(theme.colour(NO_DATA_COLOR), 2))
                painter.drawLine(
                    QPointF(left, plot.bottom() - 1), QPointF(left + width, plot.bottom() - 1)
                )
            else:
                valid, invalid = share
                valid_height = plot.bottom() - self._y(plot, top, valid)
                total_height = plot.bottom() - self._y(plot, top, valid + invalid)
                painter.fillRect(
                    QRectF(left, plot.bottom() - valid_height, width, valid_height),
                    theme.colour(VALID_COLOR),
                )
                painter.fillRect(
                    QRectF(left, plot.bottom() - total_height, width, total_height - valid_height),
                    theme.colour(INVALID_COLOR),
                )
            if index % label_every == 0:
                painter.setPen(theme.colour(TEXT_COLOR))
                painter.drawText(
                    QRectF(
                        center - slot * label_every / 2,
                        plot.bottom() + 4,
                        slot * label_every,
                        metrics.height(),
                    ),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    str(week.week),
                )

    def _draw_legend(self, painter: QPainter, metrics: QFontMetrics) -> None:
        items = (
            (self.tr("Valid absence"), theme.colour(VALID_COLOR)),
            (self.tr("Invalid absence"), theme.colour(INVALID_COLOR)),
        )
        x = float(self.width() - RIGHT)
        y = 8.0
        for text, color in reversed(items):
            width = metrics.horizontalAdvance(text)
            x -= width
            painter.setPen(theme.colour(TEXT_COLOR))
            painter.drawText(
                QRectF(x, y, width + 2, metrics.height()), int(Qt.AlignmentFlag.AlignVCenter), text
            )
            x -= 18
            painter.fillRect(QRectF(x, y + metrics.height() / 2 - 6, 12, 12), color)
            x -= 16
