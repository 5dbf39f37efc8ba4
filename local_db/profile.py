"""A profile: one user on one server, with a cache and secrets of its own.

Two accounts on one computer (a teacher who also substitutes at another
school) never share a cache file or a key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


def normalize_server_url(url: str) -> str:
    """Scheme and host in lower case, no trailing slash, no credentials."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    netloc = f"{host}:{parts.port}" if parts.port else host
    path = parts.path.rstrip("/")
    return f"{parts.scheme.lower()}://{netloc}{path}"


@dataclass(frozen=True)
class Profile:
    server_url: str
    username: str

    @property
    def profile_id(self) -> str:
        """Stable across runs; the same server typed slightly differently
        (trailing slash, upper-case host, username case) is the same profile."""
        text = normalize_server_url(self.server_url) + "\n" + self.username.strip().casefold()
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def cache_path(self, base_dir: Path) -> Path:
        """Each profile gets its own folder: the cache and its backups live there."""
        return base_dir / "profiles" / self.profile_id / "cache.db"
