"""Accounts, passwords and bearer tokens.

Passwords are argon2id hashes (argon2-cffi). A login hands out an opaque
random token; only its sha256 is stored, so a copy of the database does not
let anyone sign in. Tokens expire and logout revokes them.

Login throttling counts an attempt *before* checking the password and takes
it back on success, so a burst of parallel guesses cannot slip past the
limit. Unknown usernames are throttled (in memory) and answered exactly like
wrong passwords, so nobody can find out which usernames exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
import threading
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, and_, delete, insert, or_, select, update

from server.db import read_transaction, write_transaction
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
class ThrottlePolicy:
    max_failures: int
    window: dt.timedelta


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


# --- throttling of unknown usernames ----------------------------------------


class _UnknownNameThrottle:
    """Failure windows for usernames that have no account, kept in memory.

    Known accounts keep theirs in the database (user_account.failed_logins
    and .locked_until); an unknown name must be throttled the same way or the
    difference would reveal which names exist. Bounded, so a flood of random
    names cannot exhaust memory.
    """

    MAX_ENTRIES = 10_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, dt.datetime]] = {}

    def claim(self, name: str, policy: ThrottlePolicy, now: dt.datetime) -> dt.datetime | None:
        """Count an attempt; returns the window end when the name is locked."""
        with self._lock:
            count, window_end = self._windows.get(name, (0, now))
            if window_end <= now:
                count, window_end = 0, now + policy.window
            if count >= policy.max_failures:
                return window_end
            if name not in self._windows and len(self._windows) >= self.MAX_ENTRIES:
                self._evict(now)
            self._windows[name] = (count + 1, window_end)
            return None

    def _evict(self, now: dt.datetime) -> None:
        expired = [key for key, (_, end) in self._windows.items() if end <= now]
        for key in expired or list(self._windows)[: self.MAX_ENTRIES // 10]:
            del self._windows[key]


_unknown_names = _UnknownNameThrottle()


def _locked_error(window_end: dt.datetime, now: dt.datetime) -> TooManyAttempts:
    seconds = max(1, int((window_end - now).total_seconds() + 0.999))
    minutes = (seconds + 59) // 60
    return TooManyAttempts(
        f"Too many failed sign-in attempts. Wait {minutes} minute(s) and try again.",
        retry_after_seconds=seconds,
    )


def _claim_attempt(
    engine: Engine, username: str, policy: ThrottlePolicy, now: dt.datetime
) -> tuple[dict[str, object] | None, dt.datetime | None]:
    """Count one attempt against the name; (account row or None, lock end or None)."""
    with write_transaction(engine) as conn:
        row = (
            conn.execute(
                select(user_account).where(user_account.c.username == username).with_for_update()
            )
            .mappings()
            .first()
        )
        if row is None:
            return None, _unknown_names.claim(username, policy, now)
        failures: int = row["failed_logins"] or 0
        # locked_until holds the end of the current failure window: the
        # account is locked while the window is open and full.
        window_end: dt.datetime | None = row["locked_until"]
        if window_end is None or window_end <= now:
            failures, window_end = 0, now + policy.window
        if failures >= policy.max_failures:
            return dict(row), window_end
        conn.execute(
            update(user_account)
            .where(user_account.c.id == row["id"])
            .values(failed_logins=failures + 1, locked_until=window_end)
        )
        return dict(row), None


# --- login, tokens, logout --------------------------------------------------


def login(
    engine: Engine,
    username: str,
    password: str,
    *,
    device_name: str,
    token_ttl: dt.timedelta,
    policy: ThrottlePolicy,
    now: dt.datetime | None = None,
) -> IssuedToken:
    """Check the password and issue a token, or raise an AuthError."""
    now = now or utc_now()
    name = normalize_username(username)
    row, locked_until = _claim_attempt(engine, name, policy, now)
    if locked_until is not None:
        log.info("login refused: too many attempts (account %s)", row["id"] if row else "unknown")
        raise _locked_error(locked_until, now)
    wrong = InvalidCredentials("The username or password is wrong.")
    if row is None:
        _verify(_dummy_hash(), password)  # same work as a real check: no timing oracle
        log.info("login failed: unknown username")
        raise wrong
    if not _verify(str(row["password_hash"]), password):
        log.info("login failed: wrong password for account %s", row["id"])
        raise wrong
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
        values: dict[str, object] = {"failed_logins": 0, "locked_until": None}
        if new_hash is not None:
            values["password_hash"] = new_hash
        conn.execute(update(user_account).where(user_account.c.id == row["id"]).values(**values))
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
            failed_logins=0,
            locked_until=None,
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
    """New password; signs the account out everywhere and lifts a lock."""
    user_id = _account_id(conn, username)
    conn.execute(
        update(user_account)
        .where(user_account.c.id == user_id)
        .values(password_hash=hash_password(password), failed_logins=0, locked_until=None)
    )
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
