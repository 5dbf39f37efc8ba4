"""The change feed against the real server: paging, change-sets, tombstones, cursors."""

from __future__ import annotations

import base64
import json
import uuid
from collections import defaultdict
from typing import Any

import pytest
import requests

from server.services.sync.feed import decode_cursor
from sync_protocol.codec import decode_datetime, decode_fields, encode_datetime, encode_fields
from sync_protocol.entities import KIND_ORDER, entity
from sync_protocol.wire import ChangePage
from tests.support.server_fixtures import SYNC_HEADERS, RunningServer, ServerFactory

TEACHERS = ("anna", "bertil", "cecilia")


def _records(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [record for page in pages for record in page["changes"]]


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 1000])
def test_paging_reassembles_exactly_what_each_teacher_may_see(
    school_server: RunningServer, limit: int
) -> None:
    for teacher in TEACHERS:
        pages, _ = school_server.pull_all(school_server.token(teacher), limit=limit)
        records = _records(pages)
        got = [uuid.UUID(record["id"]) for record in records]
        assert len(got) == len(set(got)), "a record came twice"
        assert set(got) == school_server.school.visible[teacher], teacher
        for record in records:
            assert record["kind"] == school_server.school.kind(uuid.UUID(record["id"]))
        for page in pages:
            ChangePage.model_validate(page)  # the shape the client expects


def test_a_co_teacher_sees_the_same_as_the_teacher(school_server: RunningServer) -> None:
    anna, _ = school_server.pull_all(school_server.token("anna"))
    cecilia, _ = school_server.pull_all(school_server.token("cecilia"))
    # Except each one's notes that the other may not see (a private note,
    # one for the mentors): pupil documentation's own rule.
    school = school_server.school
    own = {"anna": school["record:note:private"], "cecilia": school["record:note:mentors"]}
    assert {r["id"] for r in _records(anna)} - {str(own["anna"])} == {
        r["id"] for r in _records(cecilia)
    } - {str(own["cecilia"])}
    assert str(own["anna"]) not in {r["id"] for r in _records(cecilia)}


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_a_page_never_splits_a_change_set(school_server: RunningServer, limit: int) -> None:
    token = school_server.token("anna")
    whole, _ = school_server.pull_all(token, limit=5000)
    size_of_seq: dict[int, int] = defaultdict(int)
    for record in _records(whole):
        size_of_seq[record["seq"]] += 1
    assert max(size_of_seq.values()) > limit or limit == 5, "the school needs big change-sets"
    pages, _ = school_server.pull_all(token, limit=limit)
    page_of_seq: dict[int, set[int]] = defaultdict(set)
    seen_of_seq: dict[int, int] = defaultdict(int)
    for index, page in enumerate(pages):
        for record in page["changes"]:
            page_of_seq[record["seq"]].add(index)
            seen_of_seq[record["seq"]] += 1
        # A page is over the limit only when it is one change-set, whole.
        if len(page["changes"]) > limit:
            assert len({record["seq"] for record in page["changes"]}) == 1
    assert all(len(indexes) == 1 for indexes in page_of_seq.values())
    assert seen_of_seq == size_of_seq


def test_records_come_in_seq_then_kind_order_then_id(school_server: RunningServer) -> None:
    pages, _ = school_server.pull_all(school_server.token("anna"), limit=4)
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    keys = [(r["seq"], order[r["kind"]], uuid.UUID(r["id"])) for r in _records(pages)]
    assert keys == sorted(keys)


def test_a_deleted_record_arrives_as_a_tombstone(school_server: RunningServer) -> None:
    note = school_server.school["record:note:axel"]
    pages, _ = school_server.pull_all(school_server.token("cecilia"))
    (tombstone,) = [r for r in _records(pages) if r["id"] == str(note)]
    assert tombstone["kind"] == "pupil_note"
    assert tombstone["deleted"] is True
    assert tombstone["fields"] == {}


def test_every_record_passes_the_shared_wire_codec(school_server: RunningServer) -> None:
    """The client validates with sync_protocol.codec; the feed must satisfy it."""
    pages, _ = school_server.pull_all(school_server.token("anna"))
    for record in _records(pages):
        if record["deleted"]:
            continue
        spec = entity(record["kind"])
        decoded = decode_fields(spec, record["fields"], require_all=True)
        assert encode_fields(spec, decoded) == record["fields"]
        for name in ("created_at", "modified_at"):
            assert record[name] is None or record[name] == encode_datetime(
                decode_datetime(record[name])
            )


def test_values_are_in_wire_form(school_server: RunningServer) -> None:
    lesson = school_server.school["lesson:ma7a:0"]
    pages, _ = school_server.pull_all(school_server.token("anna"))
    (record,) = [r for r in _records(pages) if r["id"] == str(lesson)]
    assert record["fields"]["activity_id"] == str(school_server.school["activity:ma7a"])
    assert record["fields"]["start_time"].endswith("Z")
    assert record["fields"]["cancelled"] is False


def test_an_idle_cursor_advances_and_a_later_change_arrives_alone(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    school, builder = server.school, server.school.builder
    token = server.token("anna")
    _, cursor = server.pull_all(token)
    # A change outside Anna's scope moves the server's counter on.
    builder.update("lesson", school["lesson:ma9c:0"], room="C3")
    idle = server.changes(token, cursor)
    assert (idle["changes"], idle["has_more"], idle["scope_changed"]) == ([], False, False)
    assert decode_cursor(idle["cursor"]).seq == builder.current_seq()
    assert decode_cursor(idle["cursor"]).seq > decode_cursor(cursor).seq
    seq = builder.update("lesson", school["lesson:ma7a:1"], room="B12")
    page = server.changes(token, idle["cursor"])
    assert [(r["id"], r["seq"]) for r in page["changes"]] == [(str(school["lesson:ma7a:1"]), seq)]
    record = page["changes"][0]
    assert record["fields"]["room"] == "B12"
    # Per-field versions: every field but the room was last changed earlier.
    assert "room" not in record["fv"]
    assert set(record["fv"]) == set(record["fields"]) - {"room"}
    assert all(version < seq for version in record["fv"].values())
    again = server.changes(token, page["cursor"])
    assert again["changes"] == []
    assert again["cursor"] == page["cursor"]


def test_an_admin_sees_nothing_through_the_feed(school_server: RunningServer) -> None:
    pages, cursor = school_server.pull_all(school_server.token("admin"))
    assert _records(pages) == []
    assert decode_cursor(cursor).seq == school_server.school.builder.current_seq()


def test_cursors_that_the_server_did_not_issue_are_refused(school_server: RunningServer) -> None:
    token = school_server.token("anna")
    _, real = school_server.pull_all(token)
    ahead = decode_cursor(real)

    def forged(payload: object) -> str:
        raw = json.dumps(payload).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    bad = [
        "garbage!",
        "x" * 401,
        "AAAA",
        forged([1, 2, 3]),
        forged({"v": 1, "s": -1, "f": ""}),
        forged({"v": 1, "s": "5", "f": ""}),
        forged({"v": 1, "s": True, "f": ""}),
        forged({"v": 2, "s": 1, "f": ""}),
        forged({"v": 1, "s": 1, "f": "not-a-fingerprint"}),
        forged({"v": 1, "s": 1, "f": "", "extra": 1}),
        forged({"v": 1, "s": ahead.seq + 1000, "f": ahead.fingerprint}),
        forged({"v": 1, "s": 1, "f": "", "g": "not-a-generation"}),
        # Another life of the data (a restore since): its seqs mean other rows.
        forged({"v": 1, "s": ahead.seq, "f": ahead.fingerprint or "", "g": "0" * 32}),
    ]
    for cursor in bad:
        response = school_server.get(
            "/api/v1/sync/changes", token, params={"cursor": cursor, "limit": 10}
        )
        assert response.status_code == 422, cursor
        assert response.json()["error"] in ("invalid_cursor", "invalid_request"), cursor
    assert school_server.changes(token, real)["changes"] == []
    assert ahead.generation is not None, "cursors carry the data's generation"
    # A cursor from before cursors carried it is taken as it is: an upgrade
    # must not make every app download everything again.
    older = forged({"v": 1, "s": ahead.seq, "f": ahead.fingerprint or ""})
    assert school_server.changes(token, older)["changes"] == []


@pytest.mark.parametrize("limit", ["0", "-1", "5001", "ten", "1e3"])
def test_a_bad_limit_is_an_invalid_request(school_server: RunningServer, limit: str) -> None:
    response = school_server.get(
        "/api/v1/sync/changes", school_server.token("anna"), params={"limit": limit}
    )
    assert (response.status_code, response.json()["error"]) == (422, "invalid_request")


@pytest.mark.parametrize(
    ("protocol", "schema", "status", "error"),
    [
        (None, None, 426, "update_required"),
        ("0", SYNC_HEADERS["X-Klassbok-Schema"], 426, "update_required"),
        (SYNC_HEADERS["X-Klassbok-Protocol"], "0", 426, "update_required"),
        ("99", SYNC_HEADERS["X-Klassbok-Schema"], 426, "update_required"),
        ("one", "1", 422, "invalid_request"),
    ],
)
def test_sync_requests_must_name_supported_versions(
    school_server: RunningServer, protocol: str | None, schema: str | None, status: int, error: str
) -> None:
    headers = {"Authorization": f"Bearer {school_server.token('anna')}"}
    if protocol is not None:
        headers["X-Klassbok-Protocol"] = protocol
    if schema is not None:
        headers["X-Klassbok-Schema"] = schema
    response = requests.get(school_server.url + "/api/v1/sync/changes", headers=headers, timeout=10)
    assert (response.status_code, response.json()["error"]) == (status, error)
    if status == 426:
        assert response.json()["detail"]["protocol_version"] >= 1
