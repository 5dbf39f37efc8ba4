"""A small stand-in for the server's sync endpoints, served over loopback
HTTP by scripted_server, for tests of the client's own behaviour.

It keeps records as the server does (seq per writing batch, field versions,
tombstones), stores every op's result by (client_id, op) and returns it for
a repeat, and serves the change feed, digest, manifest and fetch. It does not
merge: an op is applied as sent unless the test scripts another outcome for
its record (`script`), so each client reaction can be tested on its own. The
real server's merging is tested end to end in test_two_way_sync.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sync_protocol.codec import encode_fields
from sync_protocol.entities import REGISTRY, FieldType
from sync_protocol.hlc import HlcStamp
from sync_protocol.wire import (
    FetchRequest,
    ManifestRequest,
    OpResult,
    PushBatch,
    PushOp,
)
from tests.local_db.scripted_server import Reply, Request

Key = tuple[str, uuid.UUID]
#: (op, current stored record or None) -> (outcome, reason, fields to write instead)
Script = Callable[[PushOp, "StoredRecord | None"], tuple[str, str | None, dict[str, Any] | None]]


@dataclass
class StoredRecord:
    kind: str
    id: uuid.UUID
    seq: int
    fields: dict[str, Any]
    fv: dict[str, int] = field(default_factory=dict)
    deleted: bool = False

    def wire(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": str(self.id),
            "seq": self.seq,
            "deleted": self.deleted,
            "fields": {} if self.deleted else dict(self.fields),
            "fv": {k: v for k, v in self.fv.items() if v != self.seq},
            "modified_at": "2026-09-14T07:00:00Z",
        }


class FakeSyncServer:
    def __init__(self) -> None:
        self.records: dict[Key, StoredRecord] = {}
        self.seq = 0
        self.applied: dict[tuple[str, int], dict[str, Any]] = {}
        self.batches: list[PushBatch] = []
        self.push_bodies: list[bytes] = []
        #: Outcome per record, for ops of that record (else "applied").
        self.script: dict[Key, Script] = {}
        #: Records left out of the caller's scope (feed, digest, manifest, fetch).
        self.hidden: set[Key] = set()
        #: The next pushes answer with these instead (after applying, when
        #: `apply` is true: a lost response).
        self.push_failures: list[tuple[Reply, bool]] = []
        self.clock_warning: str | None = None
        self.server_hlc = HlcStamp(1_790_000_000_000, 0, "server").to_text()
        self.scope_changed_once = False
        self.lock = threading.Lock()

    # --- data ------------------------------------------------------------------

    def write(self, kind: str, ident: uuid.UUID, /, **fields: Any) -> int:
        """A change made on the server (another teacher, an import), with
        Python values: its seq."""
        with self.lock:
            self.seq += 1
            self._write(kind, ident, encode_fields(REGISTRY[kind], fields), self.seq)
            return self.seq

    def tombstone(self, kind: str, record_id: uuid.UUID) -> int:
        with self.lock:
            self.seq += 1
            record = self.records[(kind, record_id)]
            record.deleted, record.seq = True, self.seq
            return self.seq

    def _write(self, kind: str, record_id: uuid.UUID, fields: dict[str, Any], seq: int) -> None:
        existing = self.records.get((kind, record_id))
        if existing is None or existing.deleted:
            spec = REGISTRY[kind]
            # As the real server's complete_for_create: fields the create
            # left out get their empty value.
            full = {
                f.name: "" if f.type is FieldType.TEXT and not f.nullable else None
                for f in spec.fields
            }
            full.update(fields)
            self.records[(kind, record_id)] = StoredRecord(kind, record_id, seq, full)
            return
        for name in REGISTRY[kind].field_names:
            existing.fv.setdefault(name, existing.seq)
        existing.fields.update(fields)
        for name in fields:
            existing.fv[name] = seq
        existing.seq = seq

    def visible(self) -> list[StoredRecord]:
        return [r for key, r in self.records.items() if key not in self.hidden]

    # --- HTTP ------------------------------------------------------------------

    def __call__(self, request: Request) -> Reply:
        with self.lock:
            if request.path.endswith("/sync/changes"):
                return self._changes(request)
            if request.path.endswith("/sync/push"):
                return self._push(request)
            if request.path.endswith("/sync/digest"):
                return self._digest()
            if request.path.endswith("/sync/manifest"):
                return self._manifest(request)
            if request.path.endswith("/sync/fetch"):
                return self._fetch(request)
        return Reply(404, {"error": "not_found", "message": "no"})

    def _changes(self, request: Request) -> Reply:
        after = int(request.query.get("cursor") or 0)
        limit = int(request.query.get("limit") or 1000)
        changes = sorted((r for r in self.visible() if r.seq > after), key=lambda r: r.seq)
        page = changes[:limit]
        # Whole change-sets only: finish the last seq of the page.
        page += [r for r in changes[limit:] if page and r.seq == page[-1].seq]
        has_more = len(page) < len(changes)
        scope_changed, self.scope_changed_once = self.scope_changed_once, False
        return Reply(
            body={
                "changes": [r.wire() for r in page],
                "cursor": str(page[-1].seq if has_more else max(self.seq, after)),
                "has_more": has_more,
                "scope_changed": scope_changed,
                "server_time": "2026-09-14T07:00:00Z",
                "server_hlc": self.server_hlc,
            },
            gzip=True,
        )

    def _push(self, request: Request) -> Reply:
        body = request.body
        if request.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        self.push_bodies.append(request.body)
        batch = PushBatch.model_validate_json(body)
        self.batches.append(batch)
        failure = self.push_failures.pop(0) if self.push_failures else None
        if failure is not None and not failure[1]:
            return failure[0]
        results = self._apply(batch)
        if failure is not None:
            return failure[0]
        return Reply(
            body={
                "results": [r.model_dump() for r in results],
                "server_hlc": self.server_hlc,
                "server_time": "2026-09-14T07:00:00Z",
                "clock_warning": self.clock_warning,
            },
            gzip=True,
        )

    def _apply(self, batch: PushBatch) -> list[OpResult]:
        results = []
        seq: int | None = None
        for txn in batch.transactions:
            for op in txn.ops:
                key = (batch.client_id, op.op)
                if key in self.applied:
                    results.append(OpResult.model_validate(self.applied[key]))
                    continue
                record = self.records.get((op.kind, op.id))
                script = self.script.get((op.kind, op.id))
                outcome, reason, written = (
                    script(op, record) if script else ("applied", None, op.fields)
                )
                result_seq = None
                # A delete answered otherwise (delete_vs_edit) keeps the record.
                deletes = op.action == "delete" and outcome == "applied"
                if outcome != "rejected" and (written or deletes):
                    if seq is None:
                        self.seq += 1
                        seq = self.seq
                    if deletes:
                        self.records[(op.kind, op.id)].deleted = True
                        self.records[(op.kind, op.id)].seq = seq
                    else:
                        self._write(op.kind, op.id, dict(written or {}), seq)
                    result_seq = seq
                result = OpResult(op=op.op, outcome=outcome, reason=reason, seq=result_seq)  # type: ignore[arg-type]
                self.applied[key] = result.model_dump()
                results.append(result)
        return results

    def _digest(self) -> Reply:
        parts: dict[tuple[str, str | None], list[str]] = {}
        for record in self.visible():
            if record.deleted:
                continue
            spec = REGISTRY[record.kind]
            # Kinds that may name no activity (notes, conflicts) are one part.
            by_activity = spec.has_field("activity_id") and not spec.field("activity_id").nullable
            partition = record.fields.get("activity_id") if by_activity else None
            key = (record.kind, str(partition) if partition else None)
            parts.setdefault(key, []).append(f"{record.id}:{record.seq}\n")
        digests = [
            {
                "kind": kind,
                "partition": partition,
                "count": len(lines),
                "digest": hashlib.sha256("".join(sorted(lines)).encode()).hexdigest(),
            }
            for (kind, partition), lines in parts.items()
        ]
        return Reply(body={"digests": digests, "cursor": str(self.seq)})

    def _manifest(self, request: Request) -> Reply:
        asked = ManifestRequest.model_validate_json(request.body)
        entries = [
            {"id": str(r.id), "seq": r.seq}
            for r in self.visible()
            if r.kind == asked.kind
            and not r.deleted
            and (asked.partition is None or r.fields.get("activity_id") == str(asked.partition))
        ]
        return Reply(body={"kind": asked.kind, "entries": entries})

    def _fetch(self, request: Request) -> Reply:
        asked = FetchRequest.model_validate_json(request.body)
        wanted = set(asked.ids)
        found = [r.wire() for r in self.visible() if r.kind == asked.kind and r.id in wanted]
        return Reply(body={"changes": found})


def decoded_batches(server: FakeSyncServer) -> list[list[list[int]]]:
    """The op numbers of each pushed batch, by wire transaction."""
    return [[[op.op for op in txn.ops] for txn in batch.transactions] for batch in server.batches]


def as_json(value: object) -> str:
    return json.dumps(value)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
