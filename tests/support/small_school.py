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

    # Imported here: the records module reads this module's visibility sets.
    from tests.support.small_school_records import teacher_records

    teacher_records(b, s)
    return s


def _name(s: SmallSchool, row_id: uuid.UUID) -> str:
    return next(label.split(":", 1)[1] for label, value in s.ids.items() if value == row_id)
