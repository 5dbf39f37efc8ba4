"""A property-based fuzz run of the whole HTTP API (issue 12): no input gives a
5xx, and a rejected request changes nothing.

Schemathesis reads the OpenAPI the real server publishes and generates
requests for every operation, within the schema and (negative mode) outside
it, sent with a teacher's token and with a guardian reporter's. Each case
checks, against the real server on SQLite and on PostgreSQL (and with an SS
12000 API client's token, which opens the published /ss12000/v2/ routes):

- the status is below 500;
- a rejected request (4xx) moved no sequence number and recorded no op: the
  data is as it was.

CI runs KLASSBOK_FUZZ_EXAMPLES cases per operation and mode and token (the
default gives a few thousand in all); the seed is printed, and
KLASSBOK_FUZZ_SEED replays one run. Sign-in and sign-out are left out: a
random sign-in is the throttle's job (tests/server/accounts), and a sign-out
would end the token the run is using.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.result import Err
from sqlalchemy import func, select

from server.db import write_transaction
from server.services.ss12000_api.clients import SCOPES, create_client
from server.tables import applied_op
from tests.server.attendance.absence_support import add_reporter
from tests.server.sync.push_helpers import counter, module_server
from tests.support.server_fixtures import SYNC_HEADERS, RunningServer

fuzz_server = module_server()

EXAMPLES = int(os.environ.get("KLASSBOK_FUZZ_EXAMPLES", "25"))
SEED = int(os.environ.get("KLASSBOK_FUZZ_SEED", str(random.randrange(2**32))))
LEFT_OUT = {("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/logout")}


@pytest.fixture(scope="module")
def server(fuzz_server: RunningServer) -> RunningServer:
    school = fuzz_server.school["school:ekbacken"]
    fuzz_server.user_ids["fuzzklient"] = add_reporter(fuzz_server.engine, "fuzzklient", school)
    return fuzz_server


#: The account name that stands for an SS 12000 API client's token.
API_CLIENT = "ss12000-client"


@pytest.fixture(scope="module")
def api_client_token(fuzz_server: RunningServer) -> str:
    with write_transaction(fuzz_server.engine) as conn:
        return create_client(conn, "fuzz-system", SCOPES)


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as shared:
        yield shared


def _operations(server: RunningServer) -> list[Any]:
    document = requests.get(server.url + "/openapi.json", timeout=30).json()
    schema = schemathesis.openapi.from_dict(document)
    found = []
    for result in schema.get_all_operations():
        # An operation schemathesis cannot read fails the run (Err.err() raises nothing).
        assert not isinstance(result, Err), result.err()
        operation = result.ok()
        if (operation.method.upper(), operation.path) not in LEFT_OUT:
            found.append(operation)
    return found


def _applied_ops(server: RunningServer) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(applied_op)).scalar_one())


class _Run:
    """Sends each case with one token and keeps what went wrong."""

    def __init__(self, server: RunningServer, session: requests.Session, token: str) -> None:
        self.server = server
        self.session = session
        self.headers = dict(SYNC_HEADERS)
        self.auth = {"Authorization": f"Bearer {token}"}
        self.cases = 0
        self.statuses: dict[int, int] = {}
        self.failures: list[str] = []

    def send(self, case: Any) -> None:
        before = (counter(self.server), _applied_ops(self.server))
        # The case's own headers (the version headers, in and out of range)
        # over the defaults; but always this run's token: schemathesis would
        # otherwise send made-up bearer tokens, and every case would stop at
        # the door with 401.
        headers = {**self.headers, **(case.headers or {}), **self.auth}
        response = case.call(
            base_url=self.server.url, session=self.session, headers=headers, timeout=30
        )
        self.cases += 1
        status = response.status_code
        self.statuses[status] = self.statuses.get(status, 0) + 1
        where = f"{case.method} {case.formatted_path}"
        if status >= 500:
            self.failures.append(f"{where} answered {status}: {response.text[:300]}\n{case!r}")
        elif status >= 400 and (counter(self.server), _applied_ops(self.server)) != before:
            self.failures.append(f"{where} was refused with {status} but changed data\n{case!r}")


def _fuzz(run: _Run, operation: Any, mode: GenerationMode) -> None:
    strategy = operation.as_strategy(generation_mode=mode)

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=False,
    )
    @given(case=strategy)
    def each(case: Any) -> None:
        run.send(case)

    try:
        each()
    except Unsatisfiable:
        # Nothing to send outside the schema: an operation without parameters
        # or body (GET /healthz). Its positive cases were sent.
        assert mode is GenerationMode.NEGATIVE, operation.path


@pytest.mark.parametrize("account", ["anna", "fuzzklient", API_CLIENT])
def test_no_input_gives_a_server_error_or_changes_data_when_refused(
    server: RunningServer, session: requests.Session, account: str, api_client_token: str
) -> None:
    print(f"fuzz seed {SEED} (KLASSBOK_FUZZ_SEED={SEED} replays it), {EXAMPLES} examples")
    token = api_client_token if account == API_CLIENT else server.token(account)
    run = _Run(server, session, token)
    operations = _operations(server)
    assert len(operations) >= 15, [op.path for op in operations]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(run, operation, mode)
    statuses = sorted(run.statuses.items())
    print(f"{run.cases} cases over {len(operations)} operations; statuses {statuses}")
    assert not run.failures, f"seed {SEED}:\n" + "\n\n".join(run.failures[:10])
    # The run reached the routes' own answers, not only the door.
    assert any(200 <= status < 300 for status in run.statuses), run.statuses
    assert any(status == 422 for status in run.statuses), run.statuses
