"""Plain-words messages for the errors a teacher can do something about.

Everything not listed here is a bug: it is logged with its traceback and
the teacher sees a short apology with the log's path (error_reporter.py).
"""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication

from local_db.cache import CacheError, CacheMigrationFailed, CacheTooNew, CacheUnreadable
from local_db.keystore import KeyringUnavailable, KeystoreError
from local_db.sync import errors as sync_errors


def is_offline_error(exc: BaseException) -> bool:
    """The server could not be reached: a state to show, not an error to pop up."""
    return isinstance(exc, sync_errors.ServerUnreachable)


def _fixed_messages() -> tuple[tuple[type[BaseException], str], ...]:
    """(error class, message), most specific first. Built per call so the
    messages follow the current language."""
    translate = QCoreApplication.translate
    return (
        (
            sync_errors.AccountDisabled,
            translate(
                "ErrorMessages",
                "This account has been disabled. Ask your school's administrator.",
            ),
        ),
        (
            sync_errors.InvalidCredentials,
            translate(
                "ErrorMessages",
                "The user name or password is wrong. Check them and try again "
                "(passwords are case-sensitive).",
            ),
        ),
        (
            sync_errors.ServerUnreachable,
            translate(
                "ErrorMessages",
                "Klassbok can't reach the server. Check the server address and "
                "that this computer is connected to the network.",
            ),
        ),
        (
            sync_errors.UpdateRequired,
            translate(
                "ErrorMessages",
                "This version of Klassbok is too old for the server. Install the latest "
                "version; your changes are kept on this computer until then.",
            ),
        ),
        (
            sync_errors.SessionExpired,
            translate("ErrorMessages", "Your login has expired. Log in again to continue syncing."),
        ),
        (
            sync_errors.ProtocolError,
            translate(
                "ErrorMessages",
                "The server sent an answer Klassbok doesn't understand. Check the server "
                "address; if it is right, tell your school's administrator.",
            ),
        ),
        (
            sync_errors.ServerError,
            translate(
                "ErrorMessages",
                "The server had a problem and couldn't answer. Try again in a while; "
                "your data on this computer is safe.",
            ),
        ),
        (
            CacheTooNew,
            translate(
                "ErrorMessages",
                "The school data on this computer was saved by a newer version of "
                "Klassbok. Install the latest version to open it.",
            ),
        ),
        (
            CacheUnreadable,
            translate(
                "ErrorMessages",
                "Klassbok can't read the school data stored on this computer. Log out "
                "and choose to remove this computer's copy; it is downloaded again "
                "when you log in.",
            ),
        ),
        (
            CacheMigrationFailed,
            translate(
                "ErrorMessages",
                "Klassbok couldn't update the school data on this computer to this "
                "version; it was left as it was. Please tell your school's administrator.",
            ),
        ),
        (
            KeyringUnavailable,
            translate(
                "ErrorMessages",
                "The computer's password store (keyring) stopped answering. Log in to "
                "your desktop's keyring and start Klassbok again; nothing was lost.",
            ),
        ),
    )


def _too_many_attempts(exc: sync_errors.TooManyAttempts) -> str:
    # The server asks the owner of an account to wait a few seconds at most,
    # and an address that keeps guessing up to a minute or so.
    seconds = exc.retry_after_s
    if seconds and seconds < 60:
        return QCoreApplication.translate(
            "ErrorMessages",
            "Too many failed login attempts. Wait %n second(s) and try again.",
            "",
            seconds,
        )
    if exc.retry_after_s:
        minutes = max(1, (exc.retry_after_s + 59) // 60)
        return QCoreApplication.translate(
            "ErrorMessages",
            "Too many login attempts. Wait %n minute(s) before trying again.",
            "",
            minutes,
        )
    return QCoreApplication.translate(
        "ErrorMessages",
        "Too many login attempts. Wait a few minutes before trying again, "
        "or ask your school's administrator.",
    )


def user_message(exc: BaseException) -> str | None:
    """A message saying what happened and what to do, or None for a bug."""
    if isinstance(exc, sync_errors.TooManyAttempts):
        return _too_many_attempts(exc)
    for error_class, message in _fixed_messages():
        if isinstance(exc, error_class):
            return message
    if isinstance(exc, sync_errors.SyncError | CacheError | KeystoreError):
        # A newer kind of these errors: its own text is a sentence for people
        # (English only until it gets a translated message here).
        return str(exc)
    return storage_message(exc)


def storage_message(exc: BaseException) -> str | None:
    """Disk full or a locked database: the teacher can free space or wait."""
    current: BaseException | None = exc
    while current is not None:
        if isinstance(current, OSError) and current.errno == errno.ENOSPC:
            return _disk_full()
        # sqlite3's and sqlcipher3's OperationalError share the name, not the class.
        if type(current).__name__ == "OperationalError":
            text = str(current).lower()
            if "disk is full" in text:
                return _disk_full()
            if "locked" in text:
                return QCoreApplication.translate(
                    "ErrorMessages",
                    "The school data is busy (another Klassbok window may be using it). "
                    "Close other Klassbok windows and try again.",
                )
        current = current.__cause__ or current.__context__
    return None


def _disk_full() -> str:
    return QCoreApplication.translate(
        "ErrorMessages",
        "The disk is full: this change was not saved, and nothing saved before was lost. "
        "Free some space, then try again.",
    )
