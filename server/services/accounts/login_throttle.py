"""Slowing down password guessing without locking the owner out (issue 12, part 2).

Three gates, each a row of login_throttle, shared by every worker process:

address
    Failures from one source address (an IPv6 address by its /64), whatever
    the username. After `address_free_failures` failures each next attempt
    from the address waits 1 s, 2 s, 4 s … up to `address_max_delay_seconds`.
    This is what stops a guesser; it hits the guesser's address, not the
    owner's. A success does not clear it (a guesser with an account of his
    own could clear it between guesses); it is forgotten `forget_seconds`
    after its last failure. At most `address_free_failures` attempts from one
    address are checked at the same time, minus its failures: a burst of
    parallel guesses cannot slip past the count.

account
    Failures on one username from anywhere, known name or not. After
    `account_free_failures` failures an address that tries the name again
    waits 1 s, 2 s, 4 s … up to `account_max_delay_seconds` (at most 10 s)
    after its own last attempt on the name: the "pair" row of address and
    name keeps that turn. So a flood of wrong guesses from elsewhere costs
    the owner at most that short wait, and a correct password after the wait
    always works: nobody else can take the owner's turn. A success clears
    the name's counter.

A refused attempt is not counted and its password is not checked; the answer
says how long to wait (Retry-After). Every row is keyed by the address and
the username as typed, whether an account has that name or not, and the
password is hashed for unknown names too, so answers and timing do not tell
which names exist. Rows are pruned once forgotten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from server.config import LoginThrottleSettings
from server.db import write_transaction
from server.tables import login_throttle

log = logging.getLogger(__name__)

ADDRESS = "address"
ACCOUNT = "account"
PAIR = "pair"

#: How often one process prunes forgotten rows (a login that is due does it).
PRUNE_INTERVAL_SECONDS = 60.0


def address_key(host: str | None) -> str:
    """The address a gate counts: IPv4 as it is, IPv6 by its /64 (one
    household's or one server's whole network), 'unknown' without one."""
    if not host:
        return "unknown"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _digest(*parts: str) -> str:
    # A username field sometimes holds a password typed in the wrong box:
    # names are kept only as hashes.
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def backoff_seconds(failures: int, free: int, cap: float) -> float:
    """The wait after `failures` failures in a row: 0 for the free ones, then 1, 2, 4 … ≤ cap."""
    if failures < free:
        return 0.0
    return min(cap, 2.0 ** min(failures - free, 30))


@dataclass(frozen=True)
class Attempt:
    """An attempt let through the gates; hand it back to finish()."""

    address: str
    account_key: str
    pair_key: str
    #: The address gate's next_attempt_at this attempt set while in flight,
    #: and what it was before (restored on success if nobody changed it).
    address_claim: tuple[dt.datetime, dt.datetime | None] | None


@dataclass(frozen=True)
class Refusal:
    """Too soon: try again after this many seconds."""

    wait_seconds: float

    @property
    def retry_after(self) -> int:
        return max(1, math.ceil(self.wait_seconds - 1e-6))


def _forget(policy: LoginThrottleSettings) -> dt.timedelta:
    return dt.timedelta(seconds=policy.forget_seconds)


def _live_failures(row: Any, now: dt.datetime, policy: LoginThrottleSettings) -> int:
    if row is None or row.last_failure_at is None:
        return 0
    if row.last_failure_at < now - _forget(policy):
        return 0
    return int(row.failures)


def _live_in_flight(row: Any, now: dt.datetime, policy: LoginThrottleSettings) -> int:
    # An attempt cut off by a crash stays "in flight" until the row is forgotten.
    if row is None or row.updated_at < now - _forget(policy):
        return 0
    return int(row.in_flight)


def _lock(conn: Connection, scope: str, key: str, now: dt.datetime) -> Any:
    """The gate's row, made if missing, locked until commit (SQLite: the
    write transaction holds the database's write lock already)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(
        dialect.insert(login_throttle)
        .values(scope=scope, key=key, failures=0, in_flight=0, updated_at=now)
        .on_conflict_do_nothing(index_elements=["scope", "key"])
    )
    return conn.execute(
        select(login_throttle)
        .where(login_throttle.c.scope == scope, login_throttle.c.key == key)
        .with_for_update()
    ).one()


def _read(conn: Connection, scope: str, key: str, *, lock: bool) -> Any:
    query = select(login_throttle).where(
        login_throttle.c.scope == scope, login_throttle.c.key == key
    )
    return conn.execute(query.with_for_update() if lock else query).first()


def _set(conn: Connection, scope: str, key: str, **values: Any) -> None:
    conn.execute(
        update(login_throttle)
        .where(login_throttle.c.scope == scope, login_throttle.c.key == key)
        .values(**values)
    )


def _wait(next_attempt_at: dt.datetime | None, now: dt.datetime) -> float:
    if next_attempt_at is None or next_attempt_at <= now:
        return 0.0
    return (next_attempt_at - now).total_seconds()


def begin(
    engine: Engine,
    policy: LoginThrottleSettings,
    host: str | None,
    username: str,
    now: dt.datetime,
) -> Attempt | Refusal:
    """Let an attempt through the gates (and count it in flight), or say how long to wait."""
    address = address_key(host)
    attempt_keys = (address, _digest(username), _digest(address, username))
    with write_transaction(engine) as conn:
        # Always address, then pair: the same order as finish(), so two
        # transactions never wait for each other's rows.
        at_address = _lock(conn, ADDRESS, address, now)
        account = _read(conn, ACCOUNT, attempt_keys[1], lock=False)
        account_failures = _live_failures(account, now, policy)
        # Once the name has had its free failures, this address's next
        # attempt on it waits for this one: its turn is claimed below, on the
        # pair's row, locked (made if missing) before anything is decided.
        pair_turn = account_failures >= policy.account_free_failures
        if pair_turn:
            pair = _lock(conn, PAIR, attempt_keys[2], now)
        else:
            pair = _read(conn, PAIR, attempt_keys[2], lock=True)
        wait = max(
            _wait(at_address.next_attempt_at, now),
            _wait(pair.next_attempt_at if pair is not None else None, now),
        )
        if wait > 0:
            return Refusal(wait)

        # The address gate: once its free attempts are used (failures and
        # attempts still being checked), one attempt at a time goes through.
        failures = _live_failures(at_address, now, policy)
        in_flight = _live_in_flight(at_address, now, policy)
        address_values: dict[str, Any] = {"in_flight": in_flight + 1, "updated_at": now}
        if failures == 0 and at_address.failures:
            address_values["failures"] = 0  # forgotten
        claim = None
        if failures + in_flight >= policy.address_free_failures:
            lease = backoff_seconds(
                failures + in_flight + 1,
                policy.address_free_failures,
                policy.address_max_delay_seconds,
            )
            claimed = now + dt.timedelta(seconds=lease)
            claim = (claimed, at_address.next_attempt_at)
            address_values["next_attempt_at"] = claimed
        _set(conn, ADDRESS, address, **address_values)

        if pair_turn:
            lease = backoff_seconds(
                account_failures + 1,
                policy.account_free_failures,
                policy.account_max_delay_seconds,
            )
            _set(
                conn,
                PAIR,
                attempt_keys[2],
                next_attempt_at=now + dt.timedelta(seconds=lease),
                updated_at=now,
            )
    return Attempt(*attempt_keys, address_claim=claim)


def finish(
    engine: Engine,
    policy: LoginThrottleSettings,
    attempt: Attempt,
    *,
    succeeded: bool,
    now: dt.datetime,
) -> None:
    """Count the attempt's outcome: a failure makes the next attempts wait,
    a success clears the name's counter (never the address's)."""
    with write_transaction(engine) as conn:
        at_address = _lock(conn, ADDRESS, attempt.address, now)
        address_values: dict[str, Any] = {
            "in_flight": max(0, _live_in_flight(at_address, now, policy) - 1),
            "updated_at": now,
        }
        # The wait as it would be without this attempt's claim, if nobody
        # changed it since.
        current = at_address.next_attempt_at
        if attempt.address_claim is not None and current == attempt.address_claim[0]:
            current = attempt.address_claim[1]
        if succeeded:
            address_values["next_attempt_at"] = current
            _set(conn, ADDRESS, attempt.address, **address_values)
            conn.execute(
                delete(login_throttle).where(
                    or_(
                        and_(
                            login_throttle.c.scope == ACCOUNT,
                            login_throttle.c.key == attempt.account_key,
                        ),
                        and_(
                            login_throttle.c.scope == PAIR,
                            login_throttle.c.key == attempt.pair_key,
                        ),
                    )
                )
            )
            return

        failures = _live_failures(at_address, now, policy) + 1
        wait = backoff_seconds(
            failures, policy.address_free_failures, policy.address_max_delay_seconds
        )
        address_values.update(
            failures=failures,
            last_failure_at=now,
            next_attempt_at=_later(current, now, wait),
        )
        _set(conn, ADDRESS, attempt.address, **address_values)
        if failures == policy.address_free_failures:
            log.warning(
                "sign-ins from %s are slowed down after %d failures in a row",
                attempt.address,
                failures,
            )

        account = _lock(conn, ACCOUNT, attempt.account_key, now)
        account_failures = _live_failures(account, now, policy) + 1
        _set(
            conn,
            ACCOUNT,
            attempt.account_key,
            failures=account_failures,
            last_failure_at=now,
            updated_at=now,
        )
        pair = _lock(conn, PAIR, attempt.pair_key, now)
        pair_wait = backoff_seconds(
            account_failures, policy.account_free_failures, policy.account_max_delay_seconds
        )
        _set(
            conn,
            PAIR,
            attempt.pair_key,
            failures=_live_failures(pair, now, policy) + 1,
            last_failure_at=now,
            next_attempt_at=_later(pair.next_attempt_at, now, pair_wait),
            updated_at=now,
        )


def _later(current: dt.datetime | None, now: dt.datetime, wait: float) -> dt.datetime | None:
    """A failure only ever lengthens a wait (another attempt may hold the gate)."""
    candidate = now + dt.timedelta(seconds=wait) if wait > 0 else None
    if current is None or current <= now:
        return candidate
    if candidate is None:
        return current
    return max(current, candidate)


def clear_account(conn: Connection, username: str) -> None:
    """Forget a name's failures (a new password set by the administrator)."""
    conn.execute(
        delete(login_throttle).where(
            login_throttle.c.scope == ACCOUNT, login_throttle.c.key == _digest(username)
        )
    )


def prune(engine: Engine, policy: LoginThrottleSettings, now: dt.datetime) -> int:
    """Delete the rows nothing depends on any more; the number deleted."""
    cutoff = now - _forget(policy)
    with write_transaction(engine) as conn:
        result = conn.execute(
            delete(login_throttle).where(
                login_throttle.c.updated_at < cutoff,
                or_(
                    login_throttle.c.last_failure_at.is_(None),
                    login_throttle.c.last_failure_at < cutoff,
                ),
                or_(
                    login_throttle.c.next_attempt_at.is_(None),
                    login_throttle.c.next_attempt_at < now,
                ),
            )
        )
    return int(result.rowcount or 0)


class _PruneSchedule:
    """At most one prune per interval in this process (the rows are shared;
    this only keeps each worker from pruning at every login)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = -math.inf

    def due(self) -> bool:
        with self._lock:
            now = time.monotonic()
            if now - self._last < PRUNE_INTERVAL_SECONDS:
                return False
            self._last = now
            return True


prune_schedule = _PruneSchedule()
