"""The SS 12000 2.1.0 objects the importer reads, checked field by field.

Written from the specification's text (Organisation, Person, Duty, Group,
Activity, CalendarEvent, Syllabus): the required fields, their types, formats
and value sets. Fields the importer does not read are not checked, and
unknown fields are allowed (the specification lets servers add their own).
A problem names the endpoint, the object's id and the field, so an operator
can tell the student information system's supplier exactly what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.I)


@dataclass(frozen=True)
class F:
    """A field: its type ('str', 'uuid', 'date', 'dateTime', 'bool', 'int',
    'object', 'list'), whether required, its value set, and the shape of an
    object or of a list's items."""

    type: str
    required: bool = False
    enum: tuple[str, ...] = ()
    shape: Mapping[str, F] | None = None
    items: F | None = None
    min_items: int = 0


REF = {"id": F("uuid", required=True), "displayName": F("str")}
META = {"created": F("dateTime", required=True), "modified": F("dateTime", required=True)}


def _ref(required: bool = False) -> F:
    return F("object", required, shape=REF)


def _base() -> dict[str, F]:
    return {"id": F("uuid", required=True), "meta": F("object", True, shape=META)}


SCHOOL_TYPES = (
    *("FS", "FKLASS", "FTH", "OPPFTH", "GR", "GRS", "TR", "SP", "SAM", "GY", "GYS", "VUX"),
    *("VUXSFI", "VUXGR", "VUXGY", "VUXSARGR", "VUXSARTR", "VUXSARGY", "SFI", "SARVUX"),
    *("SARVUXGR", "SARVUXGY", "KU", "YH", "FHS", "STF", "KKU", "HS", "ABU", "AU"),
)
ORGANISATION_TYPES = (
    *("Huvudman", "Verksamhetsområde", "Förvaltning", "Rektorsområde", "Skola"),
    *("Skolenhet", "Varumärke", "Bolag", "Övrigt"),
)
SECURITY_MARKINGS = ("Ingen", "Sekretessmarkering", "Skyddad folkbokföring")
RELATION_TYPES = ("Vårdnadshavare", "Annan ansvarig", "God man", "Utsedd behörig")
GROUP_TYPES = (
    *("Undervisning", "Klass", "Mentor", "Provgrupp", "Schema", "Avdelning"),
    *("Personalgrupp", "Övrigt"),
)
ACTIVITY_TYPES = ("Undervisning", "Elevaktivitet", "Provaktivitet", "Läraraktivitet", "Övrigt")
DUTY_ROLES = (
    *("Rektor", "Lärare", "Förskollärare", "Barnskötare", "Bibliotekarie", "Lärarassistent"),
    *("Fritidspedagog", "Annan personal", "Studie- och yrkesvägledare", "Förstelärare"),
    *("Kurator", "Skolsköterska", "Skolläkare", "Skolpsykolog", "Speciallärare/specialpedagog"),
    *("Skoladministratör", "Övrig arbetsledning", "Övrig pedagogisk personal", "Förskolechef"),
)
EMAIL_TYPES = ("Privat", "Skola elev", "Skola personal", "Arbete övrigt")
ADDRESS_TYPES = ("Folkbokföring", "Särskild postadress", "Tillfällig adress", "Postadress")

SHAPES: Mapping[str, Mapping[str, F]] = {
    "organisations": {
        **_base(),
        "displayName": F("str", True),
        "organisationType": F("str", True, enum=ORGANISATION_TYPES),
        "schoolUnitCode": F("str"),
        "municipalityCode": F("str"),
        "schoolTypes": F("list", items=F("str", enum=SCHOOL_TYPES)),
        "parentOrganisation": _ref(),
        "startDate": F("date"),
        "endDate": F("date"),
    },
    "persons": {
        **_base(),
        "givenName": F("str", True),
        "familyName": F("str", True),
        "birthDate": F("date"),
        "securityMarking": F("str", enum=SECURITY_MARKINGS),
        "civicNo": F("object", shape={"value": F("str", True), "nationality": F("str")}),
        "emails": F(
            "list",
            items=F(
                "object",
                shape={"value": F("str", True), "type": F("str", True, enum=EMAIL_TYPES)},
            ),
        ),
        "phoneNumbers": F(
            "list", items=F("object", shape={"value": F("str", True), "mobile": F("bool")})
        ),
        "addresses": F(
            "list",
            items=F(
                "object",
                shape={
                    "type": F("str", enum=ADDRESS_TYPES),
                    "streetAddress": F("str", True),
                    "postalCode": F("str", True),
                    "locality": F("str", True),
                    "country": F("str", True),
                },
            ),
        ),
        "responsibles": F(
            "list",
            items=F(
                "object",
                shape={"person": _ref(True), "relationType": F("str", enum=RELATION_TYPES)},
            ),
        ),
    },
    "duties": {
        **_base(),
        "person": _ref(True),
        "dutyAt": _ref(True),
        "dutyRole": F("str", True, enum=DUTY_ROLES),
        "startDate": F("date", True),
        "endDate": F("date"),
    },
    "groups": {
        **_base(),
        "displayName": F("str", True),
        "groupType": F("str", True, enum=GROUP_TYPES),
        "organisation": _ref(True),
        "startDate": F("date", True),
        "endDate": F("date"),
        "groupMemberships": F(
            "list",
            items=F(
                "object",
                shape={"person": _ref(True), "startDate": F("date"), "endDate": F("date")},
            ),
        ),
    },
    "activities": {
        **_base(),
        "displayName": F("str", True),
        "calendarEventsRequired": F("bool", True),
        "startDate": F("date", True),
        "endDate": F("date"),
        "activityType": F("str", enum=ACTIVITY_TYPES),
        "groups": F("list", True, items=_ref(True), min_items=1),
        "teachers": F(
            "list",
            items=F(
                "object",
                shape={
                    "duty": _ref(True),
                    "grader": F("bool"),
                    "startDate": F("date"),
                    "endDate": F("date"),
                },
            ),
        ),
        "syllabus": _ref(),
        "organisation": _ref(True),
    },
    "calendarEvents": {
        **_base(),
        "activity": _ref(True),
        "startTime": F("dateTime", True),
        "endTime": F("dateTime", True),
        "cancelled": F("bool"),
        "comment": F("str"),
        "rooms": F("list", items=_ref(True)),
    },
    "syllabuses": {
        **_base(),
        "schoolType": F("str", True, enum=SCHOOL_TYPES),
        "subjectName": F("str", True),
        "subjectCode": F("str"),
        "courseCode": F("str"),
        "courseName": F("str"),
        "official": F("bool", True),
    },
}

_TYPES: Mapping[str, tuple[type[Any], ...]] = {
    "str": (str,),
    "uuid": (str,),
    "date": (str,),
    "dateTime": (str,),
    "bool": (bool,),
    "int": (int,),
    "object": (dict,),
    "list": (list,),
}
_TYPE_NAMES = {"str": "a string", "uuid": "a UUID", "date": "a date (YYYY-MM-DD)"}


def _check(value: Any, spec: F, path: str, found: list[str]) -> None:
    if value is None:
        # null is how several servers write "not set"; a required field is checked by the caller.
        return
    if not isinstance(value, _TYPES[spec.type]) or (spec.type == "int" and isinstance(value, bool)):
        found.append(f"{path} must be {_TYPE_NAMES.get(spec.type, spec.type)}, got {value!r}")
        return
    if spec.type == "uuid" and not _UUID.match(value):
        found.append(f"{path} '{value}' is not a UUID")
    elif spec.type == "date" and not _DATE.match(value):
        found.append(f"{path} '{value}' is not a date (YYYY-MM-DD)")
    elif spec.type == "dateTime" and not _DATETIME.match(value):
        found.append(f"{path} '{value}' is not a date and time with an offset (RFC 3339)")
    elif spec.enum and value not in spec.enum:
        found.append(f"{path} '{value}' is not one of: {', '.join(spec.enum)}")
    elif spec.type == "object" and spec.shape is not None:
        _check_object(value, spec.shape, path, found)
    elif spec.type == "list" and spec.items is not None:
        if len(value) < spec.min_items:
            found.append(f"{path} needs at least {spec.min_items} item(s)")
        for index, item in enumerate(value):
            if item is None:
                found.append(f"{path}[{index}] is null")
            else:
                _check(item, spec.items, f"{path}[{index}]", found)


def _check_object(
    value: Mapping[str, Any], shape: Mapping[str, F], path: str, found: list[str]
) -> None:
    for name, spec in shape.items():
        where = f"{path}.{name}" if path else name
        if value.get(name) is None:
            if spec.required:
                found.append(f"{where} is required but missing")
            continue
        _check(value[name], spec, where, found)


def object_problems(endpoint: str, obj: Any, index: int) -> list[str]:
    """What is wrong with one object of `endpoint`'s list (empty: nothing)."""
    if not isinstance(obj, dict):
        return [f"{endpoint}[{index}] is not an object"]
    raw_id = obj.get("id")
    name = f"{endpoint} object {raw_id}" if isinstance(raw_id, str) else f"{endpoint}[{index}]"
    found: list[str] = []
    _check_object(obj, SHAPES[endpoint], "", found)
    return [f"{name}: {problem}" for problem in found]
