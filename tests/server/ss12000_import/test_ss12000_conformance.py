"""The test double's data is realistic, and the importer's checks agree with
the schemas written from the specification (tests/support/ss12000).

Every list answer the double served in a full and a delta run validates
against the ListResponse schema and each object against its own; and every
field a schema requires, taken away from a served object, is refused by the
importer too, naming the object and the field.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from server.services.ss12000_import.shapes import object_problems
from tests.server.ss12000_import.school import sid
from tests.server.ss12000_import.support import sync
from tests.support import ss12000
from tests.support.ss12000_double import Ss12000Double

SCHEMA_OF = {
    "organisations": "Organisation",
    "persons": "Person",
    "duties": "Duty",
    "syllabuses": "Syllabus",
    "groups": "Group",
    "activities": "Activity",
    "calendarEvents": "CalendarEvent",
}
SCHEMAS = Path(ss12000.__file__).parent / "schemas"


def test_every_answer_the_double_serves_validates(engine: Engine, double: Ss12000Double) -> None:
    sync(engine, double)
    double.delete("calendarEvents", sid("lesson:7A:16"))
    moved = double.get("persons", sid("pupil:nils"))
    moved["securityMarking"] = "Sekretessmarkering"
    double.put("persons", moved)
    sync(engine, double)

    checked = dict.fromkeys((*SCHEMA_OF, "deletedEntities"), 0)
    for endpoint, body in double.served:
        if endpoint == "deletedEntities":
            ss12000.check("DeletedEntities", body)
            checked[endpoint] += 1
            continue
        ss12000.check("ListResponse", body)
        checked[endpoint] += len(ss12000.check_list(SCHEMA_OF[endpoint], body))
    assert checked == {
        "organisations": 2,
        "persons": 10,
        "duties": 2,
        "syllabuses": 1,
        "groups": 3,
        "activities": 2,
        "calendarEvents": 6,
        "deletedEntities": 1,
    }


@pytest.mark.parametrize("endpoint", list(SCHEMA_OF))
def test_a_field_the_schema_requires_is_required_by_the_importer(
    double: Ss12000Double, endpoint: str
) -> None:
    schema = json.loads((SCHEMAS / f"{SCHEMA_OF[endpoint]}.json").read_text("utf-8"))
    obj = next(iter(double.objects[endpoint].values()))
    assert object_problems(endpoint, obj, 0) == []
    for field in schema["required"]:
        broken = copy.deepcopy(obj)
        del broken[field]
        assert ss12000.problems(SCHEMA_OF[endpoint], broken)
        found = object_problems(endpoint, broken, 0)
        assert found == [f"{endpoint} object {obj['id']}: {field} is required but missing"] or (
            field == "id" and found == [f"{endpoint}[0]: id is required but missing"]
        )


@pytest.mark.parametrize(
    ("endpoint", "field"),
    [
        ("organisations", "organisationType"),
        ("persons", "securityMarking"),
        ("duties", "dutyRole"),
        ("groups", "groupType"),
        ("activities", "activityType"),
        ("syllabuses", "schoolType"),
    ],
)
def test_a_value_outside_the_specifications_set_is_refused_by_both(
    double: Ss12000Double, endpoint: str, field: str
) -> None:
    obj = copy.deepcopy(next(iter(double.objects[endpoint].values())))
    obj[field] = "Påhittad"
    assert ss12000.problems(SCHEMA_OF[endpoint], obj)
    (found,) = object_problems(endpoint, obj, 0)
    assert found.startswith(f"{endpoint} object {obj['id']}: {field} 'Påhittad' is not one of")
