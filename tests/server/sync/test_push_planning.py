"""The write rules of planning records (issue 11), on the real server.

A unit's picked catalogue items exist and belong to the subject version the
picks name; its status is draft or published; a lesson plan's links are
http(s) web addresses. A client of schema 2 still writes units and plans
and never touches the new fields.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from server.db import make_engine
from server.tables import synced
from sync_protocol import ids, versions
from tests.server.sync.push_helpers import TeacherClient, module_server, new_lesson, row
from tests.support.catalogue_files import subject_file, write
from tests.support.server_fixtures import RunningServer
from tests.support.server_process import run_cli

push_server = module_server()

Op = dict[str, Any]


@pytest.fixture(scope="module")
def catalogue(
    push_server: RunningServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[int, list[str]]:
    """Two versions of one subject in the catalogue: {version: [item ids]}."""
    folder = tmp_path_factory.mktemp("catalogue")
    files = [
        write(folder / f"v{v}.json", subject_file(code="GRGRBIL01", name="Bild", version=v))
        for v in (1, 2)
    ]
    run_cli(push_server.database_url, "import-curriculum", *map(str, files))
    engine = make_engine(push_server.database_url)
    items = synced["curriculum_item"]
    found: dict[int, list[str]] = {1: [], 2: []}
    with engine.connect() as conn:
        query = select(items.c.id, items.c.subject_version).where(
            items.c.subject_code == "GRGRBIL01"
        )
        for item_id, version in conn.execute(query):
            found[version].append(str(item_id))
    engine.dispose()
    return found


def _picks(version: int, items: list[str], subject: str = "GRGRBIL01") -> str:
    return json.dumps({"subject": subject, "version": version, "items": items})


def _unit(server: RunningServer, client: TeacherClient, **fields: Any) -> Op:
    values = {"activity_id": str(server.school["activity:ma7a"]), "title": "Bråk", **fields}
    return client.op("planning_unit", uuid.uuid4(), values)


def _plan(server: RunningServer, client: TeacherClient, **fields: Any) -> Op:
    lesson = new_lesson(server)
    values = {
        "lesson_id": str(lesson),
        "activity_id": str(server.school["activity:ma7a"]),
        "content": "Introduktion",
        **fields,
    }
    return client.op("lesson_plan", ids.lesson_plan_id(lesson), values)


def _outcome(client: TeacherClient, op: Op) -> dict[str, Any]:
    return client.result(op)


def test_picked_items_must_be_in_the_catalogue_and_of_the_named_version(
    push_server: RunningServer, catalogue: dict[int, list[str]]
) -> None:
    anna = TeacherClient(push_server, "anna")
    good = _unit(push_server, anna, curriculum=_picks(2, catalogue[2][:3]), status="published")
    assert _outcome(anna, good)["outcome"] == "applied"
    stored = row(push_server, "planning_unit", uuid.UUID(good["id"]))
    assert json.loads(stored["curriculum"])["items"] == catalogue[2][:3]
    assert stored["status"] == "published"

    unknown = _unit(push_server, anna, curriculum=_picks(2, [str(uuid.uuid4())]))
    result = _outcome(anna, unknown)
    assert result["outcome"] == "rejected"
    assert "not in the catalogue" in result["reason"]

    mixed = _unit(push_server, anna, curriculum=_picks(2, [catalogue[2][0], catalogue[1][0]]))
    result = _outcome(anna, mixed)
    assert result["outcome"] == "rejected"
    assert "another subject or version than GRGRBIL01 version 2" in result["reason"]

    broken = _unit(push_server, anna, curriculum="[not json")
    result = _outcome(anna, broken)
    assert result["outcome"] == "rejected"
    assert "not readable JSON" in result["reason"]


def test_a_status_is_draft_or_published(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    result = _outcome(anna, _unit(push_server, anna, status="finished"))
    assert result["outcome"] == "rejected", result
    assert "status" in result["reason"], result
    assert _outcome(anna, _unit(push_server, anna, status="draft"))["outcome"] == "applied"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "starts with http:// or https://"),
        ("ftp://example.se/fil", "starts with http:// or https://"),
        ("https://exa mple.se", "no spaces"),
        ("https://", "names a web site"),
    ],
)
def test_a_link_must_be_a_web_address(push_server: RunningServer, url: str, reason: str) -> None:
    anna = TeacherClient(push_server, "anna")
    result = _outcome(anna, _plan(push_server, anna, links=json.dumps([{"url": url}])))
    assert result["outcome"] == "rejected", result
    assert reason in result["reason"], result["reason"]


def test_links_are_kept_as_sent(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    links = json.dumps([{"url": "https://skolverket.se/x?a=1", "title": "Skolverket"}])
    op = _plan(push_server, anna, links=links, homework="Läs s. 4")
    assert _outcome(anna, op)["outcome"] == "applied"
    stored = row(push_server, "lesson_plan", uuid.UUID(op["id"]))
    assert (stored["links"], stored["homework"]) == (links, "Läs s. 4")


def test_a_schema_2_client_writes_plans_without_the_new_fields(
    push_server: RunningServer, tmp_path: Path
) -> None:
    anna = TeacherClient(push_server, "anna")
    op = _plan(push_server, anna)
    body = anna.batch([op])
    headers = {versions.SCHEMA_HEADER: "2"}
    response = anna.send(body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["outcome"] == "applied"
    assert row(push_server, "lesson_plan", uuid.UUID(op["id"]))["links"] == ""
    old = anna.op("lesson_plan", uuid.UUID(op["id"]), {"links": "[]"}, base={"links": 1})
    response = anna.send(anna.batch([old]), headers=headers)
    assert response.json()["results"][0]["outcome"] == "rejected"
