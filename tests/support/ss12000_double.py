"""A loopback SS 12000 2.1.0 server for the import's tests: the test double.

It serves the list endpoints the importer reads, paged (`{data, pageToken}`,
`page_size` objects a page, the token opaque), filtered by
meta.modified.after, and /deletedEntities filtered by `after`. It checks the
bearer token and refuses a pageToken combined with other filters (the
specification allows only `limit` beside it). A test can make it fail on a
given request: answer a status code, send invalid JSON, hand out a page
token it already sent (paging that loops), or drop the connection.

The data is the test's own: `put` stamps meta.modified with the double's
clock, `delete` records a deletion. `served` keeps every list body sent, so
a test can check each object against the schemas (tests/support/ss12000).
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ENDPOINTS = (
    "organisations",
    "persons",
    "duties",
    "syllabuses",
    "groups",
    "activities",
    "calendarEvents",
)
#: /deletedEntities' entity names and the keys of its data.
ENTITY_KEYS = {
    "Organisation": "organisations",
    "Person": "persons",
    "Duty": "duties",
    "Syllabus": "syllabuses",
    "Group": "groups",
    "Activity": "activities",
    "CalendarEvent": "calendarEvents",
}


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Failure:
    """Fail the `page`th page (1: the first) of `endpoint`, `times` times."""

    endpoint: str
    page: int
    mode: str  # "status", "invalid_json", "loop", "drop"
    status: int = 500
    times: int = 1


class Ss12000Double:
    def __init__(self, token: str = "double-token-4711", page_size: int = 2) -> None:
        self.token = token
        #: The token the double accepts (a test revokes `token` by changing it).
        self.accepted_token = token
        self.page_size = page_size
        self.objects: dict[str, dict[str, dict[str, Any]]] = {e: {} for e in ENDPOINTS}
        self.deletions: list[tuple[str, str, dt.datetime]] = []
        self.failures: list[Failure] = []
        #: (path, query, Authorization header) of every request
        self.requests: list[tuple[str, dict[str, list[str]], str]] = []
        #: (endpoint, body) of every list answer sent
        self.served: list[tuple[str, dict[str, Any]]] = []
        self._pages: dict[str, tuple[str, list[dict[str, Any]], int, int]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # The data --------------------------------------------------------------

    def put(self, endpoint: str, obj: dict[str, Any], *, at: dt.datetime | None = None) -> None:
        moment = stamp(at or dt.datetime.now(dt.UTC))
        with self._lock:
            old = self.objects[endpoint].get(obj["id"])
            created = old["meta"]["created"] if old else moment
            self.objects[endpoint][obj["id"]] = {
                **obj,
                "meta": {"created": created, "modified": moment},
            }

    def get(self, endpoint: str, object_id: str) -> dict[str, Any]:
        return json.loads(json.dumps(self.objects[endpoint][object_id]))

    def delete(self, endpoint: str, object_id: str) -> None:
        with self._lock:
            del self.objects[endpoint][object_id]
            self.deletions.append((endpoint, object_id, dt.datetime.now(dt.UTC)))

    def fail(self, endpoint: str, page: int, mode: str, status: int = 500, times: int = 1) -> None:
        self.failures.append(Failure(endpoint, page, mode, status, times))

    # The server ------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the double first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/ss12000/v2"

    def start(self) -> Ss12000Double:
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                double._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def _failure(self, endpoint: str, page: int) -> Failure | None:
        for failure in self.failures:
            if failure.endpoint == endpoint and failure.page == page and failure.times > 0:
                failure.times -= 1
                return failure
        return None

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = parse_qs(parts.query)
        auth = handler.headers.get("Authorization", "")
        with self._lock:
            self.requests.append((parts.path, query, auth))
        endpoint = parts.path.removeprefix("/ss12000/v2/")
        if auth != f"Bearer {self.accepted_token}":
            return _send(handler, 401, {"code": "Unauthorized", "message": "bad token"})
        if endpoint == "deletedEntities":
            return self._deleted(handler, query)
        if endpoint not in self.objects:
            return _send(handler, 404, {"code": "NotFound", "message": endpoint})
        token = query.get("pageToken", [None])[0]
        if token is not None:
            if set(query) - {"pageToken", "limit"}:
                return _send(handler, 400, {"code": "BadRequest", "message": "pageToken alone"})
            if token not in self._pages:
                return _send(handler, 400, {"code": "BadRequest", "message": "unknown pageToken"})
            _, items, offset, page = self._pages[token]
        else:
            items = self._listed(endpoint, query)
            offset, page = 0, 1
        failure = self._failure(endpoint, page)
        if failure is not None and failure.mode == "drop":
            # The connection closes with no answer at all.
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
            return None
        if failure is not None and failure.mode == "status":
            headers = {"Retry-After": "30"} if failure.status == 429 else {}
            return _send(handler, failure.status, {"code": "Fail", "message": "x"}, headers)
        if failure is not None and failure.mode == "invalid_json":
            return _send_raw(handler, 200, b'{"data": [{"id": ')
        limit = int(query.get("limit", [str(self.page_size)])[0])
        size = min(limit, self.page_size)
        chunk = items[offset : offset + size]
        next_token: str | None = None
        if offset + size < len(items):
            next_token = uuid.uuid4().hex
            self._pages[next_token] = (endpoint, items, offset + size, page + 1)
        if failure is not None and failure.mode == "loop" and token is not None:
            next_token = token  # the token this page was asked with, again
        body = {"data": chunk, "pageToken": next_token}
        with self._lock:
            self.served.append((endpoint, json.loads(json.dumps(body))))
        return _send(handler, 200, body)

    def _listed(self, endpoint: str, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        with self._lock:
            items = sorted(self.objects[endpoint].values(), key=lambda obj: obj["id"])
        after = query.get("meta.modified.after", [None])[0]
        if after is not None:
            moment = parse_moment(after)
            items = [obj for obj in items if parse_moment(obj["meta"]["modified"]) > moment]
        return json.loads(json.dumps(items))

    def _deleted(self, handler: BaseHTTPRequestHandler, query: dict[str, list[str]]) -> None:
        after = parse_moment(query["after"][0]) if "after" in query else None
        wanted = {ENTITY_KEYS[name] for name in query.get("entities", list(ENTITY_KEYS))}
        data: dict[str, list[str]] = {}
        for endpoint, object_id, moment in self.deletions:
            if endpoint in wanted and (after is None or moment > after):
                data.setdefault(endpoint, []).append(object_id)
        body = {"data": data, "pageToken": None}
        with self._lock:
            self.served.append(("deletedEntities", body))
        _send(handler, 200, body)


def _send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: Any,
    headers: dict[str, str] | None = None,
) -> None:
    _send_raw(handler, status, json.dumps(body).encode("utf-8"), headers)


def _send_raw(
    handler: BaseHTTPRequestHandler,
    status: int,
    raw: bytes,
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(raw)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(raw)
