"""The oracle's record of what happened: every locally committed edit (read
from the outbox right after the commit, so folding and local discards are
seen exactly as the client did them), and every push as it reached the
server (the rows before and after, the result the server stored, the
conflicts it wrote). tests/sync_sim/fates.py judges each edit from these.

Checked while recording:
- an op that was sent is never modified afterwards;
- a push writes only the records and fields its ops name (no spontaneous
  writes, no new version of a field nobody changed), at one seq;
- a push with a stamp beyond the server's skew bound is answered with a
  clock warning, and one well within it is not.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from server.services.roster.school_time import SCHOOL_TIME_ZONE
from server.services.sync.push_assessment import matrix_users
from server.services.sync.push_clock import MAX_CLOCK_SKEW_MS
from server.services.sync.term_grade_pairs import FOLLOWS
from server.tables import synced
from sync_protocol.entities import REGISTRY, MergePolicy
from sync_protocol.hlc import HlcStamp
from sync_protocol.wire import PushBatch, PushOp
from tests.sync_sim.clients import OutboxEntry
from tests.sync_sim.scope_model import ModelScope, ScopeModel
from tests.sync_sim.server_state import (
    RECORD_KINDS,
    WireRow,
    counter,
    read_rows,
    rows_after,
    rows_at_seq,
    stored_results,
)

SUPERSEDED_LOCALLY = "superseded locally"
DISCARDED_BY_TEACHER = "dismissed by the teacher after it was shown as refused"
DELETE = "<delete>"
_MISSING = object()


@dataclass
class LedgerEntry:
    """One value a teacher committed (or one delete)."""

    client: str
    client_id: str
    person: uuid.UUID
    step: int
    op: int
    kind: str
    record_id: uuid.UUID
    field: str  # DELETE for a delete
    value: Any  # wire value
    fate: str | None = None

    def describe(self) -> str:
        return (
            f"step {self.step}: {self.client} op {self.op} {self.kind} {self.record_id} "
            f"{self.field}={self.value!r}"
        )


@dataclass
class Facts:
    """What the server held when an op arrived, to judge a refusal."""

    scope: ModelScope
    lesson: WireRow | None = None
    assessment: WireRow | None = None
    unit: WireRow | None = None
    member: bool = True
    #: For a matrix's delete: titles of the live assessments judged on it.
    matrix_users: tuple[str, ...] = ()


@dataclass
class Delivery:
    """The arrival at which the server first stored an op's result."""

    step: int
    client: str
    client_id: str
    person: uuid.UUID
    op: PushOp
    result: dict[str, Any]
    #: The seq the arrival wrote at (None: it wrote nothing) and the
    #: server's counter right after it.
    seq: int | None
    at: int
    pre: WireRow | None
    post: WireRow | None
    pre_target: WireRow | None
    post_target: WireRow | None
    facts: Facts
    #: Who wrote each field's value the op met: field -> (client id, op, weak).
    writers_before: dict[str, tuple[str, int, bool]]
    #: The ops before and after it in the same batch (one transaction).
    earlier: tuple[PushOp, ...] = ()
    later: tuple[PushOp, ...] = ()


@dataclass
class _Pending:
    pre: dict[tuple[str, uuid.UUID], WireRow | None]
    facts: dict[int, Facts]
    counter: int


@dataclass
class Ledger:
    engine: Engine
    model: ScopeModel
    today: dt.date
    step: Callable[[], int]
    entries: list[LedgerEntry] = field(default_factory=list)
    deliveries: dict[tuple[str, int], Delivery] = field(default_factory=dict)
    #: conflict id -> its versions in the order written.
    conflicts: dict[uuid.UUID, list[WireRow]] = field(default_factory=dict)
    writers: dict[tuple[str, uuid.UUID, str], tuple[str, int, bool]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    clock_warnings: int = 0
    persons: dict[str, uuid.UUID] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    _by_op: dict[tuple[str, int], list[LedgerEntry]] = field(default_factory=dict)
    _pending: dict[uuid.UUID, _Pending] = field(default_factory=dict)
    _conflict_mark: int = -1

    def register(self, client: str, client_id: str, person: uuid.UUID) -> None:
        self.persons[client_id] = person
        self.names[client_id] = client

    def start(self) -> None:
        self._read_conflicts()

    # --- local edits -------------------------------------------------------------

    def record_local(
        self,
        client: str,
        client_id: str,
        before: dict[int, OutboxEntry],
        after: dict[int, OutboxEntry],
    ) -> None:
        """A local transaction committed: what it did to the outbox."""
        step, person = self.step(), self.persons[client_id]
        for number, old in before.items():
            now = after.get(number)
            if now is None:
                # Only the server's answer or the teacher's own later edit
                # removes an op; no answer comes inside a local transaction.
                for entry in self._by_op.get((client_id, number), []):
                    entry.fate = entry.fate or SUPERSEDED_LOCALLY
            elif old.sent and (old.fields, old.base, old.hlc) != (now.fields, now.base, now.hlc):
                self.problems.append(
                    f"step {step}: {client} modified op {number} after it was sent"
                )
        for number, new in after.items():
            earlier = before.get(number)
            if new.action == "delete":
                if earlier is None:
                    self._add(client, client_id, person, step, new, name=DELETE, value=None)
                continue
            for name, value in new.fields.items():
                if earlier is not None and earlier.fields.get(name, _MISSING) == value:
                    continue
                for entry in self._by_op.get((client_id, number), []):
                    if entry.field == name:
                        entry.fate = entry.fate or SUPERSEDED_LOCALLY
                self._add(client, client_id, person, step, new, name=name, value=value)

    def _add(
        self,
        client: str,
        client_id: str,
        person: uuid.UUID,
        step: int,
        op: OutboxEntry,
        *,
        name: str,
        value: Any,
    ) -> None:
        entry = LedgerEntry(
            client, client_id, person, step, op.op, op.kind, op.record_id, name, value
        )
        self.entries.append(entry)
        self._by_op.setdefault((client_id, op.op), []).append(entry)

    def dismissed(self, client_id: str, op: int) -> None:
        """The teacher dismissed a refused edit they were shown."""
        for entry in self._by_op.get((client_id, op), []):
            entry.fate = entry.fate or DISCARDED_BY_TEACHER

    # --- pushes as they reach the server -------------------------------------------

    def before_push(self, client: str, batch: PushBatch) -> None:
        ops = [op for txn in batch.transactions for op in txn.ops]
        with self.engine.connect() as conn:
            known = stored_results(conn, batch.client_id, [op.op for op in ops])
            fresh = [op for op in ops if op.op not in known]
            if not fresh:
                return
            keys = self._keys(conn, fresh)
            pre: dict[tuple[str, uuid.UUID], WireRow | None] = {}
            for kind in {kind for kind, _ in keys}:
                rows = read_rows(conn, kind, [i for k, i in keys if k == kind])
                pre.update({(kind, i): rows.get(i) for k, i in keys if k == kind})
            person = self.persons[batch.client_id]
            facts = {op.op: self._facts(conn, op, pre, person) for op in fresh}
            self._pending[batch.batch_id] = _Pending(pre, facts, counter(conn))

    def _keys(self, conn: Any, ops: list[PushOp]) -> set[tuple[str, uuid.UUID]]:
        keys = {(op.kind, op.id) for op in ops}
        for op in ops:
            if op.kind == "sync_conflict":
                table = synced["sync_conflict"]
                found = conn.execute(
                    select(table.c.record_kind, table.c.record_id).where(table.c.id == op.id)
                ).first()
                if found is not None and found[0] in REGISTRY:
                    keys.add((found[0], found[1]))
        return keys

    def _facts(
        self,
        conn: Any,
        op: PushOp,
        pre: dict[tuple[str, uuid.UUID], WireRow | None],
        person: uuid.UUID,
    ) -> Facts:
        facts = Facts(scope=self.model.scope_of(person))
        row = pre.get((op.kind, op.id))
        values = dict(row.values) if row is not None else {}
        values.update(op.fields)

        def uuid_of(name: str) -> uuid.UUID | None:
            value = values.get(name)
            return uuid.UUID(value) if isinstance(value, str) else None

        lesson, assessment, unit = uuid_of("lesson_id"), uuid_of("assessment_id"), None
        if "planning_unit_id" in op.fields:
            unit = uuid_of("planning_unit_id")
        if lesson is not None:
            facts.lesson = read_rows(conn, "lesson", [lesson]).get(lesson)
        if assessment is not None:
            facts.assessment = read_rows(conn, "assessment", [assessment]).get(assessment)
        if unit is not None:
            facts.unit = read_rows(conn, "planning_unit", [unit]).get(unit)
        if op.kind == "criteria_matrix" and op.action == "delete":
            facts.matrix_users = tuple(matrix_users(conn, op.id))
        pupil, activity = uuid_of("pupil_id"), uuid_of("activity_id")
        if pupil is not None and activity is not None and op.kind != "sync_conflict":
            day = None
            if op.kind == "attendance" and facts.lesson is not None:
                start = dt.datetime.fromisoformat(str(facts.lesson.values["start_time"]))
                day = start.astimezone(SCHOOL_TIME_ZONE).date()
            facts.member = self.model.member_on(pupil, activity, day)
        return facts

    def after_push(self, client: str, batch: PushBatch, answer: dict[str, Any] | None) -> None:
        pending = self._pending.pop(batch.batch_id, None)
        if pending is None:
            return
        ops = [op for txn in batch.transactions for op in txn.ops]
        if answer is not None and len(pending.facts) == len(ops):
            self._check_clock_warning(client, ops, answer)
        with self.engine.connect() as conn:
            now = counter(conn)
            seq = now if now != pending.counter else None
            results = stored_results(conn, batch.client_id, [op.op for op in ops])
            post: dict[tuple[str, uuid.UUID], WireRow | None] = {}
            for kind in {kind for kind, _ in pending.pre}:
                ids = [i for k, i in pending.pre if k == kind]
                rows = read_rows(conn, kind, ids)
                post.update({(kind, i): rows.get(i) for i in ids})
            written = {kind: rows_at_seq(conn, kind, seq) for kind in RECORD_KINDS} if seq else {}
        self._read_conflicts()
        applied = [op for op in ops if op.op in results and op.op in pending.facts]
        for op in applied:
            self._record_delivery(
                client, batch, op, results[op.op], seq_at=(seq, now), pending=pending, post=post
            )
        if seq is not None:
            self._check_writes(
                client, batch.client_id, applied, seq=seq, written=written, pre=pending.pre
            )

    def _record_delivery(
        self,
        client: str,
        batch: PushBatch,
        op: PushOp,
        result: dict[str, Any],
        *,
        seq_at: tuple[int | None, int],
        pending: _Pending,
        post: dict[tuple[str, uuid.UUID], WireRow | None],
    ) -> None:
        ops = [other for txn in batch.transactions for other in txn.ops]
        pre_row = pending.pre.get((op.kind, op.id))
        target_key = None
        if op.kind == "sync_conflict" and pre_row is not None:
            target_key = (
                str(pre_row.values["record_kind"]),
                uuid.UUID(str(pre_row.values["record_id"])),
            )
        writers = {
            name: found
            for name in REGISTRY[op.kind].field_names
            if (found := self.writers.get((op.kind, op.id, name))) is not None
        }
        self.deliveries[(batch.client_id, op.op)] = Delivery(
            step=self.step(),
            client=client,
            client_id=batch.client_id,
            person=self.persons[batch.client_id],
            op=op,
            result=result,
            seq=seq_at[0],
            at=seq_at[1],
            pre=pre_row,
            post=post.get((op.kind, op.id)),
            pre_target=pending.pre.get(target_key) if target_key else None,
            post_target=post.get(target_key) if target_key else None,
            facts=pending.facts[op.op],
            writers_before=writers,
            earlier=tuple(ops[: ops.index(op)]),
            later=tuple(ops[ops.index(op) + 1 :]),
        )
        self._note_chosen_defaults(batch.client_id, op, post.get((op.kind, op.id)))

    def _note_chosen_defaults(self, client_id: str, op: PushOp, post: WireRow | None) -> None:
        """A teacher who sends the value a default ('everyone present') gave
        a field has chosen it: the server restamps the field without a new
        version, and from then on the clocks decide it (seed 982865065: a
        colleague's later 'valid absence' with no minutes chose the
        default's empty minutes, and an earlier left-early mark lost them
        by the clock, with a notice)."""
        if op.weak or post is None or post.deleted:
            return
        spec = REGISTRY[op.kind]
        for name, value in op.fields.items():
            key = (op.kind, op.id, name)
            writer = self.writers.get(key)
            if (
                writer is not None
                and writer[2]
                and spec.field(name).policy is MergePolicy.LATEST_WINS
                and post.values.get(name) == value
            ):
                self.writers[key] = (client_id, op.op, False)

    def _check_writes(
        self,
        client: str,
        client_id: str,
        applied: list[PushOp],
        *,
        seq: int,
        written: dict[str, dict[uuid.UUID, WireRow]],
        pre: dict[tuple[str, uuid.UUID], WireRow | None],
    ) -> None:
        """Every record the batch wrote is one an op named (or a conflict it
        resolved is about), and only the fields the op carried changed."""
        named: dict[tuple[str, uuid.UUID], PushOp] = {}
        resolved: dict[tuple[str, uuid.UUID], PushOp] = {}
        for op in applied:
            if op.kind == "sync_conflict":
                versions = self.conflicts.get(op.id, [])
                if versions:
                    about = versions[-1].values
                    resolved[(str(about["record_kind"]), uuid.UUID(str(about["record_id"])))] = op
            else:
                named[(op.kind, op.id)] = op
        for kind, rows in written.items():
            for row_id, row in rows.items():
                key = (kind, row_id)
                if key in resolved:
                    for name in REGISTRY[kind].field_names:
                        if row.version(name) == seq:
                            self.writers[(kind, row_id, name)] = (
                                client_id,
                                resolved[key].op,
                                False,
                            )
                    continue
                writer = named.get(key)
                if writer is None:
                    self.problems.append(
                        f"step {self.step()}: a push of {client} wrote {kind} {row_id} "
                        f"at seq {seq}, which none of its ops named"
                    )
                    continue
                before = pre.get(key)
                for name in REGISTRY[kind].field_names:
                    if row.version(name) != seq:
                        continue
                    self.writers[(kind, row_id, name)] = (client_id, writer.op, writer.weak)
                    implied = FOLLOWS.get((kind, name)) in writer.fields
                    if (
                        name not in writer.fields
                        and not implied
                        and before is not None
                        and not before.deleted
                    ):
                        # A new version of a field nobody changed makes every
                        # other teacher's next edit of it look concurrent. (A
                        # term grade's reason follows a grade sent alone:
                        # server.services.sync.term_grade_pairs.)
                        self.problems.append(
                            f"step {self.step()}: a push of {client} changed {kind}.{name} of "
                            f"{row_id}, which op {writer.op} did not carry"
                        )

    def _check_clock_warning(self, client: str, ops: list[PushOp], answer: dict[str, Any]) -> None:
        """A batch with a stamp more than the server's bound ahead of its
        clock gets a warning for the teacher; one well within it does not."""
        ahead = max(HlcStamp.parse(op.hlc).wall_ms for op in ops) - time.time_ns() // 1_000_000
        warned = bool(answer.get("clock_warning"))
        self.clock_warnings += warned
        margin = 20_000  # the answer's time and ours differ by the push's duration
        if ahead > MAX_CLOCK_SKEW_MS + margin and not warned:
            minutes = ahead // 60_000
            self.problems.append(
                f"step {self.step()}: {client} pushed stamps {minutes} min ahead; no warning"
            )
        if ahead < MAX_CLOCK_SKEW_MS - margin and warned:
            self.problems.append(
                f"step {self.step()}: {client} was warned of a clock within bounds"
            )

    def _read_conflicts(self) -> None:
        with self.engine.connect() as conn:
            for row in rows_after(conn, "sync_conflict", self._conflict_mark):
                versions = self.conflicts.setdefault(row.id, [])
                if not versions or versions[-1].seq != row.seq:
                    versions.append(row)
                self._conflict_mark = max(self._conflict_mark, row.seq)
