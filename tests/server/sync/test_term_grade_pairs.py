"""A term grade and its no-basis reason are one decision, on the real server.

Found by long runs of the sync simulation (issue 16; seeds 1815320499,
326950734, 1783354873): a teacher's "E", sent alone because on her computer
the reason was already empty, met a colleague's "–" (absence) and was
refused as "a no-basis reason goes with '–' only", a refusal she could not
act on. Now her grade waits beside the colleague's for a decision, and the
reason follows whichever grade is chosen.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sync_protocol import ids
from sync_protocol.grading_rules import RULES, no_basis_problem
from tests.server.sync.push_helpers import (
    TeacherClient,
    conflicts_about,
    module_server,
    row,
    versions,
)
from tests.support.server_fixtures import RunningServer

pairs_server = module_server()

STRECK = RULES.no_basis_code
TERMS = iter(f"{half}{year}" for year in range(2031, 2060) for half in ("HT", "VT"))


def _made(server: RunningServer, teacher: TeacherClient, **grade: Any) -> uuid.UUID:
    """A term grade of a term of its own (so tests never share one)."""
    activity, pupil = server.school["activity:ma7a"], server.school["pupil:axel"]
    term = next(TERMS)
    record = ids.term_grade_id(activity, pupil, term)
    fields = {"pupil_id": str(pupil), "activity_id": str(activity), "term": term, **grade}
    result = teacher.result(teacher.op("term_grade", record, fields))
    assert result["outcome"] == "applied", result
    return record


def _consistent(stored: dict[str, Any]) -> bool:
    return no_basis_problem(stored["grade"], stored["no_basis_reason"]) is None


def _decide(teacher: TeacherClient, conflict: dict[str, Any], value: Any) -> dict[str, Any]:
    fields = {"state": "resolved", "resolved_value": json.dumps(value)}
    base = versions(conflict, "state", "resolved_value")
    return teacher.result(teacher.op("sync_conflict", conflict["id"], fields, base=base))


def test_a_grade_sent_alone_against_a_colleagues_streck_waits_for_a_decision(
    pairs_server: RunningServer,
) -> None:
    anna, cecilia = TeacherClient(pairs_server, "anna"), TeacherClient(pairs_server, "cecilia")
    record = _made(pairs_server, anna, grade="C", no_basis_reason=None)
    seen = versions(row(pairs_server, "term_grade", record), "grade", "no_basis_reason")
    streck = {"grade": STRECK, "no_basis_reason": "absence"}
    assert anna.result(anna.op("term_grade", record, streck, base=seen))["outcome"] == "applied"
    # Cecilia saw "C" (reason empty) and sets "E": only the grade changed for her.
    answer = cecilia.result(
        cecilia.op("term_grade", record, {"grade": "E"}, base={"grade": seen["grade"]})
    )
    assert answer["outcome"] == "conflict", answer
    stored = row(pairs_server, "term_grade", record)
    assert (stored["grade"], stored["no_basis_reason"]) == (STRECK, "absence")
    [conflict] = [c for c in conflicts_about(pairs_server, record) if c["state"] == "open"]
    assert conflict["field_name"] == "grade", "one decision, not a second about the reason"
    assert json.loads(conflict["rival_value"]) == "E"

    assert _decide(cecilia, conflict, "E")["outcome"] == "applied"
    decided = row(pairs_server, "term_grade", record)
    assert (decided["grade"], decided["no_basis_reason"]) == ("E", None)


def test_choosing_the_streck_in_the_conflict_brings_its_reason(
    pairs_server: RunningServer,
) -> None:
    anna, cecilia = TeacherClient(pairs_server, "anna"), TeacherClient(pairs_server, "cecilia")
    record = _made(pairs_server, anna, grade="C", no_basis_reason=None)
    seen = versions(row(pairs_server, "term_grade", record), "grade", "no_basis_reason")
    assert anna.result(anna.op("term_grade", record, {"grade": "B"}, base=seen))["outcome"] in (
        "applied",
        "merged",
    )
    streck = {"grade": STRECK, "no_basis_reason": "absence"}
    answer = cecilia.result(cecilia.op("term_grade", record, streck, base=seen))
    assert answer["outcome"] == "conflict", answer
    stored = row(pairs_server, "term_grade", record)
    assert (stored["grade"], stored["no_basis_reason"]) == ("B", None), "held, not half-written"
    [conflict] = [c for c in conflicts_about(pairs_server, record) if c["state"] == "open"]
    assert conflict["field_name"] == "grade"

    assert _decide(anna, conflict, STRECK)["outcome"] == "applied"
    decided = row(pairs_server, "term_grade", record)
    assert (decided["grade"], decided["no_basis_reason"]) == (STRECK, "absence")


def test_the_same_teachers_later_grade_on_her_other_computer_takes_the_reason_with_it(
    pairs_server: RunningServer,
) -> None:
    laptop = TeacherClient(pairs_server, "anna")
    desktop = TeacherClient(pairs_server, "anna")
    record = _made(pairs_server, laptop, grade="C", no_basis_reason=None)
    seen = versions(row(pairs_server, "term_grade", record), "grade", "no_basis_reason")
    streck = {"grade": STRECK, "no_basis_reason": "absence"}
    assert laptop.result(laptop.op("term_grade", record, streck, base=seen))["outcome"] == (
        "applied"
    )
    answer = desktop.result(
        desktop.op("term_grade", record, {"grade": "E"}, base={"grade": seen["grade"]})
    )
    assert answer["outcome"] != "rejected", answer
    stored = row(pairs_server, "term_grade", record)
    assert _consistent(stored), stored
    if answer["outcome"] != "conflict":
        assert (stored["grade"], stored["no_basis_reason"]) == ("E", None)


def test_a_grade_sent_alone_on_the_current_version_clears_the_reason(
    pairs_server: RunningServer,
) -> None:
    anna = TeacherClient(pairs_server, "anna")
    record = _made(pairs_server, anna, grade=STRECK, no_basis_reason="absence")
    seen = versions(row(pairs_server, "term_grade", record), "grade")
    answer = anna.result(anna.op("term_grade", record, {"grade": "D"}, base=seen))
    assert answer["outcome"] in ("applied", "merged"), answer
    stored = row(pairs_server, "term_grade", record)
    assert (stored["grade"], stored["no_basis_reason"]) == ("D", None)


def test_a_streck_without_a_reason_is_still_refused_on_a_new_record(
    pairs_server: RunningServer,
) -> None:
    anna = TeacherClient(pairs_server, "anna")
    activity, pupil = pairs_server.school["activity:ma7a"], pairs_server.school["pupil:axel"]
    term = next(TERMS)
    record = ids.term_grade_id(activity, pupil, term)
    fields = {"pupil_id": str(pupil), "activity_id": str(activity), "term": term, "grade": STRECK}
    answer = anna.result(anna.op("term_grade", record, fields))
    assert answer["outcome"] == "rejected"
    assert "needs the reason" in answer["reason"]
