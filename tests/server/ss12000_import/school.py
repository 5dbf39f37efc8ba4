"""A small school in SS 12000 2.1.0 objects, made for the import's tests.

One huvudman and one school unit; two teachers with a duty each; four
pupils in two classes, one of them (Lova) with skyddad folkbokföring; three
guardians; a mathematics syllabus, one activity per class, a week of
lessons. Ids are fixed UUIDs so a test can name the objects it changes.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import Any

from tests.support.ss12000_double import Ss12000Double


def sid(name: str) -> str:
    """The fixed SS 12000 id of the object the test calls `name`."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"klassbok-test:{name}"))


def ref(name: str, display: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"id": sid(name)}
    if display is not None:
        found["displayName"] = display
    return found


def person(
    name: str,
    given: str,
    family: str,
    civic: str,
    *,
    marking: str = "Ingen",
    email: str | None = None,
    responsibles: tuple[str, ...] = (),
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": sid(name),
        "givenName": given,
        "familyName": family,
        "civicNo": {"value": civic, "nationality": "SE"},
        "birthDate": f"{civic[:4]}-{civic[4:6]}-{civic[6:8]}",
        "securityMarking": marking,
        "personStatus": "Aktiv",
        "phoneNumbers": [{"value": "070-123 45 67", "mobile": True}],
        "addresses": [
            {
                "type": "Folkbokföring",
                "streetAddress": f"{family}vägen 3",
                "postalCode": "582 22",
                "locality": "Linköping",
                "country": "Sverige",
            }
        ],
        "responsibles": [
            {"person": ref(other), "relationType": "Vårdnadshavare"} for other in responsibles
        ],
    }
    if email is not None:
        found["emails"] = [{"value": email, "type": "Privat"}]
    return found


PUPILS = {
    "pupil:alva": ("Alva", "Berg", "20130312", "7A", ("guardian:ida",)),
    "pupil:lova": ("Lova", "Lind", "20130517", "7A", ("guardian:per",)),
    "pupil:nils": ("Nils", "Holm", "20130822", "7B", ("guardian:per",)),
    "pupil:omar": ("Omar", "Said", "20131101", "7B", ("guardian:ayla",)),
}
GUARDIANS = {
    "guardian:ida": ("Ida", "Berg", "19840214"),
    "guardian:per": ("Per", "Lind", "19800630"),
    "guardian:ayla": ("Ayla", "Said", "19870909"),
}
TEACHERS = {
    "teacher:anna": ("Anna", "Ek", "19790101", "7A"),
    "teacher:bo": ("Bo", "Ek", "19750505", "7B"),
}


def group(name: str, display: str, members: list[str], group_type: str = "Klass") -> dict[str, Any]:
    return {
        "id": sid(name),
        "displayName": display,
        "groupType": group_type,
        "schoolType": "GR",
        "organisation": ref("unit"),
        "startDate": "2026-08-17",
        "endDate": "2027-06-11",
        "groupMemberships": [
            {"person": ref(member), "startDate": "2026-08-17"} for member in members
        ],
    }


def activity(klass: str, teacher: str) -> dict[str, Any]:
    return {
        "id": sid(f"activity:{klass}"),
        "displayName": f"Matematik {klass}",
        "calendarEventsRequired": True,
        "startDate": "2026-08-17",
        "endDate": "2027-06-11",
        "activityType": "Undervisning",
        "groups": [ref(f"group:{klass}")],
        "teachers": [{"duty": ref(f"duty:{teacher}"), "grader": True}],
        "syllabus": ref("syllabus:ma"),
        "organisation": ref("unit"),
    }


def lesson(klass: str, day: int) -> dict[str, Any]:
    return {
        "id": sid(f"lesson:{klass}:{day}"),
        "activity": ref(f"activity:{klass}"),
        "startTime": f"2026-09-{day:02d}T08:10:00+02:00",
        "endTime": f"2026-09-{day:02d}T09:00:00+02:00",
        "cancelled": False,
        "rooms": [ref(f"room:{klass}", f"Sal {klass}")],
    }


def fill(double: Ss12000Double) -> None:
    """Put the whole school into the double, modified a minute ago (so a run
    begun now does not fetch it again: the delta point is kept to the second)."""
    ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    put = functools.partial(double.put, at=ago)
    put(
        "organisations",
        {"id": sid("owner"), "displayName": "Linköpings kommun", "organisationType": "Huvudman"},
    )
    put(
        "organisations",
        {
            "id": sid("unit"),
            "displayName": "Ekbackeskolan",
            "organisationType": "Skolenhet",
            "schoolUnitCode": "58212345",
            "municipalityCode": "0580",
            "schoolTypes": ["GR"],
            "parentOrganisation": ref("owner"),
        },
    )
    for name, (given, family, civic) in GUARDIANS.items():
        put("persons", person(name, given, family, f"{civic}1234", email=f"{given.lower()}@hem.se"))
    for name, (given, family, civic, _klass, responsibles) in PUPILS.items():
        marking = "Skyddad folkbokföring" if name == "pupil:lova" else "Ingen"
        put(
            "persons",
            person(
                name,
                given,
                family,
                f"{civic}2345",
                marking=marking,
                email=f"{given.lower()}@elev.se",
                responsibles=responsibles,
            ),
        )
    for name, (given, family, civic, _klass) in TEACHERS.items():
        put(
            "persons",
            person(name, given, family, f"{civic}3456", email=f"{given.lower()}@skola.se"),
        )
        put(
            "duties",
            {
                "id": sid(f"duty:{name}"),
                "person": ref(name),
                "dutyAt": ref("unit"),
                "dutyRole": "Lärare",
                "startDate": "2026-08-01",
            },
        )
    put(
        "syllabuses",
        {
            "id": sid("syllabus:ma"),
            "schoolType": "GR",
            "subjectCode": "MA",
            "subjectName": "Matematik",
            "official": True,
        },
    )
    for klass in ("7A", "7B"):
        members = [name for name, pupil in PUPILS.items() if pupil[3] == klass]
        put("groups", group(f"group:{klass}", klass, members))
        teacher = next(name for name, t in TEACHERS.items() if t[3] == klass)
        put("activities", activity(klass, teacher))
        for day in (14, 15, 16):
            put("calendarEvents", lesson(klass, day))
    put("groups", group("group:staff", "Lärarlaget", list(TEACHERS), "Personalgrupp"))
