from __future__ import annotations

import datetime as dt
import uuid

import pytest

from sync_protocol.ids import assessment_result_id, attendance_id
from sync_protocol.terms import parse_term, term_for


def test_two_offline_teachers_get_the_same_attendance_id() -> None:
    lesson, pupil = uuid.uuid4(), uuid.uuid4()
    assert attendance_id(lesson, pupil) == attendance_id(uuid.UUID(str(lesson)), pupil)
    assert attendance_id(lesson, pupil) != attendance_id(pupil, lesson)
    assert attendance_id(lesson, pupil) != assessment_result_id(lesson, pupil)


def test_the_namespace_is_frozen() -> None:
    # A changed namespace would orphan every stored natural id.
    assert str(attendance_id(uuid.UUID(int=1), uuid.UUID(int=2))) == str(
        uuid.uuid5(
            uuid.UUID("6f1d8a52-3c1e-4f6b-9d51-7b0c2f4e8a10"),
            "attendance/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002",
        )
    )


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (dt.date(2026, 11, 28), "HT2026"),
        (dt.date(2027, 3, 1), "VT2027"),
        (dt.date(2026, 8, 1), "HT2026"),
        (dt.date(2026, 7, 31), "VT2026"),
    ],
)
def test_terms(day: dt.date, code: str) -> None:
    term = term_for(day)
    assert term.code == code
    assert term.contains(day)
    assert parse_term(code) == term


def test_membership_overlap_with_term() -> None:
    term = term_for(dt.date(2026, 11, 28))
    assert term.overlaps(dt.date(2026, 1, 1), None)
    assert term.overlaps(dt.date(2026, 12, 31), dt.date(2027, 6, 1))
    assert not term.overlaps(dt.date(2026, 1, 1), dt.date(2026, 7, 31))
    with pytest.raises(ValueError, match="term code"):
        parse_term("HT26")
