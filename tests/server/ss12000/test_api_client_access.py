"""Who may read /ss12000/v2/: API clients an administrator made on the command
line, within their scopes; never a teacher's or an administrator's sign-in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from server.services.accounts.auth import hash_token
from server.tables import api_client
from tests.server.ss12000.publish_support import add_client, get, refused
from tests.support import ss12000
from tests.support.server_fixtures import RunningServer
from tests.support.server_process import run_cli

PATHS = {
    "attendances": ("/attendances", {}),
    "absences": ("/absences", {}),
    "grades": ("/grades", {}),
    "aggregatedAttendance": (
        "/aggregatedAttendance",
        {"startDate": "2026-08-01", "endDate": "2026-12-31"},
    ),
}


def test_a_client_made_on_the_command_line_reads_its_scopes_only_until_revoked(
    school_server: RunningServer,
) -> None:
    url = school_server.database_url
    made = run_cli(url, "create-api-client", "statistik", "--scope", "attendances,grades")
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("kbapi1_")
    with school_server.engine.connect() as conn:
        stored = conn.execute(select(api_client).where(api_client.c.name == "statistik")).one()
    # Only the hash is kept; the token is nowhere in the row.
    assert stored.token_hash == hash_token(token)
    assert token not in " ".join(str(value) for value in stored)
    assert stored.scopes == "attendances grades"

    assert get(school_server, "/attendances", token).status_code == 200
    assert get(school_server, "/grades", token).status_code == 200
    body = refused(get(school_server, "/absences", token), 403)
    assert "absences" in body["message"]
    refused(get(school_server, *PATHS["aggregatedAttendance"][:1], token), 403)

    listed = run_cli(url, "list-api-clients").stdout
    line = next(row for row in listed.splitlines() if row.startswith("statistik"))
    assert "attendances,grades" in line
    assert "UTC" in line.split("attendances,grades", 1)[1]  # created, and last used now
    assert token not in listed

    run_cli(url, "revoke-api-client", "statistik")
    refused(get(school_server, "/attendances", token), 401)
    line = next(
        row for row in run_cli(url, "list-api-clients").stdout.splitlines() if "statistik" in row
    )
    assert line.count("UTC") == 3  # created, last used, revoked
    again = run_cli(url, "revoke-api-client", "statistik", check=False)
    assert again.returncode == 1
    assert "already revoked" in again.stderr


def test_the_command_line_refuses_unknown_scopes_and_taken_names(
    school_server: RunningServer,
) -> None:
    url = school_server.database_url
    unknown = run_cli(url, "create-api-client", "x-system", "--scope", "persons", check=False)
    assert unknown.returncode == 1
    assert "unknown scope persons" in unknown.stderr
    run_cli(url, "create-api-client", "twice", "--scope", "absences")
    taken = run_cli(url, "create-api-client", "twice", "--scope", "absences", check=False)
    assert taken.returncode == 1
    assert "already" in taken.stderr
    missing = run_cli(url, "revoke-api-client", "nobody-by-this-name", check=False)
    assert missing.returncode == 1


@pytest.mark.parametrize("scope", sorted(PATHS))
def test_each_scope_opens_its_list_and_no_other(school_server: RunningServer, scope: str) -> None:
    token = add_client(school_server.engine, scope)
    for name, (path, params) in PATHS.items():
        response = get(school_server, path, token, params)
        if name == scope:
            assert response.status_code == 200, response.text
        else:
            refused(response, 403)


def test_sign_in_tokens_are_refused_and_strangers_are_asked_who_they_are(
    school_server: RunningServer,
) -> None:
    for account in ("anna", "admin"):
        body = refused(get(school_server, "/attendances", school_server.token(account)), 403)
        assert "create-api-client" in body["message"]
        refused(
            get(
                school_server,
                f"/grades/{school_server.school['record:grade']}",
                school_server.token(account),
            ),
            403,
        )
    refused(get(school_server, "/attendances", None), 401)
    refused(get(school_server, "/attendances", "kbapi1_" + "x" * 40), 401)
    refused(get(school_server, "/attendances", "not a token at all"), 401)


def test_deleted_entities_lists_only_what_the_client_may_read(
    school_server: RunningServer,
) -> None:
    token = add_client(school_server.engine, "grades")
    response = get(school_server, "/deletedEntities", token)
    assert response.status_code == 200, response.text
    ss12000.check("PublishedDeletedEntities", response.json())
    assert set(response.json()["data"]) == {"grades"}
    refused(get(school_server, "/deletedEntities", token, {"entities": "Attendance"}), 403)
    body = refused(get(school_server, "/deletedEntities", token, {"entities": "Person"}), 400)
    assert "Person" in body["message"]
    none = add_client(school_server.engine, "aggregatedAttendance")
    refused(get(school_server, "/deletedEntities", none), 403)
