"""When the simulation fails: the history of every record a problem names,
from the ledger (edits, arrivals, conflicts), so a failure can be read
without replaying it."""

from __future__ import annotations

import re
import uuid

from tests.sync_sim.world import World

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def dossier(world: World, problems: list[str], limit: int = 6) -> list[str]:
    ids: list[uuid.UUID] = []
    for problem in problems:
        for text in _UUID.findall(problem):
            record = uuid.UUID(text)
            if record not in ids:
                ids.append(record)
    lines: list[str] = []
    ledger = world.ledger
    for record in ids[:limit]:
        lines.append(f"History of {record}:")
        for entry in ledger.entries:
            if entry.record_id == record:
                lines.append(f"  edit  {entry.describe()} fate={entry.fate}")
        for (_, number), delivery in sorted(ledger.deliveries.items(), key=lambda item: item[1].at):
            op = delivery.op
            target = delivery.pre_target or delivery.post_target
            if op.id != record and (target is None or target.id != record):
                continue
            lines.append(
                f"  arrive step {delivery.step} {delivery.client} op {number} {op.action} "
                f"fields={op.fields} base={op.base} base_text={op.base_text} weak={op.weak} "
                f"-> {delivery.result} at {delivery.at}"
            )
            for label, row in (("pre", delivery.pre), ("post", delivery.post)):
                if row is not None:
                    lines.append(
                        f"      {label}: seq {row.seq} deleted={row.deleted} {row.values} "
                        f"versions={row.versions}"
                    )
        for conflict_id, versions in ledger.conflicts.items():
            if any(str(record) in (v.values["record_id"], str(v.id)) for v in versions):
                for row in versions:
                    values = row.values
                    lines.append(
                        f"  conflict {conflict_id} seq {row.seq} {values['conflict_type']} "
                        f"{values['field_name']} state={values['state']} "
                        f"current={values['current_value']} by {values['current_by']} "
                        f"rival={values['rival_value']} by {values['rival_by']} "
                        f"to={values['addressed_to']} resolved={values['resolved_value']}"
                    )
        names = {str(c.person_id): c.name for c in world.clients}
        lines.append(f"  (persons: {names})")
    return lines
