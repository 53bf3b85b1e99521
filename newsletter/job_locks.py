"""The locks a delivery run holds: the issue's (one leader per issue) and its own sender lock.

Both die with the process (an OS file lock beside a SQLite file, a session advisory lock on
PostgreSQL), so a killed run frees the issue at once and the next run recovers its rows
without waiting for their leases. `newsletter.job` takes them; `status` reads them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsletter.errors import IssueLockedError

if TYPE_CHECKING:
    from newsletter.store import Store

# Kept under the job's logger name: these lines have always been the run's own.
log = logging.getLogger("newsletter.job")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def issue_lock_name(day: dt.date) -> str:
    return f"issue:{day.isoformat()}"


def sender_lock_name(holder: str) -> str:
    return f"sender:{holder}"


def issue_holder(store: Store, day: dt.date) -> tuple[str, dt.datetime | None] | None:
    """(holder, since) when a live run holds the issue, else None. Writes nothing."""
    name = issue_lock_name(day)
    if not store.is_held(name):
        return None
    info = store.lock_holder(name)
    return info if info else ("another run", None)


def locked_error(store: Store, day: dt.date) -> IssueLockedError:
    info = store.lock_holder(issue_lock_name(day))
    who = f" by {info[0]} (since {info[1]:%H:%M:%S} UTC)" if info else ""
    return IssueLockedError(
        f"issue {day} is being sent right now{who}",
        hint="wait for that run to finish; on PostgreSQL, `newsletter worker "
        f"--date {day}` adds a sender to it",
    )


@contextmanager
def run_locks(
    store: Store,
    holder: str,
    ttl: float,
    *,
    day: dt.date | None = None,
    clock: Callable[[], dt.datetime] = utcnow,
    lost: threading.Event | None = None,
) -> Iterator[threading.Event]:
    """Hold this process's sender lock (and, given `day`, the issue's lock) for the run.

    Both die with the process (an OS file lock beside a SQLite file, a session advisory lock
    on PostgreSQL), so a killed run frees the issue at once and the next run recovers its
    rows without waiting for their leases. A live holder is never displaced. The `locks` row
    only names the holder for `status`.

    Yields an event that is set if the issue's lock is lost for good (its PostgreSQL
    connection dropped and another run took it, or the server stayed away longer than
    `ttl`): this run must stop sending at once."""
    lost = lost or threading.Event()
    names = [sender_lock_name(holder)]
    if day is not None:
        names.insert(0, issue_lock_name(day))
    held: dict[str, Any] = {}
    try:
        for name in names:
            lock = store.hold(name, transient=name.startswith("sender:"))
            if lock is None:
                assert day is not None and name == issue_lock_name(day)
                raise locked_error(store, day)
            held[name] = lock
        if day is not None:
            store.take_lock_row(issue_lock_name(day), holder, ttl, clock())
    except BaseException:
        for lock in held.values():
            lock.release()
        raise
    done = threading.Event()

    def watch() -> None:
        last_row = time.monotonic()
        while not done.wait(min(1.0, ttl / 3)):
            for name in names:
                if held[name].alive():
                    continue
                regained = _take_back(store, name, ttl, done)
                if regained is None:
                    if name.startswith("issue:"):
                        lost.set()
                        return
                    continue
                held[name] = regained
            if day is not None and time.monotonic() - last_row >= ttl / 3:
                try:  # the row is for display: its expiry is informative only
                    store.refresh_lock(issue_lock_name(day), holder, ttl, now=clock())
                    last_row = time.monotonic()
                except Exception:
                    log.debug("could not refresh the lock row of issue %s", day, exc_info=True)

    watcher = threading.Thread(target=watch, name="lock-watch", daemon=True)
    watcher.start()
    try:
        yield lost
    finally:
        done.set()
        watcher.join()
        if day is not None:
            try:
                store.release_lock(issue_lock_name(day), holder)
            except Exception as exc:  # the row is only a name: the lock itself goes below
                log.warning("could not clear the lock row of issue %s: %s", day, exc)
        for lock in held.values():
            lock.release()


def _take_back(store: Store, name: str, ttl: float, done: threading.Event) -> Any:
    """The connection holding `name` dropped (a PostgreSQL restart): take the lock again when
    the server is back. None when another run took it, or the server stayed away for `ttl`."""
    log.warning("the connection holding the lock %s dropped; taking it back", name)
    deadline = time.monotonic() + ttl
    while not done.is_set():
        try:
            again = store.hold(name, transient=name.startswith("sender:"))
        except Exception:
            again = False
        if again:
            log.warning("holding the lock %s again", name)
            return again
        if again is None:
            log.error("lost the lock %s to another run: stopping", name)
            return None
        if time.monotonic() > deadline:
            log.error("the lock %s could not be taken back within %.0f s: stopping", name, ttl)
            return None
        done.wait(0.5)
    return None
