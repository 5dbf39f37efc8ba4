"""ASGI middleware: request size limits, gzip request bodies, response headers.

Pure ASGI rather than BaseHTTPMiddleware: it streams, and a body that grows
past the limit is refused while it arrives, not after it is in memory.
"""

from __future__ import annotations

import zlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.api.errors import error_response


class _BodyTooLarge(HTTPException):
    # An HTTPException so that FastAPI's body parsing lets it through (it
    # turns other errors into 400) and the 413 handler answers.
    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodyLimitMiddleware:
    """Refuse request bodies over `max_bytes` with 413 content_too_large."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if response_started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_mib = self.max_bytes / (1024 * 1024)
        response = error_response(
            413,
            "content_too_large",
            f"The request is larger than the server accepts ({limit_mib:g} MiB).",
            # The client may not have sent the rest; do not wait for it.
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


class _InflatedTooLarge(Exception):
    pass


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip (one or more members) without ever holding more than
    `max_bytes + 1` bytes of output: a small bomb cannot fill the memory.
    Raises _InflatedTooLarge past the cap, zlib.error for data that is not gzip."""
    out = bytearray()
    rest = data
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = rest
        while not inflater.eof:
            # max_length is never 0 here (0 would mean "no limit").
            chunk = inflater.decompress(pending, max_bytes + 1 - len(out))
            out += chunk
            if len(out) > max_bytes:
                raise _InflatedTooLarge
            pending = inflater.unconsumed_tail
            if not pending and not chunk:
                break  # no input left and no output: truncated
        if not inflater.eof:
            raise zlib.error("the gzip data ends early")
        rest = inflater.unused_data
        if not rest:
            return bytes(out)


class GzipRequestMiddleware:
    """Decompress `Content-Encoding: gzip` request bodies, capped at `max_bytes`.

    BodyLimitMiddleware (outside this one) caps the bytes on the wire; this
    caps what they inflate to, with the same 413 answer. Other encodings are
    refused with 415.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        encoding = (Headers(scope=scope).get("content-encoding") or "identity").strip().lower()
        if encoding == "identity":
            await self.app(scope, receive, send)
            return
        if encoding != "gzip":
            response = error_response(
                415,
                "unsupported_media_type",
                "Send the request body uncompressed or gzip-compressed.",
            )
            await response(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            more = bool(message.get("more_body", False))
        try:
            body = gunzip_capped(b"".join(chunks), self.max_bytes)
        except _InflatedTooLarge:
            limit_mib = self.max_bytes / (1024 * 1024)
            response = error_response(
                413,
                "content_too_large",
                f"The request is larger than the server accepts ({limit_mib:g} MiB "
                "once decompressed).",
            )
            await response(scope, receive, send)
            return
        except zlib.error:
            response = error_response(
                400, "bad_request", "The request body is not valid gzip data."
            )
            await response(scope, receive, send)
            return
        headers = [
            (name, value)
            for name, value in scope["headers"]
            if name.lower() not in (b"content-encoding", b"content-length")
        ]
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        delivered = False

        async def inflated_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app({**scope, "headers": headers}, inflated_receive, send)


class SecurityHeadersMiddleware:
    """Personal data and tokens must not be kept by caches or proxies."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Cache-Control", "no-store")
                headers.setdefault("X-Content-Type-Options", "nosniff")
            await send(message)

        await self.app(scope, receive, send_with_headers)
