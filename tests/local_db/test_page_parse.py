"""A change page read straight from its JSON (local_db.sync.page_parse) gives
what the slow way gives: pydantic's ChangePage, then decode_page.

The fast way may hand a page it does not like to the slow way; it may
never accept what the slow way refuses, nor read a page differently. Real
pages from the server must take the fast way, or a first sync is slow.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import random
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from local_db.sync.api_client import CHANGES_PATH, ApiClient, parse_body
from local_db.sync.decoded import DecodedPage
from local_db.sync.errors import ProtocolError
from local_db.sync.page_apply import decode_page
from local_db.sync.page_parse import _plain_page, decode_page_body
from sync_protocol.wire import ChangePage
from tests.local_db.records import DAY, RecordBuilder, wire_page
from tests.support.server_fixtures import RunningServer, school_server, school_servers

__all__ = ["school_server", "school_servers"]  # the fixtures, imported for pytest

Outcome = tuple[str, Any]


def _slow(body: bytes) -> DecodedPage:
    return decode_page(parse_body(CHANGES_PATH, ChangePage, body))


def _outcome(read: Callable[[bytes], DecodedPage], body: bytes) -> Outcome:
    try:
        return "read", read(body)
    except ProtocolError as exc:
        return "refused", str(exc)


def _fast_agrees(body: bytes) -> bool:
    """The fast way either leaves the page to the slow way or reads it the
    same; decode_page_body answers as the slow way does. True if it was
    read the fast way."""
    assert _outcome(decode_page_body, body) == _outcome(_slow, body)
    try:
        fast = _plain_page(body)
    except Exception:
        return False
    assert ("read", fast) == _outcome(_slow, body)
    return True


def _rich_page() -> dict[str, Any]:
    """Most kinds a teacher's cache holds, a tombstone, field versions, a
    protected pupil whose contact data the server sent by mistake."""
    b = RecordBuilder()
    teacher = b.person("Anna", "Andersson")
    pupil = b.person("Åsa", "Öberg", birth_date=dt.date(2013, 4, 1), email="asa@example.se")
    b.person("Sam", "Skydd", security_marking="protected_registration", phone="070-1234567")
    group = b.group("7A")
    b.member(group, pupil, DAY)
    activity = b.activity("Matematik 7A", [group], [teacher])
    b.lesson(activity, dt.datetime(2026, 9, 14, 8, 0, 15, 123456, tzinfo=dt.UTC))
    b.lesson(
        activity,
        dt.datetime(2026, 9, 15, 8, 0, tzinfo=dt.UTC),
        comment="Prov: kapitel 3, sidan 41–45",
    )
    gone = b.group("7B")
    b.tombstone("group", gone)
    page = wire_page(b.page(cursor="c" * 40, has_more=True, server_hlc="0001:0002:abc"))
    page["changes"][0]["fv"] = {"given_name": 1}
    page["changes"][1]["created_by"] = str(teacher)
    page["changes"][1]["created_at"] = "2026-08-01T07:59:59.000001Z"
    return page


def _body(page: Any) -> bytes:
    # "surrogatepass": a lone surrogate goes out as the bytes a broken
    # server would send.
    return json.dumps(page, ensure_ascii=False).encode("utf-8", "surrogatepass")


def test_a_plain_page_is_read_the_fast_way_and_the_same() -> None:
    assert _fast_agrees(_body(_rich_page()))


def test_the_servers_own_pages_are_read_the_fast_way(school_server: RunningServer) -> None:
    client = ApiClient(school_server.url, token=school_server.token("anna"), timeout=30)
    try:
        bodies = []
        cursor = None
        while True:
            body = client.change_page(cursor, 7, lambda raw: raw)
            bodies.append(body)
            page = _slow(body)
            cursor = page.cursor
            if not page.has_more:
                break
    finally:
        client.close()
    assert sum(len(_slow(body).records) for body in bodies) > 20
    assert all(_fast_agrees(body) for body in bodies)


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def tamper(page: dict[str, Any]) -> None:
        target = page
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return tamper


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def tamper(page: dict[str, Any]) -> None:
        target = page
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return tamper


SOME_ID = "3f2b8c1e-5d4a-4e6f-9a8b-7c6d5e4f3a2b"

TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "id in capitals": _set(("changes", 0, "id"), SOME_ID.upper()),
    "id without hyphens": _set(("changes", 0, "id"), SOME_ID.replace("-", "")),
    "id not a uuid": _set(("changes", 0, "id"), "ekbacken"),
    "id missing": _drop(("changes", 0, "id")),
    "id null": _set(("changes", 0, "id"), None),
    "seq a string": _set(("changes", 0, "seq"), "5"),
    "seq a float": _set(("changes", 0, "seq"), 5.0),
    "seq true": _set(("changes", 0, "seq"), True),
    "seq negative": _set(("changes", 0, "seq"), -1),
    "deleted a string": _set(("changes", 0, "deleted"), "false"),
    "kind unknown": _set(("changes", 0, "kind"), "grade_book"),
    "kind in capitals": _set(("changes", 0, "kind"), "PERSON"),
    "kind a number": _set(("changes", 0, "kind"), 3),
    "time with offset": _set(("changes", 0, "modified_at"), "2026-08-01T02:00:00+02:00"),
    "time without zone": _set(("changes", 0, "modified_at"), "2026-08-01T00:00:00"),
    "time with millis": _set(("changes", 0, "modified_at"), "2026-08-01T00:00:00.5Z"),
    "time not a day": _set(("changes", 0, "modified_at"), "2026-02-30T00:00:00Z"),
    "time a number": _set(("changes", 0, "modified_at"), 1767225600),
    "created_by not a uuid": _set(("changes", 0, "created_by"), "anna"),
    "fields a list": _set(("changes", 0, "fields"), []),
    "field unknown": _set(("changes", 0, "fields", "shoe_size"), 38),
    "field missing": _drop(("changes", 0, "fields", "family_name")),
    "field wrong type": _set(("changes", 0, "fields", "family_name"), 7),
    "field too long": _set(("changes", 0, "fields", "family_name"), "x" * 5000),
    "field with NUL": _set(("changes", 0, "fields", "family_name"), "a\x00b"),
    "field lone surrogate": _set(("changes", 0, "fields", "family_name"), "a\ud800b"),
    "field an emoji": _set(("changes", 0, "fields", "family_name"), "Öberg 🙂"),
    "fv of an unknown field": _set(("changes", 0, "fv"), {"shoe_size": 3}),
    "fv a bool": _set(("changes", 0, "fv"), {"given_name": True}),
    "fv negative": _set(("changes", 0, "fv"), {"given_name": -2}),
    "tombstone fields a list": _set(("changes", -1, "fields"), []),
    "tombstone of an unknown kind": _set(("changes", -1, "kind"), "grade_book"),
    "extra key in a record": _set(("changes", 0, "colour"), "blue"),
    "extra key on the page": _set(("colour",), "blue"),
    "extra key NaN": _set(("colour",), float("nan")),
    "record not an object": _set(("changes", 0), [1, 2]),
    "changes not a list": _set(("changes",), {}),
    "cursor too long": _set(("cursor",), "c" * 2001),
    "cursor missing": _drop(("cursor",)),
    "has_more a string": _set(("has_more",), "true"),
    "scope_changed null": _set(("scope_changed",), None),
    "server_time missing": _drop(("server_time",)),
    "server_time with offset": _set(("server_time",), "2026-09-01T02:00:00+02:00"),
    "server_hlc too long": _set(("server_hlc",), "h" * 101),
    "server_hlc a number": _set(("server_hlc",), 5),
}


#: Changes that leave a page the server could send: still read the fast way.
STILL_PLAIN = {"extra key in a record", "extra key on the page", "field an emoji"}


@pytest.mark.parametrize("name", sorted(TAMPERINGS))
def test_a_tampered_page_gets_the_slow_ways_answer(name: str) -> None:
    page = _rich_page()
    TAMPERINGS[name](page)
    assert _fast_agrees(_body(page)) == (name in STILL_PLAIN)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"[]",
        b"null",
        b'{"changes": []',
        b"\xef\xbb\xbf{}",
        "{}".encode("utf-16"),
        b'{"changes":[],"cursor":"\\ud800","has_more":false,"server_time":"2026-01-01T00:00:00Z"}',
        b'{"changes":[],"cursor":"a","has_more":false,"server_time":"2026-01-01T00:00:00Z"} x',
    ],
)
def test_broken_json_gets_the_slow_ways_answer(body: bytes) -> None:
    assert not _fast_agrees(body)


def _random_value(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            True,
            0,
            -1,
            2**70,
            1.5,
            "",
            "x" * rng.randint(1, 300),
            SOME_ID,
            SOME_ID.upper(),
            "2026-08-01T00:00:00Z",
            "2026-08-01",
            [],
            {},
            {"a": 1},
            "\ud800",
            "\n",
        ]
    )


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found.extend(_places(inner, (*path, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(_places(inner, (*path, index)))
    return found


def test_randomly_tampered_pages_get_the_slow_ways_answer() -> None:
    seed = int(os.environ.get("KLASSBOK_PARSE_SEED", random.randrange(2**31)))
    print(f"KLASSBOK_PARSE_SEED={seed}")
    rng = random.Random(seed)
    original = _rich_page()
    places = _places(original)
    fast_reads = 0
    for _ in range(300):
        page = copy.deepcopy(original)
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(places)
            try:
                if rng.random() < 0.2:
                    _drop(path)(page)
                else:
                    _set(path, _random_value(rng))(page)
            except (KeyError, IndexError, TypeError):
                pass  # an earlier change took that place away
        fast_reads += _fast_agrees(_body(page))
    assert fast_reads < 300  # most tamperings leave the page to the slow way


def test_records_keep_uuid_ids_and_the_page_its_time() -> None:
    page = _plain_page(_body(_rich_page()))
    assert all(isinstance(record.id, uuid.UUID) for record in page.records)
    assert page.server_time == dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
