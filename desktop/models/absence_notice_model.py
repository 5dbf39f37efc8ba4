"""Same-day notices to a pupil's guardians (skollagen 7:17) and where each
stands: the pupil page shows whether the school's message went out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from desktop import local_time, theme
from desktop.models.rows_table_model import RowsTableModel
from local_db.attendance.views import AbsenceNoticeView

FAILED = "#b42318"


class AbsenceNoticeModel(RowsTableModel[AbsenceNoticeView]):
    DATE, STATE = range(2)

    def headers(self) -> Sequence[str]:
        return (self.tr("Day"), self.tr("Notice to guardians"))

    def display(self, row: AbsenceNoticeView, column: int) -> str:
        if column == self.DATE:
            day = row.notice_date
            return f"{local_time.weekday_name(day)} {local_time.short_date(day)}"
        if column == self.STATE:
            return self.state_text(row)
        return ""

    def state_text(self, row: AbsenceNoticeView) -> str:
        if row.state == "sent":
            if row.sent_at is not None:
                return self.tr("Sent {time}").format(time=local_time.clock(row.sent_at))
            return self.tr("Sent")
        if row.state == "queued":
            return self.tr("Waiting to be sent")
        if row.state == "failed":
            return self.tr(
                "Could not be sent (%n attempt(s)) — the school office follows up", "", row.attempts
            )
        if row.state == "cancelled":
            return self.tr("Not sent: the absence was corrected or reported in time")
        return row.state

    def extra_data(self, row: AbsenceNoticeView, column: int, role: int) -> Any:
        failed = row.state == "failed"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE and failed:
            return QBrush(theme.colour(FAILED))
        if role == Qt.ItemDataRole.ToolTipRole and failed and row.last_error:
            return row.last_error  # the server's reason, without addresses
        return None
