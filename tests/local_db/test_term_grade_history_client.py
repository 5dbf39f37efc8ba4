"""ApiClient.term_grade_history against the real server: frozen rows of the
changes pushed, in order; RecordNotFound for a term grade the teacher may not see."""

from __future__ import annotations

import uuid

import pydantic
import pytest

from local_db.sync.api_client import ApiClient
from local_db.sync.errors import RecordNotFound
from sync_protocol import ids
from tests.server.sync.push_helpers import TeacherClient, module_server, row, versions
from tests.support.server_fixtures import RunningServer

push_server = module_server()


def test_the_client_reads_a_term_grades_history(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    activity, pupil = push_server.school["activity:ma7a"], push_server.school["pupil:axel"]
    record = ids.term_grade_id(activity, pupil, "HT2025")
    fields = {"pupil_id": str(pupil), "activity_id": str(activity), "term": "HT2025"}
    assert anna.result(anna.op("term_grade", record, {**fields, "grade": "F"}))["outcome"] == (
        "applied"
    )
    base = versions(row(push_server, "term_grade", record), "grade")
    changed = anna.result(anna.op("term_grade", record, {"grade": "E"}, base=base))
    assert changed["outcome"] == "applied"

    client = ApiClient(push_server.url, token=push_server.token("cecilia"))
    try:
        history = client.term_grade_history(record)
        with pytest.raises(RecordNotFound) as missing:
            client.term_grade_history(uuid.uuid4())
    finally:
        client.close()

    assert isinstance(history, tuple)
    assert [(h.from_grade, h.to_grade) for h in history] == [(None, "F"), ("F", "E")]
    assert {(h.changed_by, h.client_id) for h in history} == {("Anna Andersson", anna.client_id)}
    assert history[0].changed_at <= history[1].changed_at
    assert history[0].changed_at.tzinfo is not None
    with pytest.raises(pydantic.ValidationError):
        history[0].to_grade = "A"
    assert missing.value.kind == "term_grade"
    assert "no such term grade" in str(missing.value)


def test_a_term_grade_of_another_teachers_group_is_not_found(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    activity, pupil = push_server.school["activity:ma7a"], push_server.school["pupil:alva"]
    record = ids.term_grade_id(activity, pupil, "VT2025")
    fields = {"pupil_id": str(pupil), "activity_id": str(activity), "term": "VT2025"}
    assert anna.result(anna.op("term_grade", record, {**fields, "grade": "C"}))["outcome"] == (
        "applied"
    )

    client = ApiClient(push_server.url, token=push_server.token("bertil"))
    try:
        with pytest.raises(RecordNotFound):
            client.term_grade_history(record)
    finally:
        client.close()
