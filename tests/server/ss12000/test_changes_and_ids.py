"""Following changes through the published API: meta.modified.after, pages
that stay whole while rows change, deletedEntities, and ids that are the
same when the school is built again."""

from __future__ import annotations

import datetime as dt

from tests.server.ss12000.publish_support import (
    LISTS,
    add_client,
    every_page,
    get,
    refused,
    touch,
)
from tests.support import ss12000
from tests.support.server_fixtures import RunningServer, ServerFactory


def _ids(server: RunningServer, token: str, path: str, params: dict[str, str]) -> list[str]:
    found, _ = every_page(server, f"/{path}", token, LISTS[path], params)
    return [str(item["id"]) for item in found]


def test_modified_after_gives_what_changed_since(server_factory: ServerFactory) -> None:
    server = server_factory()
    school, b = server.school, server.school.builder
    token = add_client(server.engine)
    built = b.now.isoformat()  # every row of the small school was written then
    for path in LISTS:
        assert _ids(server, token, path, {"meta.modified.after": built}) == []
        assert _ids(server, token, path, {"meta.modified.before": built})
    changed = {
        "attendances": (
            "attendance",
            school["record:att:alva"],
            {"status": "late", "late_minutes": 5},
        ),
        "absences": ("absence_report", school["record:absence"], {}),
        "grades": ("term_grade", school["record:grade"], {"grade": "A"}),
    }
    moments = {}
    for path, (kind, row_id, values) in changed.items():
        moments[path] = touch(
            server.engine, kind, row_id, at=b.now + dt.timedelta(minutes=1), **values
        )
    for path, (_, row_id, _) in changed.items():
        assert _ids(server, token, path, {"meta.modified.after": built}) == [str(row_id)]
        before = _ids(server, token, path, {"meta.modified.before": built})
        assert str(row_id) not in before
        later = (moments[path] + dt.timedelta(seconds=1)).isoformat()
        assert _ids(server, token, path, {"meta.modified.after": later}) == []
    late = get(server, f"/attendances/{school['record:att:alva']}", token).json()
    ss12000.check("Attendance", late)
    assert (late["attendanceMinutes"], late["invalidAbsenceMinutes"]) == (45, 5)
    assert get(server, f"/grades/{school['record:grade']}", token).json()["gradeValue"] == "A"
    refused(get(server, "/grades", token, {"meta.modified.after": "2026-08-17T08:00:00"}), 400)


def test_a_row_changed_while_a_client_pages_comes_again_and_none_is_lost(
    server_factory: ServerFactory,
) -> None:
    server = server_factory()
    school, b = server.school, server.school.builder
    token = add_client(server.engine)
    everything = _ids(server, token, "attendances", {})
    first = get(server, "/attendances", token, {"limit": 2}).json()
    seen = [item["id"] for item in ss12000.check_list("Attendance", first)]
    touch(
        server.engine,
        "attendance",
        school["record:att:alva"],
        at=b.now + dt.timedelta(minutes=1),
        status="absent",
    )
    rest, _ = every_page(
        server, "/attendances", token, "Attendance", {"pageToken": first["pageToken"]}
    )
    seen += [item["id"] for item in rest]
    assert set(seen) == set(everything)
    alva = str(school["record:att:alva"])
    assert seen[-1] == alva  # changed: at the end, with its new state
    assert rest[-1]["invalidAbsenceMinutes"] == 50


def test_deleted_entities_name_what_left_the_lists(server_factory: ServerFactory) -> None:
    server = server_factory()
    school, b = server.school, server.school.builder
    token = add_client(server.engine)
    start = get(server, "/deletedEntities", token).json()
    ss12000.check("PublishedDeletedEntities", start)
    assert start["data"] == {"attendances": [], "absences": [], "grades": []}
    before = b.now + dt.timedelta(seconds=1)
    b.delete("attendance", school["record:att:elsa"])
    b.delete("absence_report", school["record:absence"])
    touch(
        server.engine,
        "term_grade",
        school["record:grade"],
        at=b.now + dt.timedelta(minutes=1),
        grade=None,
    )  # cleared again
    for path, label in (
        ("attendances", "record:att:elsa"),
        ("absences", "record:absence"),
        ("grades", "record:grade"),
    ):
        assert str(school[label]) not in _ids(server, token, path, {})
        refused(get(server, f"/{path}/{school[label]}", token), 404)
    after = get(server, "/deletedEntities", token).json()
    ss12000.check("PublishedDeletedEntities", after)
    assert after["data"] == {
        "attendances": [str(school["record:att:elsa"])],
        "absences": [str(school["record:absence"])],
        "grades": [str(school["record:grade"])],
    }
    # b.delete stamps the builder's clock; the cleared grade a minute after it.
    since = get(server, "/deletedEntities", token, {"after": before.isoformat()}).json()
    assert since["data"]["grades"] == [str(school["record:grade"])]
    assert since["data"]["attendances"] == []
    only = get(server, "/deletedEntities", token, {"entities": ["Absence", "Grade"]}).json()
    assert set(only["data"]) == {"absences", "grades"}
    # One id a page: three pages, the same ids.
    paged: dict[str, list[str]] = {"attendances": [], "absences": [], "grades": []}
    response = get(server, "/deletedEntities", token, {"limit": 1}).json()
    pages = 1
    while True:
        ss12000.check("PublishedDeletedEntities", response)
        for name, found in response["data"].items():
            paged[name] += found
        if response["pageToken"] is None:
            break
        response = get(
            server, "/deletedEntities", token, {"pageToken": response["pageToken"], "limit": 1}
        ).json()
        pages += 1
    assert paged == after["data"]
    assert pages == 3


def test_ids_are_the_same_when_the_school_is_built_again(server_factory: ServerFactory) -> None:
    runs = []
    for _ in range(2):
        server = server_factory()
        token = add_client(server.engine)
        term = server.school.builder.term
        period = {"startDate": term.start.isoformat(), "endDate": term.end.isoformat()}
        sums, _ = every_page(server, "/aggregatedAttendance", token, "AggregatedAttendance", period)
        runs.append(
            (
                {path: _ids(server, token, path, {}) for path in LISTS},
                [(item["activity"]["id"], item["student"]["id"]) for item in sums],
                [
                    item["syllabus"]["id"]
                    for item in every_page(server, "/grades", token, "Grade", {})[0]
                ],
            )
        )
    assert runs[0] == runs[1]
    assert all(runs[0][0].values())
