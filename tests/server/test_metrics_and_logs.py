"""Operations on the real server process (issue 12, part 6): Prometheus
metrics and structured logs with request ids.

/metrics counts requests by route template and status, with latency,
push and pull sizes and the notice queue, summed over every worker; it is
read from loopback or with the metrics token. JSON logs carry the request
id the caller sees in X-Request-Id, and never a token, a password or a
pupil's name.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import anyio
import httpx
import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from server.app import create_app
from server.config import load_settings
from tests.server.sync.push_helpers import TeacherClient
from tests.support.server_fixtures import RunningServer, ServerFactory, password_for

METRICS_TOKEN = "m" * 24


def _samples(server: RunningServer, **headers: str) -> dict[tuple[str, tuple[Any, ...]], float]:
    response = requests.get(server.url + "/metrics", headers=headers, timeout=10)
    assert response.status_code == 200, response.text
    found = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def _count(samples: dict[tuple[str, tuple[Any, ...]], float], name: str, **labels: str) -> float:
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= set(ls))


def _activity(server: RunningServer) -> None:
    """A sign-in, a pull and a push of a roll-call mark, as the app does."""
    anna = TeacherClient(server, "anna")
    assert server.changes(anna.token)["changes"] is not None
    lesson = server.school["lesson:ma7a:1"]
    pupil = server.school["pupil:axel"]
    from sync_protocol import ids

    record = ids.attendance_id(lesson, pupil)
    fields = {
        "lesson_id": str(lesson),
        "pupil_id": str(pupil),
        "activity_id": str(server.school["activity:ma7a"]),
        "status": "late",
        "late_minutes": 5,
    }
    result = anna.result(anna.op("attendance", record, fields))
    assert result["outcome"] in ("applied", "merged"), result


@pytest.mark.parametrize("workers", [1, 2])
def test_metrics_count_requests_by_route_over_every_worker(
    server_factory: ServerFactory, workers: int
) -> None:
    args = [] if workers == 1 else ["--workers", str(workers)]
    server = server_factory(args=args)
    before = _samples(server)
    _activity(server)
    for _ in range(6):  # several connections: with two workers both answer some
        requests.get(server.url + "/healthz", timeout=5)
    after = _samples(server)
    push_route = "/api/v1/sync/push"

    def grew(name: str, **labels: str) -> float:
        return _count(after, name, **labels) - _count(before, name, **labels)

    assert grew("klassbok_http_requests_total", route=push_route, status="200") == 1
    assert grew("klassbok_http_requests_total", route="/healthz", status="200") == 6
    assert grew("klassbok_http_request_duration_seconds_count", route=push_route) == 1
    assert grew("klassbok_push_ops_count") == 1
    assert grew("klassbok_push_ops_sum") == 1, "one op in the push"
    assert grew("klassbok_pull_records_count") >= 1
    assert ("klassbok_notice_queue_length", ()) in after
    # A path with an id is counted under its template, an unknown path under one label.
    requests.get(server.url + f"/api/v1/no-such-thing/{uuid.uuid4()}", timeout=5)
    labels = {
        dict(ls).get("route") for (n, ls) in _samples(server) if n.startswith("klassbok_http")
    }
    assert "unmatched" in labels
    assert not any(label and "no-such-thing" in label for label in labels)


def test_metrics_from_elsewhere_need_the_token(server_factory: ServerFactory) -> None:
    """The app itself, asked as a client on another host (the real server
    process listens on loopback only, so the address is set in-process)."""
    server = server_factory()
    settings = load_settings(
        database_url=server.database_url, env={"KLASSBOK_METRICS_TOKEN": METRICS_TOKEN}
    )
    app = create_app(settings)

    def ask(client: str, **headers: str) -> int:
        async def get() -> int:
            transport = httpx.ASGITransport(app=app, client=(client, 40000))
            async with httpx.AsyncClient(transport=transport, base_url="http://klassbok") as http:
                return (await http.get("/metrics", headers=headers)).status_code

        return anyio.run(get)

    try:
        assert ask("127.0.0.1") == 200
        assert ask("10.20.30.40") == 403
        assert ask("10.20.30.40", Authorization="Bearer wrong-token-wrong-token") == 403
        assert ask("10.20.30.40", Authorization=f"Bearer {METRICS_TOKEN}") == 200
    finally:
        app.state.engine.dispose()


def test_json_logs_carry_the_request_id_and_no_secret(server_factory: ServerFactory) -> None:
    server = server_factory(env={"KLASSBOK_LOG_FORMAT": "json"})
    wrong = requests.post(
        server.url + "/api/v1/auth/login",
        json={"username": "anna", "password": "fel-lösenord-123"},
        headers={"X-Request-Id": "proxy-id-1234"},
        timeout=10,
    )
    assert wrong.status_code == 401
    assert wrong.headers["X-Request-Id"] == "proxy-id-1234"
    token = server.fresh_token("anna")
    response = requests.get(
        server.url + "/api/v1/sync/changes",
        headers={"Authorization": f"Bearer {token}", "X-Request-Id": "not a plain id"},
        params={"limit": 5},
        timeout=10,
    )
    assigned = response.headers["X-Request-Id"]
    assert len(assigned) == 32, "a new id for one that is not plain"
    _activity(server)
    server.process.stop()
    text = server.process.log_path.read_text("utf-8")
    entries = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    access = [e for e in entries if e["logger"] == "klassbok.access"]
    ids_seen = {e.get("request_id") for e in access}
    assert {"proxy-id-1234", assigned} <= ids_seen
    login = next(e for e in access if e.get("request_id") == "proxy-id-1234")
    assert (login["route"], login["status"]) == ("/api/v1/auth/login", 401)
    assert isinstance(login["duration_ms"], float)
    # Nothing a log reader must not see: passwords, tokens, pupils' names.
    for secret in ("fel-lösenord-123", password_for("anna"), token):
        assert secret not in text
    with server.engine.connect() as conn:
        from sqlalchemy import select

        from server.tables import synced

        person = synced["person"]
        names = [r.family_name for r in conn.execute(select(person.c.family_name))]
    assert names
    for name in names:
        assert name not in text, f"a person's name in the log: {name}"
