"""Contact data of a pupil with a security marking, and of their guardians, never leaves.

Elsa has a security marking; Greta is her guardian. Alva and her guardian
Gunnar have none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sync_protocol.entities import entity
from tests.support.server_fixtures import RunningServer, ServerFactory

CONTACT_FIELDS = [spec.name for spec in entity("person").fields if spec.contact]
#: Values the small school stored for the protected two (see school_builder).
SECRETS = ("elsa@elev.example", "greta@hem.example", "Erikssonvägen")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _person_records(server: RunningServer, token: str) -> dict[str, dict[str, Any]]:
    pages, _ = server.pull_all(token, limit=3)
    return {
        record["id"]: record
        for page in pages
        for record in page["changes"]
        if record["kind"] == "person"
    }


def test_protected_contact_fields_are_null_in_every_response(school_server: RunningServer) -> None:
    school = school_server.school
    elsa, greta = str(school["pupil:elsa"]), str(school["guardian:greta"])
    for teacher in ("anna", "cecilia"):
        token = school_server.token(teacher)
        persons = _person_records(school_server, token)
        for protected in (elsa, greta):
            assert all(persons[protected]["fields"][name] is None for name in CONTACT_FIELDS)
            assert persons[protected]["fields"]["given_name"]  # the name is still there
        bodies = [
            school_server.get(f"/api/v1/persons/{elsa}", token).json(),
            school_server.get(f"/api/v1/persons/{greta}", token).json(),
            school_server.get(f"/api/v1/groups/{school['group:7a']}/members", token).json(),
            school_server.pull_all(token)[0],
        ]
        for body in bodies[:2]:
            assert body["contact_withheld"] is True
            assert all(body[name] is None for name in CONTACT_FIELDS)
        (member,) = [m for m in bodies[2] if m["pupil"]["id"] == elsa]
        assert member["pupil"]["protected"] is True
        assert all(member["pupil"][name] is None for name in CONTACT_FIELDS)
        leaked = {s for s in _strings(bodies) if any(secret in s for secret in SECRETS)}
        assert not leaked


def test_an_unprotected_pupils_guardian_has_contact_data(school_server: RunningServer) -> None:
    school = school_server.school
    token = school_server.token("anna")
    gunnar = str(school["guardian:gunnar"])
    assert _person_records(school_server, token)[gunnar]["fields"]["email"] == "gunnar@hem.example"
    body = school_server.get(f"/api/v1/persons/{gunnar}", token).json()
    assert (body["email"], body["contact_withheld"]) == ("gunnar@hem.example", False)
    alva = school_server.get(f"/api/v1/persons/{school['pupil:alva']}", token).json()
    assert alva["email"] == "alva@elev.example"


def test_a_new_marking_blanks_the_pupil_and_guardian_in_the_next_pull(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    school = server.school
    token = server.token("anna")
    _, cursor = server.pull_all(token)
    school.builder.update("person", school["pupil:alva"], security_marking="protected_registration")
    pages, _ = server.pull_all(token, cursor)
    changed = {r["id"]: r for page in pages for r in page["changes"]}
    for label in ("pupil:alva", "guardian:gunnar"):
        record = changed[str(school[label])]
        assert all(record["fields"][name] is None for name in CONTACT_FIELDS), label
        # A withheld field's version would tell that it changed: none is sent.
        assert not set(record["fv"]) & set(CONTACT_FIELDS)
