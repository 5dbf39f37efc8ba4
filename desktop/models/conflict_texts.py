"""The words of conflicts and notices, in one place for every sync screen.

"Grade on “Prov 1”", "Cecilia Carlsson changed Axel Ås from Absent to
Late · 10 min in Matematik 7A, 08:10". Functions (not methods) translate
with QCoreApplication.translate and the literal context "ConflictTexts", so
lupdate finds every string.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop import local_time
from desktop.models.attendance_texts import state_name
from local_db.repositories.sync_overview import ConflictItem, NoticeItem, RecordSubject
from local_db.views import ConflictSide

#: How resolve_conflict's delete_vs_edit values look inside a conflict.
DELETED_MARK = "__delete__"

#: The server's clock warning (server.services.sync.push_clock.clock_warning).
_CLOCK_FAST = re.compile(r"clock is (\d+) (minute|hour|day)s? fast")


def field_label(kind: str, field: str | None) -> str:
    """A field as a teacher names it."""
    translate = QCoreApplication.translate
    names = {
        "grade": translate("ConflictTexts", "Grade"),
        "comment": translate("ConflictTexts", "Comment"),
        "content": translate("ConflictTexts", "Plan text"),
        "homework": translate("ConflictTexts", "Homework"),
        "body": translate("ConflictTexts", "Note"),
        "category": translate("ConflictTexts", "Kind of note"),
        "status": translate("ConflictTexts", "Attendance"),
        "late_minutes": translate("ConflictTexts", "Minutes late"),
        "left_early_minutes": translate("ConflictTexts", "Minutes left early"),
        "absence_report_id": translate("ConflictTexts", "Guardian's report"),
        "registered": translate("ConflictTexts", "Roll call"),
        "title": translate("ConflictTexts", "Title"),
        "description": translate("ConflictTexts", "Description"),
        "aims": translate("ConflictTexts", "Aims"),
        "central_content": translate("ConflictTexts", "Central content"),
        "assessment_criteria": translate("ConflictTexts", "Assessment criteria"),
        "start_date": translate("ConflictTexts", "Start date"),
        "end_date": translate("ConflictTexts", "End date"),
        "assessment_date": translate("ConflictTexts", "Date"),
        "assessment_type": translate("ConflictTexts", "Kind of assessment"),
        "planning_unit_id": translate("ConflictTexts", "Unit plan"),
        "visibility": translate("ConflictTexts", "Who sees the note"),
        "note_date": translate("ConflictTexts", "Date of the note"),
        "term": translate("ConflictTexts", "Term"),
        "what": translate("ConflictTexts", "Adjustment"),
        "evaluation": translate("ConflictTexts", "Evaluation"),
        "decided_on": translate("ConflictTexts", "Decided on"),
        "decided_by": translate("ConflictTexts", "Decided by"),
        "document_location": translate("ConflictTexts", "Where the document is"),
    }
    if field is None:
        return translate("ConflictTexts", "Several fields")
    if kind == "term_grade" and field == "grade":
        return translate("ConflictTexts", "Term grade")
    return names.get(field, field.replace("_", " ").capitalize())


def kind_name(kind: str) -> str:
    translate = QCoreApplication.translate
    names = {
        "attendance": translate("ConflictTexts", "Attendance"),
        "lesson_registration": translate("ConflictTexts", "Roll call"),
        "planning_unit": translate("ConflictTexts", "Unit plan"),
        "lesson_plan": translate("ConflictTexts", "Lesson plan"),
        "assessment": translate("ConflictTexts", "Assessment"),
        "assessment_result": translate("ConflictTexts", "Result"),
        "pupil_note": translate("ConflictTexts", "Note"),
        "support_adjustment": translate("ConflictTexts", "Extra adjustment"),
        "action_programme_ref": translate("ConflictTexts", "Action programme (reference)"),
        "term_grade": translate("ConflictTexts", "Term grade"),
    }
    return names.get(kind, kind.replace("_", " ").capitalize())


def when_text(moment: dt.datetime | None, today: dt.date | None = None) -> str:
    """'today 09:12', '10 Sep 09:12' (school time); '' when unknown."""
    if moment is None:
        return ""
    local = local_time.to_local(moment)
    if local.date() == (today or local_time.today()):
        return QCoreApplication.translate("ConflictTexts", "today {time}").format(
            time=local_time.clock(moment)
        )
    return f"{local_time.short_date(local.date())} {local_time.clock(moment)}"


def lesson_text(subject: RecordSubject) -> str:
    """'Matematik 7A, Tue 10 Sep 08:10' (or just the activity)."""
    activity = subject.activity_name or QCoreApplication.translate("ConflictTexts", "a lesson")
    if subject.lesson_start is None:
        return activity
    local = local_time.to_local(subject.lesson_start)
    if local.date() == local_time.today():
        return f"{activity}, {local_time.clock(subject.lesson_start)}"
    day = f"{local_time.weekday_name(local.date())[:3]} {local_time.short_date(local.date())}"
    return f"{activity}, {day} {local_time.clock(subject.lesson_start)}"


def subject_text(subject: RecordSubject) -> str:
    """The record, without the pupil: '“Prov 1”', 'Lesson plan, Svenska 7A, …'."""
    translate = QCoreApplication.translate
    kind = subject.kind
    if kind == "assessment_result":
        if subject.title:
            return translate("ConflictTexts", "“{title}”").format(title=subject.title)
        return kind_name(kind)
    if kind in ("assessment", "planning_unit"):
        return translate("ConflictTexts", "{kind} “{title}”").format(
            kind=kind_name(kind), title=subject.title or ""
        )
    if kind == "term_grade":
        return translate("ConflictTexts", "{activity}, {term}").format(
            activity=subject.activity_name or "", term=subject.term or ""
        )
    if kind in ("attendance", "lesson_registration", "lesson_plan"):
        return translate("ConflictTexts", "{kind}, {lesson}").format(
            kind=kind_name(kind), lesson=lesson_text(subject)
        )
    if kind == "pupil_note" and subject.activity_name:
        return translate("ConflictTexts", "Note, {activity}").format(activity=subject.activity_name)
    return kind_name(kind)


#: Kinds whose heading names the field itself ("Grade on “Prov 1”").
FIELD_IN_HEADING = ("assessment_result", "term_grade")


def what_text(item: ConflictItem) -> str:
    """The heading of a conflict: 'Grade on “Prov 1”', 'Lesson plan,
    Svenska 7A, Thu 26 Nov 10:00', 'Note, Svenska 7A'."""
    view, subject = item.view, item.subject
    if view.conflict_type == "delete_vs_edit" or subject.kind not in FIELD_IN_HEADING:
        return subject_text(subject)
    if subject.kind == "term_grade":
        return QCoreApplication.translate("ConflictTexts", "Term grade {term}, {activity}").format(
            term=subject.term or "", activity=subject.activity_name or ""
        )
    return QCoreApplication.translate("ConflictTexts", "{field} on {subject}").format(
        field=field_label(view.record_kind, view.field_name), subject=subject_text(subject)
    )


def type_text(item: ConflictItem) -> str:
    """The column 'Field': what clashed."""
    view = item.view
    if view.conflict_type == "delete_vs_edit":
        return QCoreApplication.translate("ConflictTexts", "Deleted and edited")
    if view.conflict_type == "text_both":
        return QCoreApplication.translate("ConflictTexts", "{field} (two versions)").format(
            field=field_label(view.record_kind, view.field_name)
        )
    return field_label(view.record_kind, view.field_name)


def person(name: str | None) -> str:
    return name or QCoreApplication.translate("ConflictTexts", "Someone")


def _scalar(kind: str, field: str | None, value: Any) -> str:
    translate = QCoreApplication.translate
    if value is None or value == "":
        if field == "grade":
            return translate("ConflictTexts", "No grade")
        return translate("ConflictTexts", "(empty)")
    if field == "grade" and value == "-":
        return translate("ConflictTexts", "– (no grade possible)")
    if kind == "attendance" and field == "status":
        return state_name(str(value))
    if field in ("late_minutes", "left_early_minutes"):
        return translate("ConflictTexts", "{minutes} min").format(minutes=value)
    if field == "registered":
        return (
            translate("ConflictTexts", "taken")
            if value
            else translate("ConflictTexts", "not taken")
        )
    if isinstance(value, bool):
        return translate("ConflictTexts", "yes") if value else translate("ConflictTexts", "no")
    if field and field.endswith("_date") and isinstance(value, str):
        try:
            return local_time.short_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _attendance_mark(values: dict[str, Any]) -> str | None:
    """'Late · 10 min' for the usual pair of fields; None for anything else."""
    if set(values) - {"status", "late_minutes", "left_early_minutes"} or "status" not in values:
        return None
    minutes = values.get("late_minutes") or values.get("left_early_minutes")
    name = state_name(values["status"])
    if minutes:
        return QCoreApplication.translate("ConflictTexts", "{state} · {minutes} min").format(
            state=name, minutes=minutes
        )
    return name


def value_text(kind: str, field: str | None, value: Any) -> str:
    """A conflicting value as the teacher reads it."""
    if value == DELETED_MARK:
        return QCoreApplication.translate("ConflictTexts", "Deleted")
    if isinstance(value, dict):
        if kind == "attendance":
            mark = _attendance_mark(value)
            if mark is not None:
                return mark
        return "\n".join(
            f"{field_label(kind, name)}: {_scalar(kind, name, value[name])}"
            for name in sorted(value)
        )
    return _scalar(kind, field, value)


def side_value(item: ConflictItem, side: ConflictSide) -> str:
    return value_text(item.view.record_kind, item.view.field_name, side.value)


def notice_sentence(item: NoticeItem, today: dt.date | None = None) -> str:
    """'Cecilia Carlsson changed Axel Ås from Absent to Late · 10 min in
    Matematik 7A, Tue 10 Sep 08:10.'"""
    view, subject = item.view, item.subject
    translate = QCoreApplication.translate
    who = person(view.kept.by_name)
    old = value_text(view.record_kind, view.field_name, view.replaced.value)
    new = value_text(view.record_kind, view.field_name, view.kept.value)
    if view.record_kind == "attendance" and view.pupil_name:
        return translate(
            "ConflictTexts", "{who} changed {pupil} from {old} to {new} in {lesson}."
        ).format(who=who, pupil=view.pupil_name, old=old, new=new, lesson=lesson_text(subject))
    what = subject_text(subject)
    if view.pupil_name:
        what = translate("ConflictTexts", "{pupil}, {what}").format(
            pupil=view.pupil_name, what=what
        )
    return translate("ConflictTexts", "{who} changed {what} from {old} to {new}.").format(
        who=who, what=what, old=old, new=new
    )


def notice_when(item: NoticeItem) -> str:
    return when_text(item.view.kept.at)


def clock_warning_text(server_sentence: str) -> str:
    """The server's English sentence about a fast clock, in the UI language
    ("Your computer's clock is 3 hours fast. …")."""
    match = _CLOCK_FAST.search(server_sentence)
    if match is None:
        return server_sentence
    amount = int(match.group(1))
    unit = match.group(2)
    translate = QCoreApplication.translate
    if unit == "minute":
        span = translate("ConflictTexts", "%n minute(s)", "", amount)
    elif unit == "hour":
        span = translate("ConflictTexts", "%n hour(s)", "", amount)
    else:
        span = translate("ConflictTexts", "%n day(s)", "", amount)
    return translate(
        "ConflictTexts",
        "This computer's clock is {span} fast. Turn on “Set time automatically” in the "
        "computer's date and time settings, so that attendance changes are kept in the "
        "right order. Your changes were saved with the server's time instead.",
    ).format(span=span)


def clock_warning_short(server_sentence: str) -> str:
    match = _CLOCK_FAST.search(server_sentence)
    if match is None:
        return QCoreApplication.translate("ConflictTexts", "Computer clock is wrong")
    amount, unit = int(match.group(1)), match.group(2)
    translate = QCoreApplication.translate
    if unit == "minute":
        return translate("ConflictTexts", "Clock %n min fast", "", amount)
    if unit == "hour":
        return translate("ConflictTexts", "Clock %n h fast", "", amount)
    return translate("ConflictTexts", "Clock %n day(s) fast", "", amount)
