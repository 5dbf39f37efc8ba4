"""Reading the gradebook: one activity's pupils, assessments, results and term grades.

A handful of queries for the whole table (no query per cell): at 300 pupils
and 80 assessments the page opens from the cache within its budget
(bench/gradebook_bench.py).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, String, and_, select, type_coerce

from local_db.assessment.views import (
    NO_LEVELS,
    ActivityChoice,
    AssessmentColumn,
    Gradebook,
    MatrixSource,
    ResultCell,
    TermGradeCell,
)
from local_db.collation import name_sort_key
from local_db.repositories._common import (
    activity,
    activity_group,
    activity_teacher,
    is_protected,
    live,
    membership,
    person,
    sync_conflict,
)
from local_db.schema import synced
from local_db.views import PupilView
from sync_protocol.assessment_documents import (
    Criterion,
    DocumentError,
    ValueWords,
    parse_criteria,
    parse_levels,
    parse_value_words,
)
from sync_protocol.grading_rules import GUIDANCE_LIMIT_FIELDS
from sync_protocol.kinds.assessment import scale_of
from sync_protocol.kinds.curriculum import DEFAULT_SOURCE
from sync_protocol.terms import parse_term

assessment = synced["assessment"]
assessment_result = synced["assessment_result"]
term_grade = synced["term_grade"]
criteria_matrix = synced["criteria_matrix"]


def gradebook_activities(conn: Connection, teacher_id: uuid.UUID | None) -> list[ActivityChoice]:
    """The activities the teacher teaches (all in the cache when none is known), by name."""
    query = select(activity.c.id, activity.c.display_name, activity.c.subject_name).where(
        live(activity)
    )
    if teacher_id is not None:
        query = query.where(
            activity.c.id.in_(
                select(activity_teacher.c.activity_id).where(
                    activity_teacher.c.teacher_id == teacher_id, live(activity_teacher)
                )
            )
        )
    rows = conn.execute(query).all()
    choices = [ActivityChoice(r.id, r.display_name, r.subject_name or "") for r in rows]
    return sorted(choices, key=lambda c: (c.name.casefold(), str(c.id)))


def _pupils(conn: Connection, activity_id: uuid.UUID, term: str) -> tuple[PupilView, ...]:
    """Members of the activity's groups at any time in the term."""
    period = parse_term(term)
    groups = select(activity_group.c.group_id).where(
        activity_group.c.activity_id == activity_id, live(activity_group)
    )
    query = (
        select(person.c.id, person.c.given_name, person.c.family_name, person.c.security_marking)
        .distinct()
        .select_from(membership.join(person, person.c.id == membership.c.person_id))
        .where(
            membership.c.group_id.in_(groups),
            live(membership),
            live(person),
            membership.c.start_date <= period.end,
            (membership.c.end_date.is_(None)) | (membership.c.end_date >= period.start),
        )
    )
    pupils = [
        PupilView(r.id, r.given_name, r.family_name, is_protected(r.security_marking))
        for r in conn.execute(query)
    ]
    pupils.sort(key=lambda p: (*name_sort_key(p.family_name, p.given_name), str(p.id)))
    return tuple(pupils)


def assessment_column(row: Any) -> AssessmentColumn:
    """An assessment row (its scale, limits, matrix) as the column the pages show."""
    limits = tuple(
        (name[0].upper(), row[name]) for name in GUIDANCE_LIMIT_FIELDS if row[name] is not None
    )
    return AssessmentColumn(
        id=row["id"],
        title=row["title"],
        assessment_type=row["assessment_type"],
        date=row["assessment_date"],
        scale=scale_of(dict(row)),
        max_points=row["max_points"],
        limits=limits,
        matrix_id=row["criteria_matrix_id"],
        published=bool(row["published"]),
        description=row["description"],
    )


def stored_levels(text: str | None) -> Mapping[str, str]:
    """A result's stored matrix levels, read-only; NO_LEVELS when there are none."""
    if not text:
        return NO_LEVELS
    return _parsed_levels(text)


@functools.lru_cache(maxsize=4096)
def _parsed_levels(text: str) -> Mapping[str, str]:
    # A class's results repeat a few level combinations: parsing each text
    # once took the matrix cells from a third of the gradebook's opening
    # time to almost none (bench/gradebook_bench.py). Shared, so read-only.
    try:
        return MappingProxyType(parse_levels(text))
    except DocumentError:
        return NO_LEVELS  # a value the server took is shown as none rather than failing the page


def _results(
    conn: Connection,
    activity_id: uuid.UUID,
    pupils: tuple[PupilView, ...],
    columns: list[AssessmentColumn],
) -> dict[tuple[uuid.UUID, uuid.UUID], ResultCell]:
    """Every result of the activity, keyed (pupil, assessment).

    The one query whose rows grow with the school (24,000 at 300 pupils and
    80 assessments), so it is read lean: the ids come as their stored hex
    text, the pupils' and assessments' are looked up among the UUIDs already
    made rather than parsed again, and each result id is made from its
    integer (a third of the time of parsing it; SQLAlchemy's Uuid type
    took most of the opening time).
    """
    known = {p.id.hex: p.id for p in pupils}
    known.update((c.id.hex, c.id) for c in columns)
    r = assessment_result.c
    query = select(
        type_coerce(r.id, String()),
        type_coerce(r.pupil_id, String()),
        type_coerce(r.assessment_id, String()),
        r.grade,
        r.points,
        r.pass_fail,
        r.levels,
        r.marker,
        r.comment,
    ).where(r.activity_id == activity_id, live(assessment_result))
    results = {}
    for record, pupil, test, grade, points, pass_fail, levels, marker, comment in conn.execute(
        query
    ):
        key = (known.get(pupil) or _uuid(pupil), known.get(test) or _uuid(test))
        results[key] = ResultCell(
            _uuid(record),
            grade,
            points,
            pass_fail,
            stored_levels(levels),
            marker,
            comment,
        )
    return results


def _uuid(stored: str) -> uuid.UUID:
    # Stored as 32 hex digits (SQLAlchemy's Uuid on SQLite).
    return uuid.UUID(int=int(stored, 16))


def load_gradebook(conn: Connection, activity_id: uuid.UUID, term: str) -> Gradebook | None:
    """The gradebook of one activity and term; None when the activity is not here."""
    row = conn.execute(
        select(activity.c.id, activity.c.display_name, activity.c.subject_name).where(
            activity.c.id == activity_id, live(activity)
        )
    ).first()
    if row is None:
        return None
    choice = ActivityChoice(row.id, row.display_name, row.subject_name or "")
    columns = [
        assessment_column(r)
        for r in conn.execute(
            select(assessment).where(assessment.c.activity_id == activity_id, live(assessment))
        ).mappings()
    ]
    # Oldest first, undated last, then by title: the order a teacher set them.
    columns.sort(key=lambda c: (c.date is None, c.date or 0, c.title.casefold(), str(c.id)))
    pupils = _pupils(conn, activity_id, term)
    results = _results(conn, activity_id, pupils, columns)
    grades = {
        r.pupil_id: TermGradeCell(r.id, r.grade, r.no_basis_reason)
        for r in conn.execute(
            select(term_grade).where(
                term_grade.c.activity_id == activity_id,
                term_grade.c.term == term,
                live(term_grade),
            )
        )
    }
    matrices, titles, words, sources = _matrices(conn, activity_id)
    conflicted = frozenset(
        conn.scalars(
            select(sync_conflict.c.record_id).where(
                sync_conflict.c.activity_id == activity_id,
                sync_conflict.c.state == "open",
                sync_conflict.c.record_kind.in_(("assessment_result", "term_grade")),
                sync_conflict.c.conflict_type != "notice",
                live(sync_conflict),
            )
        )
    )
    return Gradebook(
        activity=choice,
        term=term,
        pupils=pupils,
        assessments=tuple(columns),
        results=results,
        term_grades=grades,
        matrices=matrices,
        matrix_titles=titles,
        in_conflict=conflicted,
        matrix_value_words=words,
        matrix_sources=sources,
    )


def _matrices(
    conn: Connection, activity_id: uuid.UUID
) -> tuple[
    dict[uuid.UUID, tuple[Criterion, ...]],
    dict[uuid.UUID, str],
    dict[uuid.UUID, ValueWords],
    dict[uuid.UUID, MatrixSource],
]:
    """The activity's matrices: rows, titles, value words and catalogue sources."""
    subject = synced["curriculum_subject"]
    query = select(
        criteria_matrix.c.id,
        criteria_matrix.c.title,
        criteria_matrix.c.criteria,
        criteria_matrix.c.subject,
        criteria_matrix.c.source_subject,
        criteria_matrix.c.source_version,
        criteria_matrix.c.value_words,
        subject.c.source,
    ).outerjoin(
        subject,
        and_(
            subject.c.code == criteria_matrix.c.source_subject,
            subject.c.version == criteria_matrix.c.source_version,
        ),
    )
    matrices, titles, words, sources = {}, {}, {}, {}
    for r in conn.execute(
        query.where(criteria_matrix.c.activity_id == activity_id, live(criteria_matrix))
    ):
        titles[r.id] = r.title
        try:
            matrices[r.id] = tuple(parse_criteria(r.criteria or ""))
        except DocumentError:
            matrices[r.id] = ()
        try:
            words[r.id] = parse_value_words(r.value_words or "")
        except DocumentError:
            words[r.id] = {}
        if r.source_subject is not None and r.source_version is not None:
            credit = r.source or DEFAULT_SOURCE
            sources[r.id] = MatrixSource(r.subject or r.source_subject, r.source_version, credit)
    return matrices, titles, words, sources
