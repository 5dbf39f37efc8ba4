"""The records teachers made in the small school (tests/support/small_school.py):
roll calls, plans, results, notes with their visibility, grades, the catalogue.
Each with the teachers who may see it, written out by hand."""

from __future__ import annotations

import datetime as dt

from sync_protocol import ids
from sync_protocol.assessment_documents import Criterion, dump_criteria
from tests.support.school_builder import SchoolBuilder
from tests.support.small_school import _7A, _8B, _BOTH, _DORA, SmallSchool


def teacher_records(b: SchoolBuilder, s: SmallSchool) -> None:
    """Records teachers made: roll calls, plans, results, notes, grades."""
    ma7a, sv7a, idh, en8b = (
        s["activity:ma7a"],
        s["activity:sv7a"],
        s["activity:idh"],
        s["activity:en8b"],
    )
    a_and_c = ("anna", "cecilia")
    with b.change_set():
        lesson = s["lesson:ma7a:0"]
        s._add(
            "record:registration",
            b.owned(
                "lesson_registration", "ma7a0", lesson_id=lesson, activity_id=ma7a, registered=True
            ),
            *a_and_c,
            "erik",
        )
        s._add(
            "record:att:alva",
            b.attendance(lesson, s["pupil:alva"], ma7a, "present"),
            *a_and_c,
            "erik",
        )
        s._add(
            "record:att:elsa",
            b.attendance(lesson, s["pupil:elsa"], ma7a, "absent"),
            *a_and_c,
            "erik",
        )
        # A stale record about Hugo, who left: no teacher sees it now.
        s._add("record:att:hugo", b.attendance(lesson, s["pupil:hugo"], ma7a, "present"))
        pe = s["lesson:idh:0"]
        s._add("record:att:idh:alva", b.attendance(pe, s["pupil:alva"], idh, "present"), *_7A)
        s._add("record:att:idh:bodil", b.attendance(pe, s["pupil:bodil"], idh, "late"), *_8B)
        en = s["lesson:en8b:0"]
        s._add("record:att:en:bruno", b.attendance(en, s["pupil:bruno"], en8b, "present"), *_8B)
    with b.change_set():
        unit = s._add(
            "record:unit",
            b.owned(
                "planning_unit",
                "bråk",
                activity_id=ma7a,
                title="Bråk",
                aims="Förstå bråk",
                status="published",
            ),
            *_7A,
        )
        s._add(
            "record:plan",
            b.owned(
                "lesson_plan",
                "sv7a0",
                lesson_id=s["lesson:sv7a:0"],
                activity_id=sv7a,
                content="Läsning",
                links='[{"url":"https://skolverket.se","title":"Skolverket"}]',
            ),
            *_7A,
        )
        test = s._add(
            "record:test",
            b.owned(
                "assessment",
                "prov1",
                activity_id=ma7a,
                title="Prov 1",
                assessment_type="test",
                planning_unit_id=unit,
            ),
            *_7A,
        )
        s._add(
            "record:result",
            b.owned(
                "assessment_result",
                "prov1-alva",
                assessment_id=test,
                pupil_id=s["pupil:alva"],
                activity_id=ma7a,
                grade="C",
            ),
            *_7A,
        )
        matrix = s._add(
            "record:matrix",
            b.owned(
                "criteria_matrix",
                "m1",
                activity_id=ma7a,
                title="Problemlösning",
                subject="Matematik",
                year_band="7-9",
                criteria=dump_criteria(
                    [Criterion("k1", "Löser problem", {"E": "enkla", "C": "", "A": "komplexa"})]
                ),
            ),
            *_7A,
        )
        matrix_test = s._add(
            "record:matrix_test",
            b.owned(
                "assessment",
                "prov2",
                activity_id=ma7a,
                title="Problemlösning",
                assessment_type="assignment",
                scale_kind="matrix",
                criteria_matrix_id=matrix,
            ),
            *_7A,
        )
        s._add(
            "record:matrix_result",
            b.owned(
                "assessment_result",
                "prov2-alva",
                assessment_id=matrix_test,
                pupil_id=s["pupil:alva"],
                activity_id=ma7a,
                levels='{"k1": "C"}',
                marker=None,
            ),
            *_7A,
        )
        # Dora's matrix in 9C: nobody else sees it.
        s._add(
            "record:matrix:9c",
            b.owned(
                "criteria_matrix",
                "m9c",
                activity_id=s["activity:ma9c"],
                title="Algebra",
                subject="Matematik",
                year_band="9",
                criteria="",
            ),
            "dora",
        )
        s._add(
            "record:note:elsa",
            b.owned(
                "pupil_note",
                "elsa1",
                pupil_id=s["pupil:elsa"],
                activity_id=sv7a,
                category="extra_adjustment",
                body="Extra tid",
            ),
            *_7A,
        )
        # Pupil documentation (issue 11): an extra anpassning and an
        # åtgärdsprogram reference reach every teacher of the pupil; a
        # private note only its author; a note for the mentors its author
        # too, as 7A has no mentor group here (tests/server/access/
        # test_note_visibility.py adds one).
        s._add(
            "record:adjustment:elsa",
            b.owned(
                "support_adjustment",
                "elsa-adj",
                pupil_id=s["pupil:elsa"],
                what="Extra tid på prov",
                evaluation="",
            ),
            *_7A,
        )
        s._add(
            "record:programme:elsa",
            b.owned(
                "action_programme_ref",
                "elsa-ap",
                pupil_id=s["pupil:elsa"],
                decided_on=b.today - dt.timedelta(days=20),
                decided_by="Rektor",
                document_location="Elevhälsans akt",
            ),
            *_7A,
        )
        s._add(
            "record:note:private",
            b.owned(
                "pupil_note",
                "alva-private",
                pupil_id=s["pupil:alva"],
                category="observation",
                body="Bara för mig",
                visibility="private",
                created_by=s["teacher:anna"],
            ),
            "anna",
        )
        s._add(
            "record:note:mentors",
            b.owned(
                "pupil_note",
                "axel-mentors",
                pupil_id=s["pupil:axel"],
                category="talk",
                body="Till mentorn",
                visibility="mentors",
                term="HT2026",
                created_by=s["teacher:cecilia"],
            ),
            "cecilia",
        )
        s._add(
            "record:grade",
            b.owned(
                "term_grade",
                "alva-ma",
                pupil_id=s["pupil:alva"],
                activity_id=ma7a,
                term=b.term.code,
                grade="B",
            ),
            *_7A,
        )
        s._add(
            "record:conflict",
            b.owned(
                "sync_conflict",
                "c1",
                record_kind="planning_unit",
                record_id=unit,
                conflict_type="notice",
                activity_id=ma7a,
                state="open",
            ),
            *_7A,
        )
        now = b.now
        s._add(
            "record:absence",
            b.owned(
                "absence_report",
                "alva1",
                pupil_id=s["pupil:alva"],
                absence_type="reported_absence",
                start_time=now,
                end_time=now + dt.timedelta(hours=8),
                reported_at=now,
            ),
            *_7A,
        )
        s._add(
            "record:notice",
            b.owned(
                "absence_notice",
                "elsa1",
                pupil_id=s["pupil:elsa"],
                notice_date=b.today,
                state="queued",
                attempts=0,
            ),
            *_7A,
        )
        s._add(
            "record:att:cleo",
            b.attendance(s["lesson:ma9c:0"], s["pupil:cleo"], s["activity:ma9c"], "present"),
            "dora",
        )
        note = s._add(
            "record:note:axel",
            b.owned(
                "pupil_note",
                "axel1",
                pupil_id=s["pupil:axel"],
                activity_id=ma7a,
                category="observation",
                body="Bra",
            ),
            *_7A,
        )
        # The curriculum catalogue: national reference data, for every teacher
        # with a school (both schools), never for the admin.
        everyone = (*_BOTH, *_DORA)
        subject = s._add(
            "catalogue:subject",
            b.record(
                "curriculum_subject",
                {
                    "code": "GRGRMAT01",
                    "name": "Matematik",
                    "version": 1,
                    "retrieved_at": b.now,
                    "source": "Skolverket",
                },
                row_id=ids.curriculum_subject_id("GRGRMAT01", 1),
            ),
            *everyone,
        )
        s._add(
            "catalogue:item",
            b.record(
                "curriculum_item",
                {
                    "subject_id": subject,
                    "subject_code": "GRGRMAT01",
                    "subject_version": 1,
                    "item_kind": "knowledge_requirement",
                    "year": "6",
                    "grade_step": "E",
                    "heading": "Testrubrik",
                    "position": 1,
                    "text": "Testtext: eleven gör enkla beräkningar.",
                    "value_words": '["enkla"]',
                },
                row_id=ids.curriculum_item_id(
                    "GRGRMAT01",
                    1,
                    item_kind="knowledge_requirement",
                    year="6",
                    variant=None,
                    grade_step="E",
                    position=1,
                ),
            ),
            *everyone,
        )
    b.delete("pupil_note", note)  # its tombstone reaches every teacher of 7A
