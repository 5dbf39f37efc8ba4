"""Reading schools, persons, groups, memberships, guardians and activities.

Each `read_*` function checks every row of one file (see docs/csv_import.md
for the columns) and registers the rows it wants stored with the
PlanBuilder. Files are read in dependency order, so a reference resolves to
a row of an earlier file or to a stored row.
"""

from __future__ import annotations

import datetime as dt
import uuid

from server.services.imports.csv_existing import LINK_KEYS
from server.services.imports.csv_files import CsvTable as _Table
from server.services.imports.csv_files import (
    FileSpec,
    RowReader,
    fold,
    parse_civic_no,
    rows_of,
    vocabulary,
)
from server.services.imports.csv_plan import PlanBuilder, WantedRow, derived_external_id
from sync_protocol.entities import (
    ACTIVITY_TYPES,
    GROUP_TYPES,
    SECURITY_MARKINGS,
    SS12000_ACTIVITY_TYPES,
    SS12000_GROUP_TYPES,
    SS12000_SECURITY_MARKINGS,
    entity,
)

SCHOOLS = FileSpec("schools.csv", ("school_id", "name"), ("school_unit_code", "municipality"))
PERSONS = FileSpec(
    "persons.csv",
    ("person_id", "roles", "given_name", "family_name", "security_marking"),
    ("birth_date", "civic_no", "email", "phone", "street_address", "postal_code", "locality"),
)
GROUPS = FileSpec(
    "groups.csv",
    ("group_id", "school_id", "name", "group_type", "start_date"),
    ("school_year", "end_date"),
)
MEMBERSHIPS = FileSpec(
    "memberships.csv", ("group_id", "person_id", "start_date"), ("end_date", "membership_id")
)
GUARDIANS = FileSpec("guardians.csv", ("pupil_id", "guardian_id"), ("relation",))
ACTIVITIES = FileSpec(
    "activities.csv",
    ("activity_id", "school_id", "name", "start_date", "teachers", "groups"),
    ("subject_code", "subject_name", "activity_type", "end_date", "graders"),
)

# SS 12000's Swedish values first (what schools' systems export), then the
# codes Klassbok uses on the wire.
MARKINGS = vocabulary(
    {
        code: (ss12000,)
        for code, ss12000 in zip(SECURITY_MARKINGS, SS12000_SECURITY_MARKINGS, strict=True)
    }
)
_GROUP_TYPES = vocabulary(
    {code: (name,) for code, name in zip(GROUP_TYPES, SS12000_GROUP_TYPES, strict=True)}
)
_ACTIVITY_TYPES = vocabulary(
    {code: (name,) for code, name in zip(ACTIVITY_TYPES, SS12000_ACTIVITY_TYPES, strict=True)}
)
ROLES = vocabulary(
    {"pupil": ("elev",), "teacher": ("lärare",), "guardian": ("vårdnadshavare", "vh")}
)
RELATIONS = vocabulary(
    {
        "guardian": ("Vårdnadshavare",),
        "other_responsible": ("Annan ansvarig", "God man", "Familjehem"),
    }
)


def _max(kind: str, name: str) -> int | None:
    return entity(kind).field(name).max_length


def _dates(reader: RowReader) -> tuple[dt.date | None, dt.date | None]:
    start = reader.date("start_date", required=True)
    end = reader.date("end_date")
    if start is not None and end is not None and end < start:
        reader.fail(f"end_date {end} is before start_date {start}")
    return start, end


def _optional(reader: RowReader, values: dict[str, object], column: str, kind: str) -> None:
    """An optional text column: set (or emptied) when the file has it, else left alone."""
    if reader.has(column):
        values[column] = reader.text(column, max_length=_max(kind, column))


def read_schools(table: _Table | None, builder: PlanBuilder) -> None:
    for reader in rows_of(table, builder.problems):
        claimed = builder.claim(reader, "school", "school_id")
        values: dict[str, object] = {"name": reader.text("name", required=True, max_length=200)}
        _optional(reader, values, "school_unit_code", "school")
        _optional(reader, values, "municipality", "school")
        if claimed is not None and reader.ok:
            external_id, row_id = claimed
            values["external_id"] = external_id
            builder.want(
                "school", external_id, WantedRow(row_id, SCHOOLS.name, reader.line, values)
            )


def _roles(reader: RowReader) -> frozenset[str]:
    roles: set[str] = set()
    cells = [cell.strip() for cell in reader.raw("roles").split("|") if cell.strip()]
    if not cells:
        reader.fail("roles is empty; write elev, lärare or vårdnadshavare (several: elev|lärare)")
    for cell in cells:
        code = ROLES.lookup.get(fold(cell))
        if code is None:
            reader.fail(f"unknown role '{cell}'; use one of: {', '.join(ROLES.shown)}")
        else:
            roles.add(code)
    return frozenset(roles)


def _civic_no(reader: RowReader, today: dt.date) -> str | None:
    raw = reader.raw("civic_no")
    if not raw:
        return None
    try:
        return parse_civic_no(raw, today)
    except ValueError as exc:
        reader.fail(f"civic_no '{raw}' {exc}")
        return None


def _renumbered_person(
    reader: RowReader, builder: PlanBuilder, civic_no: str, external_id: str | None
) -> uuid.UUID | None:
    """The stored person with this personnummer, when the file gives them a new id.

    A school's system may renumber a person; matching on personnummer keeps
    their history instead of making a second person. None when there is no
    such person, or when the number would end up on two persons (a problem).
    """
    owner = builder.stored.person_by_civic_no.get(civic_no)
    if owner is None:
        return None
    by_id = builder.stored.by_external_id["person"].get(external_id or "")
    other = owner.values["external_id"]
    if by_id is not None:
        if owner.id != by_id.id:
            reader.fail(
                f"civic_no {civic_no} is stored for another person (person_id '{other}'); "
                "correct that person first"
            )
        return None
    if other and builder.claimed("person", other) is not None:
        reader.fail(f"civic_no {civic_no} belongs to person_id '{other}' in this file")
        return None
    return owner.id


def read_persons(table: _Table | None, builder: PlanBuilder, today: dt.date) -> None:
    civic_lines: dict[str, int] = {}
    for reader in rows_of(table, builder.problems):
        civic_no = _civic_no(reader, today) if reader.has("civic_no") else None
        external_id = reader.text("person_id", required=True, max_length=100)
        stored_id: uuid.UUID | None = None
        if civic_no is not None:
            if civic_no in civic_lines:
                reader.fail(f"civic_no {civic_no} is also on line {civic_lines[civic_no]}")
            civic_lines[civic_no] = reader.line
            stored_id = _renumbered_person(reader, builder, civic_no, external_id)
        claimed = (
            builder.claim_value(reader, "person", "person_id", external_id, stored_id=stored_id)
            if external_id is not None
            else None
        )
        roles = _roles(reader)
        if claimed is not None:
            builder.roles[claimed[0]] = roles
        values: dict[str, object] = {
            "given_name": reader.text("given_name", required=True, max_length=100),
            "family_name": reader.text("family_name", required=True, max_length=100),
            "security_marking": reader.choice("security_marking", MARKINGS),
        }
        if reader.has("birth_date"):
            values["birth_date"] = reader.date("birth_date")
        if reader.has("civic_no"):
            values["civic_no"] = civic_no
        for column in ("email", "phone", "street_address", "postal_code", "locality"):
            _optional(reader, values, column, "person")
        email = values.get("email")
        if isinstance(email, str) and ("@" not in email or " " in email):
            reader.fail(f"email '{email}' is not an e-mail address")
        if claimed is not None and reader.ok:
            values["external_id"] = claimed[0]
            row = WantedRow(claimed[1], PERSONS.name, reader.line, values)
            builder.want("person", claimed[0], row)


def read_groups(table: _Table | None, builder: PlanBuilder) -> None:
    for reader in rows_of(table, builder.problems):
        claimed = builder.claim(reader, "group", "group_id")
        school_ext = reader.text("school_id", required=True)
        school_id = (
            builder.resolve(reader, "school", "school_id", school_ext) if school_ext else None
        )
        start, end = _dates(reader)
        values: dict[str, object] = {
            "school_id": school_id,
            "display_name": reader.text("name", required=True, max_length=100),
            "group_type": reader.choice("group_type", _GROUP_TYPES),
            "start_date": start,
        }
        if reader.has("end_date"):
            values["end_date"] = end
        if reader.has("school_year"):
            values["school_year"] = reader.integer("school_year", 0, 10)
        if claimed is not None and reader.ok:
            values["external_id"] = claimed[0]
            builder.want(
                "group", claimed[0], WantedRow(claimed[1], GROUPS.name, reader.line, values)
            )


def read_memberships(table: _Table | None, builder: PlanBuilder) -> None:
    for reader in rows_of(table, builder.problems):
        group_ext = reader.text("group_id", required=True)
        person_ext = reader.text("person_id", required=True)
        group_id = builder.resolve(reader, "group", "group_id", group_ext) if group_ext else None
        person_id = (
            builder.resolve(reader, "person", "person_id", person_ext, role="pupil")
            if person_ext
            else None
        )
        start, end = _dates(reader)
        membership_ext = reader.text("membership_id", max_length=100)
        if membership_ext is None and group_ext and person_ext and start is not None:
            membership_ext = derived_external_id(group_ext, person_ext, start.isoformat())
            first = builder.claimed_on_line("group_membership", membership_ext)
            if first is not None:
                reader.fail(
                    f"pupil '{person_ext}' already has a membership of group '{group_ext}' "
                    f"from {start} on line {first}"
                )
        claimed = (
            builder.claim_value(reader, "group_membership", "membership_id", membership_ext)
            if membership_ext is not None and reader.ok
            else None
        )
        if claimed is not None and reader.ok:
            values: dict[str, object] = {
                "group_id": group_id,
                "person_id": person_id,
                "start_date": start,
                "end_date": end,
                "external_id": claimed[0],
            }
            row = WantedRow(claimed[1], MEMBERSHIPS.name, reader.line, values)
            builder.want("group_membership", claimed[0], row)


def read_guardians(table: _Table | None, builder: PlanBuilder) -> None:
    lines: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    for reader in rows_of(table, builder.problems):
        pupil_ext = reader.text("pupil_id", required=True)
        guardian_ext = reader.text("guardian_id", required=True)
        pupil_id = (
            builder.resolve(reader, "person", "pupil_id", pupil_ext, role="pupil")
            if pupil_ext
            else None
        )
        guardian_id = (
            builder.resolve(reader, "person", "guardian_id", guardian_ext, role="guardian")
            if guardian_ext
            else None
        )
        relation = reader.choice("relation", RELATIONS, default="guardian")
        if pupil_ext is not None and pupil_ext == guardian_ext:
            reader.fail(f"person '{pupil_ext}' cannot be their own guardian")
        if pupil_id is None or guardian_id is None or not reader.ok:
            continue
        pair = (pupil_id, guardian_id)
        if pair in lines:
            reader.fail(f"this pupil and guardian are already paired on line {lines[pair]}")
            continue
        lines[pair] = reader.line
        stored = builder.stored.by_pair["guardian_relation"].get(pair)
        values = {"pupil_id": pupil_id, "guardian_id": guardian_id, "relation_type": relation}
        row_id = stored.id if stored is not None else uuid.uuid4()
        builder.want(
            "guardian_relation", pair, WantedRow(row_id, GUARDIANS.name, reader.line, values)
        )
        builder.plan.link_parents["guardian_relation"].add(pupil_id)


def read_activities(table: _Table | None, builder: PlanBuilder) -> None:
    for reader in rows_of(table, builder.problems):
        claimed = builder.claim(reader, "activity", "activity_id")
        school_ext = reader.text("school_id", required=True)
        school_id = (
            builder.resolve(reader, "school", "school_id", school_ext) if school_ext else None
        )
        start, end = _dates(reader)
        values: dict[str, object] = {
            "school_id": school_id,
            "display_name": reader.text("name", required=True, max_length=100),
            "start_date": start,
        }
        for column in ("subject_code", "subject_name"):
            _optional(reader, values, column, "activity")
        if reader.has("end_date"):
            values["end_date"] = end
        defaults: dict[str, object] = {"activity_type": "teaching"}
        if reader.has("activity_type"):
            values["activity_type"] = reader.choice(
                "activity_type", _ACTIVITY_TYPES, default="teaching"
            )
        teacher_exts = reader.id_list("teachers")
        teachers = {
            ext: builder.resolve(reader, "person", "teachers", ext, role="teacher")
            for ext in teacher_exts
        }
        groups = [
            builder.resolve(reader, "group", "groups", ext) for ext in reader.id_list("groups")
        ]
        graders = set(reader.id_list("graders")) if reader.raw("graders") else set(teacher_exts)
        for ext in sorted(graders - set(teacher_exts)):
            reader.fail(f"grader '{ext}' is not one of the activity's teachers")
        if claimed is None or not reader.ok:
            continue
        activity_ext, activity_id = claimed
        values["external_id"] = activity_ext
        row = WantedRow(activity_id, ACTIVITIES.name, reader.line, values, defaults)
        builder.want("activity", activity_ext, row)
        _want_links(builder, reader, activity_id, "activity_group", {g: {} for g in groups})
        teacher_links: dict[uuid.UUID | None, dict[str, object]] = {
            teachers[ext]: {"grader": ext in graders} for ext in teacher_exts
        }
        _want_links(builder, reader, activity_id, "activity_teacher", teacher_links)


def _want_links(
    builder: PlanBuilder,
    reader: RowReader,
    activity_id: uuid.UUID,
    kind: str,
    others: dict[uuid.UUID | None, dict[str, object]],
) -> None:
    """An activity's groups or teachers: `others` maps each id to its extra values."""
    builder.plan.link_parents[kind].add(activity_id)
    column = LINK_KEYS[kind][1]
    for other, extra in others.items():
        if other is None:
            continue
        pair = (activity_id, other)
        stored = builder.stored.by_pair[kind].get(pair)
        values: dict[str, object] = {"activity_id": activity_id, column: other, **extra}
        row_id = stored.id if stored is not None else uuid.uuid4()
        builder.want(kind, pair, WantedRow(row_id, ACTIVITIES.name, reader.line, values))
