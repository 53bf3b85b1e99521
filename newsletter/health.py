"""`newsletter health`: is the scheduler alive and the database answering?

The container's HEALTHCHECK runs this every 30 s or so; it must be quick, must not send or
change anything, and must say in one line what is wrong. "Change nothing" includes the
database: a probe on an empty volume must not create a database file or run a migration (the
one that does would be the scheduler's job, and a probe racing it could leave a half-made one).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from newsletter.schedule import HEARTBEAT_NAME, STOPPED_INFO, next_run

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
    now = now or dt.datetime.now(dt.UTC)
    try:
        store = _open_existing(settings)
    except _NoDatabase as exc:
        return False, str(exc)
    except Exception as exc:
        return False, f"database unreachable: {_one_line(exc)}"
    try:
        try:
            store.ping()
            if not _has_schema(store):
                return False, (
                    f"database {store.url} has no tables yet: nothing has run against it"
                    " (is `newsletter schedule` running?)"
                )
            beat = store.last_beat(HEARTBEAT_NAME)
        except Exception as exc:
            return False, f"database unreachable: {_one_line(exc)}"
    finally:
        store.close()
    if beat is None:
        return False, "no scheduler heartbeat recorded (is `newsletter schedule` running?)"
    at, info = beat
    if info == STOPPED_INFO:
        # Unhealthy all the same (no scheduler runs), but not a crash to investigate.
        return False, (
            f"scheduler stopped at {at.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC"
            " (a clean stop; `newsletter schedule` starts it)"
        )
    age = (now - at).total_seconds()
    if age > max_age:
        return False, f"scheduler heartbeat is {age:.0f} s old (limit {max_age:.0f} s)"
    if age < -max_age:
        # A heartbeat from the future means two hosts disagree about the time.
        return False, f"scheduler heartbeat is {-age:.0f} s in the future: check the clocks"
    upcoming = f", next run {info}" if info else ""
    return True, f"ok: scheduler heartbeat {max(age, 0):.0f} s ago{upcoming}"


class _NoDatabase(Exception):
    pass


def _open_existing(settings: Settings):  # type: ignore[no-untyped-def]  # -> Store
    """The store without Store.open's side effects: no folder or file created, no migration."""
    import urllib.parse

    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from newsletter.store.db import Store, _create_engine, mask_url

    url = make_url(settings.db_url)
    hint = settings.db_url_setting
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return Store(_create_engine(url), mask_url(url), hint_setting=hint)
    if database.startswith("file:"):
        path = Path(urllib.parse.unquote(database[5:].partition("?")[0]))
    else:
        path = Path(database).expanduser()
    if not path.is_file():
        raise _NoDatabase(
            f"no database at {path}: nothing has run on this volume yet"
            " (is `newsletter schedule` running?)"
        )
    # Read-only at the SQLite level: not even a journal-mode switch can touch the file. (In WAL
    # mode SQLite still keeps its -wal/-shm side files beside it, as every reader does.)
    uri = f"file:{urllib.parse.quote(str(path.absolute()))}?mode=ro"
    engine = create_engine(
        make_url("sqlite://").set(database=uri).update_query_dict({"uri": "true"}),
        connect_args={"timeout": 10},
    )
    return Store(engine, mask_url(url), hint_setting=hint)


def _has_schema(store) -> bool:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect

    return inspect(store.engine).has_table("heartbeats")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
