"""The demo teacher's assessments this term, and last term's term grades (issue 10).

Per activity the demo teacher grades: a criteria matrix (the first class of a
subject has the original, the others a copy of it), five or six assessments
on every scale (points tests with a maximum and, on some, E/C/A guidance
limits; pass/fail tasks; a matrix task; an oral presentation graded A-F),
results for the pupils in the group on the day (a few not handed in, absent
or excused; feedback on some), one task still being marked and one still to
come. Last term's term grades are there for the groups that got them, one
'–' for absence, and their history (a few were corrected after a
komplettering). No term grade of the current term: the teacher decides those.

Each pupil has a made-up strength per subject that the values scatter
around, so the spread looks like a real class. This is demo data only:
nothing here, or anywhere in Klassbok, turns points or levels into a grade.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from server.services.demo.demo_assessment_texts import (
    FAIL_COMMENT,
    FEEDBACK,
    MATHS_CRITERIA,
    MATHS_MATRIX_TITLE,
    NOT_HANDED_IN_COMMENT,
    SCIENCE_CRITERIA,
    SCIENCE_MATRIX_TITLE,
    TASKS,
    TaskPlan,
)
from server.services.demo.demo_calendar import SchoolCalendar
from server.services.demo.demo_grade_history import SEED_CLIENT_ID, GradeChange
from server.services.demo.demo_people import Roster
from server.services.roster.school_time import local_to_utc
from sync_protocol import ids as natural_ids
from sync_protocol.assessment_documents import Criterion, dump_criteria, dump_levels
from sync_protocol.entities import MergePolicy, entity
from sync_protocol.grading_rules import NOT_YET, RULES
from sync_protocol.hlc import HlcStamp

Insert = Callable[[str, dict[str, object]], None]
IdMaker = Callable[[str, str], uuid.UUID]

#: Steps lowest first, and where a pupil's (strength + chance) crosses into the next.
_GRADE_STEPS = ("F", "E", "D", "C", "B", "A")
_GRADE_CUTS = (-1.35, -0.4, 0.2, 0.8, 1.4)
_LEVEL_STEPS = (NOT_YET, "E", "C", "A")
_LEVEL_CUTS = (-1.3, 0.3, 1.35)
_MATRICES = {
    "MA": (MATHS_MATRIX_TITLE, MATHS_CRITERIA),
    "NO": (SCIENCE_MATRIX_TITLE, SCIENCE_CRITERIA),
}
#: Term grades corrected after a komplettering, at most this many in the demo.
_CORRECTIONS = 3


@dataclass(frozen=True)
class GradedActivity:
    """An activity the demo teacher grades."""

    key: str  # "MA-7A"
    id: uuid.UUID
    subject: str  # "MA"
    subject_name: str
    group: str
    school_year: int


def previous_term(code: str) -> tuple[str, int]:
    """("VT2026", school years back: 1) for HT2026; ("HT2026", 0) for VT2027."""
    half, year = code[:2], int(code[2:])
    return (f"VT{year}", 1) if half == "HT" else (f"HT{year - 1}", 0)


def grades_set_on(term: str) -> dt.date:
    """The day the demo's term grades of `term` were set: in its last weeks."""
    year = int(term[2:])
    return dt.date.fromisocalendar(year, 23 if term.startswith("VT") else 50, 4)


def last_term_locks_on(term: str) -> dt.date:
    """When the demo school locked last term's grades: ten days after they
    were set, after the week a komplettering raised some of them."""
    return grades_set_on(term) + dt.timedelta(days=10)


def _step(value: float, cuts: Sequence[float], steps: Sequence[str]) -> str:
    return steps[bisect.bisect(cuts, value)]


class _Seeder:
    def __init__(
        self,
        insert_row: Insert,
        make_id: IdMaker,
        calendar: SchoolCalendar,
        roster: Roster,
        *,
        teacher_id: uuid.UUID,
        rng: random.Random,
    ) -> None:
        self.insert = insert_row
        self.make_id = make_id
        self.calendar = calendar
        self.roster = roster
        self.teacher_id = teacher_id
        self.rng = rng
        self.strengths: dict[tuple[uuid.UUID, str], float] = {}
        today = calendar.today
        self.past = [day for day in calendar.school_days if day < today] or [today]
        self.future = [day for day in calendar.school_days if day > today] or [today]
        self.changes: list[GradeChange] = []

    def strength(self, pupil_id: uuid.UUID, subject: str) -> float:
        key = (pupil_id, subject)
        if key not in self.strengths:
            self.strengths[key] = self.rng.gauss(0.0, 1.0)
        return self.strengths[key]

    def pupils_on(self, group: str, day: dt.date) -> list[uuid.UUID]:
        return [
            m.pupil_id
            for m in self.roster.memberships
            if m.group == group and m.start <= day and (m.end is None or m.end >= day)
        ]

    def by_teacher(self, kind: str, at: dt.datetime) -> dict[str, object]:
        """Who wrote the record and when, with the field clock a push would leave."""
        stamp = HlcStamp(int(at.timestamp() * 1000), 0, SEED_CLIENT_ID).to_text()
        clock = [stamp, str(self.teacher_id)]
        names = [f.name for f in entity(kind).fields if f.policy is not MergePolicy.IMMUTABLE]
        return {
            "created_by": self.teacher_id,
            "modified_by": self.teacher_id,
            "created_at": at,
            "modified_at": at,
            "field_clock": dict.fromkeys(names, clock),
        }

    def matrix(self, activity: GradedActivity, source: uuid.UUID | None) -> uuid.UUID:
        title, criteria = _MATRICES[activity.subject]
        matrix_id = self.make_id("criteria_matrix", activity.key)
        self.insert(
            "criteria_matrix",
            {
                "id": matrix_id,
                "activity_id": activity.id,
                "title": title,
                "subject": activity.subject_name,
                "year_band": "7-9",
                "criteria": dump_criteria(list(criteria)),
                "template_of": source,
                **self.by_teacher("criteria_matrix", local_to_utc(self.past[0], dt.time(16))),
            },
        )
        return matrix_id

    def day_of(self, task: TaskPlan) -> dt.date:
        jitter = self.rng.randint(-2, 2)
        if task.when is None:
            days, at = self.future, len(self.future) // 3
        elif task.marking:
            days, at = self.past, len(self.past) - 3
        else:
            days, at = self.past, round(task.when * (len(self.past) - 1))
        return days[min(max(at + jitter, 0), len(days) - 1)]

    def assessment(
        self, activity: GradedActivity, task: TaskPlan, matrix_id: uuid.UUID | None
    ) -> None:
        day = self.day_of(task)
        assessment_id = self.make_id("assessment", f"{activity.key}/{task.key}")
        limits = task.limits or (None, None, None)
        done = task.when is not None and not task.marking
        self.insert(
            "assessment",
            {
                "id": assessment_id,
                "activity_id": activity.id,
                "title": task.title,
                "description": task.description,
                "assessment_type": task.assessment_type,
                "assessment_date": day,
                "scale_kind": task.scale,
                "max_points": task.max_points,
                "e_limit": limits[0],
                "c_limit": limits[1],
                "a_limit": limits[2],
                "criteria_matrix_id": matrix_id if task.scale == "matrix" else None,
                # Diagnoses are for the teacher; finished tasks are shown to pupils.
                "published": True if done and not task.key.startswith("diagnos") else None,
                **self.by_teacher("assessment", local_to_utc(self.past[0], dt.time(16, 30))),
            },
        )
        if task.when is None:
            return  # still to come
        criteria = _MATRICES[activity.subject][1] if task.scale == "matrix" else ()
        for pupil_id in self.pupils_on(activity.group, day):
            if task.marking and self.rng.random() < 0.45:
                continue  # not marked yet
            self.result(activity, task, assessment_id, pupil_id, day=day, criteria=criteria)

    def result(
        self,
        activity: GradedActivity,
        task: TaskPlan,
        assessment_id: uuid.UUID,
        pupil_id: uuid.UUID,
        *,
        day: dt.date,
        criteria: Sequence[Criterion],
    ) -> None:
        rng = self.rng
        strength = self.strength(pupil_id, activity.subject)
        values: dict[str, object] = {"grade": None, "points": None, "pass_fail": None}
        values.update(levels="", marker=None, comment="")
        chance = rng.random()
        if chance < 0.01:
            values["marker"] = "excused"
        elif chance < 0.055:
            handed_in = task.assessment_type in ("test", "oral")
            values["marker"] = "absent" if handed_in else "not_handed_in"
            if not handed_in and rng.random() < 0.5:
                values["comment"] = NOT_HANDED_IN_COMMENT
        else:
            value, went = self.value(task, strength, criteria)
            values.update(value)
            tier = 0 if went > 0.7 else 1 if went > -0.5 else 2
            wanted = {"matrix": 0.55, "grade_af": 0.45, "pass_fail": 0.1, "points": 0.15}
            if values["pass_fail"] == "fail":  # noqa: S105 (a pass/fail value)
                values["comment"] = FAIL_COMMENT
            elif rng.random() < wanted[task.scale]:
                values["comment"] = rng.choice(FEEDBACK[tier])
        marked = dt.datetime.combine(
            day + dt.timedelta(days=rng.randint(1, 4)), dt.time(19, rng.randint(0, 59))
        )
        at = min(local_to_utc(marked.date(), marked.time()), self.morning_today())
        self.insert(
            "assessment_result",
            {
                "id": natural_ids.assessment_result_id(assessment_id, pupil_id),
                "assessment_id": assessment_id,
                "pupil_id": pupil_id,
                "activity_id": activity.id,
                **values,
                **self.by_teacher("assessment_result", at),
            },
        )

    def value(
        self, task: TaskPlan, strength: float, criteria: Sequence[Criterion]
    ) -> tuple[dict[str, object], float]:
        """The result in the task's scale, and how well it went (for the feedback)."""
        rng = self.rng
        shown = strength + rng.gauss(0.0, 0.5)
        if task.scale == "points":
            assert task.max_points is not None
            share = min(max(0.56 + 0.2 * shown, 0.04), 1.0)
            return {"points": round(share * task.max_points)}, shown
        if task.scale == "pass_fail":
            return {"pass_fail": "fail" if shown < -1.35 else "pass"}, shown
        if task.scale == "matrix":
            draws = {row.id: shown + rng.gauss(0.0, 0.35) for row in criteria}
            levels = {key: _step(draw, _LEVEL_CUTS, _LEVEL_STEPS) for key, draw in draws.items()}
            return {"levels": dump_levels(levels)}, shown
        return {"grade": _step(shown, _GRADE_CUTS, _GRADE_STEPS)}, shown

    def morning_today(self) -> dt.datetime:
        return local_to_utc(self.calendar.today, dt.time(7, 30))

    def term_grades(self, activity: GradedActivity, *, streck: bool) -> None:
        """Last term's grades of the pupils in the group when this term began."""
        term, years_back = previous_term(self.calendar.term.code)
        if not RULES.gets_term_grade(activity.school_year - years_back, term[:2]):
            return
        set_on = grades_set_on(term)
        pupils = self.pupils_on(activity.group, self.calendar.first_day)
        without_basis = self.rng.choice(pupils) if streck and pupils else None
        for pupil_id in pupils:
            strength = self.strength(pupil_id, activity.subject)
            grade = _step(strength + self.rng.gauss(0.0, 0.45), _GRADE_CUTS, _GRADE_STEPS)
            reason = None
            if pupil_id == without_basis:
                grade, reason = RULES.no_basis_code, RULES.no_basis_reasons[0]
            record = natural_ids.term_grade_id(activity.id, pupil_id, term)
            at = local_to_utc(set_on, dt.time(15, self.rng.randint(0, 59)))
            first = grade
            if grade in ("E", "C") and self._correct():
                # Given a step lower, raised after a komplettering a week later.
                first = _GRADE_STEPS[_GRADE_STEPS.index(grade) - 1]
            self.changes.append(
                GradeChange(record, pupil_id, activity.id, term, None, first, reason, at)
            )
            if first != grade:
                later = at + dt.timedelta(days=7)
                self.changes.append(
                    GradeChange(record, pupil_id, activity.id, term, first, grade, None, later)
                )
                at = later
            self.insert(
                "term_grade",
                {
                    "id": record,
                    "pupil_id": pupil_id,
                    "activity_id": activity.id,
                    "term": term,
                    "grade": grade,
                    "no_basis_reason": reason,
                    **self.by_teacher("term_grade", at),
                },
            )

    def _correct(self) -> bool:
        done = sum(1 for change in self.changes if change.from_grade is not None)
        return done < _CORRECTIONS and self.rng.random() < 0.08


def write_assessments(
    insert_row: Insert,
    make_id: IdMaker,
    calendar: SchoolCalendar,
    roster: Roster,
    activities: Sequence[GradedActivity],
    *,
    teacher_id: uuid.UUID,
    rng: random.Random,
) -> list[GradeChange]:
    """Matrices, assessments, results and last term's grades; returns the grades' history."""
    seeder = _Seeder(insert_row, make_id, calendar, roster, teacher_id=teacher_id, rng=rng)
    originals: dict[str, uuid.UUID] = {}
    for activity in activities:
        tasks = TASKS.get((activity.subject, activity.school_year), ())
        matrix_id = None
        if activity.subject in _MATRICES and tasks:
            matrix_id = seeder.matrix(activity, originals.get(activity.subject))
            originals.setdefault(activity.subject, matrix_id)
        for task in tasks:
            seeder.assessment(activity, task, matrix_id)
    for number, activity in enumerate(activities):
        seeder.term_grades(activity, streck=number == len(activities) - 1)
    return seeder.changes
