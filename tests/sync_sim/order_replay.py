"""Concurrent offline work replayed into fresh servers in different arrival
orders (tests/sync_sim/test_order_independence.py).

Three teachers of 7A (Anna, Cecilia and Erik, who teaches the class PE and
so may write its maths records too) sync with one server, then work
offline. Their caches are copied as they stand. For each order, a fresh
server on the same school (the small school is built deterministically, so
every seq the caches' bases name is the same) receives each cache's whole
outbox in that order, then everyone syncs until nothing changes, and the
outcome is read from the database.
"""

from __future__ import annotations

import contextlib
import json
import random
import secrets
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from local_db import clock
from local_db.attendance.marking import RollCallRefused
from local_db.cache import Cache, open_cache
from local_db.edits import InvalidEdit
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import PushOutbox, SyncEngine
from sync_protocol.entities import REGISTRY, MergePolicy
from sync_protocol.terms import term_for
from tests.support.server_fixtures import RunningServer, add_user
from tests.sync_sim import actions
from tests.sync_sim.clients import real_wall_ms
from tests.sync_sim.server_state import RECORD_KINDS, WireRow, all_rows

TEACHERS = ("anna", "cecilia", "erik")


@dataclass
class Desk:
    """One teacher's computer, as files: the cache and its key."""

    username: str
    person_id: uuid.UUID
    path: Path
    key: bytes
    #: This computer's clock offset (ms), small: within the server's bound.
    skew_ms: int


def prepare(server: RunningServer) -> None:
    """Erik's account (the small school has none for him)."""
    if "erik" not in server.user_ids:
        server.user_ids["erik"] = add_user(
            server.engine, "erik", person_id=server.school["teacher:erik"]
        )


@contextlib.contextmanager
def opened(desk: Desk, path: Path | None = None) -> Iterator[Cache]:
    cache = open_cache(path or desk.path, desk.key)
    previous = clock.wall_ms
    clock.wall_ms = lambda: real_wall_ms() + desk.skew_ms
    try:
        yield cache
    finally:
        clock.wall_ms = previous
        cache.close()


def work_offline(server: RunningServer, folder: Path, rng: random.Random, edits: int) -> list[Desk]:
    """Everyone pulls, then works offline; returns the computers as files."""
    prepare(server)
    term = term_for(server.school.builder.today).code
    desks = []
    for index, username in enumerate(TEACHERS):
        desk = Desk(
            username,
            server.school[f"teacher:{username}"],
            folder / f"{username}.db",
            secrets.token_bytes(32),
            skew_ms=(index - 1) * 1500,
        )
        with opened(desk) as cache:
            api = ApiClient(server.url, token=server.fresh_token(username), timeout=60)
            try:
                SyncEngine(cache, api).sync()
            finally:
                api.close()
        desks.append(desk)
    teachers = {
        desk.username: actions.Teacher(desk.person_id, term, delete_references=False)
        for desk in desks
    }
    for _ in range(edits * len(desks)):
        desk = rng.choice(desks)
        with opened(desk) as cache:
            try:
                with cache.begin() as conn:
                    actions.pick_concurrent_edit(rng)(conn, rng, teachers[desk.username])
            except (InvalidEdit, RollCallRefused):
                continue
    return desks


@dataclass(frozen=True)
class Outcome:
    records: dict[tuple[str, uuid.UUID], WireRow]
    conflicts: list[WireRow]


def replay(
    server: RunningServer, desks: list[Desk], order: tuple[int, ...], folder: Path
) -> Outcome:
    """Each computer's outbox arrives whole, in this order; then all sync."""
    prepare(server)
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for desk in desks:
        copy = folder / desk.path.name
        shutil.copyfile(desk.path, copy)
        copies.append(copy)
    tokens = [server.fresh_token(desk.username) for desk in desks]
    for index in order:
        with opened(desks[index], copies[index]) as cache:
            api = ApiClient(server.url, token=tokens[index], timeout=60)
            try:
                SyncEngine(cache, api).run_steps([PushOutbox()])
            finally:
                api.close()
    for _ in range(6):
        sent = 0
        for index, desk in enumerate(desks):
            with opened(desk, copies[index]) as cache:
                api = ApiClient(server.url, token=tokens[index], timeout=60)
                try:
                    sent += SyncEngine(cache, api).sync().ops_sent
                finally:
                    api.close()
        if sent == 0:
            break
    final = all_rows(server.engine, (*RECORD_KINDS, "sync_conflict"))
    conflicts = [row for (kind, _), row in final.items() if kind == "sync_conflict"]
    records = {key: row for key, row in final.items() if key[0] != "sync_conflict"}
    return Outcome(records, conflicts)


# --- what must not depend on the order ------------------------------------------------------


def _open(outcome: Outcome, record: uuid.UUID, kind: str) -> list[WireRow]:
    return [
        c
        for c in outcome.conflicts
        if c.values["record_id"] == str(record)
        and c.values["conflict_type"] == kind
        and c.values["state"] == "open"
    ]


def _candidates(outcome: Outcome, key: tuple[str, uuid.UUID], name: str, kind: str) -> set[str]:
    """The values a teacher is offered for a field: the record's and every
    open conflict's rival (and current)."""
    row = outcome.records[key]
    found = {json.dumps(row.values[name], ensure_ascii=False)}
    for conflict in _open(outcome, key[1], kind):
        if conflict.values["field_name"] == name:
            found |= {str(conflict.values["rival_value"]), str(conflict.values["current_value"])}
    return found


def _words(candidates: set[str]) -> list[str]:
    """The words on offer for a text to decide, whichever version holds them.

    Which versions a text conflict keeps depends on the order when three
    teachers edit one text: two overlap, the third merges cleanly into
    whichever of them arrived first (seed 2005679596: "Extra repetition",
    "Extra procent" and "par kapitel tid" end as "par kapitel repetition"
    against "Extra procent", or "par kapitel procent" against "Extra
    repetition"). The rule promises that both versions are kept and shown,
    so no one's words are lost: the same words are on offer in any order."""
    found: set[str] = set()
    for candidate in candidates:
        text = json.loads(candidate)
        if isinstance(text, str):
            found.update(text.split())
    return sorted(found)


def canonical(outcome: Outcome) -> dict[str, Any]:
    """The outcome reduced to what the merge rules promise to be the same
    in any arrival order."""
    result: dict[str, Any] = {}
    for key, row in sorted(outcome.records.items(), key=lambda item: str(item[0])):
        kind, record = key
        label = f"{kind} {record}"
        if _open(outcome, record, "delete_vs_edit"):
            result[label] = "a delete against an edit, left to a teacher"
            continue
        if row.deleted:
            result[label] = "deleted"
            continue
        for spec in REGISTRY[kind].fields:
            name = spec.name
            if spec.policy is MergePolicy.NEEDS_REVIEW:
                value: Any = sorted(_candidates(outcome, key, name, "needs_review"))
            elif spec.policy is MergePolicy.TEXT_MERGE and any(
                c.values["field_name"] == name for c in _open(outcome, record, "text_both")
            ):
                value = {"to decide": _words(_candidates(outcome, key, name, "text_both"))}
            else:
                value = row.values[name]
            result[f"{label}.{name}"] = value
    return result


def differences(first: dict[str, Any], other: dict[str, Any]) -> list[str]:
    found = []
    for key in sorted(set(first) | set(other)):
        one, two = first.get(key, "(absent)"), other.get(key, "(absent)")
        if one == two:
            continue
        if isinstance(one, list) and isinstance(two, list):
            only_one = [item for item in one if item not in two]
            only_two = [item for item in two if item not in one]
            found.append(f"{key}: only in the first {only_one!r}, only in the other {only_two!r}")
        else:
            found.append(f"{key}: {one!r} vs {two!r}")
    return found


def explain(outcomes: list[Outcome], found: list[str], limit: int = 4) -> list[str]:
    """The records and conflicts behind the first differences, in each order."""
    import re

    ids = []
    for line in found:
        for text in re.findall(
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", line
        ):
            if text not in ids:
                ids.append(text)
    lines = []
    for text in ids[:limit]:
        for number, outcome in enumerate(outcomes):
            for key, row in outcome.records.items():
                if str(key[1]) == text:
                    lines.append(
                        f"order {number}: {key[0]} {text} deleted={row.deleted} {row.values}"
                    )
            for c in outcome.conflicts:
                if c.values["record_id"] == text:
                    v = c.values
                    lines.append(
                        f"order {number}:   {v['conflict_type']} {v['field_name']} {v['state']} "
                        f"current={v['current_value']} by {v['current_by']} "
                        f"rival={v['rival_value']} by {v['rival_by']} to {v['addressed_to']}"
                    )
    return lines
