"""Server settings, read from the environment and the command line.

Settings are one frozen value handed to `create_app`; nothing reads the
environment after start-up, so a test can run two servers with different
settings side by side.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATABASE_URL_ENV = "KLASSBOK_DATABASE_URL"
TOKEN_TTL_ENV = "KLASSBOK_TOKEN_TTL_SECONDS"  # noqa: S105 (a variable name)
MAX_BODY_ENV = "KLASSBOK_MAX_BODY_BYTES"
LOG_LEVEL_ENV = "KLASSBOK_LOG_LEVEL"

DEFAULT_TOKEN_TTL_SECONDS = 14 * 24 * 3600
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765

#: Login throttling: this many failures for one username within the window
#: answer 429 until the window has passed (see server.services.auth).
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW_SECONDS = 15 * 60

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(ValueError):
    """A setting that is missing, malformed or unsafe; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    token_ttl_seconds: int = DEFAULT_TOKEN_TTL_SECONDS
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    login_max_failures: int = LOGIN_MAX_FAILURES
    login_window_seconds: int = LOGIN_WINDOW_SECONDS
    log_level: str = "INFO"
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    allow_remote: bool = False

    def __post_init__(self) -> None:
        if not self.database_url:
            raise SettingsError("the database URL is empty")
        # A token that outlives a school year, or expires before a lesson
        # ends, is a mistake in the environment, not a choice.
        if not 60 <= self.token_ttl_seconds <= 366 * 24 * 3600:
            raise SettingsError(
                f"{TOKEN_TTL_ENV} must be between 60 seconds and 366 days, "
                f"not {self.token_ttl_seconds}"
            )
        if not 1024 <= self.max_body_bytes <= 1024**3:
            raise SettingsError(f"{MAX_BODY_ENV} must be between 1 KiB and 1 GiB")
        if self.log_level not in _LOG_LEVELS:
            raise SettingsError(
                f"{LOG_LEVEL_ENV} must be one of {', '.join(_LOG_LEVELS)}, not {self.log_level!r}"
            )
        if not 0 <= self.port <= 65535:
            raise SettingsError(f"port {self.port} is not a TCP port")
        if not self.allow_remote and not is_loopback(self.host):
            # Tokens and pupils' data travel in clear text unless a TLS
            # proxy sits in front; opening the port to a network has to be
            # a deliberate decision.
            raise SettingsError(
                f"refusing to listen on {self.host!r}, which other computers can reach. "
                "Put a TLS reverse proxy in front of the server and pass --allow-remote, "
                "or listen on 127.0.0.1."
            )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def default_database_url() -> str:
    """A SQLite file in the user data folder; the folder is created on demand."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("klassbok-server", appauthor=False))
    return f"sqlite:///{folder / 'klassbok-server.sqlite3'}"


def resolve_database_url(cli_value: str | None, env: Mapping[str, str] | None = None) -> str:
    """--database-url, else $KLASSBOK_DATABASE_URL, else the default file."""
    environ = os.environ if env is None else env
    return cli_value or environ.get(DATABASE_URL_ENV) or default_database_url()


def _int_env(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None


def load_settings(
    *,
    database_url: str | None = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_remote: bool = False,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from the command line values given and the environment."""
    environ = os.environ if env is None else env
    return Settings(
        database_url=resolve_database_url(database_url, environ),
        token_ttl_seconds=_int_env(environ, TOKEN_TTL_ENV, DEFAULT_TOKEN_TTL_SECONDS),
        max_body_bytes=_int_env(environ, MAX_BODY_ENV, DEFAULT_MAX_BODY_BYTES),
        log_level=environ.get(LOG_LEVEL_ENV, "INFO").strip().upper() or "INFO",
        host=host,
        port=port,
        allow_remote=allow_remote,
    )


def ensure_sqlite_folder(database_url: str) -> None:
    """Create the folder of a SQLite file URL, so a first run just works."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
