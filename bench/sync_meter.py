"""Counting what a sync puts on the wire: round trips and bytes.

A `WireMeter` hooks the requests session of an ApiClient and records every
HTTP exchange. Bytes are counted as HTTP/1.1 sends them on the socket:

- request: the request line, every header line (with the Host header that
  http.client adds), the blank line and the body as sent (gzip for a push);
- response: the status line, every header line, the blank line and the body
  bytes read from the socket (compressed where the server compressed).

TLS, TCP and IP framing are not counted. A chunked response would add a few
bytes of chunk framing per chunk that this does not see; the meter says so
(`chunked`) rather than guess. `tcp_bytes` reads the kernel's own count for
a socket (Linux TCP_INFO) to check the two agree.
"""

from __future__ import annotations

import json
import socket
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

from local_db.sync.api_client import ApiClient


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    request_bytes: int
    response_bytes: int
    chunked: bool

    @property
    def total(self) -> int:
        return self.request_bytes + self.response_bytes


def _header_bytes(lines: Iterable[tuple[str, str]]) -> int:
    return sum(len(f"{name}: {value}\r\n".encode("latin-1")) for name, value in lines)


def _request_bytes(request: requests.PreparedRequest) -> int:
    url = urlsplit(request.url or "")
    line = f"{request.method} {request.path_url} HTTP/1.1\r\n"
    headers = list(request.headers.items())
    if not any(name.lower() == "host" for name, _ in headers):
        headers.append(("Host", url.netloc))
    body = request.body
    size = 0 if body is None else len(body if isinstance(body, bytes) else str(body).encode())
    return len(line) + _header_bytes(headers) + 2 + size


def _response_bytes(response: requests.Response) -> tuple[int, bool]:
    raw = response.raw
    line = f"HTTP/1.1 {response.status_code} {response.reason}\r\n"
    headers = list(raw.headers.items())
    body = int(getattr(raw, "_fp_bytes_read", 0))
    chunked = "chunked" in raw.headers.get("transfer-encoding", "").lower()
    return len(line) + _header_bytes(headers) + 2 + body, chunked


@dataclass
class WireMeter:
    """Every exchange of one ApiClient from `attach` on; `take()` empties it."""

    _responses: list[requests.Response] = field(default_factory=list)

    def attach(self, client: ApiClient) -> WireMeter:
        # The bench reaches into the client's session on purpose: what is
        # counted must be exactly what the app's own client sends.
        session: requests.Session = client._session
        session.hooks["response"].append(self._seen)
        return self

    def _seen(self, response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        self._responses.append(response)
        return response

    def take(self) -> list[Exchange]:
        """The exchanges since the last take (bodies have been read by then)."""
        found = []
        for response in self._responses:
            assert response.request is not None
            size, chunked = _response_bytes(response)
            found.append(
                Exchange(
                    method=response.request.method or "",
                    path=urlsplit(response.request.url or "").path,
                    request_bytes=_request_bytes(response.request),
                    response_bytes=size,
                    chunked=chunked,
                )
            )
        self._responses.clear()
        return found


def wire_total(exchanges: Iterable[Exchange]) -> int:
    return sum(exchange.total for exchange in exchanges)


def raw_fields_json(fields: Mapping[str, Any], deleted: bool = False) -> int:
    """UTF-8 bytes of compact JSON of a record's changed fields (wire values).

    The yardstick of the target "bytes on the wire at most 1.3 times the raw
    JSON of the changed fields": compact separators and no \\u escapes make it
    the smallest honest JSON, so the ratio is the strictest. A tombstone's
    change is {"deleted": true}.
    """
    value: Mapping[str, Any] = {"deleted": True} if deleted else fields
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


# struct tcp_info (linux/tcp.h): tcpi_bytes_acked and tcpi_bytes_received
# follow 8 one-byte fields, 24 u32 fields and 2 u64 pacing rates.
_TCP_INFO_BYTES = struct.Struct("=QQ")
_TCP_INFO_OFFSET = 8 + 24 * 4 + 2 * 8


def tcp_bytes(sock: socket.socket) -> tuple[int, int]:
    """(bytes sent and acknowledged, bytes received) of a TCP socket, per the kernel."""
    info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    sent, received = _TCP_INFO_BYTES.unpack_from(info, _TCP_INFO_OFFSET)
    return int(sent), int(received)


def client_socket(client: ApiClient) -> socket.socket | None:
    """The socket of the client's one kept-alive connection, if it has one."""
    adapter: Any = client._session.get_adapter(client.base_url)
    pools = adapter.poolmanager.pools
    for key in pools.keys():  # noqa: SIM118 - the container cannot be iterated
        pool = pools[key]
        queue = getattr(pool, "pool", None)
        for conn in list(getattr(queue, "queue", [])):
            sock = getattr(conn, "sock", None)
            if sock is not None:
                return sock
    return None
