"""Prometheus metrics of the server (issue 12): requests by route and status,
latency, push and pull sizes, the guardian notice queue.

    GET /metrics   (text exposition; from loopback, or with KLASSBOK_METRICS_TOKEN)

With several worker processes (`serve --workers N`) every worker writes its
counts to files in PROMETHEUS_MULTIPROC_DIR, which `serve` makes for the
run, and a scrape reaching any worker adds them all up; the supervisor sets
the folder before the workers start, since prometheus_client picks its
storage when first imported. The notice queue is read from the database at
each scrape, so it is the same whichever worker answers.

Labels are route templates ("/api/v1/sync/changes"), never paths with ids,
query strings, names or tokens.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from server.tables import notice_delivery

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST
#: The route label of a request that matched no route (not its path: any
#: path could be asked for, and each would be a series of its own).
UNMATCHED = "unmatched"

_REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "klassbok_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
    registry=_REGISTRY,
)
LATENCY = Histogram(
    "klassbok_http_request_duration_seconds",
    "Time from the request's arrival to its answer, by route template.",
    ["route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=_REGISTRY,
)
PUSH_OPS = Histogram(
    "klassbok_push_ops",
    "Ops per push batch.",
    buckets=(1, 2, 5, 10, 30, 100, 300, 1000, 5000),
    registry=_REGISTRY,
)
PULL_RECORDS = Histogram(
    "klassbok_pull_records",
    "Records per page of the change feed.",
    buckets=(0, 1, 10, 100, 1000, 5000, 20000),
    registry=_REGISTRY,
)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(route).observe(seconds)


class NoticeQueue(Collector):
    """Guardian notices still to send (queued or being sent), read at each scrape."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(
            "klassbok_notice_queue_length", "Guardian notices queued or being sent."
        )
        try:
            with self.engine.connect() as conn:
                count = conn.execute(
                    select(func.count()).where(notice_delivery.c.state.in_(("queued", "sending")))
                ).scalar_one()
        except SQLAlchemyError:
            return  # no figure rather than a wrong one; /readyz says why
        gauge.add_metric([], float(count))
        yield gauge


def exposition(engine: Engine) -> bytes:
    """Every metric of this server (all its workers), in the text format."""
    if os.environ.get(MULTIPROC_ENV):
        workers = CollectorRegistry()
        multiprocess.MultiProcessCollector(workers)
        counted = generate_latest(workers)
    else:
        counted = generate_latest(_REGISTRY)
    now = CollectorRegistry()
    now.register(NoticeQueue(engine))
    return bytes(counted) + bytes(generate_latest(now))
