"""The store: subscribers, issues and their archive, the delivery ledger, locks and heartbeats.

SQLAlchemy Core over SQLite (a file, the default) or PostgreSQL (by URL), with the same code.
Everything large is streamed or done in set-based statements: a list of a million readers is
never held in memory, enqueueing an issue is one INSERT ... SELECT, and claiming or recording a
batch of deliveries is a handful of statements in one transaction.

Concurrency. On PostgreSQL, workers in several processes claim with ``FOR UPDATE SKIP LOCKED``.
On SQLite every writing transaction starts with ``BEGIN IMMEDIATE``: writers queue on the file
lock (busy_timeout 30 s) instead of failing when a read transaction tries to become a write one.

Time. Every datetime in and out is timezone-aware UTC. Methods that depend on the clock take a
``now`` so that tests (and a caller that wants one clock for a whole batch) can pass it in.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Insert,
    and_,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from newsletter.errors import StoreError, SubscriberError
from newsletter.models import (
    REGION_ORDER,
    DeliveryStatus,
    Outcome,
    Problem,
    Region,
    Subscriber,
    SubscriberStatus,
)
from newsletter.store import migrate, runlock
from newsletter.store.runlock import HeldLock
from newsletter.store.tables import (
    UTCDateTime,
    archive,
    deliveries,
    heartbeats,
    issues,
    locks,
    subscribers,
)

log = logging.getLogger(__name__)

UTC = dt.UTC
DETAIL_MAX = 500
CRASH_DETAIL = "found in flight after a crash"
UNSUBSCRIBED_DETAIL = "unsubscribed before sending"
# Far below SQLite's 32766 bound parameters, and a sane size for one IN list on PostgreSQL.
_IN_CHUNK = 5000
_ISSUE_STATES = ("sending", "done")
_NAME_MAX = 200
_ANALYZE_AFTER = 10_000  # rows added in one go before PostgreSQL's statistics are refreshed


_PG_RECORD_SQL = """
UPDATE deliveries AS d
SET status = v.status, code = v.code, detail = v.detail, next_attempt_at = v.next_at,
    sent_at = CASE WHEN v.status = 'sent' THEN CAST(:now AS timestamptz) END,
    lease_until = NULL, updated_at = CAST(:now AS timestamptz)
FROM unnest(CAST(:ids AS bigint[]), CAST(:statuses AS text[]), CAST(:codes AS integer[]),
            CAST(:details AS text[]), CAST(:nexts AS timestamptz[]))
     AS v(id, status, code, detail, next_at)
WHERE d.id = v.id AND d.status = 'sending'"""
_PG_RECORD = text(_PG_RECORD_SQL)
_PG_RECORD_BY_WORKER = text(_PG_RECORD_SQL + " AND d.worker = :worker")


# --------------------------------------------------------------------------- value types


@dataclass(frozen=True, slots=True)
class Claim:
    """A ledger row handed to a sender: everything needed to build one personal message."""

    delivery_id: int
    subscriber_id: int
    email: str
    name: str | None
    regions: frozenset[Region]
    token_salt: str
    attempts: int  # including this one


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # unsubscribed or bounced readers: an import never brings them back
    problems: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.skipped


@dataclass(frozen=True)
class FailureRow:
    email: str
    status: str
    code: int | None
    detail: str
    attempts: int
    updated_at: dt.datetime


# --------------------------------------------------------------------------- pure helpers


def utc_now() -> dt.datetime:
    return dt.datetime.now(UTC)


def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise ValueError(f"naive datetime {now.isoformat()} (pass timezone-aware UTC)")
    return now.astimezone(UTC)


def normalise_email(email: str) -> tuple[str, str]:
    """(address as email-validator normalises it, lower-cased key) or SubscriberError."""
    from email_validator import EmailNotValidError, validate_email

    candidate = email.strip() if isinstance(email, str) else ""
    if not candidate:
        raise SubscriberError("empty e-mail address")
    try:
        # No SMTPUTF8: message.check_address (and most relays) accept only an ASCII local part,
        # so such an address would be listed as active and never mailed. IDN domains are fine.
        result = validate_email(candidate, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise SubscriberError(f"{candidate!r} is not a valid e-mail address: {exc}") from None
    return result.normalized, result.normalized.lower()


def clean_name(name: str | None, *, email: str = "") -> str | None:
    """Whitespace collapsed (so no CR/LF can reach a header); empty means no name."""
    if name is None:
        return None
    cleaned = " ".join(name.split())
    if not cleaned:
        return None
    whose = f" for {email}" if email else ""
    if len(cleaned) > _NAME_MAX:
        raise SubscriberError(f"name{whose} is longer than {_NAME_MAX} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch != "\u200d" for ch in cleaned):
        raise SubscriberError(f"name{whose} contains a control character")
    return cleaned


def regions_text(regions: Iterable[Region]) -> str:
    chosen = frozenset(regions)
    return ",".join(r.value for r in REGION_ORDER if r in chosen)


@cache
def regions_set(text: str) -> frozenset[Region]:
    # There are only 32 possible values; parse each once.
    return frozenset(Region(part) for part in text.split(",") if part)


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


def _subscriber(row: Any) -> Subscriber:
    return Subscriber(
        id=row.id,
        email=row.email,
        name=row.name,
        status=SubscriberStatus(row.status),
        regions=regions_set(row.regions),
    )


_SUBSCRIBER_COLUMNS = (
    subscribers.c.id,
    subscribers.c.email,
    subscribers.c.name,
    subscribers.c.status,
    subscribers.c.regions,
)


# The distinct days of the ledger by hopping down its day-first index, one probe per day,
# instead of reading a row per delivery (a year of a million readers is 365 M rows).
_LEDGER_DAYS = text(
    """
    WITH RECURSIVE hop(day) AS (
        SELECT MAX(day) FROM deliveries
        UNION ALL
        SELECT (SELECT MAX(day) FROM deliveries WHERE day < hop.day) FROM hop
        WHERE hop.day IS NOT NULL
    )
    SELECT day FROM hop WHERE day IS NOT NULL
    """
).columns(day=Date())


# --------------------------------------------------------------------------- engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # We issue BEGIN ourselves (see _sqlite_on_begin): the driver's implicit transactions
    # would start writes as DEFERRED and fail with "database is locked" under contention.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


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


# --------------------------------------------------------------------------- the store


class Store:
    """One per process; thread-safe (each call takes its own pooled connection)."""

    def __init__(
        self, engine: Engine, url: str = "", *, hint_setting: str = "NEWSLETTER_DATABASE_URL"
    ) -> None:
        self._engine = engine
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        # (day, status) -> the highest id this process claimed; see claim().
        self._claim_floor: dict[tuple[dt.date, DeliveryStatus], int] = {}
        self.dialect: str = engine.dialect.name
        self._local = threading.local()  # per calling thread: what its last claim skipped
        self.url = url or mask_url(engine.url)
        self.hint_setting = hint_setting

    @classmethod
    def open(cls, url: str, *, hint_setting: str = "NEWSLETTER_DATABASE_URL") -> Store:
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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        return self._engine

    # -- connections --------------------------------------------------------------------

    def _error(self, exc: sa_exc.DBAPIError) -> StoreError:
        why = _scrub(one_line(exc.orig), self._engine.url.password)
        return StoreError(f"database error on {self.url}: {why}", hint=f"check {self.hint_setting}")

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction that will write; committed on success."""
        try:
            with self._writer.begin() as connection:
                yield connection
        except sa_exc.IntegrityError:
            raise
        except sa_exc.DBAPIError as exc:
            # Not only OperationalError: a server shutting down, a full disk or a dropped
            # connection reach us as several DBAPI families; each is one line for the operator.
            raise self._error(exc) from exc

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

    # -- subscribers --------------------------------------------------------------------

    def add_subscriber(
        self,
        email: str,
        name: str | None = None,
        regions: frozenset[Region] = frozenset(),
        *,
        reactivate: bool = True,
    ) -> tuple[Subscriber, bool]:
        """(subscriber, created). An existing address keeps its name and regions unless new
        ones are given (a non-empty name, a non-empty region set); with ``reactivate`` an
        unsubscribed or bounced reader becomes active again (an operator's explicit add)."""
        from newsletter.tokens import new_salt

        address, key = normalise_email(email)
        name = clean_name(name, email=address)
        wanted_regions = regions_text(regions)
        s = subscribers
        for attempt in range(3):
            now = utc_now()
            try:
                with self._write() as connection:
                    row = connection.execute(
                        select(*_SUBSCRIBER_COLUMNS).where(s.c.email_key == key)
                    ).first()
                    if row is None:
                        result = connection.execute(
                            insert(s).values(
                                email=address,
                                email_key=key,
                                name=name,
                                status=SubscriberStatus.ACTIVE.value,
                                regions=wanted_regions,
                                token_salt=new_salt(),
                                bounce_count=0,
                                created_at=now,
                                updated_at=now,
                                consent_method="operator",
                                consent_at=now,
                            )
                        )
                        new_id = result.inserted_primary_key[0]  # type: ignore[index]
                        subscriber = Subscriber(
                            new_id,
                            address,
                            name,
                            SubscriberStatus.ACTIVE,
                            regions_set(wanted_regions),
                        )
                        return subscriber, True
                    changes: dict[str, Any] = {}
                    if name is not None and name != row.name:
                        changes["name"] = name
                    if wanted_regions and wanted_regions != row.regions:
                        changes["regions"] = wanted_regions
                    if reactivate and row.status != SubscriberStatus.ACTIVE:
                        changes.update(status=SubscriberStatus.ACTIVE.value, bounce_count=0)
                        changes["unsubscribed_at"] = None
                        changes.update(consent_method="operator", consent_at=now)
                    if changes:
                        connection.execute(
                            update(s).where(s.c.id == row.id).values(updated_at=now, **changes)
                        )
                    current = row._asdict() | changes
                    return _subscriber(_Row(current)), False
            except sa_exc.IntegrityError:
                # Someone added the same address between our SELECT and INSERT: look again.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def import_csv(self, path: Path) -> ImportReport:
        from newsletter.store.importer import import_csv

        return import_csv(self, Path(path))

    def iter_subscribers(
        self, status: SubscriberStatus | None = None, batch: int = 1000
    ) -> Iterator[Subscriber]:
        """Every subscriber (or those with ``status``) by id, ``batch`` rows per query."""
        s = subscribers
        last_id = 0
        while True:
            query = select(*_SUBSCRIBER_COLUMNS).where(s.c.id > last_id)
            if status is not None:
                query = query.where(s.c.status == SubscriberStatus(status).value)
            with self._read() as connection:
                rows = connection.execute(query.order_by(s.c.id).limit(batch)).all()
            for row in rows:
                yield _subscriber(row)
            if len(rows) < batch:
                return
            last_id = rows[-1].id

    def count_subscribers(self) -> dict[str, int]:
        counts = {status.value: 0 for status in SubscriberStatus}
        with self._read() as connection:
            rows = connection.execute(
                select(subscribers.c.status, func.count()).group_by(subscribers.c.status)
            ).all()
        for status, count in rows:
            counts[status] = count
        return counts

    def get_subscriber(self, subscriber_id: int) -> Subscriber | None:
        with self._read() as connection:
            row = connection.execute(
                select(*_SUBSCRIBER_COLUMNS).where(subscribers.c.id == subscriber_id)
            ).first()
        return _subscriber(row) if row else None

    def find_subscriber(self, email: str) -> Subscriber | None:
        key = self._key(email)
        with self._read() as connection:
            row = connection.execute(
                select(*_SUBSCRIBER_COLUMNS).where(subscribers.c.email_key == key)
            ).first()
        return _subscriber(row) if row else None

    @staticmethod
    def _key(email: str) -> str:
        try:
            return normalise_email(email)[1]
        except SubscriberError:
            return email.strip().lower()

    def remove_subscriber(self, email: str) -> bool:
        with self._write() as connection:
            result = connection.execute(
                delete(subscribers).where(subscribers.c.email_key == self._key(email))
            )
        return result.rowcount > 0

    def token_salt(self, subscriber_id: int) -> str | None:
        with self._read() as connection:
            return connection.execute(
                select(subscribers.c.token_salt).where(subscribers.c.id == subscriber_id)
            ).scalar_one_or_none()

    def unsubscribe(self, subscriber_id: int, now: dt.datetime | None = None) -> bool:
        """Idempotent; True if the subscriber exists (whatever its status was)."""
        now = _now(now)
        s = subscribers
        with self._write() as connection:
            changed = connection.execute(
                update(s)
                # Only an active reader becomes 'unsubscribed': a bounced or complained one keeps
                # that mark, so the sign-up form cannot bring them back (issue 14).
                .where(s.c.id == subscriber_id, s.c.status == SubscriberStatus.ACTIVE.value)
                .values(
                    status=SubscriberStatus.UNSUBSCRIBED.value, unsubscribed_at=now, updated_at=now
                )
            ).rowcount
            if changed:
                return True
            return (
                connection.execute(select(s.c.id).where(s.c.id == subscriber_id)).first()
                is not None
            )

    def set_regions(self, subscriber_id: int, regions: frozenset[Region]) -> bool:
        s = subscribers
        with self._write() as connection:
            result = connection.execute(
                update(s)
                .where(s.c.id == subscriber_id)
                .values(regions=regions_text(regions), updated_at=utc_now())
            )
        return result.rowcount > 0

    def set_token_salt(self, subscriber_id: int, salt: str) -> bool:
        """Revokes every link the reader was ever sent (see newsletter.tokens)."""
        s = subscribers
        with self._write() as connection:
            result = connection.execute(
                update(s)
                .where(s.c.id == subscriber_id)
                .values(token_salt=salt, updated_at=utc_now())
            )
        return result.rowcount > 0

    # -- issues and the archive ---------------------------------------------------------

    def save_issue(self, day: dt.date, payload: dict, subject: str) -> None:
        now = utc_now()
        stmt = self._insert(issues).values(
            day=day, subject=subject, payload=payload, created_at=now, updated_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[issues.c.day],
            set_={"subject": subject, "payload": stmt.excluded.payload, "updated_at": now},
        )
        with self._write() as connection:
            connection.execute(stmt)

    def load_issue(self, day: dt.date) -> dict | None:
        with self._read() as connection:
            return connection.execute(
                select(issues.c.payload).where(issues.c.day == day)
            ).scalar_one_or_none()

    def mark_issue(self, day: dt.date, state: str, now: dt.datetime | None = None) -> None:
        if state not in _ISSUE_STATES:
            raise ValueError(f"issue state must be one of {_ISSUE_STATES}, not {state!r}")
        now = _now(now)
        stmt = self._insert(issues).values(
            day=day,
            subject="",
            payload=None,
            state=state,
            state_at=now,
            created_at=now,
            updated_at=now,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[issues.c.day],
            set_={"state": state, "state_at": now, "updated_at": now},
        )
        with self._write() as connection:
            connection.execute(stmt)

    def issue_state(self, day: dt.date) -> str | None:
        with self._read() as connection:
            return connection.execute(
                select(issues.c.state).where(issues.c.day == day)
            ).scalar_one_or_none()

    def issue_subject(self, day: dt.date) -> str | None:
        with self._read() as connection:
            return connection.execute(
                select(issues.c.subject).where(issues.c.day == day)
            ).scalar_one_or_none()

    def save_archive(self, day: dt.date, subject: str, html: str, text: str) -> None:
        with self._write() as connection:
            self._upsert(
                connection,
                archive,
                "day",
                {
                    "day": day,
                    "subject": subject,
                    "html": html,
                    "text": text,
                    "created_at": utc_now(),
                },
            )

    def archive_list(self, limit: int = 365) -> list[tuple[dt.date, str]]:
        with self._read() as connection:
            rows = connection.execute(
                select(archive.c.day, archive.c.subject).order_by(archive.c.day.desc()).limit(limit)
            ).all()
        return [(row.day, row.subject) for row in rows]

    def archive_get(self, day: dt.date) -> tuple[str, str, str] | None:
        with self._read() as connection:
            row = connection.execute(
                select(archive.c.subject, archive.c.html, archive.c.text).where(
                    archive.c.day == day
                )
            ).first()
        return (row.subject, row.html, row.text) if row else None

    def delete_issue(self, day: dt.date) -> None:
        """Forget a day entirely (``send --force``): its ledger, its issue row, its archive."""
        with self._write() as connection:
            connection.execute(delete(deliveries).where(deliveries.c.day == day))
            connection.execute(delete(issues).where(issues.c.day == day))
            connection.execute(delete(archive).where(archive.c.day == day))

    # -- the ledger ---------------------------------------------------------------------

    def enqueue(self, day: dt.date, now: dt.datetime | None = None) -> int:
        """A pending row for every active subscriber that has none for ``day``; rows added."""
        now = _now(now)
        d, s = deliveries, subscribers
        has_row = select(d.c.id).where(d.c.day == day, d.c.subscriber_id == s.c.id).exists()
        source = select(
            literal(day, d.c.day.type),
            s.c.id,
            s.c.email,
            literal(DeliveryStatus.PENDING.value, d.c.status.type),
            literal(now, UTCDateTime()),
            literal(now, UTCDateTime()),
        ).where(s.c.status == SubscriberStatus.ACTIVE.value, ~has_row)
        stmt = (
            self._insert(d)
            .from_select(
                ["day", "subscriber_id", "email", "status", "created_at", "updated_at"], source
            )
            # Two enqueuers at once (scheduler and a worker) must not fail on the unique key.
            .on_conflict_do_nothing(index_elements=[d.c.day, d.c.subscriber_id])
        )
        with self._write() as connection:
            # Without preserve_rowcount SQLAlchemy reports -1 for an INSERT on psycopg.
            added = connection.execute(stmt.execution_options(preserve_rowcount=True)).rowcount
        if added >= _ANALYZE_AFTER:
            self.analyze(deliveries.name)
        return added

    def start_run(
        self,
        day: dt.date,
        *,
        resend_unknown: bool,
        now: dt.datetime | None = None,
        reset_deferred: bool = True,
        dead: Sequence[str] = (),
    ) -> dict[str, int]:
        """The leader's reset at the start of a run (it holds the issue lock). Mid-run, the
        leader calls it with reset_deferred=False to take over the batch of a dead worker.

        In-flight rows are recovered when their lease lapsed or when their sender is in
        `dead` (its liveness lock is free: it died, no need to wait for the lease)."""
        now = _now(now)
        d = deliveries
        lapsed = [d.c.lease_until.is_(None), d.c.lease_until < now]
        if dead:
            lapsed.append(d.c.worker.in_(list(dead)))
        with self._write() as connection:
            recovered = connection.execute(
                update(d)
                .where(
                    d.c.day == day,
                    d.c.status == DeliveryStatus.SENDING.value,
                    or_(*lapsed),
                )
                .values(
                    status=DeliveryStatus.UNKNOWN.value,
                    detail=CRASH_DETAIL,
                    lease_until=None,
                    updated_at=now,
                )
            ).rowcount
            requeued = 0
            if resend_unknown:
                requeued = connection.execute(
                    update(d)
                    .where(
                        d.c.day == day,
                        d.c.status == DeliveryStatus.UNKNOWN.value,
                        d.c.requeued == 0,
                    )
                    .values(status=DeliveryStatus.PENDING.value, requeued=1, updated_at=now)
                ).rowcount
            deferred = 0
            if reset_deferred:
                deferred = connection.execute(
                    update(d)
                    .where(d.c.day == day, d.c.status == DeliveryStatus.DEFERRED.value)
                    .values(tries=0, next_attempt_at=None, updated_at=now)
                ).rowcount
        return {"recovered": recovered, "requeued": requeued, "deferred": deferred}

    def claim(
        self,
        day: dt.date,
        *,
        worker: str,
        limit: int,
        lease_seconds: float,
        max_tries: int,
        now: dt.datetime | None = None,
    ) -> list[Claim]:
        """Move up to ``limit`` sendable rows to 'sending' under a lease, and hand them out.

        Pending rows first, then deferred rows that are due, each by id. Rows whose reader is
        no longer active become 'skipped' on the way."""
        self._local.skipped = 0
        if limit <= 0:
            return []
        now = _now(now)
        lease_until = now + dt.timedelta(seconds=lease_seconds)
        d, s = deliveries, subscribers
        base = (
            select(
                d.c.id,
                d.c.subscriber_id,
                d.c.email,
                d.c.attempts,
                s.c.status,
                s.c.name,
                s.c.regions,
                s.c.token_salt,
            )
            .select_from(d.outerjoin(s, s.c.id == d.c.subscriber_id))
            .where(d.c.day == day)
            .order_by(d.c.id)
        )
        # Two queries rather than one with OR, so that each walks the (day, status, id) index
        # in order and stops at the LIMIT instead of sorting every pending row of the day.
        candidates = {
            DeliveryStatus.PENDING: base.where(d.c.status == DeliveryStatus.PENDING.value),
            DeliveryStatus.DEFERRED: base.where(
                d.c.status == DeliveryStatus.DEFERRED.value,
                d.c.tries < max_tries,
                or_(d.c.next_attempt_at.is_(None), d.c.next_attempt_at <= now),
            ),
        }
        claims: list[Claim] = []
        with self._write() as connection:
            for kind, query in candidates.items():
                # Start after the last row this process took: on PostgreSQL the index keeps
                # entries of rows already sent until vacuum, and walking them from the first id
                # on every call made a million-row run quadratic. Rows that became sendable
                # behind the floor (requeued, reset) are found by one sweep from the start
                # before we report that nothing is left.
                floor = self._claim_floor.get((day, kind), 0)
                swept = floor == 0
                while len(claims) < limit:
                    wanted = limit - len(claims)
                    page = query.where(d.c.id > floor).limit(wanted)
                    if self.dialect == "postgresql":
                        page = page.with_for_update(of=d, skip_locked=True)
                    rows = connection.execute(page).all()
                    if rows:
                        floor = rows[-1].id
                    claims.extend(self._take(connection, rows, worker, lease_until, now))
                    if len(rows) < wanted:
                        if swept:
                            break
                        floor, swept = 0, True
                self._claim_floor[(day, kind)] = floor
        return claims

    @property
    def last_claim_skipped(self) -> int:
        """Rows the calling thread's last claim() marked skipped (readers who left): the
        run's summary counts them, so it agrees with `status`."""
        return getattr(self._local, "skipped", 0)

    def _take(
        self,
        connection: Connection,
        rows: Sequence[Any],
        worker: str,
        lease_until: dt.datetime,
        now: dt.datetime,
    ) -> list[Claim]:
        """Lease the rows of active readers; mark the others skipped."""
        d = deliveries
        active = [r for r in rows if r.status == SubscriberStatus.ACTIVE.value]
        gone = [r.id for r in rows if r.status != SubscriberStatus.ACTIVE.value]
        self._local.skipped = getattr(self._local, "skipped", 0) + len(gone)
        for ids in _chunks(gone):
            connection.execute(
                update(d)
                .where(d.c.id.in_(ids))
                .values(
                    status=DeliveryStatus.SKIPPED.value,
                    detail=UNSUBSCRIBED_DETAIL,
                    updated_at=now,
                )
            )
        for ids in _chunks([r.id for r in active]):
            connection.execute(
                update(d)
                .where(d.c.id.in_(ids))
                .values(
                    status=DeliveryStatus.SENDING.value,
                    lease_until=lease_until,
                    worker=worker,
                    attempts=d.c.attempts + 1,
                    tries=d.c.tries + 1,
                    updated_at=now,
                )
            )
        return [
            Claim(
                delivery_id=r.id,
                subscriber_id=r.subscriber_id,
                email=r.email,
                name=r.name,
                regions=regions_set(r.regions),
                token_salt=r.token_salt,
                attempts=r.attempts + 1,
            )
            for r in active
        ]

    def record(
        self,
        results: Sequence[tuple[int, Outcome]],
        *,
        backoff: float,
        bounce_limit: int,
        now: dt.datetime | None = None,
        worker: str | None = None,
    ) -> None:
        """Write a batch of outcomes in one transaction.

        Only rows still 'sending' (and, given ``worker``, still held by that worker) change:
        a row whose lease ran out and that someone else took over keeps the newer story."""
        if not results:
            return
        now = _now(now)
        d, s = deliveries, subscribers
        ours = [d.c.status == DeliveryStatus.SENDING.value]
        if worker is not None:
            ours.append(d.c.worker == worker)
        by_status: dict[DeliveryStatus, list[int]] = {}
        for delivery_id, outcome in results:
            status = DeliveryStatus(outcome.status)
            if status is DeliveryStatus.SENDING:
                raise ValueError(
                    f"cannot record outcome {status.value!r} for delivery {delivery_id}"
                )
            by_status.setdefault(status, []).append(delivery_id)
        # PENDING: the message was never handed to the relay (a stop, a brake). The row goes
        # back to the queue and the claim is not charged as an attempt.
        given_back = by_status.pop(DeliveryStatus.PENDING, [])
        results = [(k, o) for k, o in results if o.status is not DeliveryStatus.PENDING]

        with self._write() as connection:
            for ids in _chunks(given_back):
                connection.execute(
                    update(d)
                    .where(d.c.id.in_(ids), *ours)
                    .values(
                        status=DeliveryStatus.PENDING.value,
                        attempts=case((d.c.attempts > 0, d.c.attempts - 1), else_=0),
                        tries=case((d.c.tries > 0, d.c.tries - 1), else_=0),
                        lease_until=None,
                        updated_at=now,
                    )
                )
            if not results:
                return
            tries: dict[int, int] = {}
            for ids in _chunks(by_status.get(DeliveryStatus.DEFERRED, [])):
                rows = connection.execute(select(d.c.id, d.c.tries).where(d.c.id.in_(ids)))
                tries.update((row.id, row.tries) for row in rows)
            for ids in _chunks(by_status.get(DeliveryStatus.FAILED, [])):
                readers = select(d.c.subscriber_id).where(d.c.id.in_(ids), *ours)
                bounced = and_(
                    s.c.status == SubscriberStatus.ACTIVE.value,
                    s.c.bounce_count + 1 >= bounce_limit,
                )
                connection.execute(
                    update(s)
                    .where(s.c.id.in_(readers))
                    .values(
                        bounce_count=s.c.bounce_count + 1,
                        status=case((bounced, SubscriberStatus.BOUNCED.value), else_=s.c.status),
                        updated_at=now,
                    )
                )
            for ids in _chunks(by_status.get(DeliveryStatus.SENT, [])):
                readers = select(d.c.subscriber_id).where(d.c.id.in_(ids), *ours)
                connection.execute(
                    update(s)
                    .where(s.c.id.in_(readers), s.c.bounce_count > 0)
                    .values(bounce_count=0)
                )

            params = []
            for delivery_id, outcome in results:
                status = DeliveryStatus(outcome.status)
                next_attempt = None
                if status is DeliveryStatus.DEFERRED:
                    exponent = max(tries.get(delivery_id, 1), 1) - 1
                    next_attempt = now + dt.timedelta(seconds=backoff * 2**exponent)
                params.append(
                    {
                        "b_id": delivery_id,
                        "b_status": status.value,
                        "b_code": outcome.code,
                        "b_detail": (outcome.detail or "").replace("\x00", "")[:DETAIL_MAX],
                        "b_next": next_attempt,
                        "b_sent": now if status is DeliveryStatus.SENT else None,
                    }
                )
            if self.dialect == "postgresql":
                # One statement over arrays instead of one UPDATE per row: psycopg sends an
                # executemany as that many statements, each parsed and planned by the server.
                connection.execute(
                    _PG_RECORD_BY_WORKER if worker is not None else _PG_RECORD,
                    {
                        "ids": [p["b_id"] for p in params],
                        "statuses": [p["b_status"] for p in params],
                        "codes": [p["b_code"] for p in params],
                        "details": [p["b_detail"] for p in params],
                        "nexts": [p["b_next"] for p in params],
                        "now": now,
                        "worker": worker,
                    },
                )
                return
            connection.execute(
                update(d)
                .where(d.c.id == bindparam("b_id"), *ours)
                .values(
                    status=bindparam("b_status", type_=d.c.status.type),
                    code=bindparam("b_code", type_=d.c.code.type),
                    detail=bindparam("b_detail", type_=d.c.detail.type),
                    next_attempt_at=bindparam("b_next", type_=UTCDateTime()),
                    sent_at=bindparam("b_sent", type_=UTCDateTime()),
                    lease_until=None,
                    updated_at=now,
                ),
                params,
            )

    def requeue_unknown_now(self, ids: Sequence[int]) -> int:
        """'unknown' -> 'pending', once per row: a row already sent again stays 'unknown'
        (a relay that always loses its last reply must not get the message forever)."""
        d = deliveries
        now = utc_now()
        requeued = 0
        with self._write() as connection:
            for chunk in _chunks(ids):
                requeued += connection.execute(
                    update(d)
                    .where(
                        d.c.id.in_(chunk),
                        d.c.status == DeliveryStatus.UNKNOWN.value,
                        d.c.requeued == 0,
                    )
                    .values(
                        status=DeliveryStatus.PENDING.value,
                        requeued=1,
                        lease_until=None,
                        updated_at=now,
                    )
                ).rowcount
        return requeued

    def owes_messages(self, day: dt.date, regions: frozenset[Region]) -> bool:
        """Whether any owed row of `day` is for an active reader who gets a message when the
        issue has `regions` (every region, or a chosen one among them). When none does, a run
        only marks rows skipped and needs no relay."""
        d, sub = deliveries, subscribers
        chosen = [sub.c.regions == ""] + [
            sub.c.regions.like(f"%{region.value}%") for region in regions
        ]
        query = (
            select(d.c.id)
            .join(sub, sub.c.id == d.c.subscriber_id)
            .where(
                d.c.day == day,
                d.c.status.in_(("pending", "deferred", "unknown")),
                sub.c.status == SubscriberStatus.ACTIVE.value,
                or_(*chosen),
            )
            .limit(1)
        )
        with self.engine.connect() as connection:
            return connection.execute(query).first() is not None

    def statuses(self, ids: Sequence[int]) -> dict[int, str]:
        """The current status of these ledger rows (a worker checks what it still owes)."""
        d = deliveries
        found: dict[int, str] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(ids):
                rows = connection.execute(select(d.c.id, d.c.status).where(d.c.id.in_(chunk)))
                found.update((row.id, row.status) for row in rows)
        return found

    def extend_lease(
        self,
        ids: Sequence[int],
        lease_seconds: float,
        now: dt.datetime | None = None,
        *,
        worker: str | None = None,
    ) -> None:
        now = _now(now)
        d = deliveries
        conditions = [d.c.status == DeliveryStatus.SENDING.value]
        if worker is not None:
            conditions.append(d.c.worker == worker)
        with self._write() as connection:
            for chunk in _chunks(ids):
                connection.execute(
                    update(d)
                    .where(d.c.id.in_(chunk), *conditions)
                    .values(lease_until=now + dt.timedelta(seconds=lease_seconds))
                )

    def next_retry_at(self, day: dt.date, max_tries: int) -> dt.datetime | None:
        d = deliveries
        with self._read() as connection:
            return connection.execute(
                select(func.min(d.c.next_attempt_at)).where(
                    d.c.day == day,
                    d.c.status == DeliveryStatus.DEFERRED.value,
                    d.c.tries < max_tries,
                )
            ).scalar_one_or_none()

    def counts(self, day: dt.date) -> dict[str, int]:
        d = deliveries
        counts = {status.value: 0 for status in DeliveryStatus}
        with self._read() as connection:
            rows = connection.execute(
                select(d.c.status, func.count()).where(d.c.day == day).group_by(d.c.status)
            ).all()
        for status, count in rows:
            counts[status] = count
        return counts

    def failures(self, day: dt.date, limit: int = 100) -> list[FailureRow]:
        d = deliveries
        troubled = (
            DeliveryStatus.FAILED.value,
            DeliveryStatus.DEFERRED.value,
            DeliveryStatus.UNKNOWN.value,
        )
        with self._read() as connection:
            rows = connection.execute(
                select(d.c.email, d.c.status, d.c.code, d.c.detail, d.c.attempts, d.c.updated_at)
                .where(d.c.day == day, d.c.status.in_(troubled))
                .order_by(d.c.id)
                .limit(limit)
            ).all()
        return [FailureRow(*row) for row in rows]

    def reset_failed(self, day: dt.date) -> int:
        d = deliveries
        with self._write() as connection:
            return connection.execute(
                update(d)
                .where(d.c.day == day, d.c.status == DeliveryStatus.FAILED.value)
                .values(
                    status=DeliveryStatus.PENDING.value,
                    tries=0,
                    next_attempt_at=None,
                    updated_at=utc_now(),
                )
            ).rowcount

    def days(self) -> list[dt.date]:
        """Every issue date the issues table or the ledger knows, newest first."""
        with self._read() as connection:
            known = set(connection.execute(select(issues.c.day)).scalars())
            known.update(connection.execute(_LEDGER_DAYS).scalars())
        return sorted(known, reverse=True)

    def sending_workers(self, day: dt.date) -> list[str]:
        """The senders that hold rows of `day` in flight (a handful: one per process)."""
        d = deliveries
        with self._read() as connection:
            rows = connection.execute(
                select(d.c.worker)
                .where(d.c.day == day, d.c.status == DeliveryStatus.SENDING.value)
                .distinct()
            ).scalars()
            return sorted(w for w in rows if w)

    def give_back(
        self, day: dt.date, worker: str, keep: Iterable[int], now: dt.datetime | None = None
    ) -> int:
        """A dead sender's in-flight rows that its journal shows were never handed to the
        relay (not in `keep`) go back to pending, their claim not charged."""
        now = _now(now)
        d = deliveries
        keep = set(keep)
        with self._write() as connection:
            ids = [
                row_id
                for row_id in connection.execute(
                    select(d.c.id).where(
                        d.c.day == day,
                        d.c.status == DeliveryStatus.SENDING.value,
                        d.c.worker == worker,
                    )
                ).scalars()
                if row_id not in keep
            ]
            for chunk in _chunks(ids):
                connection.execute(
                    update(d)
                    .where(d.c.id.in_(chunk), d.c.status == DeliveryStatus.SENDING.value)
                    .values(
                        status=DeliveryStatus.PENDING.value,
                        attempts=case((d.c.attempts > 0, d.c.attempts - 1), else_=0),
                        tries=case((d.c.tries > 0, d.c.tries - 1), else_=0),
                        lease_until=None,
                        updated_at=now,
                    )
                )
        return len(ids)

    # -- locks and heartbeats -----------------------------------------------------------

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


class _Row:
    """Attribute access over a dict, so that _subscriber() reads a merged row too."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
