"""Protected identity in the published API: a protected pupil is named by id
alone in every object, even with expandReferenceNames; nobody's contact data
is ever published."""

from __future__ import annotations

import datetime as dt
import json

from tests.server.ss12000.publish_support import LISTS, add_client, every_page, get
from tests.support import ss12000
from tests.support.server_fixtures import ServerFactory


def test_no_published_object_names_a_protected_pupil_or_holds_contact_data(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    school, b = server.school, server.school.builder
    elsa, axel = school["pupil:elsa"], school["pupil:axel"]
    # Axel gets skyddad folkbokföring; Elsa has a sekretessmarkering already.
    b.update("person", axel, security_marking="protected_registration")
    with b.change_set():
        for key, pupil in (("elsa", elsa), ("axel", axel)):
            b.owned(
                "absence_report",
                f"{key}-sick",
                pupil_id=pupil,
                absence_type="granted_leave",
                start_time=b.now,
                end_time=b.now + dt.timedelta(hours=8),
                reported_at=b.now,
            )
            b.owned(
                "term_grade",
                f"{key}-ma",
                pupil_id=pupil,
                activity_id=school["activity:ma7a"],
                term=b.term.code,
                grade="C",
            )
        b.attendance(school["lesson:ma7a:0"], axel, school["activity:ma7a"], "valid_absence")
    token = add_client(server.engine)
    published: list[dict[str, object]] = []
    for path, schema in LISTS.items():
        found, _ = every_page(server, f"/{path}", token, schema, {"expandReferenceNames": "true"})
        published.extend(found)
        for item in found:
            one = get(server, f"/{path}/{item['id']}", token, {"expandReferenceNames": "true"})
            if path == "absences":  # /absences/{id} has no expandReferenceNames
                one = get(server, f"/{path}/{item['id']}", token)
            assert one.status_code == 200, one.text
            ss12000.check(schema, one.json())
            published.append(one.json())
    period = {
        "startDate": b.term.start.isoformat(),
        "endDate": b.term.end.isoformat(),
        "expandReferenceNames": "true",
    }
    sums, _ = every_page(server, "/aggregatedAttendance", token, "AggregatedAttendance", period)
    published.extend(sums)

    def about(pupil: object) -> list[dict[str, object]]:
        return [item for item in published if item["student"]["id"] == str(pupil)]  # type: ignore[index]

    # Both protected pupils are in every kind of object, by id only.
    for pupil in (elsa, axel):
        objects = about(pupil)
        assert len(objects) >= 7, objects
        assert all(item["student"] == {"id": str(pupil)} for item in objects)
    text = json.dumps(published, ensure_ascii=False)
    for secret in ("Elsa", "Eriksson", "Axel", "Ås", "Greta"):
        assert secret not in text
    # Unprotected pupils are named (so the expansion is on), and nobody's
    # contact data is anywhere: e-mail, phone, street, postcode, locality.
    assert "Alva Ahlberg" in text
    for contact in ("@", "070-", "08-123", "vägen", "123 45", "Ekby"):
        assert contact not in text
