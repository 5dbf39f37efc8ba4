"""A change page as checked and ready to write: the types the pull's readers
(page_parse, page_apply) make and the writers (page_apply, rebase) take.

Its own module so that writing a page (page_apply) and writing a record with
local edits (rebase) both depend on it and never on each other's callers.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy.dialects import sqlite

from local_db.schema import synced
from local_db.sync.cache_rows import writer_for

_DIALECT = sqlite.dialect()


class DecodedRecord(NamedTuple):
    # A tuple, not a dataclass: a first sync makes 100,000 of them.
    kind: str
    #: The id as the cache stores it (32 lower-case hex digits); `id` makes
    #: the uuid.UUID, which only records with local edits need.
    hex_id: str
    deleted: bool
    #: The cache row as stored (local_db.sync.cache_rows), in the kind's
    #: column order; empty for a tombstone.
    stored: tuple[Any, ...] = ()
    seq: int = 0

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(hex=self.hex_id)

    @property
    def row(self) -> dict[str, Any]:
        """Every column of the cache row as Python values; empty for a
        tombstone. Made on demand: only records with local edits need it."""
        if self.deleted:
            return {}
        table = synced[self.kind]
        writer = writer_for(self.kind)
        assert writer is not None
        row = {}
        for name, value in zip(writer.columns, self.stored, strict=True):
            process = table.c[name].type.dialect_impl(_DIALECT).result_processor(_DIALECT, None)
            row[name] = value if process is None else process(value)
        return row


@dataclass(frozen=True)
class DecodedPage:
    records: tuple[DecodedRecord, ...]
    cursor: str
    has_more: bool
    scope_changed: bool
    server_time: dt.datetime
    server_hlc: str | None
