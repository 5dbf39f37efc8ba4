"""The client against the real server process: log in, pull the small school
into an encrypted cache, read it back through the repositories, follow
later changes, and keep working when the server goes away."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from local_db.cache import Cache, open_cache
from local_db.identity import Identity, get_identity, set_identity
from local_db.keystore import KeyStore
from local_db.profile import Profile
from local_db.repositories import (
    groups_for_teacher,
    lessons_between,
    pupil_detail,
    pupils_in_group,
    sync_status,
)
from local_db.schema import synced
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import SyncEngine
from local_db.sync.errors import InvalidCredentials, ServerUnreachable, SessionExpired
from tests.support.server_fixtures import (
    RunningServer,
    ServerFactory,
    expire_token,
    password_for,
    server_factory,
)

__all__ = ["server_factory"]  # the fixture, imported for pytest


def _cached_ids(cache: Cache) -> set[uuid.UUID]:
    with cache.connect() as conn:
        return {
            row_id
            for table in synced.values()
            for row_id in conn.execute(select(table.c.id)).scalars()
        }


@pytest.fixture
def server(server_factory: ServerFactory) -> RunningServer:
    return server_factory()


@pytest.fixture
def signed_in(server: RunningServer, tmp_path: Path) -> Iterator[tuple[ApiClient, Cache, Identity]]:
    """Anna signed in as the desktop does it: token and key in the keyring."""
    client = ApiClient(server.url, timeout=30)
    login = client.login("anna", password_for("anna"), "test laptop")
    keystore = KeyStore()
    profile = Profile(server.url, "anna")
    keystore.save_token(profile.profile_id, login.token)
    cache = open_cache(profile.cache_path(tmp_path), keystore.cache_key(profile.profile_id))
    identity = Identity(
        user_id=login.user.id,
        username=login.user.username,
        display_name=login.user.display_name,
        person_id=login.user.person_id,
        server_url=server.url,
        role=login.user.role,
        school_id=login.user.school_id,
    )
    with cache.begin() as conn:
        set_identity(conn, identity)
    yield client, cache, identity
    cache.close()
    client.close()


def test_pull_fills_the_cache_with_what_the_teacher_may_see(
    server: RunningServer, signed_in: tuple[ApiClient, Cache, Identity]
) -> None:
    client, cache, identity = signed_in
    school = server.school
    assert client.me().username == "anna"
    report = SyncEngine(cache, client, page_limit=3).pull()
    assert report.pages > 1
    assert not report.cancelled
    assert report.bytes_received > 0
    removed_note = school["record:note:axel"]  # a tombstone: never kept
    assert _cached_ids(cache) == school.visible["anna"] - {removed_note}
    assert school["pupil:hugo"] not in _cached_ids(cache)

    anna = identity.person_id
    assert anna == school["teacher:anna"]
    today = school.builder.today
    with cache.connect() as conn:
        assert get_identity(conn) == identity
        groups = groups_for_teacher(conn, anna, today)
        pupils = pupils_in_group(conn, school["group:7a"], today)
        elsa = pupil_detail(conn, school["pupil:elsa"])
        alva = pupil_detail(conn, school["pupil:alva"])
        start = dt.datetime.combine(today - dt.timedelta(days=7), dt.time(), dt.UTC)
        lessons = lessons_between(conn, start, start + dt.timedelta(days=14), anna, False)
        status = sync_status(conn)
    assert [(g.display_name, g.taught_by_me) for g in groups] == [("7A", True)]
    joined = school.builder.term.start + dt.timedelta(days=30)
    expected = ["Alva Ahlberg", "Elsa Eriksson", *(["Nils Nord"] if today >= joined else [])]
    assert [p.full_name for p in pupils] == [*expected, "Axel Ås"]  # Å after the other letters
    assert elsa is not None
    assert elsa.pupil.protected
    assert not elsa.contact_data_available
    assert [(g.given_name, g.email) for g in elsa.guardians] == [("Greta", None)]
    assert alva is not None
    assert [(g.given_name, g.email) for g in alva.guardians] == [("Gunnar", "gunnar@hem.example")]
    by_id = {lesson.id: lesson for lesson in lessons}
    for name, mine in (("ma7a", True), ("sv7a", True), ("idh", False)):
        for index in range(3):
            assert by_id[school[f"lesson:{name}:{index}"]].mine is mine
    assert by_id[school["lesson:ma7a:0"]].registered
    assert not by_id[school["lesson:sv7a:0"]].registered
    assert by_id[school["lesson:ma7a:0"]].teacher_names == ("Anna Andersson", "Cecilia Carlsson")
    assert status.has_synced_once
    # The school's one open sync_conflict is a notice: information, not a decision.
    assert status.open_conflicts == 0


def test_later_changes_and_deletions_arrive_in_the_next_pull(
    server: RunningServer, signed_in: tuple[ApiClient, Cache, Identity]
) -> None:
    client, cache, identity = signed_in
    school = server.school
    engine = SyncEngine(cache, client)
    engine.pull()
    assert engine.pull().records_applied == 0
    school.builder.update("lesson", school["lesson:ma7a:1"], room="B12")
    school.builder.delete("pupil_note", school["record:note:elsa"])
    report = engine.pull()
    assert report.records_applied == 2
    today = school.builder.today
    start = dt.datetime.combine(today - dt.timedelta(days=7), dt.time(), dt.UTC)
    with cache.connect() as conn:
        lessons = lessons_between(
            conn, start, start + dt.timedelta(days=14), identity.person_id or uuid.uuid4(), True
        )
    assert {lesson.id: lesson.room for lesson in lessons}[school["lesson:ma7a:1"]] == "B12"
    assert school["record:note:elsa"] not in _cached_ids(cache)


def test_an_expired_session_is_reported_and_the_cache_kept(
    server: RunningServer, signed_in: tuple[ApiClient, Cache, Identity]
) -> None:
    client, cache, _ = signed_in
    SyncEngine(cache, client).pull()
    before = _cached_ids(cache)
    assert client.token is not None
    expire_token(server.engine, client.token)
    with pytest.raises(SessionExpired):
        SyncEngine(cache, client).pull()
    assert _cached_ids(cache) == before
    with pytest.raises(InvalidCredentials):
        client.login("anna", "wrong password")


def test_when_the_server_stops_the_client_says_so_and_the_cache_still_answers(
    server: RunningServer, signed_in: tuple[ApiClient, Cache, Identity]
) -> None:
    client, cache, _ = signed_in
    SyncEngine(cache, client).pull()
    server.process.stop()
    with pytest.raises(ServerUnreachable) as caught:
        SyncEngine(cache, client).pull()
    assert f"Can't reach the server at {server.url}" in str(caught.value)
    assert client.token is not None
    assert client.token not in str(caught.value)
    today = server.school.builder.today
    with cache.connect() as conn:
        assert len(pupils_in_group(conn, server.school["group:7a"], today)) >= 3
        assert sync_status(conn).has_synced_once
