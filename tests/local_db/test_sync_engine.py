"""Pulling the change feed: pages applied whole with their cursor, hostile
pages refused with the cache untouched, cancellation and resumption."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from local_db.cache import Cache
from local_db.repositories import pupils_in_group
from local_db.schema import metadata, sync_state
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import SyncEngine
from local_db.sync.errors import ProtocolError, ServerError, ServerUnreachable
from tests.local_db.records import DAY, RecordBuilder, wire_page
from tests.local_db.scripted_server import Reply, Request, error, scripted_server


def snapshot(cache: Cache) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: "unchanged" means equal snapshots. (When a
    pull was last tried is bookkeeping, not content.)"""
    with cache.connect() as conn:
        return {
            table.name: sorted(
                map(
                    tuple,
                    conn.execute(select(*(c for c in table.c if c.name != "last_attempt_at"))),
                ),
                key=repr,
            )
            for table in metadata.sorted_tables
        }


class Feed:
    """Pages by cursor, as the server would serve them."""

    def __init__(self, pages: list[dict[str, Any]]) -> None:
        self.pages = {"": pages[0]}
        for previous, page in itertools.pairwise(pages):
            self.pages[previous["cursor"]] = page
        self.failures: dict[str, Reply] = {}

    def __call__(self, request: Request) -> Reply:
        cursor = request.query.get("cursor", "")
        if cursor in self.failures:
            return self.failures.pop(cursor)
        return Reply(body=self.pages[cursor], gzip=True)


def _three_pages() -> tuple[list[dict[str, Any]], uuid.UUID, list[uuid.UUID]]:
    data = RecordBuilder()
    group = data.group("7A")
    pages = [wire_page(data.page("c1", has_more=True))]
    data.records.clear()
    pupils = []
    for number in range(2):
        for index in range(3):
            pupil = data.person(f"Elev{number}{index}", "Berg")
            data.member(group, pupil, DAY)
            pupils.append(pupil)
        last = number == 1
        pages.append(wire_page(data.page(f"c{number + 2}", has_more=not last)))
        data.records.clear()
    return pages, group, pupils


def test_pull_applies_every_page_and_remembers_where_it_stopped(memory_cache: Cache) -> None:
    pages, group, pupils = _three_pages()
    progress: list[tuple[int, int | None]] = []
    with scripted_server(Feed(pages)) as server:
        report = SyncEngine(memory_cache, ApiClient(server.url, token="t")).pull(
            progress=lambda done, total: progress.append((done, total))
        )
    assert (report.records_applied, report.pages, report.cancelled) == (13, 3, False)
    assert report.bytes_received > 0
    assert progress == [(1, None), (7, None), (13, None)]
    assert [r.query.get("cursor") for r in server.requests] == [None, "c1", "c2"]
    with memory_cache.connect() as conn:
        assert {p.id for p in pupils_in_group(conn, group, DAY)} == set(pupils)
        state = conn.execute(select(sync_state)).mappings().one()
    assert state["cursor"] == "c3"
    assert state["has_synced_once"]
    assert state["last_sync_at"] is not None
    assert not state["scope_changed"]


def test_tombstones_delete_rows_and_updates_replace_them(memory_cache: Cache) -> None:
    data = RecordBuilder()
    group = data.group("7A")
    stays = data.person("Ada", "Berg")
    goes = data.person("Bo", "Dahl")
    data.member(group, stays, DAY)
    data.member(group, goes, DAY)
    first = wire_page(data.page("c1", has_more=True))
    data.records.clear()
    data.tombstone("person", goes)
    data.add("person", stays, given_name="Ada", family_name="Berg-Ek")
    second = wire_page(data.page("c2"))
    with scripted_server(Feed([first, second])) as server:
        SyncEngine(memory_cache, ApiClient(server.url)).pull()
    with memory_cache.connect() as conn:
        assert [p.full_name for p in pupils_in_group(conn, group, DAY)] == ["Ada Berg-Ek"]


def _good_record() -> dict[str, Any]:
    data = RecordBuilder()
    data.person("Ada", "Berg")
    return wire_page(data.page())["changes"][0]


def _tamper(case: str) -> dict[str, Any]:
    """A second page, hostile in one way."""
    data = RecordBuilder()
    data.person("Cecilia", "Ek")
    page = wire_page(data.page("c2"))
    page["changes"].insert(0, _good_record())  # a good record before the bad one
    bad = page["changes"][1]
    match case:
        case "unknown kind":
            bad["kind"] = "salary"
        case "wrong type":
            bad["fields"]["given_name"] = 42
        case "over-long string":
            bad["fields"]["family_name"] = "E" * 101
        case "multi-line string":
            bad["fields"]["family_name"] = "Ek\nDROP TABLE person"
        case "extra key":
            bad["fields"]["salary"] = 1
        case "missing field":
            del bad["fields"]["family_name"]
        case "bad enum":
            bad["fields"]["security_marking"] = "whatever"
        case "garbage cursor type":
            page["cursor"] = {"seq": 1}
        case "bad id":
            bad["id"] = "'; DROP TABLE person; --"
        case "negative seq":
            bad["seq"] = -1
        case "version of unknown field":
            bad["fv"] = {"salary": 3}
        case "nested object":
            bad["fields"]["given_name"] = {"$gt": ""}
        case "bool as string":
            page["has_more"] = "false"
    return page


HOSTILE = [
    "unknown kind",
    "wrong type",
    "over-long string",
    "multi-line string",
    "extra key",
    "missing field",
    "bad enum",
    "garbage cursor type",
    "bad id",
    "negative seq",
    "version of unknown field",
    "nested object",
    "bool as string",
]


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_page_is_refused_whole_and_the_cache_is_untouched(
    memory_cache: Cache, case: str
) -> None:
    pages, _, _ = _three_pages()
    first = copy.deepcopy(pages[0])
    first["has_more"] = False
    feed = Feed([first])
    with scripted_server(feed) as server:
        client = ApiClient(server.url)
        SyncEngine(memory_cache, client).pull()
        before = snapshot(memory_cache)
        feed.pages["c1"] = _tamper(case)
        with pytest.raises(ProtocolError) as caught:
            SyncEngine(memory_cache, client).pull()
    assert server.requests[-1].query["cursor"] == "c1"
    assert "nothing from it was saved" in str(caught.value)
    assert snapshot(memory_cache) == before


def test_cancel_between_pages_keeps_a_consistent_cache_and_the_next_pull_resumes(
    memory_cache: Cache,
) -> None:
    pages, group, pupils = _three_pages()
    feed = Feed(pages)
    with scripted_server(feed) as server:
        client = ApiClient(server.url)
        applied: list[int] = []
        report = SyncEngine(memory_cache, client).pull(
            progress=lambda done, total: applied.append(done),
            cancelled=lambda: len(applied) >= 2,
        )
        assert (report.cancelled, report.pages, report.records_applied) == (True, 2, 7)
        with memory_cache.connect() as conn:
            assert len(pupils_in_group(conn, group, DAY)) == 3
            state = conn.execute(select(sync_state)).mappings().one()
        assert state["cursor"] == "c2"
        assert not state["has_synced_once"]
        asked_first = [r.query.get("cursor") for r in server.requests]
        resumed = SyncEngine(memory_cache, client).pull()
    assert (resumed.cancelled, resumed.pages, resumed.records_applied) == (False, 1, 6)
    # The cancelled pull may have fetched page 3 ahead (local_db.sync.pull)
    # before the cancel came; it applied none of it, and the next pull
    # resumes at the stored cursor.
    assert asked_first in ([None, "c1"], [None, "c1", "c2"])
    assert [r.query.get("cursor") for r in server.requests][len(asked_first) :] == ["c2"]
    with memory_cache.connect() as conn:
        assert {p.id for p in pupils_in_group(conn, group, DAY)} == set(pupils)


def test_a_failure_mid_pull_keeps_the_pages_before_it(memory_cache: Cache) -> None:
    pages, group, _ = _three_pages()
    feed = Feed(pages)
    feed.failures["c2"] = error(500, "internal_error")
    with scripted_server(feed) as server:
        client = ApiClient(server.url)
        with pytest.raises(ServerError):
            SyncEngine(memory_cache, client).pull()
        with memory_cache.connect() as conn:
            assert len(pupils_in_group(conn, group, DAY)) == 3
        SyncEngine(memory_cache, client).pull()
    with memory_cache.connect() as conn:
        assert len(pupils_in_group(conn, group, DAY)) == 6


def test_scope_changed_is_remembered(memory_cache: Cache) -> None:
    pages, _, _ = _three_pages()
    pages[1]["scope_changed"] = True
    with scripted_server(Feed(pages)) as server:
        report = SyncEngine(memory_cache, ApiClient(server.url)).pull()
    assert report.scope_changed
    with memory_cache.connect() as conn:
        state = conn.execute(select(sync_state)).mappings().one()
    assert state["scope_changed"]
    assert state["scope_changed_at"] is not None


def test_a_server_repeating_the_same_empty_page_is_stopped(memory_cache: Cache) -> None:
    stuck = {
        "changes": [],
        "cursor": "c1",
        "has_more": True,
        "server_time": "2026-09-14T07:00:00Z",
    }
    with (
        scripted_server(lambda request: Reply(body=stuck)) as server,
        pytest.raises(ProtocolError, match="same empty page"),
    ):
        SyncEngine(memory_cache, ApiClient(server.url)).pull()
    assert len(server.requests) == 2


def test_pull_records_when_it_last_tried(memory_cache: Cache) -> None:
    started = dt.datetime.now(dt.UTC)
    with (
        scripted_server(lambda request: error(503, "unavailable")) as server,
        pytest.raises(ServerUnreachable),
    ):
        SyncEngine(memory_cache, ApiClient(server.url)).pull()
    with memory_cache.connect() as conn:
        state = conn.execute(select(sync_state)).mappings().one()
    assert state["last_attempt_at"] >= started
    assert state["last_sync_at"] is None
