"""Asking for the next change page while this one is parsed (ApiClient.changes).

When a page's headers say another follows, the client asks for it at once;
the next call for that cursor gets it without asking again. A page fetched
ahead is never used for another request, and its failure is the failure of
the request it anticipated.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from local_db.sync.api_client import ApiClient
from local_db.sync.errors import ServerError
from sync_protocol import versions
from tests.local_db.scripted_server import Reply, Request, error, scripted_server

NOW = "2026-09-14T07:00:00Z"


def _page(cursor: str, has_more: bool) -> Reply:
    body: dict[str, Any] = {
        "changes": [],
        "cursor": cursor,
        "has_more": has_more,
        "server_time": NOW,
    }
    headers = {
        versions.CURSOR_HEADER: cursor,
        versions.HAS_MORE_HEADER: "true" if has_more else "false",
    }
    return Reply(body=body, headers=headers)


def _pages(count: int, asked_for: dict[str, threading.Event] | None = None) -> Any:
    """Page n (cursor c{n-1} in, c{n} out); the last says there is no more."""

    def handle(request: Request) -> Reply:
        asked = request.query.get("cursor", "c0")
        if asked_for is not None and asked in asked_for:
            asked_for[asked].set()
        number = int(asked[1:]) + 1
        return _page(f"c{number}", number < count)

    return handle


def test_each_page_is_asked_for_once_and_early() -> None:
    second_asked = threading.Event()
    with scripted_server(_pages(3, {"c1": second_asked})) as server:
        client = ApiClient(server.url, token="t")
        first = client.changes(None)
        # Page 2 is asked for before anyone calls for it.
        assert second_asked.wait(10)
        second = client.changes(first.cursor)
        third = client.changes(second.cursor)
        client.close()
    assert (first.cursor, second.cursor, third.cursor, third.has_more) == ("c1", "c2", "c3", False)
    assert [r.query.get("cursor") for r in server.requests] == [None, "c1", "c2"]


def test_the_next_page_is_asked_for_with_the_next_limit() -> None:
    """A pull's first page is small (it starts writing sooner); the page
    fetched ahead is asked for with the limit the pull asks next, so it is
    used, not asked for again."""
    with scripted_server(_pages(3)) as server:
        client = ApiClient(server.url, token="t")
        first = client.change_page(None, 1000, lambda body: body, next_limit=5000)
        assert first
        client.change_page("c1", 5000, lambda body: body, next_limit=5000)
        client.change_page("c2", 5000, lambda body: body)
        client.close()
    asked = [(r.query.get("cursor"), r.query.get("limit")) for r in server.requests]
    assert asked == [(None, "1000"), ("c1", "5000"), ("c2", "5000")]


def test_a_page_fetched_ahead_is_not_used_for_another_request() -> None:
    with scripted_server(_pages(5)) as server:
        client = ApiClient(server.url, token="t")
        client.changes(None)  # fetches c1 ahead
        again = client.changes(None)  # not what was fetched ahead: asked afresh
        other_limit = client.changes("c1", limit=7)  # another limit: asked afresh
        client.close()
    assert (again.cursor, other_limit.cursor) == ("c1", "c2")
    asked = [(r.query.get("cursor"), r.query.get("limit")) for r in server.requests]
    assert asked.count((None, None)) == 2
    assert ("c1", "7") in asked


def test_the_failure_of_a_page_fetched_ahead_is_that_requests_failure() -> None:
    failing = threading.Event()

    def handle(request: Request) -> Reply:
        if request.query.get("cursor") == "c1":
            failing.set()
            return error(500, "internal_error")
        return _page("c1", True)

    with scripted_server(handle) as server:
        client = ApiClient(server.url, token="t")
        client.changes(None)
        assert failing.wait(10)
        with pytest.raises(ServerError):
            client.changes("c1")
        client.close()


def test_without_the_headers_nothing_is_fetched_ahead() -> None:
    def handle(request: Request) -> Reply:
        cursor = request.query.get("cursor", "c0")
        return Reply(
            body={
                "changes": [],
                "cursor": f"c{int(cursor[1:]) + 1}",
                "has_more": True,
                "server_time": NOW,
            }
        )

    with scripted_server(handle) as server:
        client = ApiClient(server.url, token="t")
        client.changes(None)
        client.changes("c1")
        client.close()
    assert [r.query.get("cursor") for r in server.requests] == [None, "c1"]
