"""Logging: one line per event on stdout, text or JSON (NEWSLETTER_LOG_FORMAT=json).

Addresses are masked at INFO (``mask_email``); passwords never reach a log record because
settings keep them as SecretStr and no code formats them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys

_STANDARD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def mask_email(address: str) -> str:
    """a***@example.com: enough for an operator to recognise, not enough to harvest."""
    local, at, domain = address.partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def mask_addresses_in(text: str) -> str:
    """Relays quote the recipient in their replies ("550 <kim@example.com>: unknown"):
    mask every address in a free text before it reaches a log line or a screen."""
    return _ADDRESS.sub(lambda m: mask_email(m.group()), text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; extra= fields become keys (e.g. issue, sent, failed)."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                payload[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            payload["error"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(level: str = "INFO", fmt: str = "text", *, to_stderr: bool = False) -> None:
    """Long-running commands log to stdout (the container's log); commands whose stdout is
    data (preview paths, JSON lines) log to stderr so a pipe gets only the data."""
    handler = logging.StreamHandler(sys.stderr if to_stderr else sys.stdout)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S%z"
            )
        )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Chatty libraries stay quiet unless something is wrong.
    for name in (
        "alembic",
        "apscheduler",
        "cssutils",
        "premailer",
        "uvicorn.access",
        "mail.log",
        "sqlalchemy",
    ):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
