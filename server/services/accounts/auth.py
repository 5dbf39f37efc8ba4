"""Accounts, passwords and bearer tokens.

Passwords are argon2id hashes (argon2-cffi). A login hands out an opaque
random token; only its sha256 is stored, so a copy of the database does not
let anyone sign in. Tokens expire and logout revokes them.

Failed logins slow down further attempts from the same address and on the
same username (server.services.accounts.login_throttle), never for more than
a few seconds for the owner. Unknown usernames are throttled and answered
exactly like wrong passwords, with the same password hashing, so nobody can
find out which usernames exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, and_, delete, insert, or_, select, update

from server.config import LoginThrottleSettings
from server.db import read_transaction, write_transaction
from server.services.accounts import login_throttle
from server.tables import auth_token, user_account

log = logging.getLogger(__name__)

Role = Literal["teacher", "admin", "absence_reporter"]
ROLES: tuple[str, ...] = get_args(Role)

TOKEN_PREFIX = "kb1_"  # noqa: S105 (marks our tokens for secret scanners)
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,200}$")
_USERNAME_SHAPE = re.compile(r"^[\w.@+-]{1,100}$")
MIN_PASSWORD_LENGTH = 8
#: How stale last_used_at may get before a request refreshes it (a write).
_LAST_USED_RESOLUTION = dt.timedelta(minutes=5)
#: Expired or revoked tokens are kept this long for the record, then deleted.
_TOKEN_RETENTION = dt.timedelta(days=30)


# --- errors ----------------------------------------------------------------


class AuthError(Exception):
    """A refusal the caller can act on; `code` is the API error code."""

    code = "not_authenticated"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidCredentials(AuthError):
    code = "invalid_credentials"


class TooManyAttempts(AuthError):
    code = "too_many_attempts"

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class AccountDisabled(AuthError):
    code = "account_disabled"


class NotAuthenticated(AuthError):
    code = "not_authenticated"


class TokenInvalid(AuthError):
    code = "token_invalid"


class TokenExpired(AuthError):
    code = "token_expired"


class AccountError(ValueError):
    """An account command that cannot be done (unknown user, name taken, weak password)."""


# --- values -----------------------------------------------------------------


@dataclass(frozen=True)
class AuthenticatedUser:
    """Who is calling; what every authenticated route receives."""

    user_id: uuid.UUID
    username: str
    display_name: str
    role: str
    person_id: uuid.UUID | None
    school_id: uuid.UUID | None
    token_id: uuid.UUID
    active: bool = True


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: dt.datetime
    user: AuthenticatedUser


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- passwords --------------------------------------------------------------


@cache
def _hasher() -> PasswordHasher:
    # argon2-cffi's defaults are argon2id with the RFC 9106 low-memory profile.
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_hex(16))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _verify(stored_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalize_username(username: str) -> str:
    return username.strip().casefold()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > 1000:
        raise AccountError("the password may have at most 1000 characters")


# --- throttling ---------------------------------------------------------------


def _wait_error(refusal: login_throttle.Refusal) -> TooManyAttempts:
    seconds = refusal.retry_after
    if seconds < 120:
        wait = f"{seconds} second{'s' if seconds != 1 else ''}"
    else:
        wait = f"{(seconds + 59) // 60} minutes"
    return TooManyAttempts(
        f"Too many failed sign-in attempts. Wait {wait} and try again.",
        retry_after_seconds=seconds,
    )


def _find_account(engine: Engine, username: str) -> dict[str, object] | None:
    with read_transaction(engine) as conn:
        row = (
            conn.execute(select(user_account).where(user_account.c.username == username))
            .mappings()
            .first()
        )
    return dict(row) if row is not None else None


def _check_password(
    engine: Engine,
    policy: LoginThrottleSettings,
    attempt: login_throttle.Attempt,
    name: str,
    password: str,
    *,
    now: dt.datetime,
) -> dict[str, object] | None:
    """The account when the password is right, else None; counted either way."""
    started = time.monotonic()
    succeeded = False
    try:
        row = _find_account(engine, name)
        if row is None:
            _verify(_dummy_hash(), password)  # same work as a real check: no timing oracle
            log.info("login failed: unknown username (from %s)", attempt.address)
            return None
        if not _verify(str(row["password_hash"]), password):
            log.info(
                "login failed: wrong password for account %s (from %s)", row["id"], attempt.address
            )
            return None
        succeeded = True
        return row
    finally:
        # Also when the check itself failed (the database went away): the
        # attempt is no longer in flight, and counts as a failure.
        finished = now + dt.timedelta(seconds=time.monotonic() - started)
        login_throttle.finish(engine, policy, attempt, succeeded=succeeded, now=finished)
        if login_throttle.prune_schedule.due():
            login_throttle.prune(engine, policy, finished)


# --- login, tokens, logout --------------------------------------------------


def login(
    engine: Engine,
    username: str,
    password: str,
    *,
    device_name: str,
    token_ttl: dt.timedelta,
    policy: LoginThrottleSettings,
    client_address: str | None = None,
    now: dt.datetime | None = None,
) -> IssuedToken:
    """Check the password and issue a token, or raise an AuthError.

    `client_address` is the caller's IP address (the proxy's forwarded one
    behind a TLS proxy); the throttle counts failures by it."""
    now = now or utc_now()
    name = normalize_username(username)
    attempt = login_throttle.begin(engine, policy, client_address, name, now)
    if isinstance(attempt, login_throttle.Refusal):
        log.info(
            "login refused: too many failures (from %s; wait %d s)",
            login_throttle.address_key(client_address),
            attempt.retry_after,
        )
        raise _wait_error(attempt)
    row = _check_password(engine, policy, attempt, name, password, now=now)
    if row is None:
        raise InvalidCredentials("The username or password is wrong.")
    if not row["active"]:
        raise AccountDisabled(
            "This account has been disabled. Ask the school's administrator to enable it."
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = uuid.uuid4()
    expires_at = now + token_ttl
    new_hash = (
        hash_password(password) if _hasher().check_needs_rehash(str(row["password_hash"])) else None
    )
    with write_transaction(engine) as conn:
        if new_hash is not None:
            conn.execute(
                update(user_account)
                .where(user_account.c.id == row["id"])
                .values(password_hash=new_hash)
            )
        conn.execute(
            delete(auth_token).where(
                auth_token.c.user_id == row["id"],
                or_(
                    auth_token.c.expires_at < now - _TOKEN_RETENTION,
                    auth_token.c.revoked_at < now - _TOKEN_RETENTION,
                ),
            )
        )
        conn.execute(
            insert(auth_token).values(
                id=token_id,
                token_hash=hash_token(token),
                user_id=row["id"],
                device_name=device_name[:100],
                created_at=now,
                expires_at=expires_at,
                last_used_at=now,
            )
        )
    log.info("login: account %s, token %s", row["id"], token_id)
    user = AuthenticatedUser(
        user_id=row["id"],  # type: ignore[arg-type]
        username=str(row["username"]),
        display_name=str(row["display_name"]),
        role=str(row["role"]),
        person_id=row["person_id"],  # type: ignore[arg-type]
        school_id=row["school_id"],  # type: ignore[arg-type]
        token_id=token_id,
    )
    return IssuedToken(token=token, expires_at=expires_at, user=user)


def authenticate(
    engine: Engine, token: str, *, now: dt.datetime | None = None
) -> AuthenticatedUser:
    """The account a bearer token belongs to, or NotAuthenticated/TokenInvalid/TokenExpired."""
    now = now or utc_now()
    if not _TOKEN_SHAPE.match(token):
        raise NotAuthenticated("The sign-in token is malformed. Sign in again.")
    query = (
        select(
            auth_token.c.id.label("token_id"),
            auth_token.c.expires_at,
            auth_token.c.revoked_at,
            auth_token.c.last_used_at,
            user_account.c.id.label("user_id"),
            user_account.c.username,
            user_account.c.display_name,
            user_account.c.role,
            user_account.c.person_id,
            user_account.c.school_id,
            user_account.c.active,
        )
        .join(user_account, user_account.c.id == auth_token.c.user_id)
        .where(auth_token.c.token_hash == hash_token(token))
    )
    with read_transaction(engine) as conn:
        row = conn.execute(query).mappings().first()
    if row is None or row["revoked_at"] is not None or not row["active"]:
        raise TokenInvalid("You have been signed out. Sign in again.")
    if row["expires_at"] <= now:
        raise TokenExpired("Your session has expired. Sign in again.")
    last_used: dt.datetime | None = row["last_used_at"]
    if last_used is None or now - last_used > _LAST_USED_RESOLUTION:
        with write_transaction(engine) as conn:
            conn.execute(
                update(auth_token)
                .where(auth_token.c.id == row["token_id"])
                .values(last_used_at=now)
            )
    return AuthenticatedUser(
        user_id=row["user_id"],
        username=row["username"],
        display_name=row["display_name"],
        role=row["role"],
        person_id=row["person_id"],
        school_id=row["school_id"],
        token_id=row["token_id"],
    )


def logout(engine: Engine, user: AuthenticatedUser, *, now: dt.datetime | None = None) -> None:
    """Revoke the token the caller used."""
    with write_transaction(engine) as conn:
        conn.execute(
            update(auth_token)
            .where(auth_token.c.id == user.token_id, auth_token.c.revoked_at.is_(None))
            .values(revoked_at=now or utc_now())
        )
    log.info("logout: account %s, token %s", user.user_id, user.token_id)


# --- account administration (CLI) -------------------------------------------


def create_user(
    conn: Connection,
    *,
    username: str,
    password: str,
    display_name: str,
    role: str,
    person_id: uuid.UUID | None = None,
    school_id: uuid.UUID | None = None,
    now: dt.datetime | None = None,
) -> uuid.UUID:
    """Add an account; AccountError when the name is taken or a value is unfit.

    The password strength check is the caller's choice (the CLI applies
    check_new_password; the demo school uses a short shared password).
    """
    name = normalize_username(username)
    if not _USERNAME_SHAPE.match(name):
        raise AccountError(
            f"a username has 1 to 100 letters, digits or . _ @ + - (no spaces), not {username!r}"
        )
    if role not in ROLES:
        raise AccountError(f"the role must be one of {', '.join(ROLES)}, not {role!r}")
    if not display_name.strip():
        raise AccountError("the display name may not be empty")
    if not password:
        raise AccountError("the password may not be empty")
    taken = conn.execute(select(user_account.c.id).where(user_account.c.username == name)).first()
    if taken is not None:
        raise AccountError(f"the username {name!r} is already taken")
    user_id = uuid.uuid4()
    conn.execute(
        insert(user_account).values(
            id=user_id,
            username=name,
            password_hash=hash_password(password),
            display_name=display_name.strip()[:200],
            role=role,
            person_id=person_id,
            school_id=school_id,
            active=True,
            created_at=now or utc_now(),
        )
    )
    return user_id


def _account_id(conn: Connection, username: str) -> uuid.UUID:
    name = normalize_username(username)
    found = conn.execute(select(user_account.c.id).where(user_account.c.username == name)).first()
    if found is None:
        raise AccountError(f"there is no account named {name!r}")
    user_id: uuid.UUID = found[0]
    return user_id


def revoke_all_tokens(conn: Connection, user_id: uuid.UUID, now: dt.datetime) -> int:
    result = conn.execute(
        update(auth_token)
        .where(and_(auth_token.c.user_id == user_id, auth_token.c.revoked_at.is_(None)))
        .values(revoked_at=now)
    )
    return result.rowcount


def set_password(
    conn: Connection, username: str, password: str, *, now: dt.datetime | None = None
) -> uuid.UUID:
    """New password; signs the account out everywhere and forgets its failed logins."""
    user_id = _account_id(conn, username)
    conn.execute(
        update(user_account)
        .where(user_account.c.id == user_id)
        .values(password_hash=hash_password(password))
    )
    login_throttle.clear_account(conn, normalize_username(username))
    revoke_all_tokens(conn, user_id, now or utc_now())
    return user_id


def set_active(
    conn: Connection, username: str, *, active: bool, now: dt.datetime | None = None
) -> uuid.UUID:
    """Disable (signing out everywhere) or enable an account."""
    user_id = _account_id(conn, username)
    conn.execute(update(user_account).where(user_account.c.id == user_id).values(active=active))
    if not active:
        revoke_all_tokens(conn, user_id, now or utc_now())
    return user_id
