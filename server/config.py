"""Server settings, read from the environment and the command line.

Settings are one frozen value handed to `create_app`; nothing reads the
environment after start-up, so a test can run two servers with different
settings side by side.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DATABASE_URL_ENV = "KLASSBOK_DATABASE_URL"
TOKEN_TTL_ENV = "KLASSBOK_TOKEN_TTL_SECONDS"  # noqa: S105 (a variable name)
MAX_BODY_ENV = "KLASSBOK_MAX_BODY_BYTES"
LOG_LEVEL_ENV = "KLASSBOK_LOG_LEVEL"
#: "text" (default) or "json": one JSON object a line, with the request id.
LOG_FORMAT_ENV = "KLASSBOK_LOG_FORMAT"
#: A bearer token that may read /metrics from elsewhere than loopback.
METRICS_TOKEN_ENV = "KLASSBOK_METRICS_TOKEN"  # noqa: S105 (the variable's name, not a token)
LOG_FORMATS = ("text", "json")
# Same-day absence notices to guardians (server.services.notices.notice_sender).
SMTP_HOST_ENV = "KLASSBOK_SMTP_HOST"
SMTP_PORT_ENV = "KLASSBOK_SMTP_PORT"
SMTP_USER_ENV = "KLASSBOK_SMTP_USER"
SMTP_PASSWORD_ENV = "KLASSBOK_SMTP_PASSWORD"  # noqa: S105 (a variable name)
SMTP_STARTTLS_ENV = "KLASSBOK_SMTP_STARTTLS"
SMTP_FROM_ENV = "KLASSBOK_SMTP_FROM"
SMTP_TIMEOUT_ENV = "KLASSBOK_SMTP_TIMEOUT_SECONDS"
NOTICE_RETRY_ENV = "KLASSBOK_NOTICE_RETRY_SECONDS"
NOTICE_MAX_ATTEMPTS_ENV = "KLASSBOK_NOTICE_MAX_ATTEMPTS"
NOTICE_POLL_ENV = "KLASSBOK_NOTICE_POLL_SECONDS"
# Login throttling (server.services.accounts.login_throttle, docs/api.md).
LOGIN_ADDRESS_FREE_ENV = "KLASSBOK_LOGIN_ADDRESS_FREE_FAILURES"
LOGIN_ADDRESS_MAX_DELAY_ENV = "KLASSBOK_LOGIN_ADDRESS_MAX_DELAY_SECONDS"
LOGIN_ACCOUNT_FREE_ENV = "KLASSBOK_LOGIN_ACCOUNT_FREE_FAILURES"
LOGIN_ACCOUNT_MAX_DELAY_ENV = "KLASSBOK_LOGIN_ACCOUNT_MAX_DELAY_SECONDS"

DEFAULT_TOKEN_TTL_SECONDS = 14 * 24 * 3600
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765

#: The longest wait the account's own backoff may impose: the owner's right
#: password is never refused for longer (a setting above it is refused).
LOGIN_ACCOUNT_DELAY_LIMIT_SECONDS = 10

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
# One plain address, optionally with a display name: "Ekbackens skola <noreply@ekbacken.se>".
_FROM_SHAPE = re.compile(r"^(?:[^<>\r\n]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$")


class SettingsError(ValueError):
    """A setting that is missing, malformed or unsafe; the message says which and why."""


@dataclass(frozen=True)
class NoticeSettings:
    """How absence notices reach guardians: the school's SMTP server and the retry policy.

    Without a host, notices are still queued (and visible to teachers) but
    nobody sends them.
    """

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    # Never in a repr: settings objects end up in tracebacks and logs.
    smtp_password: str | None = field(default=None, repr=False)
    smtp_starttls: bool = True
    smtp_from: str | None = None
    smtp_timeout_seconds: float = 30.0
    #: Delay before the first retry of a delivery; doubles for each further one.
    retry_seconds: float = 60.0
    #: Attempts per guardian before a notice is given up on as failed.
    max_attempts: int = 8
    #: How often the sender looks for due deliveries when nothing woke it.
    poll_seconds: float = 5.0

    def __post_init__(self) -> None:
        if self.smtp_host is None:
            return
        if not self.smtp_from or not _FROM_SHAPE.match(self.smtp_from):
            raise SettingsError(
                f"{SMTP_FROM_ENV} must be the sender address of the notices, e.g. "
                f"'Ekbackens skola <noreply@ekbacken.se>', when {SMTP_HOST_ENV} is set"
            )
        if not 1 <= self.smtp_port <= 65535:
            raise SettingsError(f"{SMTP_PORT_ENV} must be a TCP port, not {self.smtp_port}")
        if (self.smtp_user is None) != (self.smtp_password is None):
            raise SettingsError(f"set both {SMTP_USER_ENV} and {SMTP_PASSWORD_ENV}, or neither")
        if (
            self.smtp_user is not None
            and not self.smtp_starttls
            and not is_loopback(self.smtp_host)
        ):
            # The password would cross the network in clear text.
            raise SettingsError(
                f"refusing to sign in to {self.smtp_host} without STARTTLS: "
                f"set {SMTP_STARTTLS_ENV}=1 or use a mail relay on this computer"
            )
        if not 1 <= self.smtp_timeout_seconds <= 600:
            raise SettingsError(f"{SMTP_TIMEOUT_ENV} must be between 1 and 600 seconds")
        if not 0.01 <= self.retry_seconds <= 24 * 3600:
            raise SettingsError(f"{NOTICE_RETRY_ENV} must be between 0.01 seconds and a day")
        if not 1 <= self.max_attempts <= 100:
            raise SettingsError(f"{NOTICE_MAX_ATTEMPTS_ENV} must be between 1 and 100")
        if not 0.01 <= self.poll_seconds <= 3600:
            raise SettingsError(f"{NOTICE_POLL_ENV} must be between 0.01 seconds and an hour")

    @property
    def enabled(self) -> bool:
        return self.smtp_host is not None


@dataclass(frozen=True)
class LoginThrottleSettings:
    """Exponential backoff of failed sign-ins (server.services.accounts.login_throttle).

    After `free` failures in a row, each next attempt must wait 1 s, then 2 s,
    4 s … up to the cap. Per source address (any username: this is what stops
    a guesser) and per username (any address: short and capped, so that a
    flood of guesses from elsewhere never keeps the owner out for more than a
    few seconds). A counter is forgotten `forget_seconds` after its last
    failure; a success clears the username's counter, never the address's.
    """

    address_free_failures: int = 10
    address_max_delay_seconds: float = 60.0
    account_free_failures: int = 3
    account_max_delay_seconds: float = 4.0
    forget_seconds: float = 15 * 60

    def __post_init__(self) -> None:
        if not 1 <= self.address_free_failures <= 1000:
            raise SettingsError(f"{LOGIN_ADDRESS_FREE_ENV} must be between 1 and 1000")
        if not 1 <= self.address_max_delay_seconds <= 3600:
            raise SettingsError(
                f"{LOGIN_ADDRESS_MAX_DELAY_ENV} must be between 1 second and an hour"
            )
        if not 1 <= self.account_free_failures <= 100:
            raise SettingsError(f"{LOGIN_ACCOUNT_FREE_ENV} must be between 1 and 100")
        if not 1 <= self.account_max_delay_seconds <= LOGIN_ACCOUNT_DELAY_LIMIT_SECONDS:
            # Longer, and a flood of wrong guesses locks the owner out again.
            raise SettingsError(
                f"{LOGIN_ACCOUNT_MAX_DELAY_ENV} must be between 1 and "
                f"{LOGIN_ACCOUNT_DELAY_LIMIT_SECONDS} seconds"
            )
        if not self.address_max_delay_seconds < self.forget_seconds <= 7 * 24 * 3600:
            raise SettingsError("the login throttle's forget time must exceed its longest wait")


@dataclass(frozen=True)
class Settings:
    database_url: str
    token_ttl_seconds: int = DEFAULT_TOKEN_TTL_SECONDS
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    login_throttle: LoginThrottleSettings = field(default_factory=LoginThrottleSettings)
    log_level: str = "INFO"
    log_format: str = "text"
    #: Lets a scraper elsewhere than on loopback read /metrics (None: loopback only).
    metrics_token: str | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    allow_remote: bool = False
    notices: NoticeSettings = field(default_factory=NoticeSettings)

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
        if self.log_format not in LOG_FORMATS:
            raise SettingsError(
                f"{LOG_FORMAT_ENV} must be one of {', '.join(LOG_FORMATS)}, not {self.log_format!r}"
            )
        if self.metrics_token is not None and len(self.metrics_token) < 16:
            raise SettingsError(f"{METRICS_TOKEN_ENV} must be at least 16 characters")
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


def _float_env(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw.strip())
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, not {raw!r}") from None


def _bool_env(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (environ.get(name) or "").strip().lower()
    if raw == "":
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise SettingsError(f"{name} must be 1 or 0 (true or false), not {raw!r}")


def _text_env(environ: Mapping[str, str], name: str) -> str | None:
    raw = environ.get(name)
    return raw.strip() if raw and raw.strip() else None


def load_notice_settings(env: Mapping[str, str] | None = None) -> NoticeSettings:
    """The KLASSBOK_SMTP_* and KLASSBOK_NOTICE_* settings from the environment."""
    environ = os.environ if env is None else env
    password = environ.get(SMTP_PASSWORD_ENV)
    return NoticeSettings(
        smtp_host=_text_env(environ, SMTP_HOST_ENV),
        smtp_port=_int_env(environ, SMTP_PORT_ENV, 587),
        smtp_user=_text_env(environ, SMTP_USER_ENV),
        # Not stripped: a password may end in a space.
        smtp_password=password if password else None,
        smtp_starttls=_bool_env(environ, SMTP_STARTTLS_ENV, True),
        smtp_from=_text_env(environ, SMTP_FROM_ENV),
        smtp_timeout_seconds=_float_env(environ, SMTP_TIMEOUT_ENV, 30.0),
        retry_seconds=_float_env(environ, NOTICE_RETRY_ENV, 60.0),
        max_attempts=_int_env(environ, NOTICE_MAX_ATTEMPTS_ENV, 8),
        poll_seconds=_float_env(environ, NOTICE_POLL_ENV, 5.0),
    )


def load_login_throttle_settings(env: Mapping[str, str] | None = None) -> LoginThrottleSettings:
    """The KLASSBOK_LOGIN_* settings from the environment."""
    environ = os.environ if env is None else env
    default = LoginThrottleSettings()
    return LoginThrottleSettings(
        address_free_failures=_int_env(
            environ, LOGIN_ADDRESS_FREE_ENV, default.address_free_failures
        ),
        address_max_delay_seconds=_float_env(
            environ, LOGIN_ADDRESS_MAX_DELAY_ENV, default.address_max_delay_seconds
        ),
        account_free_failures=_int_env(
            environ, LOGIN_ACCOUNT_FREE_ENV, default.account_free_failures
        ),
        account_max_delay_seconds=_float_env(
            environ, LOGIN_ACCOUNT_MAX_DELAY_ENV, default.account_max_delay_seconds
        ),
    )


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
        log_format=environ.get(LOG_FORMAT_ENV, "text").strip().lower() or "text",
        metrics_token=environ.get(METRICS_TOKEN_ENV, "").strip() or None,
        host=host,
        port=port,
        allow_remote=allow_remote,
        login_throttle=load_login_throttle_settings(environ),
        notices=load_notice_settings(environ),
    )


def ensure_sqlite_folder(database_url: str) -> None:
    """Create the folder of a SQLite file URL, so a first run just works."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
