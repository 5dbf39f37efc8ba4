"""A signed-in teacher's session: server, identity, token and local cache.

Qt-free on purpose: these functions run on the workers (keyring and cache
are I/O) and are easy to test alone. The UI thread holds a Session but never
calls into its cache or client; it hands work to the task runner.

Two kinds of session:
- persistent (a keyring exists): the cache is an encrypted file under the
  data folder, its key and the token live in the keyring;
- in-memory (no keyring): pupils' data never touches the disk, the token is
  kept in memory, and both are gone when the app closes.
"""

from __future__ import annotations

import logging
import secrets
import socket
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from local_db.cache import Cache, open_cache, wipe_cache
from local_db.identity import Identity, get_identity, set_identity
from local_db.keystore import KeyStore
from local_db.profile import Profile
from local_db.sync.api_client import ApiClient
from sync_protocol.wire import LoginResponse

log = logging.getLogger(__name__)

#: Seconds before an HTTP request gives up; short enough that a dead Wi-Fi
#: shows "Offline" quickly, long enough for a slow school network.
REQUEST_TIMEOUT_S = 15.0


@dataclass
class Session:
    server_url: str
    username: str
    display_name: str
    #: The teacher's person id (what repositories filter on); None for an
    #: account without one (an admin sees no lessons).
    person_id: uuid.UUID | None
    profile_id: str
    cache: Cache
    #: None for an in-memory session.
    cache_path: Path | None
    token: str | None
    #: True when the token and the cache key are kept in the keyring.
    persistent: bool
    #: Set at logout: work still queued must not touch the closed cache
    #: (a disposed engine would quietly create a new, empty file).
    closed: bool = False
    _client: ApiClient | None = field(default=None, repr=False, compare=False)

    def client(self) -> ApiClient:
        """The client with the current token (network worker only: not thread-safe).

        Kept between calls so its HTTP connection is reused; remade when the
        token changes (logging in again)."""
        if self._client is None or self._client.token != self.token:
            if self._client is not None:
                self._client.close()
            self._client = ApiClient(self.server_url, token=self.token, timeout=REQUEST_TIMEOUT_S)
        return self._client

    def close_client(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def device_name() -> str:
    """How the server lists this computer among the teacher's sessions."""
    return f"Klassbok desktop on {socket.gethostname()}"[:100]


def resume_session(
    data_dir: Path, keystore: KeyStore, server_url: str, username: str
) -> Session | None:
    """Open the stored session (token + cache) without the network, if there is one.

    Returns None when the teacher must log in (no token, or no cache yet).
    Raises the cache's errors (CacheUnreadable, CacheTooNew) for the UI to explain.
    """
    if not keystore.available():
        return None
    profile = Profile(server_url, username)
    token = keystore.load_token(profile.profile_id)
    path = profile.cache_path(data_dir)
    if token is None or not path.exists():
        return None
    cache = open_cache(path, keystore.cache_key(profile.profile_id))
    with cache.connect() as conn:
        identity = get_identity(conn)
    if identity is None:
        cache.close()
        return None
    log.info("resumed the stored session of profile %s", profile.profile_id)
    return Session(
        server_url=server_url,
        username=identity.username,
        display_name=identity.display_name,
        person_id=identity.person_id,
        profile_id=profile.profile_id,
        cache=cache,
        cache_path=path,
        token=token,
        persistent=True,
    )


def start_session(
    data_dir: Path, keystore: KeyStore, server_url: str, login: LoginResponse, persistent: bool
) -> Session:
    """Open (or create) the cache for a fresh login and record who it belongs to."""
    user = login.user
    profile = Profile(server_url, user.username)
    path: Path | None
    if persistent:
        path = profile.cache_path(data_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        cache = open_cache(path, keystore.cache_key(profile.profile_id))
        keystore.save_token(profile.profile_id, login.token)
    else:
        # No keyring: a throwaway key, nothing on disk.
        path = None
        cache = open_cache(None, secrets.token_bytes(32))
    identity = Identity(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        person_id=user.person_id,
        server_url=server_url,
        role=user.role,
        school_id=user.school_id,
    )
    with cache.begin() as conn:
        set_identity(conn, identity)
    log.info(
        "signed in; profile %s (%s)",
        profile.profile_id,
        "kept on disk" if persistent else "in memory only",
    )
    return Session(
        server_url=server_url,
        username=user.username,
        display_name=user.display_name,
        person_id=user.person_id,
        profile_id=profile.profile_id,
        cache=cache,
        cache_path=path,
        token=login.token,
        persistent=persistent,
    )


def store_new_token(session: Session, keystore: KeyStore, token: str) -> None:
    """After logging in again (expired session): same cache, new token."""
    session.token = token
    if session.persistent:
        keystore.save_token(session.profile_id, token)


def end_session(session: Session, keystore: KeyStore, wipe: bool) -> None:
    """Forget the token; with `wipe`, delete the cache file and forget its key.

    The caller has already asked the server to revoke the token (network
    worker) and confirmed with the teacher that nothing unsent is lost.
    """
    session.closed = True
    session.cache.close()
    session.token = None
    if not session.persistent:
        return
    keystore.forget_token(session.profile_id)
    if wipe and session.cache_path is not None:
        wipe_cache(session.cache_path)
        keystore.forget_cache_key(session.profile_id)
        log.info("removed this computer's copy of profile %s", session.profile_id)
