"""`klassbok-server backup` / `restore`, /healthz and /readyz, with the real server and app sync.

A restore takes the school back to the backup's moment; the app's feed
cursor is then ahead of the server's data, and its next sync must pull
everything again, keep the edit still in its outbox and end equal to the
server, with no error for the teacher (issue 12, operations).
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from local_db.cache import open_cache
from local_db.edits import save_record
from local_db.identity import Identity, set_identity
from local_db.schema import outbox, synced
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import SyncEngine
from sync_protocol import ids
from tests.support.server_fixtures import RunningServer, ServerFactory, password_for
from tests.support.server_process import run_cli


def _mark(server: RunningServer, pupil: str, status: str) -> tuple[uuid.UUID, dict[str, Any]]:
    s = server.school
    lesson = s["lesson:ma7a:1"]
    values = {
        "lesson_id": lesson,
        "pupil_id": s[f"pupil:{pupil}"],
        "activity_id": s["activity:ma7a"],
        "status": status,
    }
    return ids.attendance_id(lesson, s[f"pupil:{pupil}"]), values


def _server_status(server: RunningServer, record: uuid.UUID) -> str | None:
    table = synced["attendance"]
    with server.engine.connect() as conn:
        value = conn.execute(select(table.c.status).where(table.c.id == record)).scalar()
    return None if value is None else str(value)


def test_a_restored_server_takes_the_school_back_and_the_app_follows(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    school = server_factory()
    client = ApiClient(school.url, timeout=60)
    login = client.login("anna", password_for("anna"), "test")
    assert login.user.person_id is not None
    anna = login.user.person_id
    cache = open_cache(tmp_path / "anna.db", secrets.token_bytes(32))
    with cache.begin() as conn:
        set_identity(
            conn,
            Identity(login.user.id, "anna", login.user.display_name, anna, school.url),
        )
    engine = SyncEngine(cache, client)

    def mark(pupil: str, status: str) -> uuid.UUID:
        record, values = _mark(school, pupil, status)
        with cache.begin() as conn:
            save_record(conn, "attendance", record, values, actor=anna)
        return record

    try:
        engine.sync()
        before = mark("axel", "absent")
        assert engine.sync().push_outcomes == {"applied": 1}
        backup_file = tmp_path / "backups" / "klassbok.backup"
        done = run_cli(school.database_url, "backup", str(backup_file))
        assert "Backed up" in done.stdout
        assert backup_file.stat().st_size > 0
        after = mark("alva", "late")
        assert engine.sync().push_outcomes == {"applied": 1}
        offline = mark("elsa", "valid_absence")  # in the outbox when the server goes back

        school.process.stop()
        school.engine.dispose()
        restored = run_cli(school.database_url, "restore", "--yes", str(backup_file))
        assert "Restored" in restored.stdout
        school.process.start(school.process.port)
        assert _server_status(school, after) is None, "the server is back at the backup"

        report = engine.sync()
        assert report.push_outcomes == {"applied": 1}
        assert report.verified, "pulled from the start, then checked against the server"
        assert _server_status(school, before) == "absent"
        assert _server_status(school, offline) == "valid_absence"
        table = synced["attendance"]
        with cache.connect() as conn:
            local = dict(conn.execute(select(table.c.id, table.c.status)).all())
            assert conn.execute(select(outbox)).first() is None
        with school.engine.connect() as conn:
            server_rows = dict(conn.execute(select(table.c.id, table.c.status)).all())
        assert local[before] == "absent"
        assert local[offline] == "valid_absence"
        assert after not in local, "what the server lost, the app no longer shows as saved"
        assert {k: v for k, v in local.items() if k in server_rows} == {
            k: v for k, v in server_rows.items() if k in local
        }
    finally:
        cache.close()
        client.close()


def test_a_backup_of_the_other_kind_or_a_damaged_one_changes_nothing(
    server_factory: ServerFactory, tmp_path: Path, db_backend: str
) -> None:
    school = server_factory()
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all")
    refused = run_cli(school.database_url, "restore", "--yes", str(junk), check=False)
    assert refused.returncode == 1
    assert "is not a Klassbok backup" in refused.stderr
    assert "nothing was changed" in refused.stderr
    missing = run_cli(school.database_url, "restore", "--yes", str(tmp_path / "no"), check=False)
    assert missing.returncode == 1
    assert "there is no backup file" in missing.stderr
    if db_backend == "sqlite":
        damaged = tmp_path / "damaged.backup"
        run_cli(school.database_url, "backup", str(damaged))
        data = bytearray(damaged.read_bytes())
        # Every page after the first two: tables and indexes unreadable.
        data[8192:] = b"\xff" * (len(data) - 8192)
        damaged.write_bytes(bytes(data))
        result = run_cli(school.database_url, "restore", "--yes", str(damaged), check=False)
        assert result.returncode == 1
        assert "damaged" in result.stderr
    assert school.get("/api/v1/groups", school.token("anna")).status_code == 200


def test_health_and_readiness(server_factory: ServerFactory) -> None:
    school = server_factory()
    health = requests.get(school.url + "/healthz", timeout=10)
    assert health.status_code == 200
    assert health.json() == {"status": "ok"}
    ready = requests.get(school.url + "/readyz", timeout=10)
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok"}
    # A database an older version left behind: alive, but not ready for traffic.
    with school.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    not_ready = requests.get(school.url + "/readyz", timeout=10)
    assert not_ready.status_code == 503
    assert "schema is at 0003" in not_ready.json()["problem"]
    assert requests.get(school.url + "/healthz", timeout=10).status_code == 200
