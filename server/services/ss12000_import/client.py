"""Reading an SS 12000 API: list endpoints paged to the end, with clear errors.

Every list answer is `{data: [...], pageToken}`; a non-null pageToken is
asked for next, alone (the specification allows no other filter beside it,
only `limit`), until it is null. The bearer token is sent in the
Authorization header only: it is never part of a URL or a message, so it
cannot end up in a log or a terminal's scrollback.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from typing import Any

from server.services.ss12000_import.errors import SourceFailed

#: Objects asked for per page; servers may send fewer.
PAGE_LIMIT = 500
#: A source that pages further than this is taken to loop.
MAX_PAGES = 10_000


def format_after(moment: dt.datetime) -> str:
    """RFC 3339 in UTC, as meta.modified.after and /deletedEntities' `after` take it."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Ss12000Client:
    def __init__(self, base_url: str, token: str, *, timeout: float = 60.0) -> None:
        if urllib.parse.urlsplit(base_url).scheme not in ("http", "https"):
            raise SourceFailed(f"--url must start with https:// (or http://), got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._timeout = timeout

    def __repr__(self) -> str:  # never the token
        return f"Ss12000Client({self.base_url!r})"

    def list_all(
        self, endpoint: str, params: Mapping[str, str | Sequence[str]]
    ) -> list[dict[str, Any]]:
        """Every object of a list endpoint, all pages."""
        objects: list[dict[str, Any]] = []
        seen: set[str] = set()
        query: Mapping[str, str | Sequence[str]] = {**params, "limit": str(PAGE_LIMIT)}
        for page in range(1, MAX_PAGES + 1):
            body = self._get(endpoint, query, page)
            data = body.get("data")
            if not isinstance(data, list):
                raise SourceFailed(
                    f"{self.base_url}/{endpoint} (page {page}): the answer has no data list"
                )
            objects.extend(data)
            token = body.get("pageToken")
            if token is None or token == "":
                return objects
            if not isinstance(token, str):
                raise SourceFailed(
                    f"{self.base_url}/{endpoint} (page {page}): pageToken {token!r} is not a string"
                )
            if token in seen:
                raise SourceFailed(
                    f"{self.base_url}/{endpoint} (page {page}): the server sent a page token "
                    "it had sent before; its paging loops, so the import stopped"
                )
            seen.add(token)
            query = {"pageToken": token, "limit": str(PAGE_LIMIT)}
        raise SourceFailed(
            f"{self.base_url}/{endpoint}: more than {MAX_PAGES} pages; the paging seems to loop"
        )

    def deleted_entities(self, after: dt.datetime, entities: Sequence[str]) -> dict[str, list[str]]:
        """/deletedEntities after a moment: endpoint-style name -> deleted ids, all pages."""
        merged: dict[str, list[str]] = {}
        seen: set[str] = set()
        query: Mapping[str, str | Sequence[str]] = {
            "after": format_after(after),
            "entities": list(entities),
            "limit": str(PAGE_LIMIT),
        }
        for page in range(1, MAX_PAGES + 1):
            body = self._get("deletedEntities", query, page)
            data = body.get("data")
            if not isinstance(data, dict):
                raise SourceFailed(
                    f"{self.base_url}/deletedEntities (page {page}): the answer has no data object"
                )
            for name, ids in data.items():
                if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                    raise SourceFailed(
                        f"{self.base_url}/deletedEntities (page {page}): "
                        f"{name} is not a list of ids"
                    )
                merged.setdefault(name, []).extend(ids)
            token = body.get("pageToken")
            if not token:
                return merged
            if not isinstance(token, str) or token in seen:
                raise SourceFailed(
                    f"{self.base_url}/deletedEntities (page {page}): "
                    "the page token repeats or is not a string"
                )
            seen.add(token)
            query = {"pageToken": token, "limit": str(PAGE_LIMIT)}
        raise SourceFailed(f"{self.base_url}/deletedEntities: more than {MAX_PAGES} pages")

    def _get(self, endpoint: str, query: Mapping[str, str | Sequence[str]], page: int) -> Any:
        url = f"{self.base_url}/{endpoint}?{urllib.parse.urlencode(query, doseq=True)}"
        shown = f"{self.base_url}/{endpoint} (page {page})"
        # The scheme was checked in __init__: only http(s) is ever opened.
        request = urllib.request.Request(  # noqa: S310
            url, headers={"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as exc:
            message = _http_message(shown, exc)
            exc.close()  # the error holds the open response
            raise SourceFailed(message) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc.__class__.__name__
            raise SourceFailed(
                f"{shown}: the connection failed or was cut ({reason}); nothing was imported. "
                "Run the import again when the server answers."
            ) from None
        try:
            return json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise SourceFailed(f"{shown}: the answer is not valid JSON ({exc})") from None


def _http_message(shown: str, exc: urllib.error.HTTPError) -> str:
    status = exc.code
    if status in (401, 403):
        return (
            f"{shown}: the SS 12000 server refused the token (HTTP {status}). "
            "Check the token file (or KLASSBOK_SS12000_TOKEN) and the token's access rights."
        )
    if status == 429:
        wait = exc.headers.get("Retry-After") if exc.headers else None
        later = f" after {wait} seconds" if wait else " later"
        return f"{shown}: the SS 12000 server is rate limiting (HTTP 429); run again{later}."
    if status >= 500:
        return (
            f"{shown}: the SS 12000 server failed (HTTP {status}); nothing was imported. "
            "Run the import again later."
        )
    return f"{shown}: the SS 12000 server answered HTTP {status} {exc.reason}"
