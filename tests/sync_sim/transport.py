"""Faults injected under a real ApiClient: an HTTPAdapter mounted on its
requests session, so every call the client makes (push, pull, digest,
manifest, fetch) goes through it, whatever the client's code looks like
above `requests`.

Each adapter draws its faults from a random stream of its own (derived from
the simulation's seed), so a seed replays the same faults. What a fault does:

- DROP: the request never leaves (connection refused).
- LOSE: the server gets it and commits; the answer is lost (connection reset).
- DUPLICATE: the request arrives twice; the client sees the second answer.
- REPLAY: the request arrives now and a copy arrives again later, after
  other traffic (a duplicate that is also reordered).
- DELAY: the request arrives later, after other traffic; the client times out.
- KILL_BEFORE / KILL_AFTER: the client process dies before sending, or after
  the server committed and before the answer is stored (SimKill, a
  BaseException, unwinds the client like a kill: no except-clause of the app
  runs, open local transactions roll back).

The world hears of every delivery (before and after, for pushes) and of
every answer that reaches the client, to keep its ledger and check scope.
"""

from __future__ import annotations

import enum
import gzip
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests
from requests.adapters import HTTPAdapter

from sync_protocol.wire import PushBatch


class SimKill(BaseException):
    """The client process dies here."""


class Fault(enum.Enum):
    NONE = "none"
    DROP = "drop"
    LOSE = "lose"
    DUPLICATE = "duplicate"
    REPLAY = "replay"
    DELAY = "delay"
    KILL_BEFORE = "kill_before"
    KILL_AFTER = "kill_after"


#: Faults that only make sense for a push (a repeated read is harmless).
PUSH_ONLY = frozenset({Fault.REPLAY, Fault.DELAY})


@dataclass
class FaultRates:
    """Chance per request of each fault (the rest pass untouched)."""

    rates: dict[Fault, float] = field(default_factory=dict)

    @classmethod
    def default(cls) -> FaultRates:
        return cls(
            {
                Fault.DROP: 0.05,
                Fault.LOSE: 0.06,
                Fault.DUPLICATE: 0.03,
                Fault.REPLAY: 0.04,
                Fault.DELAY: 0.03,
                Fault.KILL_BEFORE: 0.01,
                Fault.KILL_AFTER: 0.02,
            }
        )

    def draw(self, rng: random.Random, is_push: bool) -> Fault:
        roll = rng.random()
        for fault, rate in self.rates.items():
            if fault in PUSH_ONLY and not is_push:
                continue
            if roll < rate:
                return fault
            roll -= rate
        return Fault.NONE


@dataclass
class HeldRequest:
    """A request on its way that arrives later."""

    client: str
    request: requests.PreparedRequest
    #: The client already saw its fate (a copy of a REPLAY, or a DELAY).
    reason: Fault


class Observer(Protocol):
    """What the world wants to know of the traffic."""

    def before_push(self, client: str, batch: PushBatch) -> None: ...

    def after_push(self, client: str, batch: PushBatch, answer: dict[str, Any] | None) -> None: ...

    def received(self, client: str, path: str, payload: dict[str, Any]) -> None: ...


def push_batch(request: requests.PreparedRequest) -> PushBatch:
    body = request.body
    assert isinstance(body, bytes)
    if request.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return PushBatch.model_validate_json(body)


def _path(request: requests.PreparedRequest) -> str:
    url = request.path_url
    return url.split("?", 1)[0]


def _connection_error(request: requests.PreparedRequest, what: str) -> requests.ConnectionError:
    return requests.ConnectionError(f"simulated: {what}", request=request)


class Network:
    """The part of the network every client shares: held requests and the
    plain adapter that delivers them."""

    def __init__(self, observer: Observer) -> None:
        self.observer = observer
        self.held: list[HeldRequest] = []
        self._plain = HTTPAdapter()
        #: Every push request that left a client, for the idempotency check.
        self.pushes: list[tuple[str, requests.PreparedRequest]] = []
        self.faults_seen: dict[Fault, int] = {}

    def deliver(self, client: str, request: requests.PreparedRequest) -> requests.Response:
        """One arrival at the server, with the world told before and after."""
        is_push = _path(request).endswith("/sync/push")
        batch = push_batch(request) if is_push else None
        if batch is not None:
            self.observer.before_push(client, batch)
        try:
            response = self._plain.send(request, timeout=60)
        except requests.RequestException:
            if batch is not None:
                self.observer.after_push(client, batch, None)
            raise
        if batch is not None:
            answer = _json(response) if response.status_code == 200 else None
            self.observer.after_push(client, batch, answer)
        return response

    def deliver_held(self, rng: random.Random, count: int | None = None) -> int:
        """Let some held requests arrive (in a random order); their answers
        go nowhere."""
        if not self.held:
            return 0
        rng.shuffle(self.held)
        take = len(self.held) if count is None else min(count, len(self.held))
        arriving, self.held = self.held[:take], self.held[take:]
        for held in arriving:
            try:
                self.deliver(held.client, held.request).close()
            except requests.RequestException:
                # The server is down: the request is lost for good, as a
                # client that gave up on it would expect.
                continue
        return take

    def close(self) -> None:
        self._plain.close()


def _json(response: requests.Response) -> dict[str, Any] | None:
    try:
        parsed = json.loads(response.content)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


class FaultyAdapter(HTTPAdapter):
    """Mounted on one client's requests session."""

    def __init__(self, client: str, network: Network, rng: random.Random) -> None:
        super().__init__()
        self.client = client
        self.network = network
        self.rng = rng
        self.rates = FaultRates()
        #: Called with the fault when one is injected (statistics).
        self.on_fault: Callable[[Fault], None] | None = None

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        path = _path(request)
        is_push = path.endswith("/sync/push")
        fault = self.rates.draw(self.rng, is_push)
        counts = self.network.faults_seen
        if fault is not Fault.NONE:
            counts[fault] = counts.get(fault, 0) + 1
        if is_push:
            self.network.pushes.append((self.client, request.copy()))
        if fault is Fault.KILL_BEFORE:
            raise SimKill(f"{self.client} killed before sending {path}")
        if fault is Fault.DROP:
            raise _connection_error(request, "connection refused")
        if fault is Fault.DELAY:
            self.network.held.append(HeldRequest(self.client, request.copy(), fault))
            raise requests.ReadTimeout(f"simulated: {path} timed out", request=request)
        response = self.network.deliver(self.client, request)
        if fault is Fault.DUPLICATE:
            response.close()
            response = self.network.deliver(self.client, request)
        if fault is Fault.REPLAY:
            self.network.held.append(HeldRequest(self.client, request.copy(), fault))
        if fault in (Fault.LOSE, Fault.KILL_AFTER):
            response.close()
            if fault is Fault.KILL_AFTER:
                raise SimKill(f"{self.client} killed after the server answered {path}")
            raise _connection_error(request, "connection reset after the server answered")
        if response.status_code == 200 and not is_push:
            payload = _json(response)  # reads (and keeps) the body for the client
            if payload is not None:
                self.network.observer.received(self.client, path, payload)
        return response
