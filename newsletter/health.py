"""`newsletter health`: is the scheduler alive and the database answering?

The container's HEALTHCHECK runs this every 30 s or so; it must be quick, must not send or
change anything, and must say in one line what is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsletter.schedule import HEARTBEAT_NAME, next_run

if TYPE_CHECKING:
    from newsletter.settings import Settings

__all__ = ["DEFAULT_MAX_AGE", "check_health", "next_run"]

# Four missed heartbeats (every 30 s) before the scheduler counts as dead: a slow database
# write or a long garbage-collection pause must not get a healthy container restarted.
DEFAULT_MAX_AGE = 120.0


def check_health(
    settings: Settings, *, max_age: float = DEFAULT_MAX_AGE, now: dt.datetime | None = None
) -> tuple[bool, str]:
    """(True, "ok: ...") when the database answers and the scheduler's heartbeat is fresher
    than `max_age` seconds; otherwise (False, one line saying what is wrong)."""
    from newsletter.store import Store

    now = now or dt.datetime.now(dt.UTC)
    try:
        store = Store.open(settings.db_url, hint_setting=settings.db_url_setting)
    except Exception as exc:
        return False, f"database unreachable: {_one_line(exc)}"
    try:
        try:
            store.ping()
            beat = store.last_beat(HEARTBEAT_NAME)
        except Exception as exc:
            return False, f"database unreachable: {_one_line(exc)}"
    finally:
        store.close()
    if beat is None:
        return False, "no scheduler heartbeat recorded (is `newsletter schedule` running?)"
    at, info = beat
    age = (now - at).total_seconds()
    if age > max_age:
        return False, f"scheduler heartbeat is {age:.0f} s old (limit {max_age:.0f} s)"
    if age < -max_age:
        # A heartbeat from the future means two hosts disagree about the time.
        return False, f"scheduler heartbeat is {-age:.0f} s in the future: check the clocks"
    upcoming = f", next run {info}" if info else ""
    return True, f"ok: scheduler heartbeat {max(age, 0):.0f} s ago{upcoming}"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
