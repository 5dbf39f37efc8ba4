"""The server's log set-up, for the serving process and each worker process.

Text (the default) for a person at a terminal; JSON (KLASSBOK_LOG_FORMAT=json)
for a log collector: one object a line with the time (UTC), level, logger,
message, the request id while a request runs (server.api.request_context)
and, on access lines, method, route, status and duration_ms. What is logged
never holds a token, a password or a pupil's name: the access line names
route templates only, and a bearer token that reaches a message anyway is
replaced by "[redacted]".
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys

#: Extra fields an access line carries into its JSON object.
_ACCESS_FIELDS = ("method", "route", "status", "duration_ms")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+")


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from server.api.request_context import request_id

        record.request_id = request_id.get()
        return True


class _RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _BEARER.sub(r"\1[redacted]", message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None)
        if rid is not None:
            entry["request_id"] = rid
        for name in _ACCESS_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, log_format: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_RequestIdFilter())
    handler.addFilter(_RedactFilter())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    if level != "DEBUG":
        # Alembic narrates every plugin it loads for the schema check.
        logging.getLogger("alembic").setLevel(logging.WARNING)
    # The access line is ours (klassbok.access: route templates, the request
    # id); uvicorn's own would log each path with its query.
    logging.getLogger("uvicorn.access").disabled = True
