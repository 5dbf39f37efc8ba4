"""The klassbok-server command line: database, accounts, serve."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import requests
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from server.db import make_engine
from server.tables import metadata, sync_counter
from tests.support.server_fixtures import RunningServer
from tests.support.server_process import ServerProcess, run_cli


def test_init_db_creates_then_leaves_a_current_database_alone(
    database_factory: Callable[[], str],
) -> None:
    url = database_factory()
    first = run_cli(url, "init-db")
    assert "Created the database" in first.stdout
    again = run_cli(url, "migrate")
    assert "up to date" in again.stdout
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(select(sync_counter.c.id, sync_counter.c.value)).all() == [(1, 0)]
            # The migrations build exactly the tables server.tables declares:
            # a table change without a revision fails here.
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_init_db_explains_an_unreachable_database() -> None:
    result = run_cli("postgresql://nobody@127.0.0.1:1/none", "init-db", check=False)
    assert result.returncode == 1
    assert "Could not open the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_accounts_made_on_the_command_line_can_sign_in(school_server: RunningServer) -> None:
    url = school_server.database_url
    person = str(school_server.school["teacher:erik"])
    created = run_cli(
        url,
        "create-user",
        "Erik.Ek",
        "--display-name",
        "Erik Ek",
        "--role",
        "teacher",
        "--person-id",
        person,
        "--password-stdin",
        stdin="första-lösenordet\n",
    )
    assert "erik.ek" in created.stdout
    login = school_server.login("erik.ek", "första-lösenordet")
    assert login.status_code == 200
    assert login.json()["user"]["person_id"] == person
    token = login.json()["token"]

    run_cli(url, "set-password", "erik.ek", "--password-stdin", stdin="andra-lösenordet\n")
    assert school_server.get("/api/v1/me", token).status_code == 401  # signed out everywhere
    assert school_server.login("erik.ek", "första-lösenordet").status_code == 401
    login = school_server.login("erik.ek", "andra-lösenordet")
    assert login.status_code == 200
    token = login.json()["token"]

    run_cli(url, "deactivate-user", "erik.ek")
    assert school_server.get("/api/v1/me", token).status_code == 401
    refused = school_server.login("erik.ek", "andra-lösenordet")
    assert (refused.status_code, refused.json()["error"]) == (403, "account_disabled")
    run_cli(url, "activate-user", "erik.ek")
    assert school_server.login("erik.ek", "andra-lösenordet").status_code == 200


def test_create_user_refuses_weak_passwords_and_taken_names(school_server: RunningServer) -> None:
    url = school_server.database_url
    base = ["create-user", "--display-name", "X", "--role", "teacher", "--password-stdin"]
    short = run_cli(url, *base, "kort", stdin="kort\n", check=False)
    assert short.returncode == 1
    assert "at least 8 characters" in short.stderr
    taken = run_cli(url, *base, "ANNA", stdin="långt-nog-lösenord\n", check=False)
    assert taken.returncode == 1
    assert "already taken" in taken.stderr
    no_tty = run_cli(url, "create-user", "y", "--display-name", "Y", "--role", "admin", check=False)
    assert no_tty.returncode == 1
    assert "--password-stdin" in no_tty.stderr


def test_serve_refuses_to_open_to_the_network_without_allow_remote(
    database_factory: Callable[[], str],
) -> None:
    result = run_cli(database_factory(), "serve", "--host", "0.0.0.0", "--port", "0", check=False)
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr


def test_serve_refuses_an_uninitialised_database(database_factory: Callable[[], str]) -> None:
    result = run_cli(database_factory(), "serve", "--port", "0", check=False)
    assert result.returncode == 1
    assert "init-db" in result.stderr


def test_serve_stops_cleanly_on_sigterm(school_server: RunningServer, tmp_path: Path) -> None:
    server = ServerProcess(school_server.database_url, tmp_path / "second.log")
    url = server.start()
    assert requests.get(url + "/api/v1/info", timeout=10).status_code == 200
    assert server.proc is not None
    proc = server.proc
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    server.stop()
    assert "Klassbok server stopped" in (tmp_path / "second.log").read_text("utf-8")


def test_the_cli_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "server.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    for command in ("init-db", "serve", "create-user", "set-password", "deactivate-user"):
        assert command in result.stdout
