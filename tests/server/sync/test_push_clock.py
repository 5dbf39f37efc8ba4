"""Clock skew: a computer whose clock runs fast must not win every attendance edit.

A stamp more than 5 minutes ahead of the server's clock is replaced by the
server's own time at arrival (keeping the computer's node), and the answer
says how fast the clock is. The server's clock resumes after a restart from
the last stamp it stored (issue 16: both were found by long sync simulations,
where a teacher's edit was answered "merged" and lost without a notice).
"""

from __future__ import annotations

import time
import uuid

from server.services.sync.push_clock import MAX_CLOCK_SKEW_MS
from sync_protocol.hlc import HlcStamp
from tests.server.sync.push_helpers import (
    TeacherClient,
    attendance,
    conflicts_about,
    module_server,
    new_lesson,
    row,
    stamp,
    version,
)
from tests.support.server_fixtures import RunningServer

push_server = module_server()
THREE_HOURS_MS = 3 * 3600 * 1000


def _marked_present(
    server: RunningServer, pupil: str
) -> tuple[TeacherClient, TeacherClient, uuid.UUID, dict[str, int]]:
    """Anna and Cecilia, and a fresh lesson's record of `pupil` that Anna
    marked present: the base both teachers' next edits start from."""
    anna, cecilia = TeacherClient(server, "anna"), TeacherClient(server, "cecilia")
    record_id, fields = attendance(server, new_lesson(server), pupil, status="present")
    anna.push(anna.op("attendance", record_id, fields))
    return (
        anna,
        cecilia,
        record_id,
        {"status": version(row(server, "attendance", record_id), "status")},
    )


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def test_a_fast_clock_is_replaced_by_the_servers_and_the_teacher_is_warned(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    record_id, fields = attendance(push_server, new_lesson(push_server), "alva", status="absent")
    before = _now_ms()
    body = anna.push(anna.op("attendance", record_id, fields, hlc=stamp(THREE_HOURS_MS, "anna")))
    after = _now_ms()
    assert body["results"][0]["outcome"] == "applied"
    assert "3 hours fast" in body["clock_warning"]
    stored = HlcStamp.parse(row(push_server, "attendance", record_id)["field_clock"]["status"][0])
    assert stored.node == "anna", "the computer's node stays: the merge tells computers apart by it"
    # The server's clock: its wall time, or a little past it if it has seen a
    # stamp within the bound from another computer.
    assert before <= stored.wall_ms <= after + MAX_CLOCK_SKEW_MS
    server_hlc = HlcStamp.parse(body["server_hlc"])
    assert server_hlc > stored
    assert server_hlc.wall_ms <= after + MAX_CLOCK_SKEW_MS, "it did not jump to the fast one"


def test_the_edit_made_later_wins_even_against_a_fast_clock(push_server: RunningServer) -> None:
    anna, cecilia, record_id, base = _marked_present(push_server, "axel")
    # Anna's computer is three hours fast; her edit arrives first.
    fast = anna.push(
        anna.op("attendance", record_id, {"status": "absent"}, base=base, hlc=stamp(THREE_HOURS_MS))
    )
    assert fast["clock_warning"] is not None
    # Cecilia marks Axel late after that, with a right clock: hers is the later edit.
    later = cecilia.push(
        cecilia.op("attendance", record_id, {"status": "late"}, base=base, hlc=stamp(1000, "c"))
    )
    assert later["results"][0]["outcome"] == "applied"
    assert later["clock_warning"] is None
    assert row(push_server, "attendance", record_id)["status"] == "late"
    (notice,) = conflicts_about(push_server, record_id)
    assert notice["addressed_to"] == anna.person_id


def test_a_clock_within_the_bound_is_kept_and_the_server_moves_past_it(
    push_server: RunningServer,
) -> None:
    anna = TeacherClient(push_server, "anna")
    record_id, fields = attendance(push_server, new_lesson(push_server), "elsa")
    ahead = stamp(MAX_CLOCK_SKEW_MS - 60_000, "anna-laptop")
    body = anna.push(anna.op("attendance", record_id, fields, hlc=ahead))
    assert body["clock_warning"] is None
    assert row(push_server, "attendance", record_id)["field_clock"]["status"][0] == ahead
    assert HlcStamp.parse(body["server_hlc"]) > HlcStamp.parse(ahead)


def test_every_sync_answer_carries_the_servers_clock(push_server: RunningServer) -> None:
    anna = TeacherClient(push_server, "anna")
    record_id, fields = attendance(push_server, new_lesson(push_server), "alva")
    pushed = anna.push(anna.op("attendance", record_id, fields))
    page = push_server.changes(anna.token)
    first, second = HlcStamp.parse(pushed["server_hlc"]), HlcStamp.parse(page["server_hlc"])
    assert first.node == second.node == "server"
    assert second > first, "the server's clock never goes backwards"


def test_two_fast_clocks_stay_two_computers_and_the_loser_is_told(
    push_server: RunningServer,
) -> None:
    """Both stamps are replaced by the server's time; before issue 16's fix both
    got the node "server", the merge took them for one computer's edits in
    order, and Anna, whose mark was replaced, was never told."""
    anna, cecilia, record_id, base = _marked_present(push_server, "axel")
    first = anna.push(
        anna.op("attendance", record_id, {"status": "absent"}, base=base, hlc=stamp(THREE_HOURS_MS))
    )
    assert first["clock_warning"] is not None
    second = cecilia.push(
        cecilia.op(
            "attendance", record_id, {"status": "late"}, base=base, hlc=stamp(THREE_HOURS_MS, "c")
        )
    )
    assert second["clock_warning"] is not None
    assert second["results"][0]["outcome"] == "applied"
    assert row(push_server, "attendance", record_id)["status"] == "late"
    (notice,) = conflicts_about(push_server, record_id)
    assert notice["conflict_type"] == "notice"
    assert notice["addressed_to"] == anna.person_id


def test_the_servers_clock_resumes_after_a_restart(push_server: RunningServer) -> None:
    """A stamp accepted a few minutes ahead moves the server's clock past it; a
    restarted server must not stamp behind it, or a later edit (whose fast
    clock was replaced) loses to an earlier one."""
    anna, cecilia, record_id, base = _marked_present(push_server, "elsa")
    four_minutes_ahead = stamp(MAX_CLOCK_SKEW_MS - 60_000, "anna")
    earlier = anna.push(
        anna.op("attendance", record_id, {"status": "absent"}, base=base, hlc=four_minutes_ahead)
    )
    assert earlier["clock_warning"] is None
    push_server.process.restart()
    anna.token, cecilia.token = push_server.token("anna"), push_server.token("cecilia")
    page = push_server.changes(cecilia.token)
    assert HlcStamp.parse(page["server_hlc"]) > HlcStamp.parse(four_minutes_ahead), (
        "the first answer after a restart is past every stamp given before"
    )
    later = cecilia.push(
        cecilia.op(
            "attendance", record_id, {"status": "late"}, base=base, hlc=stamp(THREE_HOURS_MS, "c")
        )
    )
    assert later["clock_warning"] is not None
    assert later["results"][0]["outcome"] == "applied"
    assert row(push_server, "attendance", record_id)["status"] == "late", "the later edit wins"
    (notice,) = conflicts_about(push_server, record_id)
    assert notice["addressed_to"] == anna.person_id
