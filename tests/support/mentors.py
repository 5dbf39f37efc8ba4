"""A mentor group for the small school (tests/support/small_school.py), for
the pupil documentation tests: "Mentor 7A" (group type mentor) with Alva and
Axel, and its mentorstid taught by Cecilia, so Cecilia is their mentor. Nils
and Elsa have no mentor. Accounts for Erik (PE for 7A and 8B: a colleague
who teaches Alva but is not her mentor) and Dora (another school)."""

from __future__ import annotations

import uuid

from tests.support.server_fixtures import RunningServer, add_user


def add_mentor_group(server: RunningServer) -> uuid.UUID:
    """The mentor group's id; adds the accounts for Erik and Dora."""
    school = server.school
    b = school.builder
    with b.change_set():
        group = b.record(
            "group",
            {
                "school_id": school["school:ekbacken"],
                "display_name": "Mentor 7A",
                "group_type": "mentor",
                "school_year": 7,
                "start_date": b.term.start,
                "end_date": None,
            },
            row_id=b.id_for("group", "mentor7a"),
        )
        for pupil in ("alva", "axel"):
            b.membership(group, school[f"pupil:{pupil}"])
        b.activity(
            "mentorstid7a",
            school["school:ekbacken"],
            "Mentorstid 7A",
            groups=[group],
            teachers=[school["teacher:cecilia"]],
        )
    for name in ("erik", "dora"):
        if name not in server.user_ids:
            server.user_ids[name] = add_user(
                server.engine, name, person_id=school[f"teacher:{name}"]
            )
    return group
