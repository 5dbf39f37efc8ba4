"""A group's attendance summary as CSV for Excel.

Written the way Swedish Excel opens it with a double-click: UTF-8 with a
byte-order mark (without it Excel reads å, ä, ö as two odd characters each),
semicolons between fields (Swedish Excel's list separator; a comma is the
decimal sign there), decimal commas in percentages, CRLF line ends. One
header row, a row per pupil, a last row for the whole group: a table Excel
can sort and filter as it is.

Names and figures only: no contact details, no comments (comments may hold
things that should not travel), nothing about protected identity.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from local_db.attendance.views import AttendanceSums, GroupStatistics

#: Excel in Swedish: semicolon between fields, comma as decimal sign.
DELIMITER = ";"
ENCODING = "utf-8-sig"  # UTF-8 with BOM


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def headers() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("AttendanceCsv", "Pupil"),
        translate("AttendanceCsv", "Offered (min)"),
        translate("AttendanceCsv", "Registered (min)"),
        translate("AttendanceCsv", "Present (min)"),
        translate("AttendanceCsv", "Valid absence (min)"),
        translate("AttendanceCsv", "Invalid absence (min)"),
        translate("AttendanceCsv", "Other school activity (min)"),
        translate("AttendanceCsv", "Absence (%)"),
        translate("AttendanceCsv", "Invalid absence (%)"),
        translate("AttendanceCsv", "Late arrivals"),
        translate("AttendanceCsv", "At or above threshold"),
    ]


def _row(name: str, sums: AttendanceSums, threshold: float) -> list[str]:
    return [
        name,
        str(sums.offered),
        str(sums.reported),
        str(sums.attendance),
        str(sums.valid_absence),
        str(sums.invalid_absence),
        str(sums.other_attendance),
        _number(sums.absence_percent),
        _number(sums.invalid_percent),
        str(sums.late_count),
        QCoreApplication.translate("AttendanceCsv", "yes") if sums.at_or_above(threshold) else "",
    ]


def summary_csv(stats: GroupStatistics, threshold: float) -> str:
    """The file's text (without the byte-order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(headers())
    for row in stats.pupils:
        name = f"{row.pupil.family_name}, {row.pupil.given_name}"
        writer.writerow(_row(name, row.sums, threshold))
    whole = QCoreApplication.translate("AttendanceCsv", "Whole group {group}").format(
        group=stats.group_name
    )
    writer.writerow(_row(whole, stats.total, threshold))
    return out.getvalue()


def write_summary_csv(path: Path, stats: GroupStatistics, threshold: float) -> None:
    """Raises OSError (disk full, no permission): the caller says so."""
    path.write_text(summary_csv(stats, threshold), encoding=ENCODING, newline="")
