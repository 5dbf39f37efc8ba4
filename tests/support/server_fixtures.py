"""Pytest fixtures and helpers for tests against the real server process.

Import the fixtures by name in a conftest.py (see tests/server/conftest.py).
`school_server` is one server per backend
for the whole session on the small school (tests/support/small_school.py):
tests that only read share it. `server_factory` gives a fresh database and
server to tests that change the school.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import Engine, insert, update

from server.db import make_engine, write_transaction
from server.services.accounts import auth
from server.tables import auth_token
from sync_protocol import versions
from tests.support.server_process import ServerProcess, run_cli
from tests.support.small_school import TEACHERS, SmallSchool, build_small_school

SYNC_HEADERS = {
    versions.PROTOCOL_HEADER: str(versions.PROTOCOL_VERSION),
    versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION),
}


def password_for(username: str) -> str:
    return f"{username}-lösenord-42"


def add_user(
    engine: Engine,
    username: str,
    *,
    role: str = "teacher",
    person_id: uuid.UUID | None = None,
    password: str | None = None,
) -> uuid.UUID:
    """An account written straight into the database (the CLI has its own tests)."""
    with write_transaction(engine) as conn:
        return auth.create_user(
            conn,
            username=username,
            password=password or password_for(username),
            display_name=username.title(),
            role=role,
            person_id=person_id,
        )


def make_expired_token(engine: Engine, user_id: uuid.UUID) -> str:
    """A token for the account that expired a minute ago, written into the database."""
    token = auth.TOKEN_PREFIX + uuid.uuid4().hex
    now = dt.datetime.now(dt.UTC)
    with write_transaction(engine) as conn:
        conn.execute(
            insert(auth_token).values(
                id=uuid.uuid4(),
                token_hash=auth.hash_token(token),
                user_id=user_id,
                device_name="test",
                created_at=now - dt.timedelta(days=15),
                expires_at=now - dt.timedelta(minutes=1),
            )
        )
    return token


def expire_token(engine: Engine, token: str) -> None:
    """Move an issued token's expiry into the past."""
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with write_transaction(engine) as conn:
        conn.execute(
            update(auth_token)
            .where(auth_token.c.token_hash == auth.hash_token(token))
            .values(expires_at=past)
        )


_loopback_numbers = itertools.count(1)


def new_source_address() -> str:
    """A loopback address no other test of this process has used (127.77.x.y).

    The server listens on 127.0.0.1, and Linux delivers all of 127/8 there,
    so a client bound to another loopback address reaches it from an
    address of its own: how tests play a guesser and the owner on two
    computers (the login throttle counts failures per address)."""
    n = next(_loopback_numbers)
    return f"127.77.{n // 250 % 250}.{n % 250 + 1}"


class _SourceAddressAdapter(HTTPAdapter):
    def __init__(self, source: str) -> None:
        self._source = source
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self._source, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(source: str) -> requests.Session:
    """A requests session whose connections come from `source` (a loopback address)."""
    session = requests.Session()
    session.mount("http://", _SourceAddressAdapter(source))
    return session


@dataclass
class RunningServer:
    """A server process on a database holding the small school."""

    process: ServerProcess
    engine: Engine
    school: SmallSchool
    user_ids: dict[str, uuid.UUID] = field(default_factory=dict)
    _tokens: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.process.url

    @property
    def database_url(self) -> str:
        return self.process.database_url

    def login(
        self,
        username: str,
        password: str | None = None,
        *,
        source: str | None = None,
        session: requests.Session | None = None,
    ) -> requests.Response:
        """POST /auth/login, from 127.0.0.1 or from `source` (see new_source_address),
        or on `session`'s connection."""
        body = {"username": username, "password": password or password_for(username)}
        url = self.url + "/api/v1/auth/login"
        if session is not None:
            return session.post(url, json=body, timeout=30)
        if source is None:
            return requests.post(url, json=body, timeout=30)
        with session_from(source) as bound:
            return bound.post(url, json=body, timeout=30)

    def token(self, username: str) -> str:
        """A token for the account, made once and reused."""
        if username not in self._tokens:
            response = self.login(username)
            assert response.status_code == 200, response.text
            self._tokens[username] = response.json()["token"]
        return self._tokens[username]

    def fresh_token(self, username: str) -> str:
        response = self.login(username)
        assert response.status_code == 200, response.text
        return str(response.json()["token"])

    def request(
        self, method: str, path: str, token: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if token is not None:
            headers.setdefault("Authorization", f"Bearer {token}")
        if path.startswith("/api/v1/sync/"):
            for name, value in SYNC_HEADERS.items():
                headers.setdefault(name, value)
        return requests.request(method, self.url + path, headers=headers, timeout=60, **kwargs)

    def get(self, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, token, **kwargs)

    def changes(self, token: str, cursor: str = "", limit: int = 1000) -> dict[str, Any]:
        response = self.get(
            "/api/v1/sync/changes", token, params={"cursor": cursor, "limit": limit}
        )
        assert response.status_code == 200, response.text
        page: dict[str, Any] = response.json()
        return page

    def pull_all(
        self, token: str, cursor: str = "", limit: int = 1000
    ) -> tuple[list[dict[str, Any]], str]:
        """Every page until has_more is false; (pages, last cursor)."""
        pages = []
        while True:
            page = self.changes(token, cursor, limit)
            pages.append(page)
            cursor = page["cursor"]
            if not page["has_more"]:
                return pages, cursor


def start_school_server(
    database_url: str,
    log_path: Path,
    *,
    env: dict[str, str] | None = None,
    args: Sequence[str] = (),
) -> RunningServer:
    """init-db, the small school and its accounts, then the server process
    (`args`: more arguments for `serve`, e.g. --workers 3)."""
    run_cli(database_url, "init-db")
    engine = make_engine(database_url)
    school = build_small_school(engine)
    server = RunningServer(
        ServerProcess(database_url, log_path, env=env, extra_args=args), engine, school
    )
    for username in TEACHERS:
        server.user_ids[username] = add_user(
            engine, username, person_id=school[f"teacher:{username}"]
        )
    server.user_ids["admin"] = add_user(engine, "admin", role="admin")
    server.process.start()
    return server


def stop_school_server(server: RunningServer) -> None:
    server.process.stop()
    server.engine.dispose()


class SchoolServers:
    """One shared server per backend, started when first asked for and
    stopped when the session ends (not at each switch of db_backend; see
    tests/conftest.py's BackendDatabases)."""

    def __init__(self, log_folder: Path) -> None:
        self._log_folder = log_folder
        self._started: dict[str, RunningServer] = {}

    def get(self, backend: str, database_factory: Callable[[], str]) -> RunningServer:
        if backend not in self._started:
            log = self._log_folder / f"server-{backend}.log"
            self._started[backend] = start_school_server(database_factory(), log)
        return self._started[backend]

    def stop(self) -> None:
        for server in self._started.values():
            stop_school_server(server)


@pytest.fixture(scope="session")
def school_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SchoolServers]:
    servers = SchoolServers(tmp_path_factory.mktemp("server-log"))
    yield servers
    servers.stop()


@pytest.fixture(scope="module")
def school_server(
    db_backend: str, database_factory: Callable[[], str], school_servers: SchoolServers
) -> RunningServer:
    """One shared server on the small school, per backend. Do not change its data."""
    return school_servers.get(db_backend, database_factory)


ServerFactory = Callable[..., RunningServer]


@pytest.fixture
def server_factory(database_factory: Callable[[], str], tmp_path: Path) -> Iterator[ServerFactory]:
    """Fresh servers on fresh databases (small school), stopped after the test."""
    started: list[RunningServer] = []

    def start(env: dict[str, str] | None = None, args: Sequence[str] = ()) -> RunningServer:
        server = start_school_server(
            database_factory(), tmp_path / f"server-{len(started)}.log", env=env, args=args
        )
        started.append(server)
        return server

    yield start
    for server in started:
        stop_school_server(server)
