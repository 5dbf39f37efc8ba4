"""HTTP client of the Klassbok API (requests; no Qt).

Every request carries the protocol and schema versions; every failure
becomes one of local_db.sync.errors with a sentence for the teacher. The
token goes in the Authorization header and nowhere else: not in messages,
not in logs, not in exception details.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import pydantic
import requests

from local_db.profile import normalize_server_url
from local_db.sync.errors import (
    AccountDisabled,
    CursorRefused,
    InvalidCredentials,
    ProtocolError,
    RecordNotFound,
    ServerError,
    ServerUnreachable,
    SessionExpired,
    TooManyAttempts,
    UpdateRequired,
)
from sync_protocol import versions
from sync_protocol.wire import (
    ChangePage,
    DigestResponse,
    ErrorBody,
    FetchRequest,
    FetchResponse,
    LoginRequest,
    LoginResponse,
    ManifestRequest,
    ManifestResponse,
    PushBatch,
    PushResponse,
    ServerInfo,
    TermGradeChange,
    TermGradeHistory,
    UserInfo,
)

log = logging.getLogger(__name__)

#: A first sync of a large school is tens of MB; anything near this is an
#: attack or a bug, and must not exhaust the teacher's memory.
MAX_RESPONSE_BYTES = 200 * 1024 * 1024
CONNECT_TIMEOUT_S = 10.0
_CHUNK = 256 * 1024
_SESSION_CODES = frozenset({"token_expired", "token_invalid", "not_authenticated"})
_GATEWAY_STATUSES = frozenset({502, 503, 504})

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)
PageT = TypeVar("PageT")

CHANGES_PATH = "/api/v1/sync/changes"
#: A page fetched ahead is used for exactly the request it anticipated, and
#: only this soon after: a sync that stopped and began again much later
#: asks afresh.
READ_AHEAD_MAX_AGE_S = 30.0


@dataclass(frozen=True)
class _Answer:
    content_type: str
    body: bytes
    headers: Mapping[str, str]


@dataclass(frozen=True)
class _ReadAhead:
    cursor: str
    limit: int | None
    future: Future[_Answer]
    started: float


def _page_params(cursor: str | None, limit: int | None) -> dict[str, str]:
    params: dict[str, str] = {}
    if cursor:
        params["cursor"] = cursor
    if limit is not None:
        params["limit"] = str(limit)
    return params


class ApiClient:
    """One server, one (optional) token. Not thread-safe: use it from the
    network worker only."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        timeout: float = 30.0,
        *,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        self.base_url = base_url.strip().rstrip("/")
        #: For messages: no credentials, no trailing slash.
        self.display_url = normalize_server_url(self.base_url)
        self.token = token
        self.timeout = timeout
        self.max_response_bytes = max_response_bytes
        #: Bytes read from the network (compressed) by this client so far.
        self.bytes_received = 0
        #: Request bodies sent (as sent: compressed where they are).
        self.bytes_sent = 0
        self._one_at_a_time = threading.Lock()
        self._helper: ThreadPoolExecutor | None = None
        self._read_ahead: _ReadAhead | None = None
        self._session = requests.Session()
        self._session.headers.update(
            {
                "Accept": "application/json",
                "Accept-Encoding": "gzip",
                "User-Agent": "Klassbok-desktop",
                versions.PROTOCOL_HEADER: str(versions.PROTOCOL_VERSION),
                versions.SCHEMA_HEADER: str(versions.SCHEMA_VERSION),
            }
        )

    # -- endpoints -------------------------------------------------------

    def info(self) -> ServerInfo:
        return self._call("GET", "/api/v1/info", ServerInfo, auth=False)

    def login(self, username: str, password: str, device_name: str = "") -> LoginResponse:
        """Sign in; on success the client uses the new token from then on."""
        try:
            body = LoginRequest(username=username, password=password, device_name=device_name[:100])
        except pydantic.ValidationError:
            # Empty or absurdly long: no server would accept it either.
            raise InvalidCredentials("Enter your user name and password.") from None
        response = self._call(
            "POST", "/api/v1/auth/login", LoginResponse, auth=False, json=body.model_dump()
        )
        self.token = response.token
        return response

    def logout(self) -> None:
        """Revoke the token on the server. A token the server no longer
        accepts is as good as revoked, so that is not an error."""
        with contextlib.suppress(SessionExpired):
            self._send("POST", "/api/v1/auth/logout", auth=True)
        self.token = None

    def me(self) -> UserInfo:
        return self._call("GET", "/api/v1/me", UserInfo)

    def changes(self, cursor: str | None, limit: int | None = None) -> ChangePage:
        """One page of the change feed after `cursor` (None: from the start)."""
        return self.change_page(
            cursor, limit, lambda body: parse_body(CHANGES_PATH, ChangePage, body)
        )

    def change_page(
        self,
        cursor: str | None,
        limit: int | None,
        decode: Callable[[bytes], PageT],
        *,
        next_limit: int | None = None,
    ) -> PageT:
        """One page of the change feed, read by `decode` from its JSON body
        (the pull reads it straight into cache rows: local_db.sync.page_parse).

        When the server says (in headers) that another page follows, that
        page is asked for at once, in the background, while this one is
        parsed: the next call for it finds it on its way. A first sync then
        keeps the server busy instead of waiting for the client between
        pages. `next_limit` is the limit the next call will ask with (by
        default this one's).
        """
        answer = self._take_read_ahead(cursor, limit)
        if answer is None:
            answer = self._exchange(
                "GET", CHANGES_PATH, auth=True, params=_page_params(cursor, limit)
            )
        following = answer.headers.get(versions.CURSOR_HEADER, "")
        if answer.headers.get(versions.HAS_MORE_HEADER) == "true" and following != (cursor or ""):
            self._start_read_ahead(following, limit if next_limit is None else next_limit)
        _check_json(CHANGES_PATH, answer)
        return decode(answer.body)

    def push(self, batch: PushBatch) -> PushResponse:
        """Send outbox ops; the body is gzip-compressed (a roll call
        compresses to a fraction, and teachers sync over school Wi-Fi)."""
        raw = batch.model_dump_json().encode("utf-8")
        return self._call(
            "POST",
            "/api/v1/sync/push",
            PushResponse,
            body=gzip.compress(raw, compresslevel=6),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )

    def digest(self) -> DigestResponse:
        return self._call("GET", "/api/v1/sync/digest", DigestResponse)

    def manifest(self, kind: str, partition: uuid.UUID | None) -> ManifestResponse:
        body = ManifestRequest(kind=kind, partition=partition)
        return self._call(
            "POST", "/api/v1/sync/manifest", ManifestResponse, json=body.model_dump(mode="json")
        )

    def fetch(self, kind: str, ids: list[uuid.UUID]) -> FetchResponse:
        body = FetchRequest(kind=kind, ids=ids)
        return self._call(
            "POST", "/api/v1/sync/fetch", FetchResponse, json=body.model_dump(mode="json")
        )

    def term_grade_history(self, term_grade_id: uuid.UUID) -> tuple[TermGradeChange, ...]:
        """Every change of a term grade, oldest first (frozen rows: from, to, reasons,
        who by name, when, which computer). RecordNotFound when the server has no such
        term grade or the teacher may not see it."""
        path = f"/api/v1/term-grades/{term_grade_id}/history"
        history = self._call("GET", path, TermGradeHistory)
        if history.term_grade_id != term_grade_id:
            raise ProtocolError("the history was of another term grade", detail=path)
        return tuple(history.changes)

    def close(self) -> None:
        if self._helper is not None:
            self._helper.shutdown(wait=True)
            self._helper = None
        self._read_ahead = None
        self._session.close()

    # -- plumbing --------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        model: type[ModelT],
        *,
        auth: bool = True,
        json: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ModelT:
        answer = self._exchange(
            method, path, auth=auth, json=json, params=params, body=body, headers=headers
        )
        return self._parse(path, model, answer)

    @staticmethod
    def _parse(path: str, model: type[ModelT], answer: _Answer) -> ModelT:
        _check_json(path, answer)
        return parse_body(path, model, answer.body)

    def _start_read_ahead(self, cursor: str, limit: int | None) -> None:
        if self._helper is None:
            self._helper = ThreadPoolExecutor(1, thread_name_prefix="klassbok-read-ahead")
        future = self._helper.submit(
            self._exchange, "GET", CHANGES_PATH, auth=True, params=_page_params(cursor, limit)
        )
        self._read_ahead = _ReadAhead(cursor, limit, future, time.monotonic())

    def _take_read_ahead(self, cursor: str | None, limit: int | None) -> _Answer | None:
        """The page fetched ahead for exactly this request, if it is fresh."""
        ahead, self._read_ahead = self._read_ahead, None
        if (
            ahead is None
            or ahead.cursor != cursor
            or ahead.limit != limit
            or time.monotonic() - ahead.started > READ_AHEAD_MAX_AGE_S
        ):
            return None
        return ahead.future.result()  # its error, if it failed, is this request's

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        auth: bool,
        json: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> _Answer:
        # One exchange at a time on the session (a read-ahead runs on a
        # helper thread); the byte counts are updated under the same lock.
        with self._one_at_a_time:
            response, answer = self._request(
                method, path, auth=auth, json=json, params=params, body=body, headers=headers
            )
        content_type = response.headers.get("Content-Type", "").lower()
        return _Answer(content_type, answer, response.headers)

    def _send(
        self,
        method: str,
        path: str,
        *,
        auth: bool,
        json: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[str, bytes]:
        answer = self._exchange(
            method, path, auth=auth, json=json, params=params, body=body, headers=headers
        )
        return answer.content_type, answer.body

    def _request(
        self,
        method: str,
        path: str,
        *,
        auth: bool,
        json: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[requests.Response, bytes]:
        sent_headers: dict[str, str] = dict(headers or {})
        if auth and self.token:
            sent_headers["Authorization"] = f"Bearer {self.token}"
        if body is not None:
            self.bytes_sent += len(body)
        started = time.perf_counter()
        try:
            response = self._session.request(
                method,
                self.base_url + path,
                headers=sent_headers,
                json=json,
                data=body,
                params=params,
                timeout=(min(CONNECT_TIMEOUT_S, self.timeout), self.timeout),
                stream=True,
            )
            try:
                answer = self._read_body(response, path)
            finally:
                self.bytes_received += _wire_bytes(response)
                response.close()
        except (
            requests.exceptions.InvalidURL,
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema,
        ) as exc:
            raise ServerUnreachable(
                self.display_url,
                detail=type(exc).__name__,
                message=f'"{self.display_url}" is not a server address Klassbok can use. '
                "Check it; it looks like https://klassbok.example.se.",
            ) from None
        except requests.exceptions.ContentDecodingError as exc:
            raise ProtocolError(
                "the answer could not be decompressed", type(exc).__name__
            ) from None
        except requests.Timeout as exc:
            raise ServerUnreachable(
                self.display_url,
                detail=type(exc).__name__,
                message=f"The server at {self.display_url} did not answer in time. You can keep "
                "working; changes are saved on this computer and sent when the connection "
                "is back.",
            ) from None
        except requests.RequestException as exc:
            # Refused, reset, DNS, TLS, a body cut off mid-way: all "offline".
            raise ServerUnreachable(self.display_url, detail=type(exc).__name__) from None
        status = response.status_code
        log.debug(
            "%s %s -> %s, %d bytes, %.0f ms",
            method,
            path,
            status,
            len(answer),
            (time.perf_counter() - started) * 1000,
        )
        if 200 <= status < 300:
            return response, answer
        self._raise_for(status, answer, response.headers, path)
        raise AssertionError("unreachable")  # pragma: no cover

    def _read_body(self, response: requests.Response, path: str) -> bytes:
        cap = self.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise ProtocolError(f"the answer was larger than {cap // (1024 * 1024)} MB", path)
        chunks: list[bytes] = []
        total = 0
        # iter_content decompresses, so the cap also stops a gzip bomb.
        for chunk in response.iter_content(_CHUNK):
            total += len(chunk)
            if total > cap:
                raise ProtocolError(f"the answer was larger than {cap // (1024 * 1024)} MB", path)
            chunks.append(chunk)
        return b"".join(chunks)

    def _raise_for(self, status: int, body: bytes, headers: Mapping[str, str], path: str) -> None:
        code = _error_code(body)
        detail = f"{path}: HTTP {status} {code}".strip()
        if status == 401:
            if code == "invalid_credentials":
                raise InvalidCredentials(detail=detail)
            raise SessionExpired(detail=detail)
        if status == 403 and code == "account_disabled":
            raise AccountDisabled(detail=detail)
        if status == 426:
            raise UpdateRequired(detail=detail)
        if status == 429:
            retry_after = headers.get("Retry-After", "")
            raise TooManyAttempts(int(retry_after) if retry_after.isdigit() else None, detail)
        if status in _GATEWAY_STATUSES:
            # A proxy or load balancer answering for a server that is down.
            raise ServerUnreachable(self.display_url, detail=detail)
        if status == 404 and code == "not_found" and (kind := _record_kind(body)):
            raise RecordNotFound(kind, detail=detail)
        if status == 404:
            raise ProtocolError(
                "this address does not answer like a Klassbok server", detail=detail
            )
        if status == 422 and code == "invalid_cursor":
            raise CursorRefused(detail=detail)
        if status == 422:
            raise ProtocolError("the server refused the request as invalid", detail=detail)
        raise ServerError(status, code, detail=detail)


def _error_code(body: bytes) -> str:
    """The stable error code of an error body, if it is one (else "")."""
    try:
        parsed = ErrorBody.model_validate_json(body)
    except pydantic.ValidationError:
        return ""
    # The code goes to logs: keep it short and plain.
    code = parsed.error[:40]
    return code if code.replace("_", "").isalnum() else ""


def _record_kind(body: bytes) -> str:
    """The kind a 404 says it looked for (detail.kind), if it names one (else "")."""
    try:
        detail = ErrorBody.model_validate_json(body).detail
    except pydantic.ValidationError:
        return ""
    kind = detail.get("kind") if isinstance(detail, dict) else None
    return kind if isinstance(kind, str) and kind.isidentifier() and len(kind) <= 40 else ""


def _wire_bytes(response: requests.Response) -> int:
    raw = getattr(response, "raw", None)
    tell = getattr(raw, "tell", None)
    try:
        return int(tell()) if callable(tell) else 0
    except (OSError, ValueError):
        return 0


def _check_json(path: str, answer: _Answer) -> None:
    if "json" not in answer.content_type:
        raise ProtocolError("the answer was not JSON", detail=f"{path}: {answer.content_type[:60]}")


def parse_body(path: str, model: type[ModelT], body: bytes) -> ModelT:
    """The body as `model`, or ProtocolError saying where it is wrong."""
    try:
        # Strict: "1" is not a number, 1 is not true. A server that
        # means it sends the right types.
        return model.model_validate_json(body, strict=True)
    except pydantic.ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])[:120]
        raise ProtocolError(
            f"unexpected content at {where or 'the top'}: {first['msg']}",
            detail=f"{path}: {exc.error_count()} error(s)",
        ) from None
