"""Where the desktop app writes its log, and how.

One rotating file per profile folder. Passwords, tokens and keys never
reach it: the code never formats them into messages, and requests' and
urllib3's debug output (which can include headers) is kept at WARNING.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_FILE_NAME = "klassbok.log"


def setup_logging(data_dir: Path) -> Path:
    """Log to data_dir/logs/klassbok.log; returns the file's path."""
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    level_name = os.environ.get("KLASSBOK_LOG_LEVEL", "INFO").upper()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_klassbok", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler._klassbok = True  # type: ignore[attr-defined]
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(getattr(logging, level_name, logging.INFO))
    for noisy in ("urllib3", "requests", "keyring"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def remove_logging() -> None:
    """Close the file handler (tests and shutdown)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_klassbok", False):
            root.removeHandler(handler)
            handler.close()
