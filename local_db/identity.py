"""Who the cache belongs to: the signed-in user, as the server described them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from local_db.schema import identity as identity_table


@dataclass(frozen=True)
class Identity:
    user_id: uuid.UUID
    username: str
    display_name: str
    #: The teacher's person record; None for accounts without one (admin).
    person_id: uuid.UUID | None
    server_url: str
    role: str = "teacher"
    school_id: uuid.UUID | None = None


def get_identity(conn: Connection) -> Identity | None:
    row = conn.execute(select(identity_table).where(identity_table.c.id == 1)).mappings().first()
    if row is None:
        return None
    return Identity(
        user_id=row["user_id"],
        username=row["username"],
        display_name=row["display_name"],
        person_id=row["person_id"],
        server_url=row["server_url"],
        role=row["role"],
        school_id=row["school_id"],
    )


def set_identity(conn: Connection, identity: Identity) -> None:
    """Replace the stored identity (call inside Cache.begin())."""
    conn.execute(delete(identity_table))
    conn.execute(
        insert(identity_table).values(
            id=1,
            user_id=identity.user_id,
            username=identity.username,
            display_name=identity.display_name,
            role=identity.role,
            person_id=identity.person_id,
            school_id=identity.school_id,
            server_url=identity.server_url,
            signed_in_at=dt.datetime.now(dt.UTC),
        )
    )
