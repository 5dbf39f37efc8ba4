"""What the gradebook shows, as frozen values the UI thread may keep."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from local_db.views import PupilView
from sync_protocol.assessment_documents import Criterion, ValueWords


@dataclass(frozen=True)
class AssessmentColumn:
    """One assessment: a column of the gradebook."""

    id: uuid.UUID
    title: str
    assessment_type: str
    date: dt.date | None
    #: grade_af, points, pass_fail or matrix (sync_protocol.grading_rules.SCALE_KINDS).
    scale: str
    max_points: int | None = None
    #: The teacher's E/C/A limits for a points test: guidance only.
    limits: tuple[tuple[str, int], ...] = ()
    matrix_id: uuid.UUID | None = None
    published: bool = False
    description: str = ""


#: The levels of a result that has none (shared: a result's levels are never changed in place).
NO_LEVELS: Mapping[str, str] = MappingProxyType({})


class ResultCell(NamedTuple):
    """One pupil's result on one assessment.

    A named tuple rather than a frozen dataclass: the gradebook makes one per
    result (24,000 at a large school's scale) and a tuple is made in a third
    of the time (bench/gradebook_bench.py, "open").
    """

    id: uuid.UUID
    grade: str | None = None
    points: int | None = None
    pass_fail: str | None = None
    #: {criterion id: level} on a matrix.
    levels: Mapping[str, str] = NO_LEVELS
    marker: str | None = None
    comment: str = ""

    def is_empty(self) -> bool:
        return (
            self.grade is None
            and self.points is None
            and self.pass_fail is None
            and not self.levels
            and self.marker is None
            and self.comment == ""
        )


@dataclass(frozen=True)
class TermGradeCell:
    id: uuid.UUID
    grade: str | None
    no_basis_reason: str | None


@dataclass(frozen=True)
class ActivityChoice:
    """A group and subject the teacher teaches: what the gradebook shows one at a time."""

    id: uuid.UUID
    name: str
    subject: str


@dataclass(frozen=True)
class MatrixSource:
    """Where a matrix started in the curriculum catalogue, for its credit line."""

    subject_name: str
    version: int
    #: "Skolverket", or what the catalogue's file said (the demo's: demo data).
    source: str


@dataclass(frozen=True)
class Gradebook:
    activity: ActivityChoice
    term: str
    pupils: tuple[PupilView, ...]
    assessments: tuple[AssessmentColumn, ...]
    results: dict[tuple[uuid.UUID, uuid.UUID], ResultCell]
    term_grades: dict[uuid.UUID, TermGradeCell]
    #: Matrices of the activity: their criteria, by matrix id.
    matrices: dict[uuid.UUID, tuple[Criterion, ...]]
    matrix_titles: dict[uuid.UUID, str]
    #: Records (results, term grades) with an open sync conflict.
    in_conflict: frozenset[uuid.UUID]
    #: Matrices started from the catalogue: their value words and source.
    matrix_value_words: dict[uuid.UUID, ValueWords] = field(default_factory=dict)
    matrix_sources: dict[uuid.UUID, MatrixSource] = field(default_factory=dict)

    def result(self, pupil_id: uuid.UUID, assessment_id: uuid.UUID) -> ResultCell | None:
        return self.results.get((pupil_id, assessment_id))


def level_counts(
    columns: Iterable[AssessmentColumn],
    results: Mapping[tuple[uuid.UUID, uuid.UUID], ResultCell],
    pupil_id: uuid.UUID,
) -> dict[str, int]:
    """Grades A–F, matrix levels and markers counted over a pupil's results.

    A count for the teacher to read, never turned into a grade.
    """
    counts: dict[str, int] = {}
    for column in columns:
        cell = results.get((pupil_id, column.id))
        if cell is None:
            continue
        keys: list[str] = []
        if cell.marker:
            keys.append(cell.marker)
        elif column.scale == "grade_af" and cell.grade:
            keys.append(cell.grade)
        elif column.scale == "matrix":
            keys.extend(cell.levels.values())
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return counts
