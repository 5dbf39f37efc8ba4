"""A run that fails leaves the school as it was, and the next run finishes it:
cut connections, HTTP errors, invalid JSON, paging that loops, objects that
break the specification. Each message names what went wrong and where."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from server.services.ss12000_import.errors import SourceFailed
from server.services.ss12000_import.run import sync_from_api
from tests.server.ss12000_import.school import person, sid
from tests.server.ss12000_import.support import (
    SCHOOL_COUNTS,
    failed_sync,
    live_counts,
    live_memberships,
    row_of,
    snapshot,
    state,
    sync,
)
from tests.support.ss12000_double import Ss12000Double


def test_a_connection_cut_on_page_3_imports_nothing_and_the_rerun_finishes(
    engine: Engine, double: Ss12000Double
) -> None:
    empty = snapshot(engine)
    double.fail("persons", 3, "drop")

    message = failed_sync(engine, double)

    assert "persons (page 3)" in message
    assert "connection" in message
    assert snapshot(engine) == empty
    marked = state(engine)
    assert marked.in_progress_started_at is not None
    assert marked.last_run_started_at is None
    assert "page 3" in marked.last_error

    report = sync(engine, double)

    assert report.mode == "full"
    assert report.notes
    assert "did not finish" in report.notes[0]
    assert live_counts(engine) == SCHOOL_COUNTS
    assert state(engine).in_progress_started_at is None


def _add_pupil(double: Ss12000Double) -> None:
    """A change for the failing run to carry: a new pupil in 7A."""
    double.put("persons", person("pupil:elsa", "Elsa", "Åberg", "201304041234"))
    seven_a = double.get("groups", sid("group:7A"))
    seven_a["groupMemberships"].append({"person": {"id": sid("pupil:elsa")}})
    double.put("groups", seven_a)
    # Touched, unchanged: the delta's persons span two pages.
    double.put("persons", double.get("persons", sid("guardian:ida")))
    double.put("persons", double.get("persons", sid("guardian:per")))


def _missing_family_name(double: Ss12000Double) -> Callable[[], None]:
    broken = double.get("persons", sid("pupil:elsa"))
    del broken["familyName"]
    double.put("persons", broken)
    return lambda: double.put("persons", person("pupil:elsa", "Elsa", "Åberg", "201304041234"))


def _unknown_group_type(double: Ss12000Double) -> Callable[[], None]:
    broken = double.get("groups", sid("group:7A"))
    fixed = dict(broken)
    broken["groupType"] = "Klassrum"
    double.put("groups", broken)
    return lambda: double.put("groups", fixed)


def _injected(endpoint: str, page: int, mode: str, status: int = 500) -> Callable[..., object]:
    def inject(double: Ss12000Double) -> Callable[[], None]:
        double.fail(endpoint, page, mode, status)
        return lambda: None  # the failure happens once

    return inject


def _wrong_token(double: Ss12000Double) -> Callable[[], None]:
    double.accepted_token = "another-token"  # the token sent has been revoked

    def fix() -> None:
        double.accepted_token = double.token

    return fix


CASES = {
    "401": (_wrong_token, ["HTTP 401", "refused the token", "/organisations"]),
    "429": (_injected("groups", 1, "status", 429), ["HTTP 429", "/groups", "after 30 seconds"]),
    "500": (_injected("persons", 2, "status", 500), ["HTTP 500", "/persons (page 2)"]),
    "invalid JSON": (_injected("activities", 1, "invalid_json"), ["/activities", "not valid JSON"]),
    "looping token": (_injected("persons", 2, "loop"), ["/persons", "page 2", "loops"]),
    "missing field": (
        _missing_family_name,
        [f"persons object {sid('pupil:elsa')}", "familyName is required"],
    ),
    "unknown enum": (
        _unknown_group_type,
        [f"groups object {sid('group:7A')}", "groupType 'Klassrum' is not one of"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_failed_delta_changes_nothing_and_the_rerun_finishes(
    engine: Engine, double: Ss12000Double, case: str
) -> None:
    sync(engine, double)
    delta_point = state(engine).last_run_started_at
    _add_pupil(double)
    before = snapshot(engine)
    inject, expected = CASES[case]
    fix = inject(double)

    message = failed_sync(engine, double)

    for part in expected:
        assert part in message, message
    assert double.token not in message
    assert "another-token" not in message
    assert snapshot(engine) == before
    after_failure = state(engine)
    assert after_failure.last_run_started_at == delta_point
    assert after_failure.last_error == message[:1000]

    fix()
    report = sync(engine, double)

    assert report.mode == "delta"
    assert report.modified_after == delta_point
    assert live_memberships(engine, "pupil:elsa") == {sid("group:7A")}
    assert row_of(engine, "person", "pupil:elsa").family_name == "Åberg"
    assert state(engine).last_error is None


def test_a_reference_to_an_unknown_object_names_both(engine: Engine, double: Ss12000Double) -> None:
    seven_a = double.get("groups", sid("group:7A"))
    seven_a["groupMemberships"].append({"person": {"id": sid("pupil:nobody")}})
    double.put("groups", seven_a)

    message = failed_sync(engine, double)

    assert f"groups object {sid('group:7A')} groupMemberships[2].person" in message
    assert f"refers to the person {sid('pupil:nobody')}" in message
    assert live_counts(engine)["person"] == 0


def test_a_url_without_http_is_refused(engine: Engine) -> None:
    with pytest.raises(SourceFailed, match="must start with https://"):
        sync_from_api(engine, "file:///etc/passwd", "token")
