"""Write a deterministic school into a server database, for tests of any part.

    builder = SchoolBuilder(engine, today=dt.date(2026, 11, 30))
    with builder.change_set():            # one transaction, one seq
        school = builder.school("ekbacken", "Ekbackens skola")
        anna = builder.teacher("anna", "Anna", "Andersson")
        ...
    builder.update("lesson", lesson_id, room="B12")   # its own change-set
    builder.delete("pupil_note", note_id)             # a tombstone

Ids are name-based UUIDs (the same key gives the same id in every run), rows
are written through server.tables with server.db.allocate_seq exactly as the
server's own writers do, and person.contact_protected is kept right by the
server's protection service. `build_small_school` (tests/support/small_school.py)
builds the school most server tests use.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from server.db import allocate_seq, next_seq, write_transaction
from server.services.access.protection import refresh_contact_protection
from server.tables import synced
from sync_protocol import ids
from sync_protocol.entities import REGISTRY, FieldType
from sync_protocol.terms import Term, term_for

_BUILDER_NAMESPACE = uuid.UUID("0b7c4f1e-54a2-4d0e-9a51-2f4f6f7e0c11")


class SchoolBuilder:
    """Writes schools, people, groups, activities, lessons and records."""

    def __init__(self, engine: Engine, *, today: dt.date, namespace: str = "school") -> None:
        self.engine = engine
        self.today = today
        self.term: Term = term_for(today)
        self.namespace = namespace
        #: Every row written: id -> kind.
        self.kinds: dict[uuid.UUID, str] = {}
        self._conn: Connection | None = None
        # A fixed clock: the same school has the same timestamps every run.
        self.now = dt.datetime.combine(today, dt.time(6, 0), tzinfo=dt.UTC)

    # --- transactions ------------------------------------------------------

    @contextmanager
    def change_set(self) -> Iterator[Connection]:
        """Everything written inside is one transaction with one seq."""
        if self._conn is not None:
            yield self._conn
            return
        with write_transaction(self.engine) as conn:
            self._conn = conn
            try:
                yield conn
                refresh_contact_protection(conn)
            finally:
                self._conn = None

    def id_for(self, kind: str, key: str) -> uuid.UUID:
        return uuid.uuid5(_BUILDER_NAMESPACE, f"{self.namespace}/{kind}/{key}")

    def current_seq(self) -> int:
        with self.engine.connect() as conn:
            from server.db import current_seq

            return current_seq(conn)

    # --- generic rows ------------------------------------------------------

    def _full_row(self, kind: str, row_id: uuid.UUID, values: Mapping[str, Any]) -> dict[str, Any]:
        spec = REGISTRY[kind]
        table = synced[kind]
        unknown = set(values) - {f.name for f in spec.fields} - set(table.c.keys())
        if unknown:
            raise KeyError(f"{kind} has no columns {sorted(unknown)}")
        row: dict[str, Any] = {
            "id": row_id,
            "created_at": self.now,
            "modified_at": self.now,
            "deleted": False,
        }
        for field in spec.fields:
            if field.name in values:
                row[field.name] = values[field.name]
            elif field.type is FieldType.TEXT and not field.nullable:
                row[field.name] = ""
            elif field.type is FieldType.BOOL and not field.nullable:
                row[field.name] = False
            elif not field.nullable:
                raise KeyError(f"{kind}.{field.name} is required")
            else:
                row[field.name] = None
        for extra in ("contact_protected", "needs_review"):
            if extra in table.c:
                row.setdefault(extra, False)
        row.update({k: v for k, v in values.items() if k not in row})
        return row

    def record(self, kind: str, values: Mapping[str, Any], *, row_id: uuid.UUID) -> uuid.UUID:
        """Insert one row of a synced kind (field values as Python values)."""
        with self.change_set() as conn:
            row = self._full_row(kind, row_id, values)
            row["seq"] = allocate_seq(conn)
            conn.execute(insert(synced[kind]).values(**row))
        self.kinds[row_id] = kind
        return row_id

    def bulk(
        self, kind: str, rows: Iterable[tuple[uuid.UUID, Mapping[str, Any]]], *, per_seq: int = 1000
    ) -> int:
        """Insert many rows in one transaction, `per_seq` rows per change-set (like an import)."""
        count = 0
        with self.change_set() as conn:
            batch: list[dict[str, Any]] = []
            seq = allocate_seq(conn)
            for row_id, values in rows:
                if len(batch) == per_seq:
                    conn.execute(insert(synced[kind]), batch)
                    batch, seq = [], next_seq(conn)
                full = self._full_row(kind, row_id, values)
                full["seq"] = seq
                batch.append(full)
                self.kinds[row_id] = kind
                count += 1
            if batch:
                conn.execute(insert(synced[kind]), batch)
        return count

    def update(self, kind: str, row_id: uuid.UUID, **values: Any) -> int:
        """Change fields of a row in a change-set of its own (unless inside one); its seq."""
        table = synced[kind]
        with self.change_set() as conn:
            old = conn.execute(select(table).where(table.c.id == row_id)).mappings().one()
            seq = allocate_seq(conn)
            versions = dict(old["field_seqs"] or {})
            for field in REGISTRY[kind].fields:
                versions.setdefault(field.name, int(old["seq"]))
            for name in values:
                versions[name] = seq
            changes = dict(values)
            changes.update(
                seq=seq,
                modified_at=self.now,
                field_seqs={name: version for name, version in versions.items() if version != seq},
            )
            conn.execute(update(table).where(table.c.id == row_id).values(**changes))
        return seq

    def delete(self, kind: str, row_id: uuid.UUID) -> int:
        """Tombstone a row (deleted=true, new seq); its seq."""
        table = synced[kind]
        with self.change_set() as conn:
            seq = allocate_seq(conn)
            conn.execute(
                update(table)
                .where(table.c.id == row_id)
                .values(deleted=True, seq=seq, modified_at=self.now)
            )
        return seq

    # --- reference data ----------------------------------------------------

    def school(self, key: str, name: str) -> uuid.UUID:
        return self.record("school", {"name": name}, row_id=self.id_for("school", key))

    def person(
        self,
        key: str,
        given_name: str,
        family_name: str,
        *,
        marking: str = "none",
        email: str | None = None,
        phone: str | None = None,
        address: tuple[str, str, str] | None = None,
        birth_date: dt.date | None = None,
    ) -> uuid.UUID:
        street, postal, locality = address or (None, None, None)
        values = {
            "given_name": given_name,
            "family_name": family_name,
            "birth_date": birth_date,
            "security_marking": marking,
            "email": email,
            "phone": phone,
            "street_address": street,
            "postal_code": postal,
            "locality": locality,
        }
        return self.record("person", values, row_id=self.id_for("person", key))

    def teacher(self, key: str, given_name: str, family_name: str) -> uuid.UUID:
        email = f"{given_name}.{family_name}@skola.example".lower()
        return self.person(key, given_name, family_name, email=email, phone="08-123 45 67")

    def pupil(
        self, key: str, given_name: str, family_name: str, *, marking: str = "none"
    ) -> uuid.UUID:
        return self.person(
            key,
            given_name,
            family_name,
            marking=marking,
            email=f"{key}@elev.example",
            phone="070-111 22 33",
            address=(f"{family_name}vägen 1", "123 45", "Ekby"),
            birth_date=dt.date(self.today.year - 13, 3, 14),
        )

    def guardian(self, key: str, given_name: str, family_name: str) -> uuid.UUID:
        return self.person(
            key,
            given_name,
            family_name,
            email=f"{key}@hem.example",
            phone="070-999 88 77",
            address=(f"{family_name}vägen 1", "123 45", "Ekby"),
        )

    def guardian_of(self, pupil_id: uuid.UUID, guardian_id: uuid.UUID) -> uuid.UUID:
        values = {"pupil_id": pupil_id, "guardian_id": guardian_id, "relation_type": "guardian"}
        return self.record(
            "guardian_relation",
            values,
            row_id=self.id_for("guardian_relation", f"{pupil_id}/{guardian_id}"),
        )

    def group(
        self, key: str, school_id: uuid.UUID, name: str, *, school_year: int | None = None
    ) -> uuid.UUID:
        values = {
            "school_id": school_id,
            "display_name": name,
            "group_type": "class",
            "school_year": school_year,
            "start_date": self.term.start,
            "end_date": None,
        }
        return self.record("group", values, row_id=self.id_for("group", key))

    def membership(
        self,
        group_id: uuid.UUID,
        pupil_id: uuid.UUID,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        key: str = "",
    ) -> uuid.UUID:
        values = {
            "group_id": group_id,
            "person_id": pupil_id,
            "start_date": start or self.term.start,
            "end_date": end,
        }
        row_id = self.id_for("group_membership", f"{group_id}/{pupil_id}/{key}")
        return self.record("group_membership", values, row_id=row_id)

    def activity(
        self,
        key: str,
        school_id: uuid.UUID,
        name: str,
        *,
        groups: Iterable[uuid.UUID],
        teachers: Iterable[uuid.UUID],
        subject_code: str | None = None,
    ) -> uuid.UUID:
        activity_id = self.id_for("activity", key)
        values = {
            "school_id": school_id,
            "display_name": name,
            "subject_code": subject_code,
            "subject_name": name.split(maxsplit=1)[0],
            "activity_type": "teaching",
            "start_date": self.term.start,
            "end_date": self.term.end,
        }
        with self.change_set():
            self.record("activity", values, row_id=activity_id)
            for group_id in groups:
                self.activity_group(activity_id, group_id)
            for teacher_id in teachers:
                self.activity_teacher(activity_id, teacher_id)
        return activity_id

    def activity_group(self, activity_id: uuid.UUID, group_id: uuid.UUID) -> uuid.UUID:
        return self.record(
            "activity_group",
            {"activity_id": activity_id, "group_id": group_id},
            row_id=self.id_for("activity_group", f"{activity_id}/{group_id}"),
        )

    def activity_teacher(self, activity_id: uuid.UUID, teacher_id: uuid.UUID) -> uuid.UUID:
        return self.record(
            "activity_teacher",
            {"activity_id": activity_id, "teacher_id": teacher_id, "grader": True},
            row_id=self.id_for("activity_teacher", f"{activity_id}/{teacher_id}"),
        )

    def lesson(
        self, activity_id: uuid.UUID, start: dt.datetime, *, minutes: int = 50, room: str = "A1"
    ) -> uuid.UUID:
        values = {
            "activity_id": activity_id,
            "start_time": start,
            "end_time": start + dt.timedelta(minutes=minutes),
            "room": room,
            "cancelled": False,
            "comment": None,
        }
        row_id = self.id_for("lesson", f"{activity_id}/{start.isoformat()}")
        return self.record("lesson", values, row_id=row_id)

    def lesson_start(self, day_offset: int, hour: int = 8) -> dt.datetime:
        """A lesson time `day_offset` days from today (UTC)."""
        day = self.today + dt.timedelta(days=day_offset)
        return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC)

    # --- teacher-owned records -------------------------------------------

    def attendance(
        self, lesson_id: uuid.UUID, pupil_id: uuid.UUID, activity_id: uuid.UUID, status: str
    ) -> uuid.UUID:
        values = {
            "lesson_id": lesson_id,
            "pupil_id": pupil_id,
            "activity_id": activity_id,
            "status": status,
        }
        return self.record("attendance", values, row_id=ids.attendance_id(lesson_id, pupil_id))

    def owned(self, kind: str, key: str, **values: Any) -> uuid.UUID:
        """Any teacher-owned record (planning_unit, assessment, pupil_note, ...)."""
        return self.record(kind, values, row_id=self.id_for(kind, key))
