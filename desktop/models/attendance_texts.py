"""The words and colours of attendance, in one place for every screen.

Functions (not methods) translate with QCoreApplication.translate and a
literal context, so lupdate finds every string.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

from desktop import local_time
from local_db.attendance import Refusal, RollCallRefused
from local_db.attendance.views import (
    ABSENT,
    LATE,
    LEFT_EARLY,
    OTHER_ACTIVITY,
    PRESENT,
    VALID_ABSENCE,
    AbsenceReportView,
    AttendanceMark,
)

#: (text, soft fill) per state; None = not marked. Never the only cue:
#: every state is also written out.
#: Light-theme (text, fill) colours; desktop.theme.colour gives the one to paint.
STATE_COLORS: dict[str | None, tuple[str, str]] = {
    PRESENT: ("#276b43", "#e3f3e8"),
    LATE: ("#9a5b00", "#fdf0d9"),
    LEFT_EARLY: ("#9a5b00", "#fdf0d9"),
    ABSENT: ("#b42318", "#fde7e6"),
    VALID_ABSENCE: ("#2f6fae", "#e4f0fb"),
    OTHER_ACTIVITY: ("#6941c6", "#efeafc"),
    None: ("#4b5563", "#eef1f5"),
}


def state_name(status: str | None) -> str:
    translate = QCoreApplication.translate
    names = {
        PRESENT: translate("Attendance", "Present"),
        LATE: translate("Attendance", "Late"),
        LEFT_EARLY: translate("Attendance", "Left early"),
        ABSENT: translate("Attendance", "Absent (invalid)"),
        VALID_ABSENCE: translate("Attendance", "Valid absence"),
        OTHER_ACTIVITY: translate("Attendance", "Other activity"),
    }
    return names.get(status or "", translate("Attendance", "Not marked"))


def mark_text(mark: AttendanceMark | None) -> str:
    """'Late · 7 min', 'Present', 'Not marked'."""
    if mark is None:
        return state_name(None)
    minutes = mark.minutes
    if minutes is not None:
        return QCoreApplication.translate("Attendance", "{state} · {minutes} min").format(
            state=state_name(mark.status), minutes=minutes
        )
    return state_name(mark.status)


def _when(moment: dt.datetime, day: dt.date) -> str:
    """07:42 on the lesson's day, else '14 Sep 07:42'."""
    local = local_time.to_local(moment)
    if local.date() == day:
        return local_time.clock(moment)
    return f"{local_time.short_date(local.date())} {local_time.clock(moment)}"


def report_text(report: AbsenceReportView, day: dt.date) -> str:
    """Where a valid absence comes from, short enough for a table cell."""
    translate = QCoreApplication.translate
    if report.absence_type == "granted_leave":
        return translate("Attendance", "Leave granted (asked {when})").format(
            when=_when(report.reported_at, day)
        )
    return translate("Attendance", "Reported by guardian {when}").format(
        when=_when(report.reported_at, day)
    )


def late_report_question(report: AbsenceReportView, day: dt.date) -> str:
    return QCoreApplication.translate(
        "Attendance", "Reported by guardian at {when} — accept as valid absence?"
    ).format(when=_when(report.reported_at, day))


def refusal_text(refused: RollCallRefused, pupil_name: str = "") -> str:
    """What went wrong and what to do, for the line under the roll call."""
    translate = QCoreApplication.translate
    reason = refused.reason
    if reason is Refusal.MINUTES_OUT_OF_RANGE:
        return translate(
            "Attendance",
            "Minutes must be between 1 and {limit} (the length of the lesson). Nothing was saved.",
        ).format(limit=refused.limit)
    if reason is Refusal.LESSON_CANCELLED:
        return translate("Attendance", "This lesson was cancelled: nothing can be marked.")
    if reason is Refusal.NOT_IN_GROUP:
        return translate(
            "Attendance",
            "{name} is not in the lesson's groups on its day, so the mark can't be changed.",
        ).format(name=pupil_name or translate("Attendance", "This pupil"))
    if reason is Refusal.NOT_MARKED:
        return translate("Attendance", "Mark {name} first, then add a comment.").format(
            name=pupil_name or translate("Attendance", "the pupil")
        )
    if reason is Refusal.COMMENT_TOO_LONG:
        return translate(
            "Attendance", "A comment can be at most {limit} characters. Nothing was saved."
        ).format(limit=refused.limit)
    if reason is Refusal.UNKNOWN_LESSON:
        return translate(
            "Attendance",
            "This lesson is no longer in your timetable (it was removed by the school).",
        )
    return translate("Attendance", "That mark could not be saved.")


def percent(value: float | None, decimals: int = 1) -> str:
    """'12.5 %' in the UI language ('12,5 %' in Swedish); '–' when unknown."""
    if value is None:
        return "–"
    return f"{QLocale().toString(float(value), 'f', decimals)} %"


def threshold_text(threshold: float) -> str:
    """'15 %': a threshold is a whole number unless someone chose otherwise."""
    return percent(threshold, 0 if float(threshold).is_integer() else 1)


def hours(minutes: int) -> str:
    """Minutes as hours with one decimal ('12.5 h')."""
    return QCoreApplication.translate("Attendance", "{hours} h").format(
        hours=QLocale().toString(minutes / 60, "f", 1)
    )
