"""A pupil's timeline (issue 11, part 6): attendance this term, results,
term grades, notes and extra anpassningar (with åtgärdsprogram references)
as one list of events, newest first, for the Pupils page and the
development talk (utvecklingssamtal).

Each entry carries its date, its kind, the words people wrote (an
assessment's title, a note's first line, an adjustment's "what") and the
frozen record it comes from; the desktop words the figures (grades, points,
minutes) in the teacher's language. Nothing here computes a grade: a term
grade is only what the teacher set, a result only what was entered.

Which notes: those the cache holds, which the server already limits to what
this teacher may see (docs/scope.md); a private note shows only to its
author (`readable_by`), should one ever sit in a colleague's cache.

Queries, each by the pupil through an index the cache already has (no cache
migration needed; see local_db/migrations/versions 0001 and 0007):
assessment_result and term_grade by `ix_*_pupil_id`, joined to assessment and
activity by primary key; pupil_note, support_adjustment and
action_programme_ref by `ix_*_pupil_id` (through `pupil_documentation`); the
term's attendance through `pupil_attendance` (memberships by
`ix_group_membership_person_id`, then the groups' lessons and marks).
bench/timeline_bench.py measures the whole read at 10,000 notes and 5,000
lesson plans (figures in docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from local_db.assessment.gradebook import assessment_column, stored_levels
from local_db.assessment.views import AssessmentColumn, ResultCell, TermGradeCell
from local_db.attendance.statistics import pupil_attendance
from local_db.attendance.views import (
    AbsenceNoticeView,
    AttendanceSums,
    PupilAttendance,
    WeekAbsence,
)
from local_db.documentation.reads import pupil_documentation
from local_db.documentation.views import (
    AdjustmentView,
    NoteView,
    ProgrammeRefView,
    PupilDocumentation,
)
from local_db.repositories._common import activity, live
from local_db.schema import synced
from sync_protocol.terms import Term, parse_term, term_for

assessment = synced["assessment"]
assessment_result = synced["assessment_result"]
term_grade = synced["term_grade"]

#: The kinds, in the order a day's entries show (and the filter's toggles).
ATTENDANCE = "attendance"  # närvaro
RESULT = "result"  # resultat
GRADE = "grade"  # betyg
NOTE = "note"  # anteckningar
ADJUSTMENT = "adjustment"  # extra anpassningar, and åtgärdsprogram references
KINDS = (ATTENDANCE, RESULT, GRADE, NOTE, ADJUSTMENT)


@dataclass(frozen=True)
class TimelineResult:
    """One result of the pupil's, with its assessment and subject."""

    column: AssessmentColumn
    cell: ResultCell
    subject: str


@dataclass(frozen=True)
class TimelineGrade:
    """A term grade (terminsbetyg) the teacher set."""

    term: str
    cell: TermGradeCell
    subject: str


@dataclass(frozen=True)
class TermAttendance:
    """The term's attendance so far (the entry that sums it up)."""

    start: dt.date
    end: dt.date
    sums: AttendanceSums


TimelineItem = (
    TermAttendance
    | WeekAbsence
    | AbsenceNoticeView
    | TimelineResult
    | TimelineGrade
    | NoteView
    | AdjustmentView
    | ProgrammeRefView
)


@dataclass(frozen=True)
class TimelineEntry:
    #: None: the record has no date (an undated adjustment); shown last.
    day: dt.date | None
    kind: str
    #: What people wrote: a title, a note's first line, an adjustment ("" for figures).
    title: str
    #: The longer text: feedback, a note's body, an evaluation ("" when none).
    detail: str
    #: The subject (results, grades) or the note's author; "" when none.
    source: str
    item: TimelineItem


@dataclass(frozen=True)
class PupilTimeline:
    pupil_id: uuid.UUID
    #: The period of the attendance entries (the term so far).
    attendance_start: dt.date
    attendance_end: dt.date
    #: Newest first; undated last.
    entries: tuple[TimelineEntry, ...]

    def of_kinds(self, kinds: frozenset[str] | set[str]) -> tuple[TimelineEntry, ...]:
        return tuple(entry for entry in self.entries if entry.kind in kinds)


def readable_by(note: NoteView) -> bool:
    """A note this teacher may see: any the server sent, a private one only its
    author (`mine` was decided against the teacher when the note was read)."""
    return note.visibility != "private" or note.mine


def _day(value: Any) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _results(conn: Connection, pupil_id: uuid.UUID) -> list[TimelineEntry]:
    r = assessment_result.c
    a = assessment.c
    query = (
        select(
            r.id.label("result_id"),
            r.grade,
            r.points,
            r.pass_fail,
            r.levels,
            r.marker,
            r.comment,
            r.created_at.label("result_made"),
            a.id,
            a.title,
            a.assessment_type,
            a.assessment_date,
            a.scale_kind,
            a.max_points,
            a.e_limit,
            a.c_limit,
            a.a_limit,
            a.criteria_matrix_id,
            a.published,
            a.description,
            activity.c.display_name,
            activity.c.subject_name,
        )
        .select_from(
            assessment_result.join(assessment, a.id == r.assessment_id).outerjoin(
                activity, activity.c.id == r.activity_id
            )
        )
        .where(r.pupil_id == pupil_id, live(assessment_result), live(assessment))
    )
    entries = []
    for row in conn.execute(query).mappings():
        cell = ResultCell(
            row["result_id"],
            row["grade"],
            row["points"],
            row["pass_fail"],
            stored_levels(row["levels"]),
            row["marker"],
            row["comment"] or "",
        )
        if cell.is_empty():
            continue
        column = assessment_column(row)
        subject = row["subject_name"] or row["display_name"] or ""
        entries.append(
            TimelineEntry(
                day=column.date or _day(row["result_made"]),
                kind=RESULT,
                title=column.title,
                detail=cell.comment,
                source=subject,
                item=TimelineResult(column, cell, subject),
            )
        )
    return entries


def _grades(conn: Connection, pupil_id: uuid.UUID, today: dt.date) -> list[TimelineEntry]:
    t = term_grade.c
    query = (
        select(
            t.id,
            t.term,
            t.grade,
            t.no_basis_reason,
            activity.c.display_name,
            activity.c.subject_name,
        )
        .select_from(term_grade.outerjoin(activity, activity.c.id == t.activity_id))
        .where(t.pupil_id == pupil_id, live(term_grade))
    )
    entries = []
    for row in conn.execute(query):
        if row.grade is None and row.no_basis_reason is None:
            continue
        try:
            term = parse_term(row.term)
        except ValueError:
            continue  # a term the app cannot place is left out rather than misdated
        subject = row.subject_name or row.display_name or ""
        entries.append(
            TimelineEntry(
                # A term's grade stands at its end; while the term runs, today.
                day=min(term.end, today),
                kind=GRADE,
                title=subject,
                detail="",
                source=subject,
                item=TimelineGrade(
                    row.term, TermGradeCell(row.id, row.grade, row.no_basis_reason), subject
                ),
            )
        )
    return entries


def _attendance(found: PupilAttendance) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    if found.sums.reported:
        entries.append(
            TimelineEntry(
                found.end,
                ATTENDANCE,
                "",
                "",
                "",
                TermAttendance(found.start, found.end, found.sums),
            )
        )
    for week in found.weeks:
        if week.valid_absence or week.invalid_absence:
            entries.append(TimelineEntry(week.monday, ATTENDANCE, "", "", "", week))
    for notice in found.notices:
        entries.append(TimelineEntry(notice.notice_date, ATTENDANCE, "", "", "", notice))
    return entries


def _documentation(found: PupilDocumentation) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            note.note_date,
            NOTE,
            note.first_line,
            note.body,
            "" if note.mine else (note.author_name or ""),
            note,
        )
        for note in found.notes
        if readable_by(note)
    ]
    entries.extend(
        TimelineEntry(row.start_date, ADJUSTMENT, row.what, row.evaluation, "", row)
        for row in found.adjustments
    )
    entries.extend(
        TimelineEntry(row.decided_on, ADJUSTMENT, row.document_location, "", row.decided_by, row)
        for row in found.programmes
    )
    return entries


def _order(entry: TimelineEntry) -> tuple[bool, dt.date, int, str]:
    # Newest first (the sort is reversed): a day's entries in KINDS order.
    return (
        entry.day is not None,
        entry.day or dt.date.min,
        len(KINDS) - KINDS.index(entry.kind),
        entry.title.casefold(),
    )


def build_timeline(
    conn: Connection,
    pupil_id: uuid.UUID,
    today: dt.date,
    *,
    attendance: PupilAttendance,
    documentation: PupilDocumentation,
) -> PupilTimeline:
    """The timeline from the page's own reads of attendance and documentation
    (the Pupils page has them already) plus the pupil's results and grades."""
    entries = [
        *_attendance(attendance),
        *_results(conn, pupil_id),
        *_grades(conn, pupil_id, today),
        *_documentation(documentation),
    ]
    entries.sort(key=_order, reverse=True)
    return PupilTimeline(pupil_id, attendance.start, attendance.end, tuple(entries))


def term_so_far(today: dt.date) -> Term:
    """The attendance period of the timeline: the term, up to today."""
    term = term_for(today)
    return Term(term.code, term.start, min(today, term.end))


def pupil_timeline(
    conn: Connection, pupil_id: uuid.UUID, me: uuid.UUID | None, today: dt.date
) -> PupilTimeline:
    """Everything on the pupil's timeline, newest first."""
    period = term_so_far(today)
    return build_timeline(
        conn,
        pupil_id,
        today,
        attendance=pupil_attendance(conn, pupil_id, period.start, period.end),
        documentation=pupil_documentation(conn, pupil_id, me),
    )
