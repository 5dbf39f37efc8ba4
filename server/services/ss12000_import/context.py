"""Turning SS 12000 objects into the rows an import wants: ids and references.

SS 12000 gives every object a UUID that all the municipality's systems share;
Klassbok stores it as the row's external id, so a row is found again on the
next run whatever Klassbok's own id for it is. A reference (a group's
organisation, a membership's person) resolves to an object of the same run
or, failing that, to a row an earlier run imported.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from server.services.imports.csv_existing import StoredRows
from server.services.imports.csv_plan import ImportPlan, WantedRow
from server.services.ss12000_import.source import Fetched

#: The Klassbok kind each endpoint's objects become (duties and syllabuses
#: become no rows of their own: they are looked up by activities).
KIND_OF_ENDPOINT: Mapping[str, str] = {
    "organisations": "school",
    "persons": "person",
    "groups": "group",
    "activities": "activity",
    "calendarEvents": "lesson",
}
#: Kinds an endpoint's complete list is complete for.
_COMPLETE_KINDS: Mapping[str, tuple[str, ...]] = {
    "organisations": ("school",),
    "persons": ("person", "guardian_relation"),
    "groups": ("group", "group_membership"),
    "activities": ("activity",),
    "calendarEvents": ("lesson",),
}


@dataclass
class Lookups:
    """What a delta run needs of objects Klassbok keeps no table of."""

    #: duty id -> the person's id (both SS 12000 ids)
    duties: dict[str, str] = field(default_factory=dict)
    #: syllabus id -> [subject or course code, its name]
    syllabuses: dict[str, list[str | None]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, value: Any) -> Lookups:
        value = value if isinstance(value, dict) else {}
        return cls(dict(value.get("duties", {})), dict(value.get("syllabuses", {})))

    def to_json(self) -> dict[str, Any]:
        return {"duties": dict(sorted(self.duties.items())), "syllabuses": self.syllabuses}


class Context:
    """One run's objects, the stored rows, and the problems found so far."""

    def __init__(self, fetched: Fetched, stored: StoredRows, lookups: Lookups) -> None:
        self.fetched = fetched
        self.stored = stored
        self.lookups = lookups
        self.plan = ImportPlan()
        self.problems: list[str] = []
        #: kind -> SS 12000 id -> Klassbok id, of this run's objects
        self.claimed: dict[str, dict[str, uuid.UUID]] = {
            kind: {} for kind in (*KIND_OF_ENDPOINT.values(), "group_membership")
        }
        #: Objects of this run that failed their checks: references to them
        #: are not reported a second time.
        self.failed: set[str] = set()
        for endpoint in fetched.complete:
            self.plan.complete_kinds.update(_COMPLETE_KINDS.get(endpoint, ()))

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def claim(self, kind: str, ss_id: str, stored_id: uuid.UUID | None = None) -> uuid.UUID:
        """The Klassbok id of this run's object `ss_id` (stored or new)."""
        stored = self.stored.by_external_id[kind].get(ss_id)
        row_id = stored.id if stored is not None else stored_id or uuid.uuid4()
        self.claimed[kind][ss_id] = row_id
        return row_id

    def resolve(self, kind: str, ref: Any, where: str) -> uuid.UUID | None:
        """The Klassbok id an ObjectReference points at, or None (a problem)."""
        ss_id = ref.get("id") if isinstance(ref, dict) else None
        if not isinstance(ss_id, str):
            self.fail(where, "is not a reference with an id")
            return None
        found = self.claimed[kind].get(ss_id)
        if found is not None:
            return found
        if ss_id in self.failed:
            return None
        complete = kind in self.plan.complete_kinds
        stored = self.stored.live(kind, ss_id)
        if stored is not None and not complete and stored.id not in self.plan.deleted[kind]:
            return stored.id
        self.fail(
            where,
            f"refers to {_KIND_NAMES[kind]} {ss_id}, which is neither in this run nor "
            + ("imported before" if not complete else "in the complete list"),
        )
        return None

    def want(
        self, kind: str, key: Any, row_id: uuid.UUID, where: str, values: dict[str, Any]
    ) -> None:
        self.plan.rows[kind][key] = WantedRow(row_id, where, 0, values)

    def text(self, obj: Mapping[str, Any], name: str, max_length: int, where: str) -> str | None:
        """A string field, trimmed; None when absent or blank; too long is a problem."""
        value = obj.get(name)
        if not isinstance(value, str) or not value.strip():
            return None
        value = value.strip()
        if len(value) > max_length:
            self.fail(
                where, f"{name} is {len(value)} characters; Klassbok keeps at most {max_length}"
            )
        return value[:max_length]

    def date(self, obj: Mapping[str, Any], name: str, where: str) -> dt.date | None:
        value = obj.get(name)
        if not isinstance(value, str):
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(where, f"{name} '{value}' is not a real date")
            return None

    def moment(self, obj: Mapping[str, Any], name: str, where: str) -> dt.datetime | None:
        value = obj.get(name)
        if not isinstance(value, str):
            return None
        try:
            return dt.datetime.fromisoformat(value.replace("z", "Z")).astimezone(dt.UTC)
        except ValueError:
            self.fail(where, f"{name} '{value}' is not a real date and time")
            return None

    def dates(
        self, obj: Mapping[str, Any], where: str, *, start_name: str = "startDate"
    ) -> tuple[dt.date | None, dt.date | None]:
        start = self.date(obj, start_name, where)
        end = self.date(obj, "endDate", where)
        if start is not None and end is not None and end < start:
            self.fail(where, f"endDate {end} is before {start_name} {start}")
        return start, end


_KIND_NAMES = {
    "school": "the school unit (organisation)",
    "person": "the person",
    "group": "the group",
    "activity": "the activity",
    "lesson": "the calendar event",
    "group_membership": "the membership",
}
