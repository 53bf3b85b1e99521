"""The shared engine helper: opening a database, its connections and transactions.

SQLAlchemy Core over SQLite (a file, the default) or PostgreSQL (by URL), with the same code.
Every part of the store (subscribers, issues, ledger, locks) is a ``Database`` subclass and
reaches the database only through ``_read``/``_write`` here.

Concurrency. On SQLite every writing transaction starts with ``BEGIN IMMEDIATE``: writers queue
on the file lock (busy_timeout 30 s) instead of failing when a read transaction tries to become
a write one.

Time. Every datetime in and out is timezone-aware UTC. Methods that depend on the clock take a
``now`` so that tests (and a caller that wants one clock for a whole batch) can pass it in.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, Engine, Insert, create_engine, event, literal, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

# Not `from newsletter.store import ...`: that would make this module depend on the package
# __init__, which imports db, which imports this module (an import cycle).
import newsletter.store.migrate as migrate
from newsletter.errors import StoreError

UTC = dt.UTC
_IN_CHUNK = 5000
# SQLite's page cache per pooled connection (its default is 2,000 KiB). A run keeps four or
# five connections busy (claims, outcomes, queueing, locks), and their caches filled as the
# ledger grew: peak RSS rose with the number of readers (bench/throughput.py). The hot pages
# of the ledger (the index end being claimed, the rows being recorded) are few.
_SQLITE_CACHE_KIB = 512


def utc_now() -> dt.datetime:
    return dt.datetime.now(UTC)


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise ValueError(f"naive datetime {now.isoformat()} (pass timezone-aware UTC)")
    return now.astimezone(UTC)


def mask_url(url: str | URL) -> str:
    """The URL without its password. An unescaped '@' in the password makes the URL parser
    take the rest of the password for part of the host: everything up to the last '@' of the
    host part is hidden too."""
    try:
        parsed = make_url(url)
    except Exception:
        # Greedy up to the last '@': a password may hold '@', ':' or '/' unescaped.
        return re.sub(r"(://[^:/@]*:).*@", r"\1***@", str(url))
    if parsed.host and "@" in parsed.host:
        parsed = parsed.set(host=parsed.host.rpartition("@")[2], password="***")
    return parsed.render_as_string(hide_password=True)


def one_line(message: object) -> str:
    """A driver's message as one line: the first meaningful line, with whitespace collapsed.

    psycopg adds an indented advice line ("Is the server running on that host...?"), which
    would push the setting's name onto a second line of the operator's terminal. A first line
    that only introduces what follows ("All failures were:") keeps the next line with it."""
    lines = [" ".join(line.split()) for line in str(message).splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return type(message).__name__ if isinstance(message, BaseException) else ""
    first = lines[0]
    if first.endswith(":") and len(lines) > 1:
        first = f"{first} {lines[1]}"
    return first


def _scrub(text: str, *secrets: str | None) -> str:
    """Drivers may quote the host they tried, which holds the tail of a password with an
    unescaped '@'; no part of a password reaches the operator's screen or a log."""
    for secret in secrets:
        if secret and secret != "***":
            text = text.replace(secret, "***")
    return text


def _chunks(ids: Sequence[int], size: int = _IN_CHUNK) -> Iterator[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


_SQLITE_WAIT_MS = 30000  # how long a writer waits for another's lock (busy_timeout)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # We issue BEGIN ourselves (see _sqlite_on_begin): the driver's implicit transactions
    # would start writes as DEFERRED and fail with "database is locked" under contention.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {_SQLITE_WAIT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    options = connection.get_execution_options()
    # A shorter wait for the lock, for this transaction only: the pooled connection goes back
    # to the usual 30 s at its next BEGIN, so no other caller inherits it.
    wait_ms = options.get("sqlite_wait_ms")
    if wait_ms is not None:
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait_ms)}")
        connection.info["short_wait"] = True
    elif connection.info.pop("short_wait", False):
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {_SQLITE_WAIT_MS}")
    connection.exec_driver_sql(f"BEGIN {options.get('sqlite_begin', 'DEFERRED')}")


def _create_engine(url: URL) -> Engine:
    backend = url.get_backend_name()
    if backend == "sqlite":
        database = url.database or ""
        in_memory = database in ("", ":memory:") or "mode=memory" in str(url)
        if in_memory:
            engine = create_engine(
                url, poolclass=StaticPool, connect_args={"check_same_thread": False}
            )
        else:
            if not database.startswith("file:"):
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=8
            )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    if backend == "postgresql":
        if url.drivername in ("postgresql", "postgres"):
            # SQLAlchemy's default driver would be psycopg2; we ship psycopg 3.
            url = url.set(drivername="postgresql+psycopg")
        return create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=8)
    raise StoreError(
        f"cannot open database {mask_url(url)}: only sqlite:/// and postgresql:// URLs are "
        "supported; check NEWSLETTER_DATABASE_URL"
    )


class Database:
    """The engine and its connections, shared by every part of the store (see db.Store).

    One per process; thread-safe (each call takes its own pooled connection)."""

    def __init__(
        self, engine: Engine, url: str = "", *, hint_setting: str = "NEWSLETTER_DATABASE_URL"
    ) -> None:
        self._engine = engine
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        self.dialect: str = engine.dialect.name
        self.url = url or mask_url(engine.url)
        self.hint_setting = hint_setting

    @classmethod
    def open(cls, url: str, *, hint_setting: str = "NEWSLETTER_DATABASE_URL") -> Self:
        """Open (and migrate) the database at ``url``. ``hint_setting`` is the variable the
        operator should check when that fails: NEWSLETTER_DATA_DIR when the URL was derived
        from it (see ``Settings.db_url_setting``)."""
        masked = mask_url(url)
        secrets: list[str | None] = []

        def failure(reason: object) -> StoreError:
            why = _scrub(one_line(reason), *secrets)
            return StoreError(f"cannot open database {masked}: {why}; check {hint_setting}")

        try:
            parsed = make_url(url)
        except (sa_exc.ArgumentError, ValueError) as exc:
            raise failure(f"not a database URL ({exc})") from None
        secrets += [parsed.password, parsed.host if parsed.host and "@" in parsed.host else None]
        if parsed.host and "@" in parsed.host:
            # The driver would look up a host named after the rest of the password.
            raise failure("the password holds an '@' (write @ in a password as %40)")
        try:
            engine = _create_engine(parsed)
        except StoreError:
            raise
        except (sa_exc.SQLAlchemyError, OSError, ImportError) as exc:
            raise failure(exc) from exc
        try:
            migrate.upgrade(engine)
        except sa_exc.DBAPIError as exc:
            engine.dispose()
            raise failure(exc.orig) from exc
        except Exception as exc:
            engine.dispose()
            raise failure(f"{type(exc).__name__}: {exc}") from exc
        return cls(engine, masked, hint_setting=hint_setting)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        return self._engine

    # -- connections --------------------------------------------------------------------

    def _error(self, exc: sa_exc.DBAPIError | sqlite3.Error) -> StoreError:
        orig = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
        why = _scrub(one_line(orig), self._engine.url.password)
        return StoreError(f"database error on {self.url}: {why}", hint=f"check {self.hint_setting}")

    @contextmanager
    def _write(self, *, wait_ms: int | None = None) -> Iterator[Connection]:
        """One transaction that will write; committed on success. `wait_ms`: a shorter wait
        for another writer's lock than the usual 30 s (SQLite only)."""
        writer = self._writer
        if wait_ms is not None and self.dialect == "sqlite":
            writer = writer.execution_options(sqlite_wait_ms=wait_ms)
        try:
            with writer.begin() as connection:
                yield connection
        except (sa_exc.IntegrityError, sqlite3.IntegrityError):
            raise
        except (sa_exc.DBAPIError, sqlite3.Error) as exc:
            # Not only OperationalError: a server shutting down, a full disk or a dropped
            # connection reach us as several DBAPI families; each is one line for the operator.
            # sqlite3.Error: the ledger's hot paths talk to the driver directly (ledger.py).
            raise self._error(exc) from exc

    @contextmanager
    def _write_raw(self) -> Iterator[Any]:
        """A writing transaction on SQLite, as the driver's cursor: for the ledger's per-batch
        statements, where SQLAlchemy's per-row parameter processing was most of their cost."""
        with self._write() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            cursor = raw.cursor()
            try:
                yield cursor
            finally:
                cursor.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except sa_exc.IntegrityError:
            raise
        except sa_exc.DBAPIError as exc:
            raise self._error(exc) from exc

    def _insert(self, table: Any) -> Insert:
        """The dialect's INSERT, which has on_conflict_do_update/do_nothing."""
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)

    def _upsert(self, connection: Connection, table: Any, key: str, values: dict) -> None:
        stmt = self._insert(table).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={name: stmt.excluded[name] for name in values if name != key},
        )
        connection.execute(stmt)

    def analyze(self, table: str) -> None:
        """Refresh PostgreSQL's statistics after a bulk change (a no-op on SQLite).

        Right after an import or an enqueue of a million rows the planner still believes the
        table is small; psycopg's prepared statements then keep a sequential-scan plan that
        makes every claim or lookup read the whole table until autovacuum catches up."""
        if self.dialect != "postgresql":
            return
        with self._write() as connection:
            connection.exec_driver_sql(f'ANALYZE "{table}"')

    def ping(self) -> None:
        with self._read() as connection:
            connection.execute(select(literal(1)))
