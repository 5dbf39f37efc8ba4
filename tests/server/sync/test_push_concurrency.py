"""Pushes of the same record at the same moment (truly parallel on PostgreSQL).

Each push locks the sync counter before it reads (server.services.sync.push), so
pushes are merged one after the other: no edit is lost, every loser is told,
and the record ends as the clock order says, whatever order they ran in.
"""

from __future__ import annotations

import functools
import json
import random
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

from sync_protocol import ids
from tests.server.sync.push_helpers import (
    TeacherClient,
    attendance,
    conflicts_about,
    counter,
    module_server,
    new_lesson,
    row,
    stamp,
    version,
)
from tests.support.server_fixtures import RunningServer

push_server = module_server()
CLIENTS = 8


def _all_at_once(work: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work[index]()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def _clients(server: RunningServer) -> list[TeacherClient]:
    return [TeacherClient(server, ("anna", "cecilia")[i % 2]) for i in range(CLIENTS)]


def test_simultaneous_attendance_edits_end_with_the_latest_and_tell_every_loser(
    push_server: RunningServer,
) -> None:
    record_id, fields = attendance(push_server, new_lesson(push_server), "alva")
    TeacherClient(push_server, "anna").result(
        TeacherClient(push_server, "anna").op("attendance", record_id, fields)
    )
    base = {"comment": version(row(push_server, "attendance", record_id), "comment")}
    clients = _clients(push_server)
    offsets = list(range(CLIENTS))
    random.shuffle(offsets)
    ops = [
        client.op(
            "attendance",
            record_id,
            {"comment": f"comment {offset}"},
            base=base,
            hlc=stamp(-60_000 + offset * 1000, f"node{offset}"),
        )
        for client, offset in zip(clients, offsets, strict=True)
    ]
    bodies = _all_at_once(
        [functools.partial(client.push, op) for client, op in zip(clients, ops, strict=True)]
    )
    outcomes = Counter(body["results"][0]["outcome"] for body in bodies)
    assert outcomes["applied"] >= 1
    assert outcomes["applied"] + outcomes["merged"] == CLIENTS
    assert row(push_server, "attendance", record_id)["comment"] == f"comment {CLIENTS - 1}"
    notices = conflicts_about(push_server, record_id)
    assert len(notices) == CLIENTS - 1, "every edit after the first tells its loser"
    assert {n["conflict_type"] for n in notices} == {"notice"}
    seqs = [body["results"][0]["seq"] for body in bodies]
    assert len(set(seqs)) == CLIENTS, "one change-set per push, none shared"


def test_simultaneous_grades_keep_one_and_record_the_rivals(push_server: RunningServer) -> None:
    activity, pupil = push_server.school["activity:ma7a"], push_server.school["pupil:axel"]
    term = push_server.school.builder.term.code
    grade_id = ids.term_grade_id(activity, pupil, term)
    creator = TeacherClient(push_server, "anna")
    creator.result(
        creator.op(
            "term_grade",
            grade_id,
            {"pupil_id": str(pupil), "activity_id": str(activity), "term": term, "grade": "E"},
        )
    )
    base = {"grade": version(row(push_server, "term_grade", grade_id), "grade")}
    # ("–" needs its reason with it: tests/server/sync/test_push_assessment.py.)
    # Never the created "E": a rival equal to it that arrived before the kept
    # grade would be "merged" (no change), not the conflict counted below.
    grades = ["A", "B", "C", "D", "F", "C", "A", "B"][:CLIENTS]
    clients = _clients(push_server)
    ops = [
        client.op("term_grade", grade_id, {"grade": grade}, base=base)
        for client, grade in zip(clients, grades, strict=True)
    ]
    bodies = _all_at_once(
        [functools.partial(client.push, op) for client, op in zip(clients, ops, strict=True)]
    )
    results = [body["results"][0] for body in bodies]
    applied = [grades[i] for i, r in enumerate(results) if r["outcome"] == "applied"]
    assert len(applied) == 1
    stored = row(push_server, "term_grade", grade_id)
    assert stored["grade"] == applied[0]
    assert stored["needs_review"] is True
    open_ones = [c for c in conflicts_about(push_server, grade_id) if c["state"] == "open"]
    # At most one open conflict per teacher with a rival grade: a teacher's
    # later rival replaces her own, never a colleague's (which would vanish
    # before anyone decided). A teacher who also sent the kept grade has
    # withdrawn her rival if that push came after it
    # (server.services.sync.conflict_upkeep.follow_fields); two computers of one
    # teacher racing each other have no "after", so either may happen.
    rivals = {clients[i].person_id for i, r in enumerate(results) if r["outcome"] == "conflict"}
    backers = {clients[i].person_id for i, g in enumerate(grades) if g == stored["grade"]}
    open_by = [c["rival_by"] for c in open_ones]
    assert len(open_by) == len(set(open_by)), "one decision per teacher"
    assert rivals - backers <= set(open_by) <= rivals
    assert all(json.loads(c["rival_value"]) != stored["grade"] for c in open_ones)
    # Rivals equal to the kept grade are no conflict; every other one is.
    assert Counter(r["outcome"] for r in results) == Counter(
        {
            "applied": 1,
            "conflict": sum(1 for g in grades if g != applied[0]),
            "merged": sum(1 for g in grades if g == applied[0]) - 1,
        }
    )


def test_the_same_batch_sent_at_once_from_several_threads_applies_once(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    lesson = new_lesson(push_server)
    ops = []
    for pupil in ("alva", "axel", "elsa"):
        record_id, fields = attendance(push_server, lesson, pupil, status="absent")
        ops.append(anna.op("attendance", record_id, fields))
    seq = counter(push_server)
    bodies = _all_at_once([lambda: anna.push(*ops) for _ in range(6)])
    assert all(body["results"] == bodies[0]["results"] for body in bodies)
    assert [r["outcome"] for r in bodies[0]["results"]] == ["applied"] * 3
    assert counter(push_server) == seq + 1
    assert {row(push_server, "attendance", uuid.UUID(op["id"]))["seq"] for op in ops} == {seq + 1}
