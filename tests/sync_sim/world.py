"""The simulated school: the real server process on the small school
(tests/support/small_school.py), four computers, the network between them,
and the school's administrator changing who teaches what.

Computers: Anna's desktop and laptop (one account, two caches), Cecilia
(co-teaches Matematik 7A with Anna, so the two share every 7A record) and
Bertil (8B; shares only the PE activity's records with them, until the
administrator adds him to Matematik 7A). Cecilia is also the mentor of Alva
and Axel (tests/support/mentors.py): notes for the mentors reach her.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from server.db import allocate_seq, write_transaction
from server.tables import synced
from sync_protocol.entities import REGISTRY
from sync_protocol.wire import PushBatch
from tests.support.mentors import add_mentor_group
from tests.support.server_fixtures import RunningServer
from tests.sync_sim.clients import SimClient
from tests.sync_sim.ledger import Ledger
from tests.sync_sim.scope_model import ScopeModel
from tests.sync_sim.transport import Network

#: (client name, account)
COMPUTERS = (
    ("anna", "anna"),
    ("anna-laptop", "anna"),
    ("cecilia", "cecilia"),
    ("bertil", "bertil"),
)


@dataclass
class ScopeLeak:
    client: str
    path: str
    what: str


@dataclass
class World:
    server: RunningServer
    folder: Path
    seed: int
    rng: random.Random = field(init=False)
    model: ScopeModel = field(init=False)
    ledger: Ledger = field(init=False)
    network: Network = field(init=False)
    clients: list[SimClient] = field(default_factory=list)
    leaks: list[ScopeLeak] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)
    step: int = 0
    #: Admin changes made so far: name -> whether the change is in effect.
    admin_state: dict[str, bool] = field(default_factory=dict)
    restarts: int = 0
    received_records: int = 0

    def __post_init__(self) -> None:
        # Cecilia mentors Alva and Axel, so notes for the mentors have readers.
        add_mentor_group(self.server)
        self.rng = random.Random(self.seed)
        today = self.server.school.builder.today
        self.model = ScopeModel(self.server.engine, today)
        self.ledger = Ledger(self.server.engine, self.model, today, lambda: self.step)
        self.network = Network(self)

    def open_clients(self) -> None:
        for index, (name, username) in enumerate(COMPUTERS):
            token = self.server.fresh_token(username)
            client = SimClient(
                name=name,
                username=username,
                user_id=self.server.user_ids[username],
                person_id=self.server.school[f"teacher:{username}"],
                display_name=username.title(),
                token=token,
                path=self.folder / f"{name}.db",
                server_url=self.server.url,
                network=self.network,
                rng=random.Random(f"{self.seed}/{index}/faults"),
            )
            client.open()
            self.ledger.register(name, client.client_id, client.person_id)
            self.clients.append(client)
        self.ledger.start()

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.network.close()

    def note(self, text: str) -> None:
        self.trace.append(f"{self.step}: {text}")

    # --- the network's observer --------------------------------------------------------

    def before_push(self, client: str, batch: PushBatch) -> None:
        self.ledger.before_push(client, batch)

    def after_push(self, client: str, batch: PushBatch, answer: dict[str, Any] | None) -> None:
        self.ledger.after_push(client, batch, answer)

    def received(self, client: str, path: str, payload: dict[str, Any]) -> None:
        """Every record (or id) that reached a computer was in its teacher's scope."""
        person = next(c.person_id for c in self.clients if c.name == client)
        scope = self.model.scope_of(person)
        wanted: dict[str, set[uuid.UUID]] = {}
        if path.endswith(("/sync/changes", "/sync/fetch")):
            for record in payload.get("changes", []):
                wanted.setdefault(record["kind"], set()).add(uuid.UUID(record["id"]))
        elif path.endswith("/sync/manifest"):
            kind = payload["kind"]
            wanted[kind] = {uuid.UUID(entry["id"]) for entry in payload.get("entries", [])}
        else:
            return
        rows: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
        with self.server.engine.connect() as conn:
            for kind, ids in wanted.items():
                table = synced[kind]
                query = select(table).where(table.c.id.in_(sorted(ids, key=str)))
                for found in conn.execute(query).mappings():
                    rows[(kind, found["id"])] = dict(found)
        for kind, ids in wanted.items():
            for record_id in ids:
                self.received_records += 1
                row = rows.get((kind, record_id))
                if row is None or not scope.sees(kind, row):
                    self.leaks.append(
                        ScopeLeak(client, path, f"{kind} {record_id} (step {self.step})")
                    )
        for record in payload.get("changes", []):
            if record["kind"] == "person" and not record.get("deleted"):
                person_id = uuid.UUID(record["id"])
                if person_id in scope.protected:
                    shown = {
                        f.name: record["fields"].get(f.name)
                        for f in REGISTRY["person"].fields
                        if f.contact and record["fields"].get(f.name) is not None
                    }
                    if shown:
                        self.leaks.append(
                            ScopeLeak(
                                client, path, f"contact data of protected {person_id}: {shown}"
                            )
                        )

    # --- the administrator --------------------------------------------------------------

    def _admin_write(
        self, kind: str, row_id: uuid.UUID, *, deleted: bool | None = None, **values: Any
    ) -> None:
        """What an admin tool or an import does: one change-set, one seq."""
        table = synced[kind]
        with write_transaction(self.server.engine) as conn:
            old = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
            seq = allocate_seq(conn)
            now = dt.datetime.now(dt.UTC)
            if old is None:
                row = {f.name: values.get(f.name) for f in REGISTRY[kind].fields}
                row.update(id=row_id, seq=seq, deleted=False, created_at=now, modified_at=now)
                conn.execute(insert(table).values(**row))
            else:
                versions = {
                    f.name: int((old["field_seqs"] or {}).get(f.name, old["seq"]))
                    for f in REGISTRY[kind].fields
                }
                versions.update(dict.fromkeys(values, seq))
                changes: dict[str, Any] = dict(values)
                changes.update(
                    seq=seq,
                    modified_at=now,
                    field_seqs={k: v for k, v in versions.items() if v != seq} or None,
                )
                if deleted is not None:
                    changes["deleted"] = deleted
                conn.execute(update(table).where(table.c.id == row_id).values(**changes))
        self.model.changed()

    def admin_changes(self) -> dict[str, Callable[[bool], None]]:
        """Each change, applied (True) or undone (False)."""
        school = self.server.school
        b = school.builder
        ma7a = school["activity:ma7a"]
        bertil_in_maths = b.id_for("activity_teacher", f"{ma7a}/{school['teacher:bertil']}")
        lessons = [
            school[f"lesson:{name}:{i}"] for name in ("ma7a", "idh", "sv7a") for i in range(3)
        ]
        cancelled = lessons[self.seed % len(lessons)]

        def cecilia_leaves_maths(on: bool) -> None:
            self._admin_write(
                "activity_teacher", school["activity_teacher:ma7a:cecilia"], deleted=on
            )

        def bertil_joins_maths(on: bool) -> None:
            self._admin_write(
                "activity_teacher",
                bertil_in_maths,
                deleted=not on,
                activity_id=ma7a,
                teacher_id=school["teacher:bertil"],
                grader=True,
            )

        def nils_leaves(on: bool) -> None:
            end = b.term.start - dt.timedelta(days=1) if on else None
            self._admin_write("group_membership", school["membership:nils"], end_date=end)

        def axel_removed(on: bool) -> None:
            self._admin_write("group_membership", school["membership:axel"], deleted=on)

        def lesson_cancelled(on: bool) -> None:
            self._admin_write("lesson", cancelled, cancelled=on)

        return {
            "cecilia leaves Matematik 7A": cecilia_leaves_maths,
            "Bertil joins Matematik 7A": bertil_joins_maths,
            "Nils left 7A before this term": nils_leaves,
            "Axel's membership of 7A deleted": axel_removed,
            f"lesson {cancelled} cancelled": lesson_cancelled,
        }

    def admin_toggle(self) -> str:
        changes = self.admin_changes()
        name = self.rng.choice(sorted(changes))
        on = not self.admin_state.get(name, False)
        changes[name](on)
        self.admin_state[name] = on
        return f"admin: {name} -> {on}"

    # --- the server ---------------------------------------------------------------------

    def restart_server(self, crash: bool) -> str:
        process = self.server.process
        if crash:
            process.kill()
            process.start()
        else:
            process.restart()
        self.restarts += 1
        return f"server {'killed and started' if crash else 'restarted'}"
