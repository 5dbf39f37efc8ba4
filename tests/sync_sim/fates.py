"""Judging every edit in the ledger at quiescence: nothing a teacher
committed may vanish silently.

An edit's fate is one of:
- superseded locally: the same teacher changed the field again (or took the
  edit back) before it was sent;
- refused for a reason the server's state at arrival justifies, shown to the
  teacher (rejected_edits) until they dismissed it;
- present after its arrival (written as sent, an equal value, or merged into
  the text cleanly), and still there at the end unless a later version of
  the field (or a delete) replaced it;
- kept in a conflict a teacher can see, whose rival is never replaced by
  another teacher's value;
- lost to a later stamp with a notice to its author (LATEST_WINS), but never
  to a default ("everyone present") the teacher did not choose;
- a default that yielded to a record that was already there.
Anything else is a lost edit.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from server.services.sync import term_grade_pairs
from sync_protocol.entities import REGISTRY, MergePolicy
from sync_protocol.textmerge import merge_text
from sync_protocol.wire import PushOp
from tests.sync_sim.ledger import (
    DELETE,
    DISCARDED_BY_TEACHER,
    SUPERSEDED_LOCALLY,
    Delivery,
    Ledger,
    LedgerEntry,
)
from tests.sync_sim.server_state import WireRow

DELETE_CHOICE = "__delete__"
KEEP_CHOICE = "__keep__"


@dataclass(frozen=True)
class Verdict:
    ok: bool
    why: str


def _ok(why: str) -> Verdict:
    return Verdict(True, why)


def _lost(why: str) -> Verdict:
    return Verdict(False, why)


def _loads(text: Any) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


#: Fields decided together with another: (kind, field) -> the field whose
#: conflict decides it.
FOLLOWS = term_grade_pairs.FOLLOWS


def _mentions(rival: Any, name: str, value: Any) -> bool:
    """A conflict's or notice's rival side holds this field's value."""
    if isinstance(rival, dict):
        return name in rival and rival[name] == value
    return rival == value


class FateJudge:
    def __init__(self, ledger: Ledger, final: Mapping[tuple[str, uuid.UUID], WireRow]) -> None:
        self.ledger = ledger
        self.final = final
        #: record id (text) -> its conflicts' versions, so long runs stay fast.
        self.about: dict[str, list[tuple[uuid.UUID, list[WireRow]]]] = {}
        for conflict_id, versions in ledger.conflicts.items():
            record = str(versions[0].values["record_id"])
            self.about.setdefault(record, []).append((conflict_id, versions))

    def judge(self, entry: LedgerEntry) -> Verdict:
        if entry.fate == SUPERSEDED_LOCALLY:
            return _ok(entry.fate)
        delivery = self.ledger.deliveries.get((entry.client_id, entry.op))
        if delivery is None:
            return _lost("the op never reached the server and was not taken back")
        sent = delivery.op
        if entry.field != DELETE and sent.fields.get(entry.field) != entry.value:
            return _lost(f"the op as sent carried {sent.fields.get(entry.field)!r}, not the edit")
        if delivery.result.get("outcome") == "rejected":
            return self._refused(entry, delivery)
        if entry.kind == "sync_conflict":
            return self._settling(entry, delivery)
        if entry.field == DELETE:
            return self._delete(entry, delivery)
        return self._field(entry, delivery)

    # --- refusals ---------------------------------------------------------------------

    def _refused(self, entry: LedgerEntry, delivery: Delivery) -> Verdict:
        reason = str(delivery.result.get("reason") or "")
        why = self._justified(delivery, reason)
        if why is None:
            return _lost(f"refused without cause: {reason!r}")
        if entry.fate != DISCARDED_BY_TEACHER:
            return _lost(f"refused ({reason}) but never shown to the teacher as refused")
        return _ok(f"refused ({why}), shown and dismissed")

    def _justified(self, delivery: Delivery, reason: str) -> str | None:
        facts, op, pre = delivery.facts, delivery.op, delivery.pre
        if reason == "not found":
            values = dict(pre.values) if pre is not None else {}
            values.update(op.fields)
            row = {k: _as_uuid(v) for k, v in values.items()}
            row["id"] = op.id
            if op.kind == "sync_conflict":
                if pre is None or pre.deleted:
                    return "the conflict is gone"
                row = {k: _as_uuid(v) for k, v in pre.values.items()}
            if pre is None and any(op.base.values()):
                return None  # an edit of a record the server never had: a client bug
            if not facts.scope.sees(op.kind, row):
                return "out of the teacher's scope at arrival"
            return None
        if reason.startswith("already resolved"):
            if pre is not None and pre.values.get("state") != "open":
                return "resolved by someone else first"
            record = None if pre is None else _as_uuid(pre.values.get("record_id"))
            if any(o.id == record for o in delivery.earlier):
                # Her own edit earlier in the batch, equal to the kept value,
                # settled the conflict (server.services.sync.conflict_upkeep.follow_fields).
                return "settled by the teacher's own edit earlier in the batch"
            return None
        if " has no mentor in Klassbok" in reason:
            # A note for the mentors of a pupil nobody mentors (issue 11).
            known = pre.values if pre is not None else {}
            pupil = _as_uuid(op.fields.get("pupil_id") or known.get("pupil_id"))
            return "the pupil has no mentor" if pupil not in facts.scope.with_mentor else None
        if reason == "the lesson was cancelled":
            lesson = facts.lesson
            return "lesson cancelled" if lesson is not None and lesson.values["cancelled"] else None
        if " is not in " in reason:
            return "pupil not in the activity's groups" if not facts.member else None
        if reason == "the planning unit was not found in this activity":
            unit = facts.unit
            if unit is None or unit.deleted:
                return "planning unit deleted"
            if self._deleted_earlier(delivery, self._reference(delivery, "planning_unit_id")):
                # Long run seed 2076061858: a delete-against-edit about the
                # unit decided as "delete", then an assessment made in it.
                return "planning unit deleted earlier in the same batch"
            return None
        if reason.startswith("criteria_matrix: the assessment ") and "is judged on this matrix" in (
            reason
        ):
            if facts.matrix_users:
                return "an assessment is judged on the matrix"
            if self._judged_on_earlier(delivery, op.id):
                # CI seed 1916441563: she made an assessment on the matrix,
                # then deleted the matrix, both offline; one batch carried
                # them in that order and the facts are from before it.
                return "an assessment made on the matrix earlier in the same batch"
            return None
        if reason in (
            "assessment.criteria_matrix_id: the matrix was not found in this activity",
            "assessment_result.levels: the assessment's matrix was not found",
        ):
            # A colleague deleted the matrix before it was chosen here (a
            # matrix an assessment is judged on is not deleted on the server).
            gone = facts.matrix_named and (facts.matrix is None or facts.matrix.deleted)
            return "the matrix was deleted" if gone else None
        if reason == "the assessment was not found in this activity":
            found = facts.assessment
            if found is None or found.deleted:
                return "assessment deleted"
            if self._deleted_earlier(delivery, self._reference(delivery, "assessment_id")):
                # Long run seed 769485114: she decided a delete-against-edit
                # about the assessment as "delete", then graded a result of it,
                # in one batch; the facts are from before the batch.
                return "assessment deleted earlier in the same batch"
        return None

    @staticmethod
    def _reference(delivery: Delivery, name: str) -> Any:
        """The record a field of the op's record points at, after the op."""
        known = delivery.pre.values.get(name) if delivery.pre is not None else None
        return _as_uuid(delivery.op.fields.get(name) or known)

    @staticmethod
    def _judged_on_earlier(delivery: Delivery, matrix: uuid.UUID) -> bool:
        """An earlier op of the same batch set an assessment on the matrix."""
        return any(
            earlier.kind == "assessment"
            and earlier.action != "delete"
            and _as_uuid(earlier.fields.get("criteria_matrix_id")) == matrix
            for earlier in delivery.earlier
        )

    def _deleted_earlier(self, delivery: Delivery, record: uuid.UUID | None) -> bool:
        """An earlier op of the same batch deleted the record, or decided a
        conflict about it as delete."""
        return any(
            (earlier.id == record and earlier.action == "delete")
            or _loads(self._decision_about(earlier, record)) == DELETE_CHOICE
            for earlier in delivery.earlier
        )

    def _decision_about(self, op: PushOp, record: uuid.UUID | None) -> Any:
        """The resolved_value (JSON text) `op` decides a conflict about `record` with, else None."""
        if op.kind != "sync_conflict" or "resolved_value" not in op.fields:
            return None
        versions = self.ledger.conflicts.get(op.id)
        if not versions or versions[-1].values["record_id"] != str(record):
            return None
        return op.fields["resolved_value"]

    # --- resolutions and acknowledgements ----------------------------------------------

    def _settling(self, entry: LedgerEntry, delivery: Delivery) -> Verdict:
        post, pre = delivery.post, delivery.pre
        if post is None:
            return _lost("the conflict vanished")
        if post.values.get(entry.field) == entry.value:
            if entry.field == "resolved_value":
                return self._resolution_written(entry, delivery)
            return _ok("written")
        if entry.field == "state" and pre is not None and pre.values.get("state") == entry.value:
            return _ok("settled already (on another computer)")
        return _lost(f"the conflict holds {post.values.get(entry.field)!r}")

    def _resolution_written(self, entry: LedgerEntry, delivery: Delivery) -> Verdict:
        conflict = delivery.post
        target = delivery.post_target
        assert conflict is not None
        if target is None:
            return _ok("resolved (its record is gone)")
        chosen = _loads(entry.value)
        pre = delivery.pre
        if (
            pre is not None
            and pre.values.get("state") != "open"
            and delivery.result["outcome"] == "merged"
        ):
            # Decided the same way already (by a colleague, or on her other
            # computer): the server changes nothing and tells her nothing.
            return _ok("decided the same way before")
        if conflict.values["conflict_type"] == "delete_vs_edit":
            if chosen == DELETE_CHOICE and not target.deleted:
                if any(o.id == target.id for o in delivery.later):
                    # Deleted, then entered again (a result's id is its
                    # assessment and pupil): a new record, as the server says.
                    return _ok("resolved as delete, then entered again in the same batch")
                return _lost("resolved as delete but the record stays")
            if chosen == KEEP_CHOICE and target.deleted:
                if self._decided_after(delivery, about=target.id):
                    # Seed 1119046991: kept, then a second conflict about
                    # the same assessment decided as delete in the batch.
                    return _ok("kept, then another conflict about it decided in the same batch")
                if any(o.id == target.id and o.action == "delete" for o in delivery.later):
                    # Long run seed 769485114: kept on her laptop, then
                    # deleted there before the push went out.
                    return _ok("kept, then deleted by the teacher in the same batch")
                return _lost("resolved as keep but the record is deleted")
            return _ok("resolved")
        name = conflict.values["field_name"]
        if not target.deleted and name in target.values and target.values[name] != chosen:
            if any(o.id == target.id and name in o.fields for o in delivery.later):
                return _ok("resolved, then edited again by the teacher in the same batch")
            if self._decided_after(delivery, about=target.id):
                return _ok("resolved, then another conflict about it decided in the same batch")
            return _lost(f"resolved as {chosen!r} but {name} is {target.values[name]!r}")
        return _ok("resolved")

    # --- deletes ------------------------------------------------------------------------

    def _delete(self, entry: LedgerEntry, delivery: Delivery) -> Verdict:
        pre, post = delivery.pre, delivery.post
        if post is not None and post.deleted:
            if pre is not None and pre.deleted:
                return _ok("deleted already")
            return self._stays(entry, None, post.seq, deleted=True)
        conflict = self._conflict_with(delivery, lambda rival: rival == DELETE_CHOICE)
        if conflict is not None:
            return self._conflict_kept(entry, conflict)
        if self._decided_after(delivery, about=delivery.op.id):
            # PostgreSQL long run seed 261871747: her delete joined the open
            # delete-against-edit conflict, and a later op of the same batch
            # decided that conflict as keep: her last word stands.
            return _ok("kept back as a conflict, then decided in the same batch")
        return _lost("the delete was answered but the record stays without a conflict")

    # --- field edits --------------------------------------------------------------------

    def _field(self, entry: LedgerEntry, delivery: Delivery) -> Verdict:
        pre, post, op = delivery.pre, delivery.post, delivery.op
        name, value = entry.field, entry.value
        policy = REGISTRY[entry.kind].field(name).policy
        if post is not None and not post.deleted and post.values[name] == value:
            return self._stays(entry, value, post.version(name))
        if (
            policy is MergePolicy.TEXT_MERGE
            and post is not None
            and pre is not None
            and not post.deleted
            and name in op.base_text
        ):
            for current in (pre.values[name], *self._decided_before(delivery, name)):
                merged = merge_text(op.base_text[name], str(current), str(value))
                if merged.clean and merged.text == post.values[name]:
                    return self._stays(entry, merged.text, post.version(name))
        conflict = self._conflict_with(delivery, lambda rival: _mentions(rival, name, value))
        main = FOLLOWS.get((entry.kind, name))
        if conflict is None and main is not None and main in op.fields:
            # Decided with its main field: the conflict about the grade
            # holding the op's grade keeps the reason sent with it.
            conflict = self._conflict_with(
                delivery, lambda rival: _mentions(rival, main, op.fields[main])
            )
        if conflict is not None:
            return self._conflict_kept(entry, conflict)
        if self._decided_after(delivery):
            return _ok("replaced by the teacher's own decision of a conflict, in the same batch")
        if op.weak and pre is not None and not pre.deleted:
            return _ok("a default that yielded to the record already there")
        if policy is MergePolicy.LATEST_WINS:
            notice = self._notice_for(delivery, name, value)
            if notice is not None:
                writer = delivery.writers_before.get(name)
                if writer is not None and writer[2] and not op.weak:
                    return _lost(
                        f"lost to a default ('everyone present') written by op {writer[1]} "
                        f"of {self.ledger.names.get(writer[0], writer[0])}"
                    )
                return _ok("lost to a later edit; its author has a notice")
        now = None if post is None else post.values.get(name)
        was = None if pre is None else pre.values.get(name)
        return _lost(
            f"answered {delivery.result}; the record held {was!r} before and {now!r} after "
            f"(base {op.base.get(name)}, base text {op.base_text.get(name)!r}, weak {op.weak}) "
            "and no conflict or notice kept the edit"
        )

    def _stays(
        self, entry: LedgerEntry, value: Any, version: int, *, deleted: bool = False
    ) -> Verdict:
        final = self.final.get((entry.kind, entry.record_id))
        if final is None:
            return _lost("the record is gone from the server")
        if deleted:
            if final.deleted or final.seq > version:
                return _ok("deleted (or brought back later)")
            return _lost("the delete was undone without a later write")
        if not final.deleted and final.values[entry.field] == value:
            return _ok("in the final state")
        if final.deleted or final.version(entry.field) > version:
            return _ok("replaced by a later version")
        return _lost(
            f"written at version {version}, but the field now holds "
            f"{final.values[entry.field]!r} at version {final.version(entry.field)}"
        )

    def _decided_before(self, delivery: Delivery, name: str) -> list[Any]:
        """Values an earlier op of the same batch chose for this field by
        resolving a conflict (the op then merged against that value)."""
        chosen = []
        for earlier in delivery.earlier:
            versions = self.ledger.conflicts.get(earlier.id)
            if earlier.kind == "sync_conflict" and versions and "resolved_value" in earlier.fields:
                values = versions[-1].values
                if values["record_id"] == str(delivery.op.id) and values["field_name"] == name:
                    chosen.append(_loads(earlier.fields["resolved_value"]))
        return chosen

    def _decided_after(self, delivery: Delivery, about: uuid.UUID | None = None) -> bool:
        """A later op of the same batch resolved a conflict about this record."""
        record = about or delivery.op.id
        return any(self._decision_about(later, record) is not None for later in delivery.later)

    # --- conflicts and notices ------------------------------------------------------------

    def _conflict_with(self, delivery: Delivery, matches: Any) -> uuid.UUID | None:
        """A needs_review/text_both/delete_vs_edit conflict the arrival wrote
        holding this edit as its rival, by the edit's author."""
        for conflict_id, versions in self.about.get(str(delivery.op.id), []):
            # As the conflict stood right after the arrival (an update that
            # changes nothing is not written, so it may be older).
            then = [row for row in versions if row.seq <= delivery.at]
            if then:
                row = then[-1]
                values = row.values
                if (
                    values["state"] == "open"
                    and values["conflict_type"] != "notice"
                    and values["record_id"] == str(delivery.op.id)
                    and values["rival_by"] == str(delivery.person)
                    and matches(_loads(values["rival_value"]))
                ):
                    return conflict_id
        return None

    def _notice_for(self, delivery: Delivery, name: str, value: Any) -> uuid.UUID | None:
        if delivery.seq is None:
            return None
        for conflict_id, versions in self.about.get(str(delivery.op.id), []):
            values = versions[0].values
            if (
                versions[0].seq == delivery.seq
                and values["conflict_type"] == "notice"
                and values["record_id"] == str(delivery.op.id)
                and values["addressed_to"] == str(delivery.person)
                and _mentions(_loads(values["rival_value"]), name, value)
            ):
                return conflict_id
        return None

    def _conflict_kept(self, entry: LedgerEntry, conflict_id: uuid.UUID) -> Verdict:
        versions = self.ledger.conflicts[conflict_id]
        mine = str(entry.person)
        holding = False
        for row in versions:
            rival_by = row.values["rival_by"]
            if row.values["rival_by"] == mine and not holding:
                holding = True
                last_rival = row.values["rival_value"]
                continue
            if not holding:
                continue
            if row.values["rival_value"] != last_rival and rival_by != mine:
                by = rival_by
                return _lost(
                    f"kept in conflict {conflict_id}, then its rival was replaced by "
                    f"another teacher's value ({by}) before anyone decided"
                )
            last_rival = row.values["rival_value"]
        if versions[-1].deleted:
            return _lost(f"the conflict {conflict_id} holding it was deleted")
        return _ok(f"kept in a conflict ({versions[-1].values['state']})")


def _as_uuid(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 36:
        try:
            return uuid.UUID(value)
        except ValueError:
            return value
    return value


def judge_all(ledger: Ledger, final: Mapping[tuple[str, uuid.UUID], WireRow]) -> list[str]:
    """One line per lost edit."""
    judge = FateJudge(ledger, final)
    lost = []
    for entry in ledger.entries:
        verdict = judge.judge(entry)
        if not verdict.ok:
            lost.append(f"{entry.describe()}: {verdict.why}")
    return lost
