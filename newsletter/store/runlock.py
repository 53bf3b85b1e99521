"""Locks that die with their holder: who may send an issue, and which senders are alive.

A row with a lease lapses only after the lease, so a killed run kept its issue locked for
LEASE_SECONDS. These locks belong to the holder's process instead and are freed by the
operating system or the database server the moment it dies:

* SQLite: ``fcntl.flock`` on a file in ``<database>.locks/`` beside the database file, held
  through an open file descriptor for the whole run (a ``kill -9`` closes it);
* PostgreSQL: a session advisory lock on a connection of its own, held for the run (released
  when that connection drops). The key is a hash of ``current_schema()`` and the name, so
  that several schemas in one database (tests, tenants) never share a lock;
* an in-memory SQLite database lives in one process: a process-local lock is enough.

`probe()` tells whether a live holder has the lock without ever writing anything: a
non-blocking try, released at once when it succeeds (`newsletter status` uses it).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_PG_KEY = "hashtextextended(current_schema() || '|' || :name, 0)"
_PG_TRY = text(f"SELECT pg_try_advisory_lock({_PG_KEY})")
_PG_UNLOCK = text(f"SELECT pg_advisory_unlock({_PG_KEY})")

# In-memory databases: (engine id, name) -> the holder's lock.
_LOCAL: dict[tuple[int, str], threading.Lock] = {}
_LOCAL_GUARD = threading.Lock()


class HeldLock:
    """A lock this process holds; `release()` gives it back (the OS does it if we die)."""

    def __init__(
        self,
        name: str,
        *,
        fd: int | None = None,
        path: Path | None = None,
        connection: Connection | None = None,
        local: threading.Lock | None = None,
        unlink: bool = False,
    ) -> None:
        self.name = name
        self._fd = fd
        self._path = path
        self._connection = connection
        self._local = local
        self._unlink = unlink
        self._released = False

    def alive(self) -> bool:
        """False when the lock may have been lost (its PostgreSQL connection dropped)."""
        if self._released:
            return False
        if self._connection is None:
            return True  # a file lock or a local lock cannot be taken from a live holder
        try:
            self._connection.execute(text("SELECT 1")).scalar_one()
            self._connection.commit()
            return True
        except Exception as exc:
            # One line: during a database restart this is expected, not a bug.
            reason = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
            log.warning("the connection holding lock %s dropped: %s", self.name, reason)
            return False

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        if self._fd is not None:
            if self._unlink and self._path is not None:
                # Only this holder ever takes a sender lock exclusively: removing its file
                # while holding it cannot strand anyone else.
                with contextlib.suppress(OSError):
                    self._path.unlink()
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the descriptor drops the flock
        if self._connection is not None:
            try:
                self._connection.execute(_PG_UNLOCK, {"name": self.name})
                self._connection.commit()
                self._connection.close()
            except Exception:
                # The connection is gone, and the lock with it.
                with contextlib.suppress(Exception):
                    self._connection.invalidate()
                with contextlib.suppress(Exception):
                    self._connection.close()
        if self._local is not None:
            with contextlib.suppress(RuntimeError):
                self._local.release()


def _lock_dir(engine: Engine) -> Path | None:
    """The folder beside a SQLite file; None for an in-memory database."""
    database = engine.url.database or ""
    if database in ("", ":memory:") or "mode=memory" in str(engine.url):
        return None
    if database.startswith("file:"):
        database = database[5:].split("?", 1)[0]
    path = Path(database).expanduser()
    return path.with_name(path.name + ".locks")


def _file_name(name: str) -> str:
    return _UNSAFE.sub("_", name.replace(":", "-"))[:200] + ".lock"


def hold(engine: Engine, name: str, *, transient: bool = False) -> HeldLock | None:
    """Take `name` without waiting; None when a live holder has it. `transient`: the lock's
    file is removed on release (sender locks, one per process; issue locks keep theirs)."""
    if engine.dialect.name == "postgresql":
        connection = engine.connect()
        try:
            got = bool(connection.execute(_PG_TRY, {"name": name}).scalar_one())
            connection.commit()
        except Exception:
            connection.close()
            raise
        if not got:
            connection.close()
            return None
        return HeldLock(name, connection=connection)
    folder = _lock_dir(engine)
    if folder is None:
        with _LOCAL_GUARD:
            local = _LOCAL.setdefault((id(engine), name), threading.Lock())
        if not local.acquire(blocking=False):
            return None
        return HeldLock(name, local=local)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _file_name(name)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return HeldLock(name, fd=fd, path=path, unlink=transient)


def probe(engine: Engine, name: str) -> bool:
    """True when a live holder has `name`. Writes nothing; creates no file."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            got = bool(connection.execute(_PG_TRY, {"name": name}).scalar_one())
            if got:
                connection.execute(_PG_UNLOCK, {"name": name})
            connection.commit()
        return not got
    folder = _lock_dir(engine)
    if folder is None:
        with _LOCAL_GUARD:
            local = _LOCAL.get((id(engine), name))
        return local is not None and local.locked()
    path = folder / _file_name(name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also drops the shared lock when we got it
    return False


def probe_many(engine: Engine, names: list[str]) -> dict[str, bool]:
    return {name: probe(engine, name) for name in names}


def issue_lock_name(day: Any) -> str:
    return f"issue:{day.isoformat()}"


def sender_lock_name(holder: str) -> str:
    return f"sender:{holder}"
