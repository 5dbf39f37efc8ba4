"""API clients: the systems that read the published SS 12000 API (issue 13).

Separate from accounts: a client is a system (the municipality's statistics,
a guardian portal), not a person, and its token opens /ss12000/v2/ only,
within its scopes. The token is random, printed once at creation; only its
sha256 is stored. A revoked client's row stays, so the list shows who had
access and until when.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update

from server.db import read_transaction, write_transaction
from server.services.accounts.auth import hash_token, utc_now
from server.tables import api_client, auth_token, user_account

#: What a client may read: one scope per published list (and its /{id}).
SCOPES: tuple[str, ...] = ("attendances", "absences", "aggregatedAttendance", "grades")
#: Marks our API-client tokens for secret scanners, and apart from sign-in tokens.
TOKEN_PREFIX = "kbapi1_"  # noqa: S105
_NAME_SHAPE = re.compile(r"^[\w.@+-]{1,100}$")
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,200}$")
#: How stale last_used_at may get before a request refreshes it (a write).
_LAST_USED_RESOLUTION = dt.timedelta(minutes=5)


class ApiClientError(ValueError):
    """A client command that cannot be done (unknown name, name taken, unknown scope)."""


class ClientRefused(Exception):
    """A request to /ss12000/ the API refuses: 401 (who are you?) or 403 (not this)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ApiClient:
    id: uuid.UUID
    name: str
    scopes: tuple[str, ...]
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


def parse_scopes(raw: Iterable[str]) -> tuple[str, ...]:
    """Scopes as given (repeated or comma-separated), checked, in SCOPES' order."""
    wanted = {part.strip() for item in raw for part in item.split(",") if part.strip()}
    unknown = sorted(wanted - set(SCOPES))
    if unknown:
        raise ApiClientError(f"unknown scope {', '.join(unknown)}; known: {', '.join(SCOPES)}")
    if not wanted:
        raise ApiClientError(f"give at least one --scope: {', '.join(SCOPES)}")
    return tuple(scope for scope in SCOPES if scope in wanted)


def create_client(conn: Connection, name: str, scopes: Iterable[str]) -> str:
    """Add a client; returns its token, which is never shown again."""
    if not _NAME_SHAPE.match(name):
        raise ApiClientError("a client's name is 1-100 letters, digits or . _ @ + -")
    checked = parse_scopes(scopes)
    taken = conn.execute(select(api_client.c.id).where(api_client.c.name == name)).first()
    if taken is not None:
        raise ApiClientError(f"there is already a client named {name!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    conn.execute(
        insert(api_client).values(
            id=uuid.uuid4(),
            name=name,
            scopes=" ".join(checked),
            token_hash=hash_token(token),
            created_at=utc_now(),
        )
    )
    return token


def list_clients(conn: Connection) -> list[ApiClient]:
    rows = conn.execute(select(api_client).order_by(api_client.c.name)).mappings()
    return [
        ApiClient(
            id=row["id"],
            name=row["name"],
            scopes=tuple(row["scopes"].split()),
            created_at=row["created_at"],
            last_used_at=row["last_used_at"],
            revoked_at=row["revoked_at"],
        )
        for row in rows
    ]


def revoke_client(conn: Connection, name: str) -> None:
    """Its token stops working at once; the row stays for the record."""
    found = conn.execute(
        select(api_client.c.id, api_client.c.revoked_at).where(api_client.c.name == name)
    ).first()
    if found is None:
        raise ApiClientError(f"no client named {name!r}")
    if found.revoked_at is not None:
        raise ApiClientError(f"{name!r} was already revoked")
    conn.execute(update(api_client).where(api_client.c.id == found.id).values(revoked_at=utc_now()))


def _is_account_token(conn: Connection, token_hash: str, now: dt.datetime) -> bool:
    found = conn.execute(
        select(auth_token.c.id)
        .join(user_account, user_account.c.id == auth_token.c.user_id)
        .where(
            auth_token.c.token_hash == token_hash,
            auth_token.c.revoked_at.is_(None),
            auth_token.c.expires_at > now,
            user_account.c.active.is_(True),
        )
    ).first()
    return found is not None


def authenticate_client(
    engine: Engine, token: str | None, scope: str | None, *, now: dt.datetime | None = None
) -> ApiClient:
    """The client a bearer token belongs to, if it may read `scope` (None: the
    caller checks the scopes); else ClientRefused."""
    now = now or utc_now()
    if not token:
        raise ClientRefused(401, "not_authenticated", "Send an API client's token as Bearer.")
    if not _TOKEN_SHAPE.match(token):
        raise ClientRefused(401, "token_invalid", "The token is malformed.")
    token_hash = hash_token(token)
    with read_transaction(engine) as conn:
        row = conn.execute(select(api_client).where(api_client.c.token_hash == token_hash)).first()
        if row is None and _is_account_token(conn, token_hash, now):
            # A teacher's or an administrator's sign-in: a person's access
            # follows their classes, the published API is for systems.
            raise ClientRefused(
                403,
                "forbidden",
                "A sign-in token does not open the SS 12000 API; an administrator "
                "creates an API client for a system (klassbok-server create-api-client).",
            )
    if row is None or row.revoked_at is not None:
        raise ClientRefused(401, "token_invalid", "Unknown or revoked API client token.")
    client = ApiClient(
        row.id, row.name, tuple(row.scopes.split()), row.created_at, now, row.revoked_at
    )
    if scope is not None and scope not in client.scopes:
        raise ClientRefused(
            403,
            "forbidden",
            f"This API client may not read {scope} (its scopes: {', '.join(client.scopes)}).",
        )
    if row.last_used_at is None or now - row.last_used_at > _LAST_USED_RESOLUTION:
        with write_transaction(engine) as conn:
            conn.execute(
                update(api_client).where(api_client.c.id == row.id).values(last_used_at=now)
            )
    return client
