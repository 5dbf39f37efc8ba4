"""The catalogue through the real server: every teacher pulls it (schema 3),
an app of schema 2 does not, and no app may write it. A matrix made from it
keeps its source; a bad value-words document is refused."""

from __future__ import annotations

import uuid
from typing import Any

from sync_protocol import versions
from tests.server.sync.push_helpers import TeacherClient, module_server, row
from tests.support.server_fixtures import RunningServer

catalogue_server = module_server()
KINDS = ("curriculum_subject", "curriculum_item")


def _kinds_pulled(server: RunningServer, username: str, headers: dict[str, str]) -> set[str]:
    response = server.get(
        "/api/v1/sync/changes", server.token(username), params={"limit": 5000}, headers=headers
    )
    assert response.status_code == 200, response.text
    return {record["kind"] for record in response.json()["changes"]}


def test_every_teacher_pulls_the_catalogue_and_an_older_app_does_not(
    catalogue_server: RunningServer,
) -> None:
    current = {versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION)}
    previous = {versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION - 1)}
    for teacher in ("anna", "bertil", "cecilia"):
        assert set(KINDS) <= _kinds_pulled(catalogue_server, teacher, current)
        assert not set(KINDS) & _kinds_pulled(catalogue_server, teacher, previous)


def test_no_app_may_write_the_catalogue(catalogue_server: RunningServer) -> None:
    anna = TeacherClient(catalogue_server, "anna")
    school = catalogue_server.school
    subject = school["catalogue:subject"]
    before = row(catalogue_server, "curriculum_subject", subject)
    edit = anna.op("curriculum_subject", subject, {"name": "Annan"}, base={"name": before["seq"]})
    new: dict[str, Any] = {"code": "GRGRMAT01", "name": "Egen", "version": 9, "source": "jag"}
    create = anna.op("curriculum_subject", uuid.uuid4(), new)
    for op in (edit, create):
        result = anna.result(op)
        assert result["outcome"] == "rejected", result
    assert row(catalogue_server, "curriculum_subject", subject)["name"] == "Matematik"


def test_a_matrix_from_the_catalogue_keeps_its_source(catalogue_server: RunningServer) -> None:
    anna = TeacherClient(catalogue_server, "anna")
    school = catalogue_server.school
    fields = {
        "activity_id": str(school["activity:ma7a"]),
        "title": "Matematik, åk 6",
        "subject": "Matematik",
        "year_band": "6",
        "criteria": '[{"id": "k1", "criterion": "Stycke 1", "E": "enkla", "C": "", "A": ""}]',
        "source_subject": "GRGRMAT01",
        "source_version": 1,
        "value_words": '{"k1": {"E": ["enkla"]}}',
    }
    matrix = uuid.uuid4()
    assert anna.result(anna.op("criteria_matrix", matrix, fields))["outcome"] == "applied"
    stored = row(catalogue_server, "criteria_matrix", matrix)
    assert (stored["source_subject"], stored["source_version"]) == ("GRGRMAT01", 1)
    bad = {**fields, "value_words": '{"k1": {"F": ["enkla"]}}'}
    result = anna.result(anna.op("criteria_matrix", uuid.uuid4(), bad))
    assert result["outcome"] == "rejected"
    assert "criteria_matrix.value_words" in result["reason"]
    half = {**fields, "source_version": None}
    result = anna.result(anna.op("criteria_matrix", uuid.uuid4(), half))
    assert "go together" in result["reason"]
