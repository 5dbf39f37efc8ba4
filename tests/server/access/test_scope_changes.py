"""scope_changed: the feed tells a client when what it may see has changed.

Rows that enter a teacher's scope without being written (a group they now
teach, its old lessons) cannot come through the cursor; the flag makes the
client repair. It must turn true for every such change and stay false
otherwise.
"""

from __future__ import annotations

import datetime as dt

from tests.support.server_fixtures import RunningServer, ServerFactory


def _caught_up(server: RunningServer, teacher: str) -> str:
    pages, cursor = server.pull_all(server.token(teacher))
    assert not any(page["scope_changed"] for page in pages)
    return cursor


def _next(server: RunningServer, teacher: str, cursor: str) -> tuple[bool, str, set[str]]:
    pages, cursor = server.pull_all(server.token(teacher), cursor)
    ids = {record["id"] for page in pages for record in page["changes"]}
    return any(page["scope_changed"] for page in pages), cursor, ids


def test_joining_and_leaving_an_activity_changes_the_scope(server_factory: ServerFactory) -> None:
    server = server_factory()
    school, builder = server.school, server.school.builder
    cursor = _caught_up(server, "bertil")

    row = builder.activity_teacher(school["activity:ma7a"], school["teacher:bertil"])
    changed, cursor, ids = _next(server, "bertil", cursor)
    assert changed
    assert str(row) in ids
    # Reported once: the next page is measured against the new scope.
    assert _next(server, "bertil", cursor)[0] is False
    # Now he may read 7A's pupils.
    alva = server.get(f"/api/v1/persons/{school['pupil:alva']}", server.token("bertil"))
    assert alva.status_code == 200

    builder.delete("activity_teacher", row)
    changed, cursor, _ = _next(server, "bertil", cursor)
    assert changed
    alva = server.get(f"/api/v1/persons/{school['pupil:alva']}", server.token("bertil"))
    assert alva.status_code == 404


def test_membership_changes_change_the_scope(server_factory: ServerFactory) -> None:
    server = server_factory()
    school, builder = server.school, server.school.builder
    cursor = _caught_up(server, "anna")

    # A new pupil joins 7A.
    with builder.change_set():
        pupil = builder.pupil("ny", "Ny", "Elev")
        builder.membership(school["group:7a"], pupil)
    changed, cursor, ids = _next(server, "anna", cursor)
    assert changed
    assert str(pupil) in ids

    # Axel's membership is moved to end before this term: he leaves P.
    membership = school["membership:axel"]
    builder.update(
        "group_membership", membership, end_date=builder.term.start - dt.timedelta(days=1)
    )
    changed, cursor, _ = _next(server, "anna", cursor)
    assert changed
    axel = server.get(f"/api/v1/persons/{school['pupil:axel']}", server.token("anna"))
    assert axel.status_code == 404


def test_a_new_guardian_changes_the_scope(server_factory: ServerFactory) -> None:
    server = server_factory()
    school, builder = server.school, server.school.builder
    cursor = _caught_up(server, "anna")
    with builder.change_set():
        guardian = builder.guardian("ny-vh", "Ny", "Vårdnadshavare")
        builder.guardian_of(school["pupil:axel"], guardian)
    changed, _, ids = _next(server, "anna", cursor)
    assert changed
    assert str(guardian) in ids


def test_ordinary_changes_leave_the_scope_alone(server_factory: ServerFactory) -> None:
    server = server_factory()
    school, builder = server.school, server.school.builder
    cursor = _caught_up(server, "anna")
    builder.update("lesson", school["lesson:ma7a:2"], room="Aulan")
    builder.attendance(
        school["lesson:ma7a:1"], school["pupil:axel"], school["activity:ma7a"], "late"
    )
    builder.update("person", school["pupil:bodil"], given_name="Bodila")  # someone else's pupil
    changed, cursor, ids = _next(server, "anna", cursor)
    assert not changed
    assert str(school["lesson:ma7a:2"]) in ids
    assert str(school["pupil:bodil"]) not in ids
    # Bertil's scope is untouched by all of it, too.
    assert _next(server, "bertil", _caught_up(server, "bertil"))[0] is False


def test_a_cursor_from_another_teacher_is_a_scope_change(school_server: RunningServer) -> None:
    """A client that switched accounts without wiping must repair, not trust the cursor."""
    _, anna_cursor = school_server.pull_all(school_server.token("anna"))
    changed, _, _ = _next(school_server, "bertil", anna_cursor)
    assert changed
    _, cecilia_cursor = school_server.pull_all(school_server.token("cecilia"))
    # Same groups, but not the same notes: Anna's private note is hidden
    # from Cecilia (and Cecilia's for the mentors from Anna), so the scopes
    # differ and Anna's cache must repair.
    assert _next(school_server, "anna", cecilia_cursor)[0] is True
    _, own_cursor = school_server.pull_all(school_server.token("anna"))
    assert _next(school_server, "anna", own_cursor)[0] is False
