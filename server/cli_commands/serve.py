"""`klassbok-server serve`: run the API with uvicorn.

The socket is bound here, before uvicorn starts, so `--port 0` can report
the port the system chose; the ready line is printed only once uvicorn
accepts requests, which is what tests and the demo launcher wait for.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import sys
from typing import Any

from server.config import DEFAULT_HOST, DEFAULT_PORT, Settings, SettingsError, load_settings
from server.logs import configure_logging

READY_MESSAGE = "Klassbok server listening on {url}"

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="run the server",
        description="Serve the Klassbok API. Stops cleanly on Ctrl+C or SIGTERM.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="TCP port; 0 lets the system choose"
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow listening on an address other computers can reach (put a TLS "
        "reverse proxy in front: tokens and pupils' data must not travel in clear text)",
    )
    parser.add_argument(
        "--workers",
        type=_worker_count,
        default=1,
        help="worker processes (default 1); with PostgreSQL, about one per core",
    )
    parser.set_defaults(func=run_serve)


def _worker_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= 64:
        raise argparse.ArgumentTypeError(
            f"expected a number of processes from 1 to 64, not {text!r}"
        )
    return count


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not left 0: asyncio turns Nagle's algorithm off
    # (TCP_NODELAY) only on sockets that say they are TCP. Without it every
    # answer sent in two writes (headers, then body) waited for the client's
    # delayed ACK: 40 ms on every request.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _schema_problem(settings: Settings) -> str | None:
    """A message when the database is missing or not at this version's schema."""
    from sqlalchemy.exc import OperationalError

    from server.db import make_engine
    from server.migrations import current_revision, head_revision

    engine = make_engine(settings.database_url)
    try:
        current = current_revision(engine)
    except OperationalError as exc:
        return f"cannot open the database: {exc.orig}"
    finally:
        engine.dispose()
    head = head_revision()
    if current != head:
        state = "is empty" if current is None else f"is at revision {current}, not {head}"
        return f"the database {state}. Run `klassbok-server init-db` first."
    return None


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app
    from server.cli_commands.serve_workers import serve_workers, uvicorn_options

    try:
        settings = load_settings(
            database_url=args.database_url,
            host=args.host,
            port=args.port,
            allow_remote=args.allow_remote,
        )
    except SettingsError as exc:
        print(f"klassbok-server: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    if settings.allow_remote:
        log.warning(
            "listening on %s: make sure only a TLS reverse proxy reaches this port", settings.host
        )
    problem = _schema_problem(settings)
    if problem is not None:
        print(f"klassbok-server: {problem}", file=sys.stderr)
        return 1
    try:
        sock = _bind(settings.host, settings.port)
    except OSError as exc:
        print(
            f"klassbok-server: cannot listen on {settings.host}:{settings.port}: {exc.strerror}",
            file=sys.stderr,
        )
        return 1
    port = sock.getsockname()[1]
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    url = f"http://{host}:{port}"
    if args.workers > 1:
        try:
            return serve_workers(settings, sock, args.workers, READY_MESSAGE.format(url=url))
        finally:
            sock.close()

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started and not self.should_exit:
                print(READY_MESSAGE.format(url=url), flush=True)

    config = uvicorn.Config(
        create_app(settings),
        **uvicorn_options(settings),
    )
    # uvicorn re-raises the signal that stopped it once it has shut down;
    # with these handlers in place that is a no-op, so a SIGTERM ends in a
    # clean exit (status 0) instead of death by signal.
    for handled in (signal.SIGINT, signal.SIGTERM):
        signal.signal(handled, lambda *_: None)
    try:
        _Server(config).run(sockets=[sock])
    finally:
        sock.close()
    log.info("Klassbok server stopped")
    return 0
