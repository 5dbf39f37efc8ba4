"""The simulated teachers of the load benchmark (bench/load_bench.py).

Each client is one teacher's computer as the app drives the server: a
bearer token, a feed cursor, and the teacher's lessons that have no roll
call yet. Client processes each run several clients on threads, so the
benchmark's own Python work is spread over processes like real computers'
would be, and return every request's latency.
"""

from __future__ import annotations

import gzip
import itertools
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests

from sync_protocol import ids, versions
from sync_protocol.hlc import HybridClock

HEADERS = {
    versions.PROTOCOL_HEADER: str(versions.PROTOCOL_VERSION),
    versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION),
    "Accept-Encoding": "gzip",
}
CHANGES = "/api/v1/sync/changes"
PUSH = "/api/v1/sync/push"
ROLL_CALL = 30
#: scenario -> the share of each request kind in it
SCENARIOS: dict[str, dict[str, float]] = {
    "no-op sync": {"noop": 1.0},
    "roll-call push": {"roll_call": 1.0},
    "colleague pull": {"pull": 1.0},
    "mixed": {"noop": 0.80, "roll_call": 0.15, "pull": 0.05},
}


@dataclass
class ClientPlan:
    """What one simulated teacher has: picklable, handed to a client process."""

    username: str
    password: str
    #: (lesson id, activity id, pupil ids) without attendance, for roll calls
    lessons: list[tuple[str, str, list[str]]]
    token: str = ""
    cursor: str = ""


@dataclass
class ClientState:
    plan: ClientPlan
    session: requests.Session
    clock: HybridClock
    numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    #: roll calls sent, as (record id, seq) pairs: edited once the lessons run out
    sent: list[list[tuple[str, int]]] = field(default_factory=list)


def _headers(token: str) -> dict[str, str]:
    return {**HEADERS, "Authorization": f"Bearer {token}"}


def sign_in(url: str, plan: ClientPlan) -> ClientPlan:
    """Log in and pull the whole feed once, as the app's first sync: the cursor."""
    with requests.Session() as session:
        answer = session.post(
            url + "/api/v1/auth/login",
            json={"username": plan.username, "password": plan.password},
            timeout=60,
        )
        answer.raise_for_status()
        plan.token = answer.json()["token"]
        plan.cursor = _pull_to_end(session, url, plan.token, "")
    return plan


def _pull_to_end(session: requests.Session, url: str, token: str, cursor: str) -> str:
    while True:
        params = {"cursor": cursor} if cursor else {}
        answer = session.get(url + CHANGES, params=params, headers=_headers(token), timeout=120)
        answer.raise_for_status()
        page = answer.json()
        cursor = page["cursor"]
        if not page["has_more"]:
            return str(cursor)


def _noop(url: str, state: ClientState) -> None:
    params = {"cursor": state.plan.cursor} if state.plan.cursor else {}
    answer = state.session.get(
        url + CHANGES, params=params, headers=_headers(state.plan.token), timeout=60
    )
    answer.raise_for_status()


def _pull(url: str, state: ClientState) -> None:
    state.plan.cursor = _pull_to_end(state.session, url, state.plan.token, state.plan.cursor)


def _roll_call_ops(state: ClientState) -> list[dict[str, Any]]:
    if not state.plan.lessons:
        # Out of fresh lessons: correct an earlier roll call instead (an edit
        # from the version the push answered).
        done = state.sent.pop(0)
        return [
            {
                "op": next(state.numbers),
                "kind": "attendance",
                "id": record_id,
                "fields": {"status": random.choice(["present", "late"]), "late_minutes": 5},
                "base": {"status": seq, "late_minutes": seq},
                "hlc": state.clock.now().to_text(),
            }
            for record_id, seq in done
        ]
    lesson, activity, pupils = state.plan.lessons.pop()
    return [
        {
            "op": next(state.numbers),
            "kind": "attendance",
            "id": str(ids.attendance_id(uuid.UUID(lesson), uuid.UUID(pupil))),
            "fields": {
                "lesson_id": lesson,
                "pupil_id": pupil,
                "activity_id": activity,
                "status": random.choice(["present"] * 8 + ["late", "absent"]),
            },
            "hlc": state.clock.now().to_text(),
        }
        for pupil in pupils[:ROLL_CALL]
    ]


def _roll_call(url: str, state: ClientState) -> None:
    ops = _roll_call_ops(state)
    batch = {
        "client_id": state.clock.node,
        "batch_id": str(uuid.uuid4()),
        "transactions": [{"ops": ops}],
    }
    answer = state.session.post(
        url + PUSH,
        data=gzip.compress(json.dumps(batch).encode()),
        headers={
            **_headers(state.plan.token),
            "Content-Encoding": "gzip",
            "Content-Type": "application/json",
        },
        timeout=60,
    )
    answer.raise_for_status()
    results = answer.json()["results"]
    state.sent.append(
        [
            (op["id"], result["seq"])
            for op, result in zip(ops, results, strict=True)
            if result.get("seq")
        ]
    )


ACTIONS = {"noop": _noop, "roll_call": _roll_call, "pull": _pull}


def run_clients(
    url: str, plans: list[ClientPlan], scenario: str, seconds: float, seed: int
) -> tuple[dict[str, list[float]], int, list[ClientPlan]]:
    """Drive `plans` on one thread each for `seconds`: latencies (ms) per
    request kind, errors, and the plans as left (cursors, lessons used)."""
    shares = SCENARIOS[scenario]
    kinds, weights = list(shares), list(shares.values())
    latencies: dict[str, list[float]] = {kind: [] for kind in kinds}
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(index: int, plan: ClientPlan) -> None:
        chooser = random.Random(seed * 1000 + index)
        node = f"bench-{plan.username}-{seed}"
        with requests.Session() as session:
            state = ClientState(plan, session, HybridClock(node))
            while time.perf_counter() < deadline:
                kind = chooser.choices(kinds, weights)[0]
                if kind == "roll_call" and not plan.lessons and not state.sent:
                    kind = "noop"
                start = time.perf_counter()
                try:
                    ACTIONS[kind](url, state)
                except (requests.RequestException, KeyError, ValueError):
                    with lock:
                        errors[0] += 1
                    continue
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies[kind].append(elapsed)

    threads = [
        threading.Thread(target=client, args=(i, plan), daemon=True) for i, plan in enumerate(plans)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0], plans
