"""`klassbok-server serve --workers N`: several uvicorn worker processes on one socket.

The parent binds the socket (so `--port 0` works as with one process),
checks the schema, puts the settings in the environment and starts N
workers with uvicorn's process supervisor, which restarts a worker that
dies and stops them all on SIGTERM/SIGINT after their running requests
(graceful shutdown). The ready line is printed once every worker serves.

What the workers share lives in the database: the sync counter's row lock
orders pushes; applied_op answers a retry that reaches another worker;
the server clock's last stamp (sync_counter.last_hlc); login throttling;
the notice queue, claimed row by row (FOR UPDATE SKIP LOCKED on PostgreSQL).
With SQLite every write takes the database's one write lock, so more than
one worker helps reads only; docs/deployment.md says to use PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import tempfile
from typing import Any

from server.config import DATABASE_URL_ENV, LOG_LEVEL_ENV, Settings
from server.metrics import MULTIPROC_ENV

log = logging.getLogger(__name__)

#: The factory each worker imports (server.app.create_worker_app).
WORKER_APP = "server.app:create_worker_app"
#: How long a worker may take to start serving.
READY_TIMEOUT_SECONDS = 60.0


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """uvicorn.Config's options for one process or several: our logging (set
    up by the caller), no Server header, forwarded headers only behind the
    TLS proxy that --allow-remote promises, 10 s for running requests."""
    return {
        "log_config": None,
        "log_level": settings.log_level.lower(),
        "server_header": False,
        "proxy_headers": settings.allow_remote,
        "timeout_graceful_shutdown": 10,
    }


def serve_workers(settings: Settings, sock: socket.socket, workers: int, ready: str) -> int:
    import uvicorn
    from uvicorn.supervisors.multiprocess import Multiprocess

    os.environ[DATABASE_URL_ENV] = settings.database_url
    os.environ[LOG_LEVEL_ENV] = settings.log_level

    class _Supervisor(Multiprocess):
        def init_processes(self) -> None:
            super().init_processes()
            if all(
                p.wait_until_ready(READY_TIMEOUT_SECONDS, self.should_exit) for p in self.processes
            ):
                print(ready, flush=True)
            else:
                log.error("a worker did not start serving; stopping")
                self.should_exit.set()

    config = uvicorn.Config(
        WORKER_APP,
        factory=True,
        workers=workers,
        **uvicorn_options(settings),
    )
    # Every worker counts into files here, and a scrape of any worker adds
    # them up (server.metrics); set before the workers import prometheus_client.
    own_folder = MULTIPROC_ENV not in os.environ
    if own_folder:
        os.environ[MULTIPROC_ENV] = tempfile.mkdtemp(prefix="klassbok-metrics-")
    try:
        _Supervisor(config, sockets=[sock]).run()
    finally:
        if own_folder:
            shutil.rmtree(os.environ.pop(MULTIPROC_ENV), ignore_errors=True)
    return 0
