"""SS 12000 organisations, persons, duties and syllabuses as Klassbok sees them.

Organisations of type Skolenhet become schools; other organisation types
(huvudman, förvaltning...) are read past. A person becomes a person row
with one e-mail address, phone number and postal address (the first
private one, the first number, the folkbokföring address) and their
responsibles become guardian relations. Duties and syllabuses get no rows:
an activity's teachers are given as duties and its subject as a syllabus,
so both are kept as lookups for the runs after.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from server.services.ss12000_import.context import Context

SECURITY_MARKINGS: Mapping[str, str] = {
    "Ingen": "none",
    "Sekretessmarkering": "confidential",
    "Skyddad folkbokföring": "protected_registration",
}
RELATIONS: Mapping[str, str] = {
    "Vårdnadshavare": "guardian",
    "Annan ansvarig": "other_responsible",
    "God man": "other_responsible",
    "Utsedd behörig": "other_responsible",
}
# 12 digits, or a coordination number's letters after the date (20130101TF01).
_CIVIC_NO = re.compile(r"^(\d{8})-?([0-9A-Z]{4})$")


def where(endpoint: str, obj: Mapping[str, Any]) -> str:
    return f"{endpoint} object {obj.get('id')}"


def read_organisations(ctx: Context, objects: Sequence[dict[str, Any]]) -> None:
    for obj in objects:
        if obj["organisationType"] != "Skolenhet":
            continue
        at = where("organisations", obj)
        row_id = ctx.claim("school", obj["id"])
        values: dict[str, Any] = {
            "external_id": obj["id"],
            "name": ctx.text(obj, "displayName", 200, at),
            "school_unit_code": ctx.text(obj, "schoolUnitCode", 20, at),
            "municipality": ctx.text(obj, "municipalityCode", 100, at),
        }
        ctx.want("school", obj["id"], row_id, at, values)


def _civic_no(ctx: Context, obj: Mapping[str, Any], at: str) -> str | None:
    civic = obj.get("civicNo")
    if not isinstance(civic, dict) or not civic.get("value"):
        return None
    match = _CIVIC_NO.match(str(civic["value"]).strip().upper())
    if match is None:
        ctx.fail(at, f"civicNo.value '{civic['value']}' is not 12 digits (YYYYMMDDNNNN)")
        return None
    return f"{match.group(1)}-{match.group(2)}"


def _first(items: Any, prefer: tuple[str, str] | None = None) -> dict[str, Any] | None:
    """The first item, or the first whose `prefer[0]` field is `prefer[1]`."""
    if not isinstance(items, list) or not items:
        return None
    if prefer is not None:
        for item in items:
            if item.get(prefer[0]) == prefer[1]:
                return dict(item)
    return dict(items[0])


def _contact(ctx: Context, obj: Mapping[str, Any], at: str) -> dict[str, Any]:
    email = _first(obj.get("emails"), ("type", "Privat")) or {}
    phone = _first(obj.get("phoneNumbers")) or {}
    address = _first(obj.get("addresses"), ("type", "Folkbokföring")) or {}
    values = {
        "email": ctx.text(email, "value", 200, f"{at} emails"),
        "phone": ctx.text(phone, "value", 40, f"{at} phoneNumbers"),
        "street_address": ctx.text(address, "streetAddress", 200, f"{at} addresses"),
        "postal_code": ctx.text(address, "postalCode", 10, f"{at} addresses"),
        "locality": ctx.text(address, "locality", 100, f"{at} addresses"),
    }
    found = values["email"]
    if found is not None and ("@" not in found or " " in found):
        ctx.fail(at, f"emails value '{found}' is not an e-mail address")
    return values


def claim_persons(ctx: Context, objects: Sequence[dict[str, Any]]) -> None:
    """Every person's id first: responsibles refer to persons later in the list."""
    civic_owner: dict[str, str] = {}
    for obj in objects:
        at = where("persons", obj)
        civic_no = _civic_no(ctx, obj, at)
        stored_id: uuid.UUID | None = None
        if civic_no is not None:
            if civic_no in civic_owner:
                ctx.fail(at, f"civicNo {civic_no} is also person {civic_owner[civic_no]}'s")
            civic_owner[civic_no] = obj["id"]
            # A person the CSV import (or another id) made: keep their history.
            owner = ctx.stored.person_by_civic_no.get(civic_no)
            if owner is not None and owner.values["external_id"] != obj["id"]:
                if ctx.stored.by_external_id["person"].get(obj["id"]) is not None:
                    ctx.fail(at, f"civicNo {civic_no} is stored for another person")
                else:
                    stored_id = owner.id
        obj["_civic_no"] = civic_no
        ctx.claim("person", obj["id"], stored_id)


def read_persons(ctx: Context, objects: Sequence[dict[str, Any]]) -> None:
    for obj in objects:
        at = where("persons", obj)
        row_id = ctx.claimed["person"][obj["id"]]
        values: dict[str, Any] = {
            "external_id": obj["id"],
            "given_name": ctx.text(obj, "givenName", 100, at),
            "family_name": ctx.text(obj, "familyName", 100, at),
            "birth_date": ctx.date(obj, "birthDate", at),
            "security_marking": SECURITY_MARKINGS[obj.get("securityMarking") or "Ingen"],
            "civic_no": obj.pop("_civic_no", None),
            **_contact(ctx, obj, at),
        }
        ctx.want("person", obj["id"], row_id, at, values)
        # The list is all of the person's responsibles: links it leaves out end.
        ctx.plan.link_parents["guardian_relation"].add(row_id)
        for index, responsible in enumerate(obj.get("responsibles") or ()):
            _want_guardian(ctx, row_id, responsible, f"{at} responsibles[{index}]")


def _want_guardian(ctx: Context, pupil_id: uuid.UUID, responsible: Any, at: str) -> None:
    guardian_id = ctx.resolve("person", responsible.get("person"), f"{at}.person")
    if guardian_id is None:
        return
    if guardian_id == pupil_id:
        ctx.fail(at, "a person cannot be their own responsible")
        return
    pair = (pupil_id, guardian_id)
    stored = ctx.stored.by_pair["guardian_relation"].get(pair)
    relation = RELATIONS[responsible.get("relationType") or "Vårdnadshavare"]
    values = {"pupil_id": pupil_id, "guardian_id": guardian_id, "relation_type": relation}
    ctx.want("guardian_relation", pair, stored.id if stored else uuid.uuid4(), at, values)


def read_duties(ctx: Context, objects: Sequence[dict[str, Any]]) -> None:
    for obj in objects:
        at = where("duties", obj)
        if ctx.resolve("person", obj["person"], f"{at} person") is not None:
            ctx.lookups.duties[obj["id"]] = obj["person"]["id"]


def read_syllabuses(ctx: Context, objects: Sequence[dict[str, Any]]) -> None:
    for obj in objects:
        at = where("syllabuses", obj)
        course = ctx.text(obj, "courseCode", 20, at)
        code = course or ctx.text(obj, "subjectCode", 20, at)
        name = (ctx.text(obj, "courseName", 100, at) if course else None) or ctx.text(
            obj, "subjectName", 100, at
        )
        ctx.lookups.syllabuses[obj["id"]] = [code, name]
