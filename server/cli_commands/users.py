"""`klassbok-server create-user`, `set-password`, `deactivate-user`, `activate-user`."""

from __future__ import annotations

import argparse
import getpass
import sys
import uuid
from typing import Any

from server.config import resolve_database_url


def register(subparsers: Any) -> None:
    create = subparsers.add_parser(
        "create-user",
        help="add an account",
        description="Add an account. The password is read from standard input with "
        "--password-stdin, else asked for twice without echo.",
    )
    create.add_argument("username")
    create.add_argument("--display-name", required=True)
    create.add_argument("--role", required=True, choices=["teacher", "admin", "absence_reporter"])
    create.add_argument(
        "--person-id", type=uuid.UUID, default=None, help="the teacher's person record"
    )
    create.add_argument("--school-id", type=uuid.UUID, default=None)
    create.add_argument("--password-stdin", action="store_true")
    create.set_defaults(func=run_create_user)

    password = subparsers.add_parser(
        "set-password",
        help="set an account's password (signs it out everywhere)",
    )
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    password.set_defaults(func=run_set_password)

    deactivate = subparsers.add_parser(
        "deactivate-user", help="disable an account and sign it out everywhere"
    )
    deactivate.add_argument("username")
    deactivate.set_defaults(func=run_set_active, active=False)

    activate = subparsers.add_parser("activate-user", help="enable a disabled account")
    activate.add_argument("username")
    activate.set_defaults(func=run_set_active, active=True)


class _PasswordError(ValueError):
    pass


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        return password.removesuffix("\r")
    if not sys.stdin.isatty():
        raise _PasswordError("no terminal to ask for the password; use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise _PasswordError("the two passwords differ")
    return first


def _engine(args: argparse.Namespace) -> Any:
    from server.db import make_engine

    return make_engine(resolve_database_url(args.database_url))


def _fail(message: str) -> int:
    print(f"klassbok-server: {message}", file=sys.stderr)
    return 1


def run_create_user(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from server.db import write_transaction
    from server.services.accounts import auth
    from server.tables import synced

    try:
        password = read_password(args.password_stdin)
        auth.check_new_password(password)
    except (_PasswordError, auth.AccountError) as exc:
        return _fail(str(exc))
    engine = _engine(args)
    try:
        with write_transaction(engine) as conn:
            user_id = auth.create_user(
                conn,
                username=args.username,
                password=password,
                display_name=args.display_name,
                role=args.role,
                person_id=args.person_id,
                school_id=args.school_id,
            )
            person = synced["person"]
            known = (
                args.person_id is not None
                and conn.execute(select(person.c.id).where(person.c.id == args.person_id)).first()
            )
    except auth.AccountError as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    if args.role == "teacher" and args.person_id is None:
        print(
            "warning: a teacher without --person-id sees no groups or pupils",
            file=sys.stderr,
        )
    elif args.person_id is not None and not known:
        print(
            f"warning: no person {args.person_id} yet; the account sees nothing until "
            "an import adds that person",
            file=sys.stderr,
        )
    print(f"Created account {auth.normalize_username(args.username)} ({user_id}).")
    return 0


def run_set_password(args: argparse.Namespace) -> int:
    from server.db import write_transaction
    from server.services.accounts import auth

    try:
        password = read_password(args.password_stdin)
        auth.check_new_password(password)
    except (_PasswordError, auth.AccountError) as exc:
        return _fail(str(exc))
    engine = _engine(args)
    try:
        with write_transaction(engine) as conn:
            auth.set_password(conn, args.username, password)
    except auth.AccountError as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    print(f"Password changed; {auth.normalize_username(args.username)} is signed out everywhere.")
    return 0


def run_set_active(args: argparse.Namespace) -> int:
    from server.db import write_transaction
    from server.services.accounts import auth

    engine = _engine(args)
    try:
        with write_transaction(engine) as conn:
            auth.set_active(conn, args.username, active=args.active)
    except auth.AccountError as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    name = auth.normalize_username(args.username)
    print(f"Enabled {name}." if args.active else f"Disabled {name} and signed it out everywhere.")
    return 0
