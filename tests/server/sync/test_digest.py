"""The divergence check: digests, manifests and fetches of what a teacher may see.

Expected values are computed here from the rows the small school declares
visible to each teacher (tests/support/small_school.py, written by hand), not
from the server's scope code.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import select

from server.tables import synced
from sync_protocol.entities import KIND_ORDER, REGISTRY
from sync_protocol.wire import DigestResponse, FetchResponse, ManifestResponse
from tests.server.sync.push_helpers import (
    TeacherClient,
    attendance,
    feed_records,
    module_server,
    new_lesson,
)
from tests.support.server_fixtures import RunningServer

TEACHERS = ("anna", "bertil", "cecilia")
Part = tuple[str, uuid.UUID | None]

push_server = module_server()


def _by_activity(kind: str) -> bool:
    """Kinds whose every row names an activity have a part per activity;
    those that may name none (pupil notes, conflicts) one part."""
    spec = REGISTRY[kind]
    return spec.has_field("activity_id") and not spec.field("activity_id").nullable


def _expected_parts(server: RunningServer, teacher: str) -> dict[Part, list[tuple[str, int]]]:
    """(kind, partition) -> [(id, seq)] of the live rows the teacher may see."""
    visible = server.school.visible[teacher]
    parts: dict[Part, list[tuple[str, int]]] = defaultdict(list)
    with server.engine.connect() as conn:
        for kind in KIND_ORDER:
            table = synced[kind]
            has_activity = _by_activity(kind)
            columns = [table.c.id, table.c.seq, table.c.deleted]
            if has_activity:
                columns.append(table.c.activity_id)
            for found in conn.execute(select(*columns)):
                if found.id in visible and not found.deleted:
                    partition = found.activity_id if has_activity else None
                    parts[(kind, partition)].append((str(found.id), int(found.seq)))
    return parts


def _sha(entries: list[tuple[str, int]]) -> str:
    text = "".join(sorted(f"{row_id}:{seq}\n" for row_id, seq in entries))
    return hashlib.sha256(text.encode()).hexdigest()


def _digest(server: RunningServer, token: str) -> DigestResponse:
    response = server.get("/api/v1/sync/digest", token)
    assert response.status_code == 200, response.text
    return DigestResponse.model_validate(response.json())


def _parts(answer: DigestResponse) -> dict[Part, tuple[int, str]]:
    return {(d.kind, d.partition): (d.count, d.digest) for d in answer.digests}


@pytest.mark.parametrize("teacher", TEACHERS)
def test_the_digest_is_that_of_exactly_the_rows_the_teacher_may_see(
    school_server: RunningServer, teacher: str
) -> None:
    answer = _parts(_digest(school_server, school_server.token(teacher)))
    expected = _expected_parts(school_server, teacher)
    want = {part: (len(entries), _sha(entries)) for part, entries in expected.items()}
    # Kinds without an activity have a part even when empty; others only where rows are.
    for kind in KIND_ORDER:
        if not _by_activity(kind):
            want.setdefault((kind, None), (0, _sha([])))
    assert answer == want


def test_a_client_holding_the_whole_feed_computes_the_same_digest(
    school_server: RunningServer,
) -> None:
    token = school_server.token("cecilia")
    held: dict[Part, list[tuple[str, int]]] = defaultdict(list)
    for record in feed_records(school_server, "cecilia").values():
        if not record["deleted"]:
            kind = record["kind"]
            partition = record["fields"].get("activity_id") if _by_activity(kind) else None
            key = (record["kind"], None if partition is None else uuid.UUID(partition))
            held[key].append((record["id"], record["seq"]))
    answer = _parts(_digest(school_server, token))
    assert {part: value for part, value in answer.items() if value[0]} == {
        part: (len(entries), _sha(entries)) for part, entries in held.items()
    }


def test_manifests_list_the_rows_of_each_part(school_server: RunningServer) -> None:
    token = school_server.token("anna")
    expected = _expected_parts(school_server, "anna")
    assert expected, "the school gives Anna something to see"
    for (kind, partition), entries in expected.items():
        body = {"kind": kind, "partition": None if partition is None else str(partition)}
        response = school_server.request("POST", "/api/v1/sync/manifest", token, json=body)
        assert response.status_code == 200, response.text
        manifest = ManifestResponse.model_validate(response.json())
        assert manifest.kind == kind
        got = [(str(entry.id), entry.seq) for entry in manifest.entries]
        assert got == sorted(entries), (kind, partition)


def test_a_manifest_of_someone_elses_activity_is_empty(school_server: RunningServer) -> None:
    token = school_server.token("anna")
    for activity in ("activity:en8b", "activity:ma9c"):
        body = {"kind": "attendance", "partition": str(school_server.school[activity])}
        response = school_server.request("POST", "/api/v1/sync/manifest", token, json=body)
        assert response.status_code == 200
        assert response.json()["entries"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "homework"},
        {"kind": "person", "partition": str(uuid.uuid4())},
        {"kind": "attendance", "partition": "7A"},
        {"kind": "attendance", "extra": True},
    ],
    ids=["unknown kind", "partition of a kind without one", "bad partition", "extra key"],
)
def test_a_bad_manifest_request_is_422(school_server: RunningServer, body: dict[str, Any]) -> None:
    response = school_server.request(
        "POST", "/api/v1/sync/manifest", school_server.token("anna"), json=body
    )
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


def test_fetch_gives_only_records_in_scope_as_the_feed_does(
    school_server: RunningServer,
) -> None:
    school = school_server.school
    token = school_server.token("anna")
    feed = feed_records(school_server, "anna")
    for kind in ("person", "attendance", "pupil_note", "sync_conflict"):
        ids = [row_id for row_id in school.all_ids if school.kind(row_id) == kind]
        ids.append(uuid.uuid4())  # unknown: silently absent
        response = school_server.request(
            "POST", "/api/v1/sync/fetch", token, json={"kind": kind, "ids": [str(i) for i in ids]}
        )
        assert response.status_code == 200, response.text
        fetched = FetchResponse.model_validate(response.json()).changes
        assert {record.id for record in fetched} == {
            row_id for row_id in ids if row_id in school.visible["anna"]
        }, kind
        for record in response.json()["changes"]:
            # The same record the feed gives (contact data blanked, tombstones empty).
            assert record == feed[record["id"]], record["id"]
    elsa = feed[str(school["pupil:elsa"])]
    assert elsa["fields"]["email"] is None


def test_fetch_of_another_kinds_ids_gives_nothing(school_server: RunningServer) -> None:
    token = school_server.token("anna")
    body = {"kind": "attendance", "ids": [str(school_server.school["pupil:alva"])]}
    response = school_server.request("POST", "/api/v1/sync/fetch", token, json=body)
    assert response.json() == {"changes": []}
    too_many = {"kind": "attendance", "ids": [str(uuid.uuid4()) for _ in range(5001)]}
    refused = school_server.request("POST", "/api/v1/sync/fetch", token, json=too_many)
    assert refused.status_code == 422


def test_a_push_changes_the_digest_of_its_activity_only(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    before = _parts(_digest(push_server, anna.token))
    record_id, fields = attendance(
        push_server, new_lesson(push_server, "sv7a"), "axel", activity="sv7a"
    )
    result = anna.result(anna.op("attendance", record_id, fields))
    assert result["outcome"] == "applied", result
    after = _parts(_digest(push_server, anna.token))
    sv7a = ("attendance", push_server.school["activity:sv7a"])
    changed = {part for part in before.keys() | after.keys() if before.get(part) != after.get(part)}
    assert changed == {sv7a, ("lesson", sv7a[1])}
    assert after[sv7a][0] == before.get(sv7a, (0, ""))[0] + 1
    manifest = push_server.request(
        "POST",
        "/api/v1/sync/manifest",
        anna.token,
        json={"kind": "attendance", "partition": str(sv7a[1])},
    ).json()
    assert {"id": str(record_id), "seq": result["seq"]} in manifest["entries"]


def test_admins_see_no_parts(school_server: RunningServer) -> None:
    answer = _digest(school_server, school_server.token("admin"))
    assert all(part.count == 0 for part in answer.digests)
