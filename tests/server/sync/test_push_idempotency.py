"""A batch sent twice, or again after its answer was lost, has the effect of once.

The client keeps ops in its outbox until it has stored the server's answer;
a dropped connection makes it send the same ops again (in a batch with a new
batch id). The server must answer them with the results it gave the first
time and write nothing more.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import socket
import uuid
from typing import Any
from urllib.parse import urlsplit

from server.tables import applied_op
from tests.server.sync.push_helpers import (
    PUSH,
    TeacherClient,
    attendance,
    counter,
    module_server,
    new_lesson,
    row,
)
from tests.support.server_fixtures import SYNC_HEADERS, RunningServer

push_server = module_server()


def _roll_call(server: RunningServer, client: TeacherClient) -> list[dict[str, Any]]:
    """A roll call of three pupils (one of them rejected: Hugo left the class)."""
    lesson = new_lesson(server)
    ops = []
    for pupil, status in (("alva", "present"), ("axel", "absent"), ("hugo", "late")):
        record_id, fields = attendance(server, lesson, pupil, status=status)
        ops.append(client.op("attendance", record_id, fields))
    return ops


def test_the_same_batch_twice_gives_the_same_results_and_changes_nothing(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    ops = _roll_call(push_server, anna)
    batch = anna.batch(ops)
    first = anna.send(batch)
    assert first.status_code == 200, first.text
    outcomes = [result["outcome"] for result in first.json()["results"]]
    assert outcomes == ["applied", "applied", "rejected"]
    seq_after_first = counter(push_server)
    rows_after_first = [row(push_server, "attendance", uuid.UUID(op["id"])) for op in ops[:2]]

    second = anna.send(batch)
    assert second.status_code == 200
    assert second.json()["results"] == first.json()["results"]
    assert counter(push_server) == seq_after_first, "a repeat must not take a sequence number"
    assert [row(push_server, "attendance", uuid.UUID(op["id"])) for op in ops[:2]] == (
        rows_after_first
    )


def test_a_resend_in_a_new_batch_after_a_lost_answer_is_answered_from_the_first(
    push_server: RunningServer,
) -> None:
    cecilia = TeacherClient(push_server, "cecilia")
    ops = _roll_call(push_server, cecilia)
    body = json.dumps(cecilia.batch(ops)).encode()
    # The request reaches the server; the connection drops before the answer.
    _send_and_hang_up(push_server, cecilia.token, body)

    resent = cecilia.send(cecilia.batch(ops))  # what the client does: same ops, new batch id
    assert resent.status_code == 200, resent.text
    results = resent.json()["results"]
    assert [r["outcome"] for r in results] == ["applied", "applied", "rejected"]
    seq = counter(push_server)
    again = cecilia.send(cecilia.batch(ops))
    assert again.json()["results"] == results
    assert counter(push_server) == seq
    # Applied once: both rows carry the seq of one write.
    written = [row(push_server, "attendance", uuid.UUID(op["id"])) for op in ops[:2]]
    assert {r["seq"] for r in written} == {results[0]["seq"]}
    assert written[1]["status"] == "absent"


def _send_and_hang_up(server: RunningServer, token: str, body: bytes) -> None:
    """POST the body and close the socket after the server has read it and answered."""
    address = urlsplit(server.url)
    headers = {
        "Host": address.netloc,
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        **SYNC_HEADERS,
    }
    request = f"POST {PUSH} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(request.encode() + b"\r\n" + body)
        # Wait for the first byte of the answer (the push committed), then drop it unread.
        assert sock.recv(1)


def test_a_batch_with_old_and_new_ops_applies_only_the_new(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    lesson = new_lesson(push_server)
    alva_id, alva = attendance(push_server, lesson, "alva", status="present")
    axel_id, axel = attendance(push_server, lesson, "axel", status="late", late_minutes=5)
    first_op = anna.op("attendance", alva_id, alva)
    first = anna.push(first_op)["results"][0]
    second_op = anna.op("attendance", axel_id, axel)
    both = anna.push(first_op, second_op)["results"]
    assert both[0] == first
    assert both[1]["outcome"] == "applied"
    assert both[1]["seq"] > first["seq"]
    assert row(push_server, "attendance", alva_id)["seq"] == first["seq"]


def test_op_numbers_are_per_client(push_server: RunningServer) -> None:
    """Two computers both send their op 1: two different ops."""
    lesson = new_lesson(push_server)
    results = []
    for pupil, username in (("alva", "anna"), ("axel", "cecilia")):
        client = TeacherClient(push_server, username)
        record_id, fields = attendance(push_server, lesson, pupil)
        op = client.op("attendance", record_id, fields)
        assert op["op"] == 1
        results.append(client.result(op))
    assert [r["outcome"] for r in results] == ["applied", "applied"]


def test_another_account_reusing_a_client_id_gets_no_stored_result(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    lesson = new_lesson(push_server)
    record_id, fields = attendance(push_server, lesson, "elsa", status="absent")
    op = anna.op("attendance", record_id, fields)
    assert anna.result(op)["outcome"] == "applied"
    bertil = TeacherClient(push_server, "bertil", client_id=anna.client_id)
    result = bertil.result(op)
    assert result["outcome"] == "rejected"
    assert "another account" in result["reason"]
    with push_server.engine.connect() as conn:
        stored = conn.execute(
            applied_op.select().where(applied_op.c.client_id == anna.client_id)
        ).all()
    assert len(stored) == 1, "the foreign op is not stored over Anna's"


def test_an_op_number_twice_in_one_batch_is_an_invalid_envelope(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    lesson = new_lesson(push_server)
    a_id, a = attendance(push_server, lesson, "alva")
    b_id, b = attendance(push_server, lesson, "axel")
    first, second = anna.op("attendance", a_id, a), anna.op("attendance", b_id, b)
    second["op"] = first["op"]
    seq = counter(push_server)
    response = anna.send(anna.batch([first], [second]))
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert counter(push_server) == seq


# --- forgetting answered results ----------------------------------------------------


def _stored_ops(server: RunningServer, client_id: str) -> list[int]:
    with server.engine.connect() as conn:
        rows = conn.execute(
            applied_op.select().where(applied_op.c.client_id == client_id).order_by(applied_op.c.op)
        ).mappings()
        return [int(r["op"]) for r in rows]


def _age_results(server: RunningServer, client_id: str, days: int) -> None:
    with server.engine.begin() as conn:
        conn.execute(
            applied_op.update()
            .where(applied_op.c.client_id == client_id)
            .values(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days))
        )


def _push_acked(client: TeacherClient, server: RunningServer, acked_below: int | None) -> None:
    record_id, fields = attendance(server, new_lesson(server), "alva")
    body = client.batch([client.op("attendance", record_id, fields)])
    if acked_below is not None:
        body["acked_below"] = acked_below
    response = client.send(body)
    assert response.status_code == 200, response.text


def test_results_the_client_has_are_forgotten_after_a_week(push_server: RunningServer) -> None:
    """applied_op does not grow forever: a push says which answers the
    computer has (acked_below); the server forgets those results once they
    are a week old, and keeps everything else."""
    anna = TeacherClient(push_server, "anna")
    for _ in range(3):
        _push_acked(anna, push_server, None)  # ops 1-3
    assert _stored_ops(push_server, anna.client_id) == [1, 2, 3]

    _push_acked(anna, push_server, acked_below=3)  # op 4: answers below 3 are in hand
    assert _stored_ops(push_server, anna.client_id) == [1, 2, 3, 4], "kept for a week"

    _age_results(push_server, anna.client_id, days=8)
    _push_acked(anna, push_server, None)  # op 5: says nothing, forgets nothing
    assert _stored_ops(push_server, anna.client_id) == [1, 2, 3, 4, 5]
    _push_acked(anna, push_server, acked_below=4)  # op 6
    assert _stored_ops(push_server, anna.client_id) == [4, 5, 6]


def test_a_client_id_cannot_make_the_server_forget_another_accounts_results(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    _push_acked(anna, push_server, None)
    _age_results(push_server, anna.client_id, days=30)
    bertil = TeacherClient(push_server, "bertil", client_id=anna.client_id)
    bertil._numbers = itertools.count(10)
    record_id, fields = attendance(push_server, new_lesson(push_server), "elsa")
    body = bertil.batch([bertil.op("attendance", record_id, fields)])
    body["acked_below"] = 10
    assert bertil.send(body).status_code == 200
    assert 1 in _stored_ops(push_server, anna.client_id)


def test_acked_below_must_be_a_positive_op_number(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    record_id, fields = attendance(push_server, new_lesson(push_server), "alva")
    body = anna.batch([anna.op("attendance", record_id, fields)])
    for bad in (0, -5, 1.5, "many"):
        body["acked_below"] = bad
        response = anna.send(body)
        assert response.status_code == 422, (bad, response.text)
    assert _stored_ops(push_server, anna.client_id) == []


def test_a_protocol_1_client_is_still_served_and_forgets_nothing(
    push_server: RunningServer,
) -> None:
    """A computer not yet updated speaks protocol 1: no acked_below; its
    pushes are applied and their answers kept."""
    anna = TeacherClient(push_server, "anna")
    for _ in range(2):
        record_id, fields = attendance(push_server, new_lesson(push_server), "axel")
        body = anna.batch([anna.op("attendance", record_id, fields)])
        response = anna.send(body, headers={"X-Klassbok-Protocol": "1"})
        assert response.status_code == 200, response.text
        assert response.json()["results"][0]["outcome"] == "applied"
        _age_results(push_server, anna.client_id, days=30)
    assert _stored_ops(push_server, anna.client_id) == [1, 2]
