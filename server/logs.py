"""The server's log set-up, for the serving process and each worker process."""

from __future__ import annotations

import logging
import sys


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if level != "DEBUG":
        # Alembic narrates every plugin it loads for the schema check.
        logging.getLogger("alembic").setLevel(logging.WARNING)
