"""Sync errors: each one's str() is a sentence a teacher can act on.

None of them ever holds the token, a password or a response body that might
echo one; `detail` is for the log and carries codes and sizes only.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of everything the sync client raises on purpose."""

    #: Try again later without asking the teacher anything.
    retryable = False

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ServerUnreachable(SyncError):
    """No answer from the server: offline is a state, not a failure."""

    retryable = True

    def __init__(self, server_url: str, detail: str = "", message: str | None = None) -> None:
        super().__init__(
            message
            or (
                f"Can't reach the server at {server_url}. You can keep working; changes are "
                "saved on this computer and sent when the connection is back."
            ),
            detail,
        )
        self.server_url = server_url


class InvalidCredentials(SyncError):
    def __init__(self, message: str = "", detail: str = "") -> None:
        super().__init__(
            message or "The user name or password is wrong. Check them and try again.", detail
        )


class AccountDisabled(InvalidCredentials):
    """The account exists but may not sign in (403 account_disabled)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("This account has been disabled. Ask your school's administrator.", detail)


class TooManyAttempts(SyncError):
    def __init__(self, retry_after_s: int | None = None, detail: str = "") -> None:
        if not retry_after_s:
            wait = "Wait a few minutes"
        elif retry_after_s < 60:
            wait = f"Wait {retry_after_s} second{'s' if retry_after_s != 1 else ''}"
        else:
            wait = f"Wait {(retry_after_s + 59) // 60} minute(s)"
        super().__init__(f"Too many sign-in attempts. {wait} and try again.", detail)
        self.retry_after_s = retry_after_s


class SessionExpired(SyncError):
    """The token is expired, revoked or unknown: sign in again (the cache and
    any unsent changes stay)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Your sign-in has expired. Sign in again to continue syncing; your changes "
            "are kept on this computer.",
            detail,
        )


class UpdateRequired(SyncError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "The server needs a newer version of Klassbok. Update Klassbok; your changes "
            "are kept on this computer until then.",
            detail,
        )


class ProtocolError(SyncError):
    """A malformed, oversized or hostile response. Nothing of it was stored."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(
            "The server sent an answer Klassbok could not use, so nothing from it was "
            f"saved ({reason}). Check the server address; if it is right, tell your "
            "school's administrator.",
            detail,
        )
        self.reason = reason


class CursorRefused(ProtocolError):
    """The server does not know this computer's place in its feed: its data was
    restored from a backup or replaced. The pull starts again from the start
    (local_db.sync.pull); this reaches the teacher only if that fails too."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("it no longer knows what this computer has", detail)


class RecordNotFound(SyncError):
    """The server has no such record, or this account may not see it (404 not_found
    naming the record's kind: a foreign id and a missing one look the same)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        what = kind.replace("_", " ")
        super().__init__(
            f"The server has no such {what}, or you may no longer see it. Sync to bring "
            "this computer up to date.",
            detail,
        )
        self.kind = kind


class ServerError(SyncError):
    """The server answered with an error of its own (5xx and the like)."""

    retryable = True

    def __init__(self, status: int, code: str = "", detail: str = "") -> None:
        super().__init__(
            f"The server had a problem (error {status}) and could not answer. Try again "
            "in a while; your data on this computer is safe.",
            detail,
        )
        self.status = status
        self.code = code
