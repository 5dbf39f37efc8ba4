"""`create-api-client`, `list-api-clients`, `revoke-api-client`: the systems
that read the published SS 12000 API (/ss12000/v2/, docs/ss12000.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from server.services.ss12000_api.clients import SCOPES


def register(subparsers: Any) -> None:
    create = subparsers.add_parser(
        "create-api-client",
        help="let a system read the SS 12000 API; prints its token once",
        description="Add an API client for /ss12000/v2/. The token is printed once and "
        "never stored; keep it in the system that reads the API. Scopes: " + ", ".join(SCOPES),
    )
    create.add_argument("name", help="what the system is, e.g. kommunens-statistik")
    create.add_argument(
        "--scope",
        action="append",
        required=True,
        help="repeat or separate with commas: " + ", ".join(SCOPES),
    )
    create.set_defaults(func=run_create)

    listing = subparsers.add_parser(
        "list-api-clients", help="the API clients: scopes, created, last used, revoked"
    )
    listing.set_defaults(func=run_list)

    revoke = subparsers.add_parser(
        "revoke-api-client", help="stop an API client's token at once (kept in the list)"
    )
    revoke.add_argument("name")
    revoke.set_defaults(func=run_revoke)


def _fail(message: str) -> int:
    print(f"klassbok-server: {message}", file=sys.stderr)
    return 1


def _when(moment: dt.datetime | None) -> str:
    return "-" if moment is None else moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def run_create(args: argparse.Namespace) -> int:
    from server.cli_commands.import_csv import open_initialised_database
    from server.db import write_transaction
    from server.services.ss12000_api import clients

    engine, problem = open_initialised_database(args.database_url)
    if engine is None:
        return _fail(problem)
    try:
        with write_transaction(engine) as conn:
            token = clients.create_client(conn, args.name, args.scope)
    except clients.ApiClientError as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    print(f"API client {args.name} created. Its token (shown only now):")
    print(token)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from server.cli_commands.import_csv import open_initialised_database
    from server.db import read_transaction
    from server.services.ss12000_api import clients

    engine, problem = open_initialised_database(args.database_url)
    if engine is None:
        return _fail(problem)
    try:
        with read_transaction(engine) as conn:
            found = clients.list_clients(conn)
    finally:
        engine.dispose()
    if not found:
        print("No API clients.")
        return 0
    print(f"{'name':<30} {'scopes':<50} {'created':<21} {'last used':<21} revoked")
    for client in found:
        print(
            f"{client.name:<30} {','.join(client.scopes):<50} {_when(client.created_at):<21} "
            f"{_when(client.last_used_at):<21} {_when(client.revoked_at)}"
        )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from server.cli_commands.import_csv import open_initialised_database
    from server.db import write_transaction
    from server.services.ss12000_api import clients

    engine, problem = open_initialised_database(args.database_url)
    if engine is None:
        return _fail(problem)
    try:
        with write_transaction(engine) as conn:
            clients.revoke_client(conn, args.name)
    except clients.ApiClientError as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    print(f"API client {args.name} revoked; its token no longer works.")
    return 0
