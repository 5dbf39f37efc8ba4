"""One simulated computer: an encrypted cache file of its own, an ApiClient
whose requests go through a FaultyAdapter, and a wall clock that may be
wrong.

A kill abandons everything in memory (the cache is closed without any
further work, as a killed process would leave it; what was committed is on
disk) and opens the file again, like the app starting next morning.
"""

from __future__ import annotations

import contextlib
import random
import secrets
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from local_db import clock
from local_db.cache import Cache, open_cache
from local_db.identity import Identity, set_identity
from local_db.schema import outbox
from local_db.sync.api_client import ApiClient
from local_db.sync.engine import SyncEngine, SyncReport
from tests.sync_sim.transport import FaultyAdapter, Network


def real_wall_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class OutboxEntry:
    """An outbox row as the ledger compares them."""

    op: int
    kind: str
    record_id: uuid.UUID
    action: str
    fields: dict[str, object]
    base: dict[str, int]
    hlc: str
    state: str
    sent: bool
    weak: bool


@dataclass
class SimClient:
    name: str
    username: str
    user_id: uuid.UUID
    person_id: uuid.UUID
    display_name: str
    token: str
    path: Path
    server_url: str
    network: Network
    rng: random.Random
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    #: How far this computer's clock is off (ms; positive = fast).
    skew_ms: int = 0
    kills: int = 0
    client_id: str = ""
    cache: Cache = field(init=False)
    api: ApiClient = field(init=False)
    adapter: FaultyAdapter = field(init=False)
    engine: SyncEngine = field(init=False)

    def open(self) -> None:
        self.cache = open_cache(self.path, self.key)
        self.api = ApiClient(self.server_url, token=self.token, timeout=30)
        self.adapter = FaultyAdapter(self.name, self.network, self.rng)
        # Private attribute of ApiClient: the one seam below its HTTP calls.
        self.api._session.mount("http://", self.adapter)
        # The first sync of an app session runs the divergence check.
        self.engine = SyncEngine(self.cache, self.api, page_limit=50, verify_scope=True)
        with self.cache.begin() as conn:
            set_identity(
                conn,
                Identity(
                    user_id=self.user_id,
                    username=self.username,
                    display_name=self.display_name,
                    person_id=self.person_id,
                    server_url=self.server_url,
                ),
            )
            self.client_id = clock.client_id(conn)

    def close(self) -> None:
        self.api.close()
        self.cache.close()

    def kill(self) -> None:
        """The process dies: nothing in memory survives; the file does."""
        self.close()
        self.kills += 1
        self.open()

    def wall(self) -> int:
        return real_wall_ms() + self.skew_ms

    @contextlib.contextmanager
    def clock_of_this_computer(self) -> Iterator[None]:
        """Every stamp made meanwhile uses this computer's (maybe wrong) clock."""
        previous = clock.wall_ms
        clock.wall_ms = self.wall
        try:
            yield
        finally:
            clock.wall_ms = previous

    def sync(self) -> SyncReport:
        with self.clock_of_this_computer():
            return self.engine.sync()

    def outbox(self) -> dict[int, OutboxEntry]:
        with self.cache.connect() as conn:
            rows = conn.execute(select(outbox).order_by(outbox.c.op)).mappings().all()
        return {
            int(row["op"]): OutboxEntry(
                op=int(row["op"]),
                kind=row["kind"],
                record_id=row["record_id"],
                action=row["action"],
                fields=dict(row["fields"] or {}),
                base={k: int(v) for k, v in (row["base"] or {}).items()},
                hlc=row["hlc"],
                state=row["state"],
                sent=row["first_sent_at"] is not None,
                weak=bool(row["weak"]),
            )
            for row in rows
        }
