"""The cache key and the session token, kept in the OS keyring.

The cache holds pupils' data, so without a keyring Klassbok refuses to store
anything rather than falling back to a plain file: `available()` tells the app
to say so. Secrets never go to a file or a log; error messages name the
profile at most.
"""

from __future__ import annotations

import logging
import secrets

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

log = logging.getLogger(__name__)

KEY_BYTES = 32


class KeystoreError(Exception):
    """The keyring answered, but not with something usable."""


class KeyringUnavailable(KeystoreError):
    """No working keyring: nothing may be cached on this computer."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Klassbok keeps pupils' data on this computer only in encrypted form, with "
            "the key in the system's password store (keyring), and no password store "
            "is available. Sign in to the desktop's keyring (for example GNOME Keyring "
            "or KWallet) and start Klassbok again."
        )
        self.detail = detail


def _usable(backend: KeyringBackend) -> bool:
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_usable(inner) for inner in backend.backends)
    return True


class KeyStore:
    """Secrets of each profile (server + user) under one keyring service."""

    def __init__(self, service: str = "Klassbok") -> None:
        self.service = service

    # -- availability ----------------------------------------------------

    def available(self) -> bool:
        """True when a real keyring backend answers."""
        try:
            self._backend()
            keyring.get_password(self.service, "availability-probe")
        except (KeyringUnavailable, keyring.errors.KeyringError, RuntimeError) as exc:
            log.info("no usable keyring: %s", type(exc).__name__)
            return False
        return True

    def _backend(self) -> KeyringBackend:
        backend = keyring.get_keyring()
        if not _usable(backend):
            raise KeyringUnavailable(f"backend {type(backend).__name__}")
        return backend

    # -- raw access, with every keyring failure turned into ours ---------

    def _get(self, name: str) -> str | None:
        backend = self._backend()
        try:
            return backend.get_password(self.service, name)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from None

    def _set(self, name: str, value: str) -> None:
        backend = self._backend()
        try:
            backend.set_password(self.service, name, value)
        except (keyring.errors.KeyringError, NotImplementedError) as exc:
            raise KeyringUnavailable(type(exc).__name__) from None

    def _delete(self, name: str) -> None:
        backend = self._backend()
        try:
            backend.delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(type(exc).__name__) from None

    # -- the cache key ---------------------------------------------------

    def cache_key(self, profile_id: str) -> bytes:
        """The profile's 32-byte cache key, made at random on first use."""
        name = f"cache-key:{profile_id}"
        stored = self._get(name)
        if stored is None:
            self._set(name, secrets.token_bytes(KEY_BYTES).hex())
            # Read it back: a backend that drops writes silently would leave
            # a cache nobody can ever open again.
            stored = self._get(name)
            if stored is None:
                raise KeyringUnavailable("key was not kept")
        try:
            key = bytes.fromhex(stored)
        except ValueError:
            key = b""
        if len(key) != KEY_BYTES:
            raise KeystoreError(
                "The key of the local copy in the system's password store is damaged. "
                "Klassbok can start over and download your data again from the server."
            )
        return key

    def forget_cache_key(self, profile_id: str) -> None:
        """Drop the key; the cache file (and its backups) become unreadable."""
        self._delete(f"cache-key:{profile_id}")

    # -- the session token -----------------------------------------------

    def load_token(self, profile_id: str) -> str | None:
        return self._get(f"token:{profile_id}")

    def save_token(self, profile_id: str, token: str) -> None:
        self._set(f"token:{profile_id}", token)

    def forget_token(self, profile_id: str) -> None:
        self._delete(f"token:{profile_id}")
