"""A pupil's group memberships with their dates (pupil page)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop import local_time
from desktop.models.rows_table_model import RowsTableModel
from local_db.views import MembershipView


class MembershipTableModel(RowsTableModel[MembershipView]):
    GROUP, FROM, UNTIL = range(3)

    def headers(self) -> Sequence[str]:
        return (self.tr("Group"), self.tr("From"), self.tr("Until"))

    def set_rows(self, rows: Sequence[MembershipView]) -> None:
        super().set_rows(sorted(rows, key=lambda m: (m.group_name.casefold(), m.start_date)))

    def display(self, row: MembershipView, column: int) -> str:
        if column == self.GROUP:
            return row.group_name
        if column == self.FROM:
            return row.start_date.isoformat()
        if column == self.UNTIL:
            return row.end_date.isoformat() if row.end_date else self.tr("ongoing")
        return ""


def is_current(membership: MembershipView) -> bool:
    today = local_time.today()
    return membership.start_date <= today and (
        membership.end_date is None or membership.end_date >= today
    )
