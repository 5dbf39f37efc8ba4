"""The classroom of the timeline tests and screenshots: Alva has an absence,
a result, a term grade, notes of each visibility (and a colleague's private
one, as if it had leaked into the cache), an extra anpassning; Bodil has
protected identity and a guardian with a phone number."""

from __future__ import annotations

import datetime as dt
import uuid

from sync_protocol import ids
from tests.desktop.attendance_school import DAY, Classroom
from tests.local_db.records import RecordBuilder

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
    data.records[-1] = data.records[-1].model_copy(update={"created_by": author})


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
