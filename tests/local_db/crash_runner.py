"""Run one sync in this process and die (os._exit) at a chosen point, as a
killed app would: no cleanup, no rollback handlers, no closing.

    python -m tests.local_db.crash_runner CACHE_PATH SERVER_URL POINT  (key hex on stdin)

Points: before-push (ops marked sent, nothing sent), after-push (the server
applied the batch, its answer is lost), mid-pull (after the first page),
mid-verify (during the scope repair's fetch).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from local_db.cache import open_cache
from local_db.sync.api_client import ApiClient, PageT
from local_db.sync.engine import SyncEngine
from sync_protocol.wire import FetchResponse, PushBatch, PushResponse

KILLED = 9


class DyingClient(ApiClient):
    def __init__(self, url: str, point: str) -> None:
        super().__init__(url, token="t")
        self.point = point
        self.pages = 0

    def push(self, batch: PushBatch) -> PushResponse:
        if self.point == "before-push":
            os._exit(KILLED)
        answer = super().push(batch)
        if self.point == "after-push":
            os._exit(KILLED)
        return answer

    def change_page(
        self,
        cursor: str | None,
        limit: int | None,
        decode: Callable[[bytes], PageT],
        **options: Any,
    ) -> PageT:
        if self.point == "mid-pull" and self.pages == 1:
            os._exit(KILLED)
        self.pages += 1
        return super().change_page(cursor, limit, decode, **options)

    def fetch(self, kind: str, ids: list[uuid.UUID]) -> FetchResponse:
        answer = super().fetch(kind, ids)
        if self.point == "mid-verify":
            os._exit(KILLED)
        return answer


def main(argv: list[str]) -> Any:
    path, url, point = argv
    key = bytes.fromhex(sys.stdin.readline().strip())
    cache = open_cache(Path(path), key)
    SyncEngine(cache, DyingClient(url, point), page_limit=2, verify_scope=True).sync()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
