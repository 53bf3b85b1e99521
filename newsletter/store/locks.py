"""Locks (an OS/session lock per name, see runlock, with a display row) and heartbeats."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, or_, select, update
from sqlalchemy import exc as sa_exc

import newsletter.store.runlock as runlock
from newsletter.errors import StoreError
from newsletter.store.engine import Database, _now
from newsletter.store.runlock import HeldLock
from newsletter.store.tables import heartbeats, locks


class Locks(Database):
    """Who holds what, since when; who is alive."""

    def hold(self, name: str, *, transient: bool = False) -> HeldLock | None:
        """An OS/session lock that dies with this process (see newsletter.store.runlock)."""
        try:
            return runlock.hold(self._engine, name, transient=transient)
        except sa_exc.DBAPIError as exc:
            raise self._error(exc) from exc
        except OSError as exc:
            raise StoreError(
                f"cannot take the lock {name} beside {self.url}: {exc.strerror or exc}",
                hint=f"check {self.hint_setting}",
            ) from None

    def is_held(self, name: str) -> bool:
        """Whether a live process holds `name`; writes nothing."""
        try:
            return runlock.probe(self._engine, name)
        except sa_exc.DBAPIError as exc:
            raise self._error(exc) from exc

    def take_lock_row(self, name: str, holder: str, ttl: float, now: dt.datetime | None) -> None:
        """The display row of a lock we hold: whoever wrote it before is gone."""
        now = _now(now)
        stmt = self._insert(locks).values(
            name=name, holder=holder, expires_at=now + dt.timedelta(seconds=ttl), acquired_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[locks.c.name],
            set_={
                "holder": stmt.excluded.holder,
                "expires_at": stmt.excluded.expires_at,
                "acquired_at": stmt.excluded.acquired_at,
            },
        )
        with self._write() as connection:
            connection.execute(stmt)

    def lock_holder(self, name: str) -> tuple[str, dt.datetime] | None:
        """(holder, since) from the display row."""
        with self._read() as connection:
            row = connection.execute(
                select(locks.c.holder, locks.c.acquired_at).where(locks.c.name == name)
            ).first()
        return (row.holder, row.acquired_at) if row else None

    def acquire_lock(
        self, name: str, holder: str, ttl: float, now: dt.datetime | None = None
    ) -> bool:
        """Take ``name`` if it is free, expired, or already ``holder``'s; one atomic upsert."""
        now = _now(now)
        stmt = self._insert(locks).values(
            name=name, holder=holder, expires_at=now + dt.timedelta(seconds=ttl), acquired_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[locks.c.name],
            set_={
                "holder": stmt.excluded.holder,
                "expires_at": stmt.excluded.expires_at,
                "acquired_at": stmt.excluded.acquired_at,
            },
            where=or_(locks.c.expires_at < now, locks.c.holder == holder),
        ).returning(locks.c.name)
        with self._write() as connection:
            return connection.execute(stmt).first() is not None

    def refresh_lock(
        self, name: str, holder: str, ttl: float, now: dt.datetime | None = None
    ) -> bool:
        now = _now(now)
        with self._write() as connection:
            result = connection.execute(
                update(locks)
                .where(locks.c.name == name, locks.c.holder == holder)
                .values(expires_at=now + dt.timedelta(seconds=ttl))
            )
        return result.rowcount == 1

    def release_lock(self, name: str, holder: str) -> None:
        with self._write() as connection:
            connection.execute(delete(locks).where(locks.c.name == name, locks.c.holder == holder))

    def lock_info(self, name: str) -> tuple[str, dt.datetime] | None:
        with self._read() as connection:
            row = connection.execute(
                select(locks.c.holder, locks.c.expires_at).where(locks.c.name == name)
            ).first()
        return (row.holder, row.expires_at) if row else None

    def beat(self, name: str, info: str = "", now: dt.datetime | None = None) -> None:
        with self._write() as connection:
            self._upsert(
                connection, heartbeats, "name", {"name": name, "beat_at": _now(now), "info": info}
            )

    def last_beat(self, name: str) -> tuple[dt.datetime, str] | None:
        with self._read() as connection:
            row = connection.execute(
                select(heartbeats.c.beat_at, heartbeats.c.info).where(heartbeats.c.name == name)
            ).first()
        return (row.beat_at, row.info) if row else None
