"""Caches made by earlier versions open in this one: backed up, upgraded,
data intact. A cache from a newer version is left alone."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, insert, text

from local_db import migrations
from local_db.cache import CacheMigrationFailed, CacheTooNew, backups_of, open_cache
from local_db.encrypted_engine import (
    LEGACY_PAGE_SIZE,
    PAGE_SIZE,
    PAGE_SIZES,
    make_engine,
    raw_connect,
)
from local_db.repositories import pupils_in_group
from local_db.schema import SEARCH_TABLES, metadata, synced
from local_db.sync.page_apply import apply_page, decode_page
from sync_protocol import ids
from sync_protocol.kinds.assessment import scale_of
from tests.local_db.records import DAY, RecordBuilder


def _make_cache_at(
    path: Path, key: bytes, revision: str, page_size: int = LEGACY_PAGE_SIZE
) -> uuid.UUID:
    """A cache file at an older revision with a group of two pupils; the group's id.

    Earlier versions made their caches with SQLCipher's 4 KiB pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path, key, page_size)
    data = RecordBuilder()
    group = data.group("7A")
    data.member(group, data.person("Åke", "Öst"), DAY)
    data.member(group, data.person("Bea", "Berg"), DAY)
    with engine.begin() as conn:
        migrations.upgrade(conn, revision)
        if revision == "head":
            apply_page(conn, decode_page(data.page()), dt.datetime.now(dt.UTC))
        else:
            # Plain inserts: today's page_apply may use tables an old
            # revision does not have yet.
            for record in decode_page(data.page()).records:
                conn.execute(insert(synced[record.kind]).values(**record.row))
    engine.dispose()
    return group


def _connect(path: Path, key: bytes) -> Any:
    """A raw connection at whichever page size the file has."""
    for page_size in PAGE_SIZES:
        conn = raw_connect(path, key, page_size)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
            return conn
        except Exception:
            conn.close()
    raise AssertionError(f"{path} reads at no page size")


def _revision_of(path: Path, key: bytes) -> str:
    conn = _connect(path, key)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def _page_size_of(path: Path, key: bytes) -> int:
    conn = _connect(path, key)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def test_new_cache_is_created_at_the_latest_revision(cache_path: Path, key: bytes) -> None:
    cache = open_cache(cache_path, key)
    cache.close()
    assert cache.revision == migrations.head_revision()
    assert _revision_of(cache_path, key) == migrations.head_revision()
    assert backups_of(cache_path) == []


def test_a_new_cache_has_large_pages(cache_path: Path, key: bytes) -> None:
    open_cache(cache_path, key).close()
    assert _page_size_of(cache_path, key) == PAGE_SIZE == 16384


def test_a_cache_with_the_old_page_size_opens_as_it_is(cache_path: Path, key: bytes) -> None:
    group = _make_cache_at(cache_path, key, "head", LEGACY_PAGE_SIZE)
    for _ in range(2):  # written to, closed and opened again
        cache = open_cache(cache_path, key)
        with cache.begin() as conn:
            conn.execute(text("UPDATE person SET given_name = given_name || '!'"))
        with cache.connect() as conn:
            names = [p.full_name for p in pupils_in_group(conn, group, DAY)]
        cache.close()
    assert names == ["Bea!! Berg", "Åke!! Öst"]
    assert _page_size_of(cache_path, key) == LEGACY_PAGE_SIZE
    assert backups_of(cache_path) == []


def test_opening_an_up_to_date_cache_makes_no_backup(cache_path: Path, key: bytes) -> None:
    open_cache(cache_path, key).close()
    open_cache(cache_path, key).close()
    assert backups_of(cache_path) == []


def test_cache_from_the_previous_revision_is_backed_up_and_upgraded(
    cache_path: Path, key: bytes
) -> None:
    group = _make_cache_at(cache_path, key, "0001")
    cache = open_cache(cache_path, key)
    with cache.connect() as conn:
        names = [p.full_name for p in pupils_in_group(conn, group, DAY)]
        indexes = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    cache.close()
    assert names == ["Bea Berg", "Åke Öst"]
    assert "ix_lesson_start_time" in indexes
    assert _revision_of(cache_path, key) == migrations.head_revision()
    [backup] = backups_of(cache_path)
    assert backup.name.startswith("cache.db.bak-0001-")
    # The backup is the old cache, still encrypted with the same key.
    assert _revision_of(backup, key) == "0001"
    assert b"Berg" not in backup.read_bytes()


def test_only_the_last_three_backups_are_kept(cache_path: Path, key: bytes) -> None:
    _make_cache_at(cache_path, key, "0001")
    old = []
    for number in range(4):
        backup = cache_path.with_name(f"cache.db.bak-0001-2025010{number}T000000000000Z")
        backup.write_bytes(b"old")
        os.utime(backup, (1_700_000_000 + number, 1_700_000_000 + number))
        old.append(backup)
    open_cache(cache_path, key).close()
    kept = backups_of(cache_path)
    assert len(kept) == 3
    assert kept[:2] == old[2:]
    assert kept[2].read_bytes() != b"old"


def test_cache_from_a_newer_klassbok_is_refused_and_untouched(cache_path: Path, key: bytes) -> None:
    _make_cache_at(cache_path, key, "head")
    conn = _connect(cache_path, key)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    before = cache_path.read_bytes()
    with pytest.raises(CacheTooNew) as caught:
        open_cache(cache_path, key)
    assert "newer version of Klassbok (schema 0099)" in str(caught.value)
    assert "Update Klassbok" in str(caught.value)
    assert cache_path.read_bytes() == before
    assert backups_of(cache_path) == []


def test_a_failed_migration_leaves_the_old_revision_and_names_the_backup(
    cache_path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = _make_cache_at(cache_path, key, "0001")
    real_upgrade = migrations.upgrade

    def upgrade_then_fail(conn: Connection, revision: str = "head") -> None:
        real_upgrade(conn, revision)
        raise OSError("disk went away")

    monkeypatch.setattr(migrations, "upgrade", upgrade_then_fail)
    with pytest.raises(CacheMigrationFailed) as caught:
        open_cache(cache_path, key)
    [backup] = backups_of(cache_path)
    assert str(backup) in str(caught.value)
    assert _revision_of(cache_path, key) == "0001"
    monkeypatch.undo()
    cache = open_cache(cache_path, key)
    with cache.connect() as conn:
        assert len(pupils_in_group(conn, group, DAY)) == 2
    cache.close()


def test_migrations_build_exactly_the_tables_the_code_uses(key: bytes) -> None:
    """A registry change without a cache migration fails here, not at a
    teacher's start-up."""
    cache = open_cache(None, key)
    with cache.connect() as conn:
        # The FTS5 table of offline search cannot be declared in metadata.
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda name, *_: name not in SEARCH_TABLES}
        )
        differences = compare_metadata(context, metadata)
        assert conn.execute(text("SELECT count(*) FROM sync_state")).scalar_one() == 1
    cache.close()
    assert differences == []


def test_a_cache_from_before_two_way_sync_gets_an_outbox_and_a_client_id(
    cache_path: Path, key: bytes
) -> None:
    group = _make_cache_at(cache_path, key, "0002")
    cache = open_cache(cache_path, key)
    with cache.connect() as conn:
        assert len(pupils_in_group(conn, group, DAY)) == 2
        state = conn.execute(text("SELECT client_id, last_hlc FROM sync_state")).one()
        assert conn.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 0
    cache.close()
    assert re.fullmatch(r"[0-9a-f]{16}", state.client_id)
    assert state.last_hlc is None
    [backup] = backups_of(cache_path)
    assert backup.name.startswith("cache.db.bak-0002-")


def test_the_head_constant_is_the_newest_revision() -> None:
    """HEAD_REVISION spares start-up the Alembic import; it must not go stale."""
    assert migrations.alembic_head_revision() == migrations.HEAD_REVISION


def test_opening_an_up_to_date_cache_does_not_import_alembic(cache_path: Path, key: bytes) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from local_db.cache import open_cache\n"
        f"open_cache(Path({str(cache_path)!r}), bytes.fromhex({key.hex()!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    open_cache(cache_path, key).close()  # create and migrate it first
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_assessments_from_before_scales_read_as_they_did(cache_path: Path, key: bytes) -> None:
    """Issue 10's cache migration (0005): an assessment, a result and a term grade
    made before scales read as grades A–F, with no points, levels or marker."""
    group = _make_cache_at(cache_path, key, "0004")
    activity, test, pupil = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    conn = _connect(cache_path, key)
    try:
        hexes = {name: value.hex for name, value in (("a", activity), ("t", test), ("p", pupil))}
        conn.execute(
            "INSERT INTO activity (id, seq, deleted, school_id, display_name, activity_type, "
            f"start_date) VALUES ('{hexes['a']}', 1, 0, '{hexes['a']}', 'Matematik 7A', "
            "'teaching', '2026-08-01')"
        )
        conn.execute(
            "INSERT INTO assessment (id, seq, deleted, activity_id, title, description, "
            f"assessment_type) VALUES ('{hexes['t']}', 2, 0, '{hexes['a']}', 'Prov', '', 'test')"
        )
        result = ids.assessment_result_id(test, pupil).hex
        conn.execute(
            "INSERT INTO assessment_result (id, seq, deleted, assessment_id, pupil_id, "
            f"activity_id, grade, comment) VALUES ('{result}', 3, 0, '{hexes['t']}', "
            f"'{hexes['p']}', '{hexes['a']}', 'C', 'Bra')"
        )
        conn.commit()
    finally:
        conn.close()
    cache = open_cache(cache_path, key)
    with cache.connect() as conn:
        assert len(pupils_in_group(conn, group, DAY)) == 2
        row = conn.execute(text("SELECT scale_kind, max_points, published FROM assessment")).one()
        stored = conn.execute(
            text("SELECT grade, points, levels, marker, comment FROM assessment_result")
        ).one()
    cache.close()
    assert tuple(row) == (None, None, None)
    assert tuple(stored) == ("C", None, "", None, "Bra")
    assert scale_of({"scale_kind": row.scale_kind}) == "grade_af"
    [backup] = backups_of(cache_path)
    assert backup.name.startswith("cache.db.bak-0004-")
