"""The classroom of the timeline tests and screenshots: Alva has an absence,
a result, a term grade, notes of each visibility (and a colleague's private
one, as if it had leaked into the cache), an extra anpassning; Bodil has
protected identity and a guardian with a phone number."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from server.services.curriculum.catalogue_import import item_rows
from server.services.curriculum.syllabus_file import parse_catalogue
from sync_protocol import ids
from sync_protocol.planning_documents import CurriculumPicks, dump_picks
from tests.desktop.attendance_school import DAY, Classroom
from tests.local_db.records import RecordBuilder
from tests.support.catalogue_files import subject_file
from tests.support.catalogue_records import add_subject

PHONE = "070-123 45 67"


def _note(
    data: RecordBuilder,
    pupil: uuid.UUID,
    body: str,
    visibility: str,
    *,
    author: uuid.UUID,
    day: dt.date,
) -> None:
    data.add(
        "pupil_note",
        pupil_id=pupil,
        category="observation",
        body=body,
        visibility=visibility,
        note_date=day,
    )
    data.written_by(author)


def timeline_records(room: Classroom, data: RecordBuilder) -> None:
    alva = room.pupils["Alva"]
    data.add(
        "attendance",
        ids.attendance_id(room.taken, alva),
        lesson_id=room.taken,
        pupil_id=alva,
        activity_id=room.activity,
        status="absent",
    )
    test = data.add(
        "assessment",
        title="Bråktal",
        assessment_type="test",
        assessment_date=DAY - dt.timedelta(days=2),
        scale_kind="points",
        max_points=40,
        activity_id=room.activity,
        description="",
        planning_unit_id=None,
    )
    data.add(
        "assessment_result",
        ids.assessment_result_id(test, alva),
        assessment_id=test,
        pupil_id=alva,
        activity_id=room.activity,
        grade=None,
        points=31,
        comment="Bra uträkningar.",
    )
    data.add("term_grade", pupil_id=alva, activity_id=room.activity, term="VT2026", grade="C")
    before = DAY - dt.timedelta(days=1)
    colleague, me = room.colleague, room.me
    _note(data, alva, "Räcker upp handen oftare.", "teachers", author=colleague, day=before)
    _note(data, alva, "Samtal med mentor om läxor.", "mentors", author=colleague, day=before)
    _note(data, alva, "Min egen minnesanteckning.", "private", author=me, day=before)
    _note(data, alva, "Cecilias privata tanke.", "private", author=colleague, day=before)
    _note(data, room.pupils["Axel"], "Om Axel.", "teachers", author=me, day=DAY)
    data.add(
        "support_adjustment",
        pupil_id=alva,
        what="Extra tid på prov",
        start_date=DAY - dt.timedelta(days=20),
        end_date=None,
        evaluation="Fungerar bra.",
    )
    bodil = room.pupils["Bodil"]
    data.records = [
        r.model_copy(update={"fields": {**r.fields, "security_marking": "protected_registration"}})
        if r.id == bodil
        else r
        for r in data.records
    ]
    guardian = data.person("Berit", "Björk", phone=PHONE, email="berit@example.se")
    data.add("guardian_relation", guardian_id=guardian, pupil_id=bodil)
    _note(data, bodil, "Arbetar lugnt.", "teachers", author=room.me, day=DAY)


def fraction_unit(room: Classroom, data: RecordBuilder, unit: uuid.UUID) -> list[dict[str, Any]]:
    """A published unit of the class's maths (LPP "Bråk och procent") picking
    the first two items of a demo syllabus, with the plan of the class's
    lesson; the syllabus's items."""
    file = subject_file(version=1)
    items = item_rows(parse_catalogue(file, origin="test.json"))
    add_subject(data, file)
    data.add(
        "planning_unit",
        unit,
        activity_id=room.activity,
        title="Bråk och procent",
        aims="Eleverna ska kunna räkna med bråk.",
        central_content="Börja med pizzabitar.",
        assessment_criteria="Ett skriftligt prov i vecka 40.",
        start_date=DAY,
        end_date=DAY + dt.timedelta(weeks=3, days=4),
        curriculum=dump_picks(CurriculumPicks("GRGRMAT01", 1, (items[0]["id"], items[1]["id"]))),
        status="published",
    )
    data.add(
        "lesson_plan",
        ids.lesson_plan_id(room.lesson),
        lesson_id=room.lesson,
        activity_id=room.activity,
        planning_unit_id=unit,
        content="Introduktion till bråk\nÖvningar",
        homework="",
    )
    return items
