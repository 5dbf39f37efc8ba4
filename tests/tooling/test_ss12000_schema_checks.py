"""The SS 12000 schema checker itself (tests/support/ss12000) finds what it must."""

from __future__ import annotations

import pytest

from tests.support import ss12000

META = "common.json#/$defs/Meta"
REFERENCE = "common.json#/$defs/ObjectReference"


def test_a_valid_meta_passes() -> None:
    ss12000.check(
        META, {"created": "2026-08-17T08:00:00+02:00", "modified": "2026-08-18T09:30:00Z"}
    )


def test_a_missing_required_field_is_named() -> None:
    found = ss12000.problems(META, {"created": "2026-08-17T08:00:00+02:00"})
    assert found == [f"{META} (the object): 'modified' is a required property"]


def test_a_datetime_without_offset_fails() -> None:
    found = ss12000.problems(
        META, {"created": "2026-08-17T08:00:00", "modified": "2026-08-17T08:00:00Z"}
    )
    assert len(found) == 1
    assert found[0].startswith(f"{META} created:")


def test_a_reference_needs_a_uuid_and_nothing_else() -> None:
    ss12000.check(REFERENCE, {"id": "046b6c7f-0b8a-43b9-b35d-6489e6daee91"})
    assert ss12000.problems(REFERENCE, {"id": "P-104"})
    assert ss12000.problems(REFERENCE, {"id": "046b6c7f-0b8a-43b9-b35d-6489e6daee91", "name": "x"})


def test_a_list_response_needs_data_and_a_string_or_null_token() -> None:
    item = {"id": "046b6c7f-0b8a-43b9-b35d-6489e6daee91"}
    assert ss12000.check_list(REFERENCE, {"data": [item], "pageToken": None}) == [item]
    with pytest.raises(AssertionError):
        ss12000.check_list(REFERENCE, {"data": [item], "pageToken": 3})
    with pytest.raises(AssertionError):
        ss12000.check_list(REFERENCE, {"items": [item]})
    with pytest.raises(AssertionError):
        ss12000.check_list(REFERENCE, {"data": [{"id": "nope"}]})
