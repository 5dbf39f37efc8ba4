"""Quiescence and the checks made there.

Quiescence: faults off, every held request delivered, every computer syncs
until a whole round sends nothing and receives nothing; the teachers look
at their refused edits (each must be listed) and dismiss them; no row may
be left hidden as deleted; then a divergence-check round in which no part
may differ.

Checks:
1. each cache holds exactly what the server's feed shows that teacher from
   an empty cursor: every kind, every field, seq and field versions;
2. every edit in the ledger has an acceptable fate (tests/sync_sim/fates.py);
3. every push request ever sent, sent again, gets the same results and
   changes nothing on the server;
and, collected along the way, 4. nothing outside a teacher's scope ever
reached their computer (World.received).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

import requests
from sqlalchemy import select

from local_db.cache import Cache
from local_db.edits import discard_rejected
from local_db.outbox import REJECTED
from local_db.repositories import rejected_edits
from local_db.schema import edit_base, held_tombstone, outbox, synced
from local_db.sync.errors import SyncError
from sync_protocol import versions
from sync_protocol.codec import encode_value
from sync_protocol.entities import REGISTRY
from tests.sync_sim.fates import judge_all
from tests.sync_sim.server_state import fingerprint, stored_results
from tests.sync_sim.transport import FaultRates, push_batch
from tests.sync_sim.world import World

SYNC_HEADERS = {
    versions.PROTOCOL_HEADER: str(versions.PROTOCOL_VERSION),
    versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION),
}
MAX_ROUNDS = 12

Record = dict[str, Any]


class NotQuiescent(AssertionError):
    pass


def faults_off(world: World) -> None:
    for client in world.clients:
        client.adapter.rates = FaultRates()


def _sync_round(world: World, *, verify: bool) -> tuple[int, int, int]:
    """(ops sent, records applied, parts mismatched) over all computers."""
    sent = applied = mismatched = 0
    for client in world.clients:
        client.engine.verify_scope = verify
        try:
            report = client.sync()
        except SyncError as exc:
            raise NotQuiescent(
                f"{client.name} could not sync with faults off: {exc!r} ({exc.detail})"
            ) from exc
        sent += report.ops_sent
        applied += report.records_applied + report.rows_fetched + report.rows_removed
        mismatched += report.parts_mismatched
    return sent, applied, mismatched


def settle_everything(world: World) -> None:
    for _ in range(MAX_ROUNDS):
        sent, applied, _ = _sync_round(world, verify=False)
        if sent == 0 and applied == 0:
            return
    raise NotQuiescent(f"still syncing after {MAX_ROUNDS} rounds")


def quiesce(world: World) -> list[str]:
    """Bring everything to rest; returns problems found on the way."""
    problems: list[str] = []
    faults_off(world)
    world.network.deliver_held(world.rng)
    settle_everything(world)
    problems += show_and_dismiss_refusals(world)
    settle_everything(world)
    problems += hidden_with_nothing_to_send(world)
    # The divergence check finds what left or entered a scope; after it the
    # caches must agree with the digests at once.
    _sync_round(world, verify=True)
    settle_everything(world)
    _, _, mismatched = _sync_round(world, verify=True)
    if mismatched:
        problems.append(
            f"a divergence check right after quiescence found {mismatched} parts differing"
        )
    return problems


def hidden_with_nothing_to_send(world: World) -> list[str]:
    """At rest, no row is hidden as deleted: a delete that is settled takes
    the row away, or shows it again. Checked before the divergence check,
    which now fetches such a row again and so would hide the bug that left
    it (issue 16)."""
    problems = []
    for client in world.clients:
        with client.cache.connect() as conn:
            for kind, table in synced.items():
                for record_id in conn.execute(
                    select(table.c.id).where(table.c.deleted.is_(True))
                ).scalars():
                    problems.append(f"{client.name}: {kind} {record_id} hidden as deleted at rest")
    return problems


def show_and_dismiss_refusals(world: World) -> list[str]:
    """Every op the server refused is listed for its teacher; they dismiss it."""
    problems = []
    for client in world.clients:
        with client.cache.connect() as conn:
            shown = {view.op for view in rejected_edits(conn)}
            refused = set(
                conn.execute(select(outbox.c.op).where(outbox.c.state == REJECTED)).scalars()
            )
        with world.server.engine.connect() as conn:
            stored = stored_results(conn, client.client_id, refused)
        for op in sorted(refused):
            if op not in shown:
                problems.append(f"{client.name}: refused op {op} is not listed as refused")
            if stored.get(op, {}).get("outcome") != "rejected":
                problems.append(
                    f"{client.name}: op {op} is kept as refused, server says {stored.get(op)}"
                )
        for op in sorted(shown):
            with client.cache.begin() as conn:
                discard_rejected(conn, op)
            world.ledger.dismissed(client.client_id, op)
    return problems


# --- 1. cache == server's view -------------------------------------------------------------


def server_view(url: str, token: str) -> dict[tuple[str, uuid.UUID], Record]:
    """What the feed shows this token from an empty cursor (latest per record)."""
    found: dict[tuple[str, uuid.UUID], Record] = {}
    cursor = ""
    with requests.Session() as session:
        while True:
            response = session.get(
                url + "/api/v1/sync/changes",
                params={"cursor": cursor, "limit": "5000"},
                headers={"Authorization": f"Bearer {token}", **SYNC_HEADERS},
                timeout=60,
            )
            assert response.status_code == 200, response.text
            page = response.json()
            for record in page["changes"]:
                key = (record["kind"], uuid.UUID(record["id"]))
                if record["deleted"]:
                    found.pop(key, None)
                else:
                    found[key] = _comparable(record)
            cursor = page["cursor"]
            if not page["has_more"]:
                return found


def _comparable(record: Record) -> Record:
    return {
        "seq": record["seq"],
        "fields": record["fields"],
        "fv": {k: v for k, v in (record.get("fv") or {}).items() if v != record["seq"]},
    }


def cache_view(cache: Cache) -> dict[tuple[str, uuid.UUID], Record]:
    found: dict[tuple[str, uuid.UUID], Record] = {}
    with cache.connect() as conn:
        for kind, table in synced.items():
            spec = REGISTRY[kind]
            for row in conn.execute(select(table)).mappings():
                seq = int(row["seq"])
                found[(kind, row["id"])] = {
                    "seq": seq,
                    "fields": {f.name: encode_value(f, row[f.name]) for f in spec.fields},
                    "fv": {
                        k: int(v) for k, v in (row["field_seqs"] or {}).items() if int(v) != seq
                    },
                    **({"deleted_locally": True} if row["deleted"] else {}),
                }
    return found


def compare_caches(world: World) -> list[str]:
    problems = []
    for client in world.clients:
        theirs = server_view(world.server.url, client.token)
        mine = cache_view(client.cache)
        for key in sorted(set(theirs) | set(mine), key=str):
            if mine.get(key) != theirs.get(key):
                ours, server = mine.get(key) or {}, theirs.get(key) or {}
                differ = sorted(k for k in set(ours) | set(server) if ours.get(k) != server.get(k))
                problems.append(
                    f"{client.name}: {key[0]} {key[1]} differs in {differ}: cache "
                    f"{_short(mine.get(key))} != server {_short(theirs.get(key))}"
                )
        with client.cache.connect() as conn:
            for table, label in (
                (outbox, "outbox ops"),
                (edit_base, "edit bases"),
                (held_tombstone, "held tombstones"),
            ):
                left = conn.execute(select(table)).mappings().all()
                if left:
                    problems.append(f"{client.name}: {len(left)} {label} left at rest")
    return problems


def judge_documentation(world: World) -> list[str]:
    """No cache holds a pupil note its teacher may not see, and every note
    they may see is there (a widened note arrived), by the model's rule
    (tests/sync_sim/scope_model.py), not the server's SQL (issue 16)."""
    problems: list[str] = []
    table = synced["pupil_note"]
    with world.server.engine.connect() as conn:
        notes = {row["id"]: dict(row) for row in conn.execute(select(table)).mappings()}
    for client in world.clients:
        scope = world.model.scope_of(client.person_id)
        with client.cache.connect() as conn:
            held = {row.id for row in conn.execute(select(synced["pupil_note"].c.id))}
        for note_id in sorted(held, key=str):
            row = notes.get(note_id)
            if row is None or not scope.sees_note(row):
                problems.append(f"{client.name}: holds note {note_id} it may not see")
        for note_id, row in notes.items():
            if not row["deleted"] and scope.sees_note(row) and note_id not in held:
                problems.append(f"{client.name}: lacks note {note_id} ({row['visibility']})")
    return problems


def _short(value: Record | None) -> str:
    return (
        "absent" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)[:300]
    )


# --- 2. fates --------------------------------------------------------------------------------


def judge_fates(world: World) -> list[str]:
    from tests.sync_sim.server_state import RECORD_KINDS, all_rows

    final = all_rows(world.server.engine, (*RECORD_KINDS, "sync_conflict"))
    return judge_all(world.ledger, final)


# --- 3. repeated pushes -------------------------------------------------------------------------


def repeat_pushes(world: World, sample: Iterable[int] | None = None) -> list[str]:
    """Send recorded push requests again: same results, nothing written."""
    problems: list[str] = []
    before = fingerprint(world.server.engine)
    pushes = world.network.pushes
    chosen = range(len(pushes)) if sample is None else sample
    by_client = {client.name: client for client in world.clients}
    with requests.Session() as session:
        for index in chosen:
            name, request = pushes[index]
            batch = push_batch(request)
            response = session.post(
                world.server.url + "/api/v1/sync/push",
                data=request.body,
                headers=dict(request.headers),
                timeout=60,
            )
            if response.status_code != 200:
                problems.append(f"push {index} of {name} sent again: HTTP {response.status_code}")
                continue
            answered = {r["op"]: r for r in response.json()["results"]}
            with world.server.engine.connect() as conn:
                stored = stored_results(conn, by_client[name].client_id, answered)
            for op in (op for txn in batch.transactions for op in txn.ops):
                if answered.get(op.op) != stored.get(op.op):
                    problems.append(
                        f"push {index} of {name} sent again: op {op.op} answered "
                        f"{answered.get(op.op)}, stored {stored.get(op.op)}"
                    )
    after = fingerprint(world.server.engine)
    if after != before:
        problems.append(f"sending pushes again changed the server: {before} -> {after}")
    return problems
