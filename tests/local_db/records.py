"""Hand-built change records for cache tests.

Records go into a cache the way the server's do: as ChangeRecords through
decode_page/apply_page, so the tests exercise the real write path.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from local_db.cache import Cache
from local_db.sync.page_apply import apply_page, decode_page
from sync_protocol.codec import encode_fields
from sync_protocol.entities import REGISTRY
from sync_protocol.wire import ChangePage, ChangeRecord

UTC = dt.UTC
SCHOOL_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")
#: The day most tests look at: a Monday in the autumn term.
DAY = dt.date(2026, 9, 14)

#: Values for fields a test does not care about.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "school": {"name": "Björkskolan", "school_unit_code": None, "municipality": None},
    "person": {
        "birth_date": None,
        "security_marking": "none",
        "email": None,
        "phone": None,
        "street_address": None,
        "postal_code": None,
        "locality": None,
    },
    "group": {
        "school_id": SCHOOL_ID,
        "group_type": "class",
        "school_year": 7,
        "start_date": dt.date(2026, 8, 1),
        "end_date": None,
    },
    "group_membership": {"end_date": None},
    "guardian_relation": {"relation_type": "guardian"},
    "activity": {
        "school_id": SCHOOL_ID,
        "subject_code": None,
        "subject_name": None,
        "activity_type": "teaching",
        "start_date": dt.date(2026, 8, 1),
        "end_date": None,
    },
    "activity_teacher": {"grader": True},
    "lesson": {"room": None, "cancelled": False, "comment": None},
}


class RecordBuilder:
    """Collects records; `page()` wraps them as the server would."""

    def __init__(self) -> None:
        self.records: list[ChangeRecord] = []
        self._seq = 0

    def add(self, kind: str, ident: uuid.UUID | None = None, **fields: Any) -> uuid.UUID:
        spec = REGISTRY[kind]
        values = {**_DEFAULTS.get(kind, {}), **fields}
        self._seq += 1
        ident = ident or uuid.uuid4()
        self.records.append(
            ChangeRecord(
                kind=kind,
                id=ident,
                seq=self._seq,
                fields=encode_fields(spec, values),
                modified_at=dt.datetime(2026, 8, 1, tzinfo=UTC),
            )
        )
        return ident

    def written_by(self, author: uuid.UUID) -> None:
        """The record added last was made by `author` (a note's author, say)."""
        self.records[-1] = self.records[-1].model_copy(update={"created_by": author})

    def tombstone(self, kind: str, ident: uuid.UUID) -> None:
        self._seq += 1
        self.records.append(ChangeRecord(kind=kind, id=ident, seq=self._seq, deleted=True))

    # Shorthands for the kinds most tests need.

    def person(self, given: str, family: str, **fields: Any) -> uuid.UUID:
        return self.add("person", given_name=given, family_name=family, **fields)

    def group(self, name: str, **fields: Any) -> uuid.UUID:
        return self.add("group", display_name=name, **fields)

    def member(
        self, group_id: uuid.UUID, person_id: uuid.UUID, start: dt.date, end: dt.date | None = None
    ) -> uuid.UUID:
        return self.add(
            "group_membership",
            group_id=group_id,
            person_id=person_id,
            start_date=start,
            end_date=end,
        )

    def activity(
        self, name: str, groups: list[uuid.UUID], teachers: list[uuid.UUID], **fields: Any
    ) -> uuid.UUID:
        activity_id = self.add("activity", display_name=name, **fields)
        for group_id in groups:
            self.add("activity_group", activity_id=activity_id, group_id=group_id)
        for teacher_id in teachers:
            self.add("activity_teacher", activity_id=activity_id, teacher_id=teacher_id)
        return activity_id

    def lesson(
        self, activity_id: uuid.UUID, start: dt.datetime, minutes: int = 60, **fields: Any
    ) -> uuid.UUID:
        return self.add(
            "lesson",
            activity_id=activity_id,
            start_time=start,
            end_time=start + dt.timedelta(minutes=minutes),
            **fields,
        )

    def page(self, cursor: str = "c1", has_more: bool = False, **extra: Any) -> ChangePage:
        return ChangePage(
            changes=list(self.records),
            cursor=cursor,
            has_more=has_more,
            server_time=dt.datetime(2026, 9, 1, tzinfo=UTC),
            **extra,
        )

    def apply_to(self, cache: Cache) -> None:
        decoded = decode_page(self.page())
        with cache.begin() as conn:
            apply_page(conn, decoded, dt.datetime.now(UTC))
        self.records.clear()


def wire_page(page: ChangePage) -> dict[str, Any]:
    """The page as JSON-ready data, for tests that tamper with it."""
    return page.model_dump(mode="json")
