"""`klassbok-server serve --workers 3`: the real server as several processes on one socket.

Teachers push roll calls at the same time, each batch twice (a retry on a
new connection, so it may reach another worker), while every worker's
notice sender e-mails guardians through a real SMTP server on loopback.
Nothing may be applied twice, lost, answered differently on the retry, or
e-mailed twice (issue 12, part 3).
"""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from server.tables import applied_op, synced
from sync_protocol.hlc import HlcStamp
from tests.server.attendance.absence_support import (
    Mark,
    Teacher,
    pending_deliveries,
    teacher_account,
    today_lesson,
    wait_until,
)
from tests.server.sync.push_helpers import new_lesson
from tests.support.server_fixtures import RunningServer, ServerFactory
from tests.support.smtp_server import CapturingSmtpServer

WORKERS = 3
ABSENT_PUPILS = 8
FILLER_LESSONS = 6


@pytest.fixture
def smtp() -> Iterator[CapturingSmtpServer]:
    with CapturingSmtpServer() as server:
        yield server


@pytest.fixture
def school(server_factory: ServerFactory, smtp: CapturingSmtpServer) -> RunningServer:
    return server_factory(env=smtp.klassbok_env(), args=["--workers", str(WORKERS)])


def _add_pupils_with_guardians(server: RunningServer) -> list[uuid.UUID]:
    builder = server.school.builder
    pupils = []
    with builder.change_set():
        for n in range(ABSENT_PUPILS):
            pupil = builder.pupil(f"worker{n}", f"Elev{n}", "Arbetsson")
            builder.membership(server.school["group:7a"], pupil)
            guardian = builder.guardian(f"guardian{n}", f"Förälder{n}", "Arbetsson")
            builder.guardian_of(pupil, guardian)
            pupils.append(pupil)
    return pupils


def _send_fresh(teacher: Teacher, batch: dict[str, Any]) -> dict[str, Any]:
    """POST on a connection of its own, so the kernel may hand it to any worker."""
    server = teacher.server
    response = server.request(
        "POST",
        "/api/v1/sync/push",
        server.token(teacher.username),
        json=batch,
        headers={"Connection": "close"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_several_workers_apply_each_push_once_and_email_each_notice_once(
    school: RunningServer, smtp: CapturingSmtpServer
) -> None:
    pupils = _add_pupils_with_guardians(school)
    s = school.school
    anna = teacher_account(school, "anna", "teacher:anna")
    cecilia = teacher_account(school, "cecilia", "teacher:cecilia")
    lesson = today_lesson(school, "ma7a")
    batches: list[tuple[Teacher, dict[str, Any]]] = []
    for n, pupil in enumerate(pupils):
        teacher = anna if n % 2 == 0 else cecilia
        batches.append(
            (teacher, teacher.batch([Mark(lesson, pupil, s["activity:ma7a"], "absent")]))
        )
    for n in range(FILLER_LESSONS):
        filler = new_lesson(school)
        teacher = cecilia if n % 2 == 0 else anna
        marks = [Mark(filler, p, s["activity:ma7a"], "present") for p in pupils]
        batches.append((teacher, teacher.batch(marks)))

    # Signed in before the rush: the test is about pushes, not logins.
    school.token("anna"), school.token("cecilia")
    answers: dict[int, list[dict[str, Any]]] = {i: [] for i in range(len(batches))}
    failures: list[BaseException] = []

    def push_twice(index: int) -> None:
        teacher, batch = batches[index]
        try:
            for _ in range(2):
                answers[index].append(_send_fresh(teacher, batch))
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=push_twice, args=(i,)) for i in range(len(batches))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures

    seqs = []
    nodes = set()
    for index, (first, retry) in answers.items():
        assert first["results"] == retry["results"], f"batch {index}: the retry was answered anew"
        assert {r["outcome"] for r in first["results"]} == {"applied"}
        seqs.append({r["seq"] for r in first["results"]})
        nodes |= {HlcStamp.parse(a["server_hlc"]).node for a in (first, retry)}
    batch_seqs = [seq.pop() for seq in seqs if len(seq) == 1]
    assert len(batch_seqs) == len(batches), "each batch is one transaction with one seq"
    assert len(set(batch_seqs)) == len(batches), "no two batches got the same seq"
    assert len(nodes) >= 2, f"the pushes were all answered by one process: {nodes}"
    assert all(node.startswith("server-") for node in nodes)

    ops = sum(len(b["transactions"][0]["ops"]) for _, b in batches)
    attendance = synced["attendance"]
    with school.engine.connect() as conn:
        stored = conn.execute(
            select(func.count())
            .select_from(applied_op)
            .where(applied_op.c.client_id.in_([anna.client_id, cecilia.client_id]))
        ).scalar_one()
        records = conn.execute(
            select(func.count()).select_from(attendance).where(attendance.c.pupil_id.in_(pupils))
        ).scalar_one()
    assert stored == ops, "every op answered once, none twice"
    assert records == ops

    wait_until(lambda: pending_deliveries(school.engine), lambda n: n == 0, timeout=60)
    messages = smtp.wait_for_messages(ABSENT_PUPILS)
    recipients = sorted(r for m in messages for r in m.recipients)
    assert recipients == sorted(f"guardian{n}@hem.example" for n in range(ABSENT_PUPILS))
    assert len({m.message["Message-ID"] for m in messages}) == ABSENT_PUPILS


def test_stopping_the_server_stops_every_worker(server_factory: ServerFactory) -> None:
    school = server_factory(args=["--workers", "2"])
    port = int(school.url.rsplit(":", 1)[1])
    assert school.get("/api/v1/sync/changes").status_code == 401
    school.process.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
