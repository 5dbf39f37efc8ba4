"""The cache on disk is useless without its key, and a file Klassbok cannot
read is reported in words and left exactly as it was."""

from __future__ import annotations

import secrets
import sqlite3
import threading
import uuid
from pathlib import Path

import pytest
import sqlcipher3

from local_db.cache import (
    CacheUnreadable,
    open_cache,
    set_aside_cache,
    wipe_cache,
)
from local_db.identity import Identity, get_identity, set_identity
from local_db.repositories import pupils_in_group
from tests.local_db.records import DAY, RecordBuilder


def _fill(path: Path, key: bytes) -> uuid.UUID:
    """A cache with one group and one pupil; returns the group's id."""
    cache = open_cache(path, key)
    data = RecordBuilder()
    group = data.group("7A")
    pupil = data.person("Åsa", "Zäta-Lindqvist")
    data.member(group, pupil, DAY)
    data.apply_to(cache)
    cache.close()
    return group


def test_file_cannot_be_read_without_the_key(cache_path: Path, key: bytes) -> None:
    _fill(cache_path, key)
    raw = cache_path.read_bytes()
    assert b"Lindqvist" not in raw
    assert "Zäta".encode() not in raw
    assert not raw.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(cache_path) as plain:
        plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    other = sqlcipher3.connect(str(cache_path))
    other.execute("PRAGMA cipher_log_level = NONE")
    other.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    with pytest.raises(sqlcipher3.DatabaseError):
        other.execute("SELECT count(*) FROM sqlite_master").fetchall()
    other.close()


def test_wrong_key_is_reported_and_leaves_the_file_unchanged(
    cache_path: Path, key: bytes, capfd: pytest.CaptureFixture[str]
) -> None:
    group = _fill(cache_path, key)
    before = cache_path.read_bytes()
    with pytest.raises(CacheUnreadable) as caught:
        open_cache(cache_path, secrets.token_bytes(32))
    message = str(caught.value)
    assert "could not be opened" in message
    assert str(cache_path) in message
    assert cache_path.read_bytes() == before
    # SQLCipher's own "ERROR CORE ... hmac check failed" must not reach the terminal.
    assert "hmac" not in capfd.readouterr().err
    # The right key still opens it: nothing was lost.
    reopened = open_cache(cache_path, key)
    with reopened.connect() as conn:
        assert [p.family_name for p in pupils_in_group(conn, group, DAY)] == ["Zäta-Lindqvist"]
    reopened.close()


@pytest.mark.parametrize("kind", ["plain_sqlite", "text", "truncated", "zeros"])
def test_foreign_or_damaged_file_is_unreadable_and_kept(
    cache_path: Path, key: bytes, kind: str
) -> None:
    cache_path.parent.mkdir(parents=True)
    if kind == "plain_sqlite":
        with sqlite3.connect(cache_path) as plain:
            plain.execute("CREATE TABLE pupils (name TEXT)")
            plain.execute("INSERT INTO pupils VALUES ('Åsa')")
        plain.close()
    elif kind == "text":
        cache_path.write_text("Klassbok export\nÅsa Öberg\n", "utf-8")
    elif kind == "truncated":
        _fill(cache_path, key)
        data = cache_path.read_bytes()
        cache_path.write_bytes(data[: len(data) // 2 + 100])
    else:
        cache_path.write_bytes(bytes(8192))
    before = cache_path.read_bytes()
    with pytest.raises(CacheUnreadable):
        open_cache(cache_path, key)
    assert cache_path.read_bytes() == before


def test_an_encrypted_database_that_is_not_a_klassbok_cache_is_refused(
    cache_path: Path, key: bytes
) -> None:
    cache_path.parent.mkdir(parents=True)
    other = sqlcipher3.connect(str(cache_path))
    other.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    other.execute("CREATE TABLE notes (body TEXT)")
    other.commit()
    other.close()
    with pytest.raises(CacheUnreadable) as caught:
        open_cache(cache_path, key)
    assert "not a Klassbok cache" in caught.value.reason


def test_starting_over_sets_the_unreadable_file_aside(cache_path: Path, key: bytes) -> None:
    _fill(cache_path, key)
    before = cache_path.read_bytes()
    with pytest.raises(CacheUnreadable):
        open_cache(cache_path, secrets.token_bytes(32))
    kept = set_aside_cache(cache_path)
    assert not cache_path.exists()
    assert kept.read_bytes() == before
    assert kept.parent == cache_path.parent
    fresh = open_cache(cache_path, secrets.token_bytes(32))
    fresh.close()
    assert kept.exists()


def test_wipe_removes_cache_and_backups_only(cache_path: Path, key: bytes) -> None:
    _fill(cache_path, key)
    backup = cache_path.with_name("cache.db.bak-0001-20260101T000000000000Z")
    backup.write_bytes(b"x")
    unrelated = cache_path.with_name("notes.txt")
    unrelated.write_text("keep me", "utf-8")
    removed = wipe_cache(cache_path)
    assert cache_path in removed
    assert backup in removed
    assert not cache_path.exists()
    assert not backup.exists()
    assert unrelated.exists()


def test_in_memory_cache_never_touches_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    cache = open_cache(None, key)
    data = RecordBuilder()
    group = data.group("7A")
    data.member(group, data.person("Ada", "Berg"), DAY)
    data.apply_to(cache)
    with cache.connect() as conn:
        assert len(pupils_in_group(conn, group, DAY)) == 1
    cache.close()
    assert list(tmp_path.iterdir()) == []


def test_a_key_must_be_32_bytes(cache_path: Path) -> None:
    with pytest.raises(ValueError, match="32"):
        open_cache(cache_path, b"short")
    assert not cache_path.exists()


def test_damage_found_after_opening_is_reported_like_damage_at_open(
    cache_path: Path, key: bytes
) -> None:
    cache = open_cache(cache_path, key)
    data = RecordBuilder()
    group = data.group("7A")
    for number in range(400):
        data.member(group, data.person(f"Elev{number}", "Berg" * 20), DAY)
    data.apply_to(cache)
    with cache.connect() as conn:
        root = conn.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'person'"
        ).scalar_one()
        page = int(conn.exec_driver_sql("PRAGMA page_size").scalar_one())
    cache.close()
    raw = bytearray(cache_path.read_bytes())
    # Scribble over the person table's first page; the schema still reads.
    start = (int(root) - 1) * page
    raw[start + 100 : start + page - 100] = bytes(page - 200)
    cache_path.write_bytes(bytes(raw))
    damaged = open_cache(cache_path, key)
    with pytest.raises(CacheUnreadable), damaged.connect() as conn:
        pupils_in_group(conn, group, DAY)
    damaged.close()


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "file"])
def test_a_cache_serves_two_threads_that_both_write(
    on_disk: bool, cache_path: Path, key: bytes
) -> None:
    """The desktop's DB worker reads and writes while the sync worker applies pages."""
    cache = open_cache(cache_path if on_disk else None, key)
    data = RecordBuilder()
    group = data.group("7A")
    data.apply_to(cache)
    failures: list[BaseException] = []
    done = threading.Event()
    me = Identity(uuid.uuid4(), "karin", "Karin", None, "https://klassbok.example")

    def work() -> None:
        try:
            while not done.is_set():
                with cache.connect() as conn:
                    pupils_in_group(conn, group, DAY)
                with cache.begin() as conn:
                    set_identity(conn, me)
        except BaseException as exc:
            failures.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    try:
        for number in range(30):
            data.member(group, data.person(f"Elev{number}", "Berg"), DAY)
            data.apply_to(cache)
    finally:
        done.set()
        worker.join(10)
    with cache.connect() as conn:
        assert len(pupils_in_group(conn, group, DAY)) == 30
        assert get_identity(conn) == me
    cache.close()
    assert failures == []
