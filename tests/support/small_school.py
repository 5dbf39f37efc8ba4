"""The small school most server tests use, with who may see what written out.

Two schools. Ekbacken: class 7A, taught by Anna (Swedish; maths together with
Cecilia, co-teaching), class 8B taught by Bertil, and PE for 7A and 8B
together taught by Erik. Björkskolan: class 9C taught by Dora.

7A: Alva (guardian Gunnar), Axel, Elsa (security marking; guardian Greta),
Nils (joins a month into the term) and Hugo, who left before this term
(guardian Harald). 8B: Bodil (guardian Berit), Bruno. 9C: Cleo (guardian Clara).

Expected visibility is declared by hand for every row as it is written (the
`seen_by` of each `_add`), not derived from the server's scope code, so a
scope bug fails the tests instead of moving the expectation with it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Engine

from sync_protocol import ids
from sync_protocol.assessment_documents import Criterion, dump_criteria
from tests.support.school_builder import SchoolBuilder

#: Test accounts: username -> (key of their person, display name). Not Erik or Dora.
TEACHERS = {"anna": "Anna Andersson", "bertil": "Bertil Berg", "cecilia": "Cecilia Carlsson"}


@dataclass
class SmallSchool:
    builder: SchoolBuilder
    #: label -> id of every row written ("pupil:alva", "lesson:ma7a:0", ...).
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    #: teacher key -> ids that teacher must see (tombstones included).
    visible: dict[str, set[uuid.UUID]] = field(default_factory=lambda: defaultdict(set))

    def __getitem__(self, label: str) -> uuid.UUID:
        return self.ids[label]

    def kind(self, row_id: uuid.UUID) -> str:
        return self.builder.kinds[row_id]

    @property
    def all_ids(self) -> set[uuid.UUID]:
        return set(self.ids.values())

    def foreign_to(self, teacher: str) -> set[uuid.UUID]:
        """Every id of the school the teacher must never be shown."""
        return self.all_ids - self.visible[teacher]

    def _add(self, label: str, row_id: uuid.UUID, *seen_by: str) -> uuid.UUID:
        self.ids[label] = row_id
        for teacher in seen_by:
            self.visible[teacher].add(row_id)
        return row_id


Seen = tuple[str, ...]
_7A: Seen = ("anna", "cecilia", "erik")  # everyone teaching 7A (Erik through PE)
_8B: Seen = ("bertil", "erik")
_BOTH: Seen = ("anna", "cecilia", "bertil", "erik")
_DORA: Seen = ("dora",)


def build_small_school(engine: Engine, *, today: dt.date | None = None) -> SmallSchool:
    """Write the small school into an initialised, empty server database."""
    b = SchoolBuilder(engine, today=today or dt.date.today())
    s = SmallSchool(builder=b)
    term = b.term
    with b.change_set():
        ek = s._add("school:ekbacken", b.school("ekbacken", "Ekbackens skola"), *_BOTH)
        bj = s._add("school:bjork", b.school("bjork", "Björkskolan"), "dora")
        anna = s._add("teacher:anna", b.teacher("anna", "Anna", "Andersson"), *_7A)
        cecilia = s._add("teacher:cecilia", b.teacher("cecilia", "Cecilia", "Carlsson"), *_7A)
        bertil = s._add("teacher:bertil", b.teacher("bertil", "Bertil", "Berg"), *_8B)
        erik = s._add("teacher:erik", b.teacher("erik", "Erik", "Ek"), *_BOTH)
        dora = s._add("teacher:dora", b.teacher("dora", "Dora", "Dahl"), "dora")

    with b.change_set():
        g7a = s._add("group:7a", b.group("7a", ek, "7A", school_year=7), *_7A)
        g8b = s._add("group:8b", b.group("8b", ek, "8B", school_year=8), *_8B)
        g9c = s._add("group:9c", b.group("9c", bj, "9C", school_year=9), "dora")
        pupils_7a = {}
        for key, given, family, marking in (
            ("alva", "Alva", "Ahlberg", "none"),
            ("axel", "Axel", "Ås", "none"),
            ("elsa", "Elsa", "Eriksson", "confidential"),
        ):
            pupil = b.pupil(key, given, family, marking=marking)
            pupils_7a[key] = s._add(f"pupil:{key}", pupil, *_7A)
            s._add(f"membership:{key}", b.membership(g7a, pupil), *_7A)
        nils = s._add("pupil:nils", b.pupil("nils", "Nils", "Nord"), *_7A)
        late_start = term.start + dt.timedelta(days=30)
        s._add("membership:nils", b.membership(g7a, nils, start=late_start), *_7A)
        # Hugo left 7A before this term: nobody sees him or his guardian.
        hugo = s._add("pupil:hugo", b.pupil("hugo", "Hugo", "Holm"))
        s._add(
            "membership:hugo",
            b.membership(
                g7a,
                hugo,
                start=term.start - dt.timedelta(days=200),
                end=term.start - dt.timedelta(days=1),
            ),
        )
        bodil = s._add("pupil:bodil", b.pupil("bodil", "Bodil", "Björk"), *_8B)
        bruno = s._add("pupil:bruno", b.pupil("bruno", "Bruno", "Berg"), *_8B)
        cleo = s._add("pupil:cleo", b.pupil("cleo", "Cleo", "Carlsson"), "dora")
        for label, pupil, group, seen in (
            ("bodil", bodil, g8b, _8B),
            ("bruno", bruno, g8b, _8B),
            ("cleo", cleo, g9c, _DORA),
        ):
            s._add(f"membership:{label}", b.membership(group, pupil), *seen)
        for key, given, family, pupil_label, seen in (
            ("gunnar", "Gunnar", "Ahlberg", "alva", _7A),
            ("greta", "Greta", "Eriksson", "elsa", _7A),
            ("harald", "Harald", "Holm", "hugo", ()),  # nobody
            ("berit", "Berit", "Björk", "bodil", _8B),
            ("clara", "Clara", "Carlsson", "cleo", _DORA),
        ):
            guardian = s._add(f"guardian:{key}", b.guardian(key, given, family), *seen)
            relation = b.guardian_of(s[f"pupil:{pupil_label}"], guardian)
            s._add(f"guardian_relation:{key}", relation, *seen)

    with b.change_set():
        ma7a = s._add(
            "activity:ma7a",
            b.activity("ma7a", ek, "Matematik 7A", groups=[g7a], teachers=[anna, cecilia]),
            *_7A,
        )
        sv7a = s._add(
            "activity:sv7a",
            b.activity("sv7a", ek, "Svenska 7A", groups=[g7a], teachers=[anna]),
            *_7A,
        )
        en8b = s._add(
            "activity:en8b",
            b.activity("en8b", ek, "Engelska 8B", groups=[g8b], teachers=[bertil]),
            *_8B,
        )
        idh = s._add(
            "activity:idh",
            b.activity("idh", ek, "Idrott 7A/8B", groups=[g7a, g8b], teachers=[erik]),
            *_BOTH,
        )
        ma9c = s._add(
            "activity:ma9c",
            b.activity("ma9c", bj, "Matematik 9C", groups=[g9c], teachers=[dora]),
            "dora",
        )
        for activity, group, seen in (
            (ma7a, g7a, _7A),
            (sv7a, g7a, _7A),
            (en8b, g8b, _8B),
            # The PE activity's two group rows: each class's teachers see
            # only the row of their own class.
            (idh, g7a, _7A),
            (idh, g8b, _8B),
            (ma9c, g9c, _DORA),
        ):
            label = f"activity_group:{_name(s, activity)}:{_name(s, group)}"
            s._add(label, b.id_for("activity_group", f"{activity}/{group}"), *seen)
        for activity, teacher, seen in (
            (ma7a, anna, _7A),
            (ma7a, cecilia, _7A),
            (sv7a, anna, _7A),
            (en8b, bertil, _8B),
            (idh, erik, _BOTH),
            (ma9c, dora, _DORA),
        ):
            label = f"activity_teacher:{_name(s, activity)}:{_name(s, teacher)}"
            s._add(label, b.id_for("activity_teacher", f"{activity}/{teacher}"), *seen)
        for name, activity, seen in (
            ("ma7a", ma7a, _7A),
            ("sv7a", sv7a, _7A),
            ("en8b", en8b, _8B),
            ("idh", idh, _BOTH),
            ("ma9c", ma9c, _DORA),
        ):
            for index, offset in enumerate((-1, 0, 1)):
                start = b.lesson_start(offset, hour=8 + index + len(name) % 3)
                s._add(f"lesson:{name}:{index}", b.lesson(activity, start), *seen)

    _teacher_records(b, s)
    return s


def _name(s: SmallSchool, row_id: uuid.UUID) -> str:
    return next(label.split(":", 1)[1] for label, value in s.ids.items() if value == row_id)


def _teacher_records(b: SchoolBuilder, s: SmallSchool) -> None:
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
