"""Login throttling against the real server (issue 12, part 2): guessing is
slowed down per address and per username, the owner is never kept out for
more than a few seconds, and every worker process counts alike.

Each test plays its computers from loopback addresses of their own
(new_source_address): the server counts failures per address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import threading
import time
from collections import Counter
from typing import Any

import pytest
import requests
from sqlalchemy import func, insert, select

from server.config import LoginThrottleSettings, SettingsError
from server.services.accounts import login_throttle
from server.services.accounts.login_throttle import address_key, backoff_seconds
from server.tables import login_throttle as login_throttle_table
from sync_protocol.hlc import HlcStamp
from tests.support.server_fixtures import (
    SYNC_HEADERS,
    RunningServer,
    ServerFactory,
    add_user,
    new_source_address,
    session_from,
)

POLICY = LoginThrottleSettings()


def _flood(
    server: RunningServer,
    usernames: list[str],
    sources: list[str],
    *,
    seconds: float = 600.0,
    guesses: int = 1_000_000,
    threads_per_source: int = 1,
) -> Counter[int]:
    """Wrong guesses for `usernames` in turn from `sources`, as fast as the
    server answers, for `seconds` or `guesses` per thread; the statuses counted."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def guess(source: str) -> None:
        with session_from(source) as session:
            for n in range(guesses):
                if time.monotonic() > deadline:
                    return
                name = usernames[n % len(usernames)]
                status = server.login(name, f"guess-{n}", session=session).status_code
                with lock:
                    statuses[status] += 1

    threads = [
        threading.Thread(target=guess, args=(source,))
        for source in sources
        for _ in range(threads_per_source)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(min(seconds, 600) + 60)
    return statuses


def _name_failures(server: RunningServer, username: str) -> int:
    key = hashlib.sha256(username.encode("utf-8")).hexdigest()
    with server.engine.connect() as conn:
        failures = conn.execute(
            select(login_throttle_table.c.failures).where(
                login_throttle_table.c.scope == login_throttle.ACCOUNT,
                login_throttle_table.c.key == key,
            )
        ).scalar()
    return int(failures or 0)


def _answer(response: requests.Response) -> tuple[int, Any, dict[str, str]]:
    # The date and the request id differ by nature (a new id for every request).
    headers = {
        k.lower(): v
        for k, v in response.headers.items()
        if k.lower() not in ("date", "x-request-id")
    }
    return response.status_code, response.json(), headers


# --- the policy's numbers --------------------------------------------------------


def test_the_waits_double_after_the_free_failures_up_to_the_cap() -> None:
    waits = [backoff_seconds(n, free=3, cap=4.0) for n in range(8)]
    assert waits == [0, 0, 0, 1, 2, 4, 4, 4]
    address = [backoff_seconds(n, free=10, cap=60.0) for n in range(9, 18)]
    assert address == [0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff_seconds(10_000, free=10, cap=60.0) == 60


def test_an_ipv6_address_counts_by_its_network() -> None:
    assert address_key("203.0.113.7") == "203.0.113.7"
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9")
    assert address_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert address_key("::ffff:203.0.113.7") == "203.0.113.7"
    assert address_key(None) == "unknown"


def test_the_owner_cannot_be_kept_waiting_long_by_a_setting() -> None:
    with pytest.raises(SettingsError, match="KLASSBOK_LOGIN_ACCOUNT_MAX_DELAY_SECONDS"):
        LoginThrottleSettings(account_max_delay_seconds=60)


# --- against the server --------------------------------------------------------


def test_a_flood_from_one_address_is_slowed_down_and_does_not_lock_the_owner_out(
    school_server: RunningServer,
) -> None:
    add_user(school_server.engine, "flooded.teacher")
    attacker, owner = new_source_address(), new_source_address()
    # The owner's name and twenty others, from four parallel guessers at once.
    names = ["flooded.teacher"] + [f"sprayed.name.{n}" for n in range(20)]
    started = time.monotonic()
    statuses = _flood(school_server, names, [attacker], guesses=15, threads_per_source=4)
    elapsed = time.monotonic() - started
    # Passwords checked: the address's 10 free ones, then one per opening of
    # its wait, which doubles from 1 s (openings at 1, 3, 7, 15 … s).
    openings = int(math.log2(elapsed + 1))
    assert statuses[401] <= POLICY.address_free_failures + openings + 1, (statuses, elapsed)
    assert statuses[429] >= 60 - statuses[401] > 40, statuses
    # The owner, on another computer, signs in at the first try.
    assert school_server.login("flooded.teacher", source=owner).status_code == 200


def test_the_owner_gets_in_after_a_short_wait_while_many_addresses_guess(
    school_server: RunningServer,
) -> None:
    add_user(school_server.engine, "targeted.teacher")
    guessers = [new_source_address() for _ in range(4)]
    stop_after = 8.0
    flood = threading.Thread(
        target=_flood,
        args=(school_server, ["targeted.teacher"], guessers),
        kwargs={"seconds": stop_after},
    )
    flood.start()
    try:
        deadline = time.monotonic() + stop_after
        while _name_failures(school_server, "targeted.teacher") < POLICY.account_free_failures:
            assert time.monotonic() < deadline, "the guessers never got going"
            time.sleep(0.05)
        with session_from(new_source_address()) as owner:
            # A typo: the owner's next attempt waits the name's short backoff ...
            typo = school_server.login("targeted.teacher", "typo", session=owner)
            assert typo.status_code == 401
            refused = school_server.login("targeted.teacher", session=owner)
            assert refused.status_code == 429
            wait = int(refused.headers["Retry-After"])
            assert 1 <= wait <= POLICY.account_max_delay_seconds
            assert refused.json()["detail"] == {"retry_after_seconds": wait}
            # ... and after it the right password works, guesses or not.
            time.sleep(wait)
            assert school_server.login("targeted.teacher", session=owner).status_code == 200
    finally:
        flood.join(stop_after + 60)


def test_known_and_unknown_names_get_the_same_answers(school_server: RunningServer) -> None:
    """Status, body and headers alike at each step, or a 429 (or its
    absence) would tell which names have an account."""
    add_user(school_server.engine, "real.teacher")
    answers = {}
    for name in ("real.teacher", "made.up.teacher"):
        with session_from(new_source_address()) as session:
            steps = [school_server.login(name, "guess", session=session) for _ in range(4)]
            time.sleep(float(steps[-1].headers.get("Retry-After", "0")))
            steps.append(school_server.login(name, "guess", session=session))
            steps.append(school_server.login(name, "guess", session=session))
        answers[name] = [_answer(step) for step in steps]
    known, unknown = answers["real.teacher"], answers["made.up.teacher"]
    assert [a[0] for a in known] == [401, 401, 401, 429, 401, 429]
    assert known == unknown
    assert known[3][1] == {
        "error": "too_many_attempts",
        "message": "Too many failed sign-in attempts. Wait 1 second and try again.",
        "detail": {"retry_after_seconds": 1},
    }
    assert known[3][2]["retry-after"] == "1"
    assert known[5][2]["retry-after"] == "2"


def test_parallel_correct_logins_all_succeed(school_server: RunningServer) -> None:
    add_user(school_server.engine, "busy.teacher")
    source = new_source_address()
    parallel = 8
    barrier = threading.Barrier(parallel)
    statuses: list[int] = []

    def sign_in(source: str) -> None:
        barrier.wait()
        statuses.append(school_server.login("busy.teacher", source=source).status_code)

    def all_at_once(sources: list[str]) -> list[int]:
        statuses.clear()
        threads = [threading.Thread(target=sign_in, args=(s,)) for s in sources]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        return sorted(statuses)

    # From one computer (the app and a second window at once) ...
    assert all_at_once([source] * parallel) == [200] * parallel
    # ... and from many, while guessers have pushed the name into its backoff.
    _flood(school_server, ["busy.teacher"], [new_source_address() for _ in range(3)], guesses=3)
    assert _name_failures(school_server, "busy.teacher") >= POLICY.account_free_failures
    assert all_at_once([new_source_address() for _ in range(parallel)]) == [200] * parallel


def test_parallel_guesses_on_a_name_in_its_backoff_get_one_turn(
    school_server: RunningServer,
) -> None:
    """The turn is claimed before the password is checked, on a row locked
    (or made) first: of guesses sent at once from one address, one is checked."""
    add_user(school_server.engine, "guessed.teacher")
    guessers = [new_source_address() for _ in range(3)]
    _flood(school_server, ["guessed.teacher"], guessers, guesses=2)
    assert _name_failures(school_server, "guessed.teacher") >= POLICY.account_free_failures
    source = new_source_address()
    barrier = threading.Barrier(6)
    statuses: list[int] = []

    def guess(n: int) -> None:
        barrier.wait()
        statuses.append(school_server.login("guessed.teacher", f"g{n}", source=source).status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(statuses) == [401] + [429] * 5


def test_a_success_clears_the_names_count_but_not_the_addresss(
    school_server: RunningServer,
) -> None:
    add_user(school_server.engine, "typing.teacher")
    with session_from(new_source_address()) as session:
        # Two typos before each success: a name that kept its count would
        # wait after its third failure.
        for _ in range(4):
            for _ in range(2):
                wrong = school_server.login("typing.teacher", "typo", session=session)
                assert wrong.status_code == 401
            assert school_server.login("typing.teacher", session=session).status_code == 200
        # The address kept its eight failures (a guesser's own account must
        # not clear them): two more, on any names, and it waits.
        for name in ("other.name.1", "other.name.2"):
            assert school_server.login(name, "typo", session=session).status_code == 401
        refused = school_server.login("typing.teacher", session=session)
        assert (refused.status_code, refused.headers["Retry-After"]) == (429, "1")


def _worker_sessions(server: RunningServer, source: str) -> dict[str, requests.Session]:
    """Keep-alive sessions from `source`, one on each of two worker processes
    (the change feed's server_hlc names the process that answered)."""
    token = server.token("anna")
    found: dict[str, requests.Session] = {}
    for _ in range(40):
        session = session_from(source)
        page = session.get(
            server.url + "/api/v1/sync/changes",
            params={"cursor": "", "limit": 1},
            headers={**SYNC_HEADERS, "Authorization": f"Bearer {token}"},
            timeout=30,
        )
        assert page.status_code == 200, page.text
        node = HlcStamp.parse(page.json()["server_hlc"]).node
        if node in found or len(found) == 2:
            session.close()
        else:
            found[node] = session
        if len(found) == 2:
            return found
    for session in found.values():
        session.close()
    pytest.fail(f"40 connections all reached the same worker: {list(found)}")


def test_two_worker_processes_count_the_same_failures(server_factory: ServerFactory) -> None:
    server = server_factory(args=["--workers", "2"])
    add_user(server.engine, "shared.teacher")
    add_user(server.engine, "other.teacher")
    sessions = list(_worker_sessions(server, new_source_address()).values())
    try:
        # The name's free failures, alternately on each worker, then its wait:
        # each worker counted the other's.
        statuses = [
            server.login("shared.teacher", "guess", session=sessions[n % 2]).status_code
            for n in range(4)
        ]
        assert statuses == [401, 401, 401, 429]
        # A success on one worker clears the count on the other.
        time.sleep(1)
        assert server.login("shared.teacher", session=sessions[0]).status_code == 200
        for _ in range(3):
            assert server.login("shared.teacher", "guess", session=sessions[1]).status_code == 401
        # The address's count, on both, reaches its backoff after 10 failures.
        for n in range(4):
            answer = server.login(f"other.name.{n}", "guess", session=sessions[n % 2])
            assert answer.status_code == 401
        refused = server.login("other.teacher", "guess", session=sessions[0])
        assert (refused.status_code, refused.headers["Retry-After"]) == (429, "1")
        refused = server.login("other.teacher", session=sessions[1])
        assert refused.status_code == 429
    finally:
        for session in sessions:
            session.close()


def _rows(server: RunningServer) -> int:
    with server.engine.connect() as conn:
        return int(
            conn.execute(select(func.count()).select_from(login_throttle_table)).scalar_one()
        )


def test_forgotten_rows_are_pruned(server_factory: ServerFactory) -> None:
    server = server_factory()
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    with server.engine.begin() as conn:
        conn.execute(
            insert(login_throttle_table),
            [
                {
                    "scope": login_throttle.ACCOUNT,
                    "key": f"{n:064x}",
                    "failures": 7,
                    "in_flight": 0,
                    "last_failure_at": long_ago,
                    "next_attempt_at": long_ago,
                    "updated_at": long_ago,
                }
                for n in range(50)
            ],
        )
    assert _rows(server) == 50
    # The server prunes at its first login (then at most once a minute).
    assert server.login("anna", "typo", source=new_source_address()).status_code == 401
    # Left: the three rows of this failure (address, name, address and name).
    assert _rows(server) == 3


def test_pruning_keeps_what_still_counts(school_server: RunningServer) -> None:
    now = dt.datetime.now(dt.UTC)
    old = now - dt.timedelta(seconds=POLICY.forget_seconds + 1)
    rows: list[dict[str, Any]] = [
        {"key": "old-failure", "last_failure_at": old, "updated_at": old},
        {"key": "recent-failure", "last_failure_at": now, "updated_at": now},
        {"key": "old-untouched", "last_failure_at": None, "updated_at": old},
        {"key": "still-waiting", "last_failure_at": old, "updated_at": old,
         "next_attempt_at": now + dt.timedelta(seconds=30)},
    ]  # fmt: skip
    scope = "test-prune"
    with school_server.engine.begin() as conn:
        conn.execute(
            insert(login_throttle_table),
            [{"scope": scope, "failures": 1, "in_flight": 0, "next_attempt_at": None} | r
             for r in rows],
        )  # fmt: skip
    login_throttle.prune(school_server.engine, POLICY, now)
    with school_server.engine.connect() as conn:
        left = set(
            conn.execute(
                select(login_throttle_table.c.key).where(login_throttle_table.c.scope == scope)
            ).scalars()
        )
    assert left == {"recent-failure", "still-waiting"}
