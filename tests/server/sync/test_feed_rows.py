"""The feed's row encoding: raw column values to wire records, on each backend.

server.services.sync.feed_rows reads columns without SQLAlchemy's result
processing (for speed) and writes each record's JSON itself. These tests
hold it to the slow, obvious way: the same rows read with their types and
encoded by sync_protocol.codec, and json.dumps of the record.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from server.db import make_engine
from server.services.sync.feed_rows import codecs_for
from server.tables import synced
from sync_protocol.codec import encode_datetime, encode_value
from sync_protocol.entities import REGISTRY
from tests.support.server_process import run_cli
from tests.support.small_school import SmallSchool, build_small_school

ODD_TEXTS = [
    'quotes " and \\ backslash',
    "line\nbreaks\r\tand tabs",
    "control \x01\x1f and del \x7f",
    "åäö ÅÄÖ é ñ 漢字 🙂",
    "</script> & <b>",
    "",
]


@pytest.fixture(scope="module")
def school_db(database_factory: Callable[[], str]) -> Iterator[tuple[Engine, SmallSchool]]:
    url = database_factory()
    run_cli(url, "init-db")
    engine = make_engine(url)
    school = build_small_school(engine)
    builder = school.builder
    activity, pupil = school["activity:ma7a"], school["pupil:alva"]
    # Values that test the edges of the encoding: escapes, microseconds,
    # field versions, tombstones, nulls.
    for index, text in enumerate(ODD_TEXTS):
        note = builder.owned(
            "pupil_note",
            f"odd{index}",
            pupil_id=pupil,
            activity_id=activity,
            category="other",
            body=text,
        )
        builder.update("pupil_note", note, body=text + " (edited)")
    builder.delete("pupil_note", builder.id_for("pupil_note", "odd0"))
    start = dt.datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=dt.UTC)
    builder.lesson(activity, start, room="B 12")
    yield engine, school
    engine.dispose()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else encode_datetime(value)


def _expected(kind: str, typed: Any, sent: list[str], withheld: bool) -> dict[str, Any]:
    """The wire record from a row read with its SQLAlchemy types."""
    spec = REGISTRY[kind]
    record: dict[str, Any] = {
        "kind": kind,
        "id": _text(typed.id),
        "seq": typed.seq,
        "deleted": typed.deleted,
        "created_at": _when(typed.created_at),
        "created_by": _text(typed.created_by),
        "modified_at": _when(typed.modified_at),
        "modified_by": _text(typed.modified_by),
        "fields": {},
        "fv": {},
    }
    if typed.deleted:
        return record
    hidden = {name for name in sent if withheld and spec.field(name).contact}
    for name in sent:
        value = typed._mapping[name]
        record["fields"][name] = None if name in hidden else encode_value(spec.field(name), value)
    versions = typed.field_seqs or {}
    record["fv"] = {
        name: version
        for name, version in versions.items()
        if name in record["fields"] and name not in hidden and version != typed.seq
    }
    return record


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_each_kind_encodes_as_the_typed_values_would(
    school_db: tuple[Engine, SmallSchool], kind: str
) -> None:
    engine, _ = school_db
    codec = codecs_for()[kind]
    table = synced[kind]
    names = [name for name, _, _ in codec.fields]
    with engine.connect() as conn:
        raw_rows = {
            uuid.UUID(str(codec.to_wire(row)["id"])): row for row in conn.execute(codec.query())
        }
        typed_rows = {row.id: row for row in conn.execute(select(table))}
    assert raw_rows.keys() == typed_rows.keys()
    for row_id, raw in raw_rows.items():
        typed = typed_rows[row_id]
        withheld = bool(getattr(typed, "contact_protected", False))
        wire = codec.to_wire(raw)
        assert wire == _expected(kind, typed, names, withheld)
        assert codec.to_json(raw) == json.dumps(wire, ensure_ascii=False, separators=(",", ":"))
        assert json.loads(codec.to_json(raw)) == wire
        # The compiled writer and the field-by-field one it is made from.
        assert codec.generic_to_json(raw) == codec.to_json(raw)


def test_the_odd_values_were_written(school_db: tuple[Engine, SmallSchool]) -> None:
    """The edge cases above are really in the data the encoding test read."""
    engine, _ = school_db
    codec = codecs_for()["pupil_note"]
    with engine.connect() as conn:
        bodies = {codec.to_wire(row)["fields"].get("body") for row in conn.execute(codec.query())}
        lessons = [
            codecs_for()["lesson"].to_wire(row)
            for row in conn.execute(codecs_for()["lesson"].query())
        ]
    assert {text + " (edited)" for text in ODD_TEXTS[1:]} <= bodies
    assert any(
        lesson["fields"]["start_time"] == "2026-03-04T05:06:07.000089Z" for lesson in lessons
    )
