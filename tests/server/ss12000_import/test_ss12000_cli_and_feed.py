"""The real command line and the real server: `ss12000-sync` (once, and on a
schedule with --every) and `ss12000-import DIR`, and what a teacher's sync
pull shows afterwards. A pupil who becomes protected at the source has her
contact data withheld from the teacher's feed after the next run."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine

from server.db import make_engine
from sync_protocol.entities import entity
from tests.server.ss12000_import.school import sid
from tests.server.ss12000_import.support import SCHOOL_COUNTS, live_counts, row_of, state
from tests.support.server_fixtures import SYNC_HEADERS, add_user, password_for
from tests.support.server_process import ServerProcess, run_cli
from tests.support.ss12000_double import ENDPOINTS, Ss12000Double

CONTACT_FIELDS = [spec.name for spec in entity("person").fields if spec.contact]


@pytest.fixture
def database(database_factory: Callable[[], str]) -> Iterator[tuple[str, Engine]]:
    url = database_factory()
    run_cli(url, "init-db")
    engine = make_engine(url)
    yield url, engine
    engine.dispose()


def _token_file(tmp_path: Path, double: Ss12000Double) -> Path:
    path = tmp_path / "ss12000.token"
    path.write_text(double.token + "\n", "utf-8")
    return path


def _pull_persons(url: str, username: str, cursor: str = "") -> tuple[dict[str, Any], str]:
    login = requests.post(
        url + "/api/v1/auth/login",
        json={"username": username, "password": password_for(username)},
        timeout=30,
    )
    assert login.status_code == 200, login.text
    headers = {**SYNC_HEADERS, "Authorization": f"Bearer {login.json()['token']}"}
    persons: dict[str, Any] = {}
    while True:
        page = requests.get(
            url + "/api/v1/sync/changes",
            params={"cursor": cursor, "limit": 1000},
            headers=headers,
            timeout=30,
        )
        assert page.status_code == 200, page.text
        body = page.json()
        for record in body["changes"]:
            if record["kind"] == "person":
                persons[record["id"]] = record
        cursor = body["cursor"]
        if not body["has_more"]:
            return persons, cursor


def test_a_protected_pupils_contact_data_leaves_the_teachers_feed(
    database: tuple[str, Engine], double: Ss12000Double, tmp_path: Path
) -> None:
    url, engine = database
    token_file = _token_file(tmp_path, double)
    first = run_cli(url, "ss12000-sync", "--url", double.url, "--token-file", str(token_file))
    assert "SS 12000 full run" in first.stdout
    assert double.token not in first.stdout + first.stderr
    anna = row_of(engine, "person", "teacher:anna").id
    add_user(engine, "anna", person_id=anna)
    alva = str(row_of(engine, "person", "pupil:alva").id)
    lova = str(row_of(engine, "person", "pupil:lova").id)
    server = ServerProcess(url, tmp_path / "server.log")
    server.start()
    try:
        persons, cursor = _pull_persons(server.url, "anna")
        assert persons[alva]["fields"]["email"] == "alva@elev.se"
        assert all(persons[lova]["fields"][name] is None for name in CONTACT_FIELDS)
        assert persons[lova]["fields"]["given_name"] == "Lova"

        marked = double.get("persons", sid("pupil:alva"))
        marked["securityMarking"] = "Skyddad folkbokföring"
        double.put("persons", marked)
        second = run_cli(
            url,
            "ss12000-sync",
            "--url",
            double.url,
            env={"KLASSBOK_SS12000_TOKEN": double.token},
        )
        assert "SS 12000 delta run since" in second.stdout
        assert "Contact protection switched" in second.stdout

        changed, _ = _pull_persons(server.url, "anna", cursor)
        assert all(changed[alva]["fields"][name] is None for name in CONTACT_FIELDS)
        everything, _ = _pull_persons(server.url, "anna")
        assert all(everything[alva]["fields"][name] is None for name in CONTACT_FIELDS)
        assert "alva@elev.se" not in json.dumps(everything)
    finally:
        server.stop()


def test_the_token_is_never_taken_from_the_command_line(
    database: tuple[str, Engine], double: Ss12000Double
) -> None:
    url, engine = database
    missing = run_cli(url, "ss12000-sync", "--url", double.url, check=False)
    assert missing.returncode == 1
    assert "--token-file" in missing.stderr
    assert "KLASSBOK_SS12000_TOKEN" in missing.stderr
    refused = run_cli(url, "ss12000-sync", "--url", double.url, "--token", "x", check=False)
    assert refused.returncode == 2
    assert live_counts(engine)["person"] == 0


def test_every_runs_on_a_schedule_until_max_runs(
    database: tuple[str, Engine], double: Ss12000Double, tmp_path: Path
) -> None:
    url, engine = database
    token_file = _token_file(tmp_path, double)
    # The first run fails (the server is down for a moment); the schedule
    # goes on, and the runs after it import the school, then the delta.
    double.fail("organisations", 1, "status", 503)
    result = run_cli(
        url,
        "ss12000-sync",
        "--url",
        double.url,
        "--token-file",
        str(token_file),
        "--every",
        "0.01",
        "--max-runs",
        "3",
    )
    assert "HTTP 503" in result.stderr
    assert result.stdout.count("Next run at") == 2
    assert "SS 12000 full run" in result.stdout
    assert "SS 12000 delta run since" in result.stdout
    assert live_counts(engine) == SCHOOL_COUNTS
    assert state(engine).last_error is None
    runs = [path for path, _, _ in double.requests if path.endswith("/organisations")]
    assert len(runs) == 3


def _write_folder(double: Ss12000Double, folder: Path) -> Path:
    folder.mkdir()
    for endpoint in ENDPOINTS:
        body = {"data": list(double.objects[endpoint].values()), "pageToken": None}
        (folder / f"{endpoint}.json").write_text(json.dumps(body, ensure_ascii=False), "utf-8")
    return folder


def test_a_folder_of_json_files_imports_with_the_same_mapping(
    database: tuple[str, Engine], double: Ss12000Double, tmp_path: Path
) -> None:
    url, engine = database
    folder = _write_folder(double, tmp_path / "export")

    first = run_cli(url, "ss12000-import", str(folder))

    assert "SS 12000 folder run" in first.stdout
    assert live_counts(engine) == SCHOOL_COUNTS
    assert row_of(engine, "person", "pupil:lova").contact_protected is True
    # The folder's lists are complete: a lesson left out is removed; a
    # deletion file removes a group and what hangs on it.
    events = json.loads((folder / "calendarEvents.json").read_text("utf-8"))
    events["data"] = [e for e in events["data"] if e["id"] != sid("lesson:7A:16")]
    (folder / "calendarEvents.json").write_text(json.dumps(events), "utf-8")
    groups = json.loads((folder / "groups.json").read_text("utf-8"))
    groups["data"] = [g for g in groups["data"] if g["id"] != sid("group:7B")]
    (folder / "groups.json").write_text(json.dumps(groups), "utf-8")
    activities = json.loads((folder / "activities.json").read_text("utf-8"))
    activities["data"] = [a for a in activities["data"] if a["id"] != sid("activity:7B")]
    (folder / "activities.json").write_text(json.dumps(activities), "utf-8")
    lessons = [e for e in events["data"] if e["activity"]["id"] != sid("activity:7B")]
    (folder / "calendarEvents.json").write_text(json.dumps({"data": lessons}), "utf-8")
    deleted = {"data": {"groups": [sid("group:7B")]}}
    (folder / "deletedEntities.json").write_text(json.dumps(deleted), "utf-8")

    second = run_cli(url, "ss12000-import", str(folder))

    assert "SS 12000 folder run" in second.stdout
    counts = live_counts(engine)
    assert counts["group"] == 1
    assert counts["activity"] == 1
    assert counts["lesson"] == 2
    assert counts["group_membership"] == 2
    assert state(engine).last_run_started_at is None  # the API's delta point is untouched


def test_a_bad_folder_is_refused_with_the_file_named(
    database: tuple[str, Engine], double: Ss12000Double, tmp_path: Path
) -> None:
    url, engine = database
    folder = _write_folder(double, tmp_path / "export")
    (folder / "people.json").write_text("{}", "utf-8")
    unknown = run_cli(url, "ss12000-import", str(folder), check=False)
    assert unknown.returncode == 1
    assert "people.json: unknown file" in unknown.stderr
    (folder / "people.json").unlink()
    (folder / "persons.json").write_text('{"data": [', "utf-8")
    broken = run_cli(url, "ss12000-import", str(folder), check=False)
    assert broken.returncode == 1
    assert "persons.json: cannot be read as JSON" in broken.stderr
    assert live_counts(engine)["school"] == 0
