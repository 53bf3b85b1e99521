"""The delivery ledger: one row per (issue date, reader), from pending to its outcome.

Everything large is set-based: enqueueing an issue is one INSERT ... SELECT, and claiming or
recording a batch of deliveries is a handful of statements in one transaction. On PostgreSQL,
workers in several processes claim with ``FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    case,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)

from newsletter.models import DeliveryStatus, Outcome, Region, SubscriberStatus
from newsletter.store.engine import _chunks, _now, utc_now
from newsletter.store.ledger_reads import LedgerReads, replies_note
from newsletter.store.ledger_sql import (
    _PG_RECORD,
    _PG_RECORD_BY_WORKER,
    _SQLITE_CLAIM_DEFERRED,
    _SQLITE_CLAIM_PENDING,
    _SQLITE_CLEAR_BOUNCES,
    _SQLITE_RECORD,
    _SQLITE_RECORD_SENT,
    _SQLITE_SKIP,
    _SQLITE_TAKE,
)
from newsletter.store.subscribers import regions_set
from newsletter.store.tables import (
    UTCDateTime,
    audit_log,
    deliveries,
    status_is,
    subscribers,
)

DETAIL_MAX = 500
CRASH_DETAIL = "found in flight after a crash"
UNSUBSCRIBED_DETAIL = "unsubscribed before sending"
_ANALYZE_AFTER = 10_000  # rows added in one go before PostgreSQL's statistics are refreshed

_ACTIVE = SubscriberStatus.ACTIVE.value


_STATUS_TEXT = {status: status.value for status in DeliveryStatus}


def _sqlite_ts(value: dt.datetime | None) -> str | None:
    """An aware datetime as SQLAlchemy stores it on SQLite (see tables.UTCDateTime)."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _uncharged(now: dt.datetime) -> dict[str, Any]:
    """Back to pending without charging the claim: the message never reached the relay."""
    d = deliveries
    return {
        "status": DeliveryStatus.PENDING.value,
        "attempts": case((d.c.attempts > 0, d.c.attempts - 1), else_=0),
        "tries": case((d.c.tries > 0, d.c.tries - 1), else_=0),
        "lease_until": None,
        "updated_at": now,
    }


class Claim(NamedTuple):
    """A ledger row handed to a sender: everything needed to build one personal message.

    A NamedTuple rather than a frozen dataclass: one is built per message, and a frozen
    dataclass's __init__ (object.__setattr__ per field) cost ~1.5 us of it."""

    delivery_id: int
    subscriber_id: int
    email: str
    name: str | None
    regions: frozenset[Region]
    token_salt: str
    attempts: int  # including this one


class Ledger(LedgerReads):
    """The deliveries table and the state machine its rows walk through."""

    def __init__(
        self, engine: Engine, url: str = "", *, hint_setting: str = "NEWSLETTER_DATABASE_URL"
    ) -> None:
        super().__init__(engine, url, hint_setting=hint_setting)
        # (day, status) -> the highest id this process claimed; see claim().
        self._claim_floor: dict[tuple[dt.date, DeliveryStatus], int] = {}
        self._local = threading.local()  # per calling thread: what its last claim skipped

    def _enqueue_statement(self, day: dt.date, now: dt.datetime, *where: Any) -> Any:
        """INSERT … SELECT of a pending row for every active subscriber matching `where`
        that has no row for `day`; returns the rowcount-preserving statement."""
        d, s = deliveries, subscribers
        has_row = select(d.c.id).where(d.c.day == day, d.c.subscriber_id == s.c.id).exists()
        source = select(
            literal(day, d.c.day.type),
            s.c.id,
            s.c.email,
            literal(DeliveryStatus.PENDING.value, d.c.status.type),
            literal(now, UTCDateTime()),
            literal(now, UTCDateTime()),
        ).where(s.c.status == SubscriberStatus.ACTIVE.value, *where, ~has_row)
        stmt = (
            self._insert(d)
            .from_select(
                ["day", "subscriber_id", "email", "status", "created_at", "updated_at"], source
            )
            # Two enqueuers at once (scheduler and a worker) must not fail on the unique key.
            .on_conflict_do_nothing(index_elements=[d.c.day, d.c.subscriber_id])
        )
        # Without preserve_rowcount SQLAlchemy reports -1 for an INSERT on psycopg.
        return stmt.execution_options(preserve_rowcount=True)

    def enqueue(self, day: dt.date, now: dt.datetime | None = None) -> int:
        """A pending row for every active subscriber that has none for ``day``; rows added."""
        stmt = self._enqueue_statement(day, _now(now))
        with self._write() as connection:
            added = connection.execute(stmt).rowcount
        if added >= _ANALYZE_AFTER:
            self.analyze(deliveries.name)
        return added

    def enqueue_chunk(
        self, day: dt.date, *, after: int, limit: int, now: dt.datetime | None = None
    ) -> tuple[int, int | None]:
        """Queue the next `limit` subscribers by id after subscriber id `after` (a pending
        row for each active one without a row for `day`), in one transaction.

        Returns (rows added, the last subscriber id covered), or (rows added, None) when this
        chunk reached the end of the list. Chunks go in id order, so after a crash the queueing
        resumes after queued_through(day) and the unique key keeps every reader to one row."""
        now = _now(now)
        s = subscribers
        with self._write() as connection:
            through = connection.execute(
                select(s.c.id).where(s.c.id > after).order_by(s.c.id).offset(limit - 1).limit(1)
            ).scalar_one_or_none()
            in_range = [s.c.id > after] + ([s.c.id <= through] if through is not None else [])
            added = connection.execute(self._enqueue_statement(day, now, *in_range)).rowcount
        return added, through

    def queued_through(self, day: dt.date) -> int:
        """The highest subscriber id with a ledger row for `day` (0 if none): where an
        interrupted queueing resumes (down the (day, subscriber_id) unique index)."""
        d = deliveries
        with self._read() as connection:
            highest = connection.execute(
                select(func.max(d.c.subscriber_id)).where(d.c.day == day)
            ).scalar_one_or_none()
        return highest or 0

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
                    status_is(DeliveryStatus.SENDING),
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
                        status_is(DeliveryStatus.UNKNOWN),
                        d.c.requeued == 0,
                    )
                    .values(status=DeliveryStatus.PENDING.value, requeued=1, updated_at=now)
                ).rowcount
            deferred = 0
            if reset_deferred:
                deferred = connection.execute(
                    update(d)
                    .where(d.c.day == day, status_is(DeliveryStatus.DEFERRED))
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
        if self.dialect == "sqlite":
            return self._claim_sqlite(day, worker, limit, lease_until, max_tries, now)
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
        # Two queries rather than one with OR, so that each walks its status's partial index
        # in order and stops at the LIMIT instead of sorting every pending row of the day.
        candidates = {
            DeliveryStatus.PENDING: base.where(status_is(DeliveryStatus.PENDING)),
            DeliveryStatus.DEFERRED: base.where(
                status_is(DeliveryStatus.DEFERRED),
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

    def _claim_sqlite(
        self,
        day: dt.date,
        worker: str,
        limit: int,
        lease_until: dt.datetime,
        max_tries: int,
        now: dt.datetime,
    ) -> list[Claim]:
        """claim() on SQLite: the same walk (floors, one sweep), on the driver's cursor."""
        day_text, now_text = day.isoformat(), _sqlite_ts(now)
        lease_text = _sqlite_ts(lease_until)
        claims: list[Claim] = []
        skipped = 0
        with self._write_raw() as cursor:
            for kind, sql, extra in (
                (DeliveryStatus.PENDING, _SQLITE_CLAIM_PENDING, ()),
                (DeliveryStatus.DEFERRED, _SQLITE_CLAIM_DEFERRED, (max_tries, now_text)),
            ):
                floor = self._claim_floor.get((day, kind), 0)
                swept = floor == 0
                while len(claims) < limit:
                    wanted = limit - len(claims)
                    rows = cursor.execute(sql, (day_text, floor, *extra, wanted)).fetchall()
                    if rows:
                        floor = rows[-1][0]
                    active = [r for r in rows if r[4] == _ACTIVE]
                    gone = [r[0] for r in rows if r[4] != _ACTIVE]
                    for ids in _chunks(gone):
                        cursor.execute(
                            _SQLITE_SKIP.format(ids=_marks(len(ids))),
                            (UNSUBSCRIBED_DETAIL, now_text, *ids),
                        )
                    skipped += len(gone)
                    for chunk in _chunks(range(len(active))):
                        ids = [active[i][0] for i in chunk]
                        cursor.execute(
                            _SQLITE_TAKE.format(ids=_marks(len(ids))),
                            (lease_text, worker, now_text, *ids),
                        )
                    new = Claim._make  # positional, in Claim's field order
                    claims.extend(
                        [
                            new((r[0], r[1], r[2], r[5], regions_set(r[6]), r[7], r[3] + 1))
                            for r in active
                        ]
                    )
                    if len(rows) < wanted:
                        if swept:
                            break
                        floor, swept = 0, True
                self._claim_floor[(day, kind)] = floor
        self._local.skipped = skipped
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
        d = deliveries
        ours = [status_is(DeliveryStatus.SENDING)]
        if worker is not None:
            ours.append(d.c.worker == worker)
        by_status: dict[DeliveryStatus, list[int]] = {}
        for delivery_id, outcome in results:
            status = outcome.status
            if type(status) is not DeliveryStatus:
                status = DeliveryStatus(status)
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
                    update(d).where(d.c.id.in_(ids), *ours).values(**_uncharged(now))
                )
            if not results:
                return
            tries: dict[int, int] = {}
            for ids in _chunks(by_status.get(DeliveryStatus.DEFERRED, [])):
                rows = connection.execute(select(d.c.id, d.c.tries).where(d.c.id.in_(ids)))
                tries.update((row.id, row.tries) for row in rows)
            self._count_bounces(
                connection, by_status.get(DeliveryStatus.FAILED, []), ours, bounce_limit, now
            )
            sqlite = self.dialect == "sqlite"
            raw = connection.connection.dbapi_connection if sqlite else None
            cursor = raw.cursor() if raw is not None else None
            try:
                sent = by_status.get(DeliveryStatus.SENT, [])
                self._clear_bounces(connection, cursor, sent, ours, worker)
                if cursor is not None:
                    self._record_sqlite(cursor, results, tries, backoff, now, worker)
                else:
                    self._record_rows(connection, results, tries, backoff, now, worker, ours)
            finally:
                if cursor is not None:
                    cursor.close()

    @staticmethod
    def _count_bounces(
        connection: Connection,
        failed: list[int],
        ours: list[Any],
        bounce_limit: int,
        now: dt.datetime,
    ) -> None:
        """A permanent failure counts toward the reader's bounce limit; at the limit an
        active reader becomes 'bounced'."""
        d, s = deliveries, subscribers
        for ids in _chunks(failed):
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

    @staticmethod
    def _clear_bounces(
        connection: Connection,
        cursor: Any,
        sent: list[int],
        ours: list[Any],
        worker: str | None,
    ) -> None:
        """A delivered message resets its reader's bounce count (on SQLite, on the driver)."""
        d, s = deliveries, subscribers
        for ids in _chunks(sent):
            if cursor is not None:
                mine = "" if worker is None else " AND worker = ?"
                cursor.execute(
                    _SQLITE_CLEAR_BOUNCES.format(ids=_marks(len(ids)), mine=mine),
                    (*ids, *(() if worker is None else (worker,))),
                )
                continue
            readers = select(d.c.subscriber_id).where(d.c.id.in_(ids), *ours)
            connection.execute(
                update(s).where(s.c.id.in_(readers), s.c.bounce_count > 0).values(bounce_count=0)
            )

    def _record_rows(
        self,
        connection: Connection,
        results: Sequence[tuple[int, Outcome]],
        tries: dict[int, int],
        backoff: float,
        now: dt.datetime,
        worker: str | None,
        ours: list[Any],
    ) -> None:
        """record()'s row updates through SQLAlchemy: one statement over arrays on
        PostgreSQL, an executemany elsewhere."""
        d = deliveries
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

    @staticmethod
    def _record_sqlite(
        cursor: Any,
        results: Sequence[tuple[int, Outcome]],
        tries: dict[int, int],
        backoff: float,
        now: dt.datetime,
        worker: str | None,
    ) -> None:
        """record()'s row updates on SQLite: an executemany on the driver's cursor for each run
        of sent rows (_SQLITE_RECORD_SENT) and of the others, in the batch's order."""
        now_text = _sqlite_ts(now)
        sent = DeliveryStatus.SENT
        deferred = DeliveryStatus.DEFERRED
        text = _STATUS_TEXT  # status.value is an enum descriptor lookup: a dict's is cheaper
        mine = "" if worker is None else " AND worker = ?"
        by_worker = () if worker is None else (worker,)
        sent_sql, other_sql = _SQLITE_RECORD_SENT + mine.replace("?", "?5"), _SQLITE_RECORD + mine
        rows: list[tuple[Any, ...]] = []
        rows_are_sent = True
        for delivery_id, outcome in results:
            status = outcome.status
            if type(status) is not DeliveryStatus:
                status = DeliveryStatus(status)
            detail = outcome.detail or ""
            if "\x00" in detail or len(detail) > DETAIL_MAX:
                detail = detail.replace("\x00", "")[:DETAIL_MAX]
            is_sent = status is sent
            if is_sent is not rows_are_sent and rows:
                # Runs in order: a batch that names a row twice keeps its first outcome.
                cursor.executemany(sent_sql if rows_are_sent else other_sql, rows)
                rows = []
            rows_are_sent = is_sent
            if is_sent:
                rows.append((outcome.code, detail, now_text, delivery_id, *by_worker))
                continue
            next_attempt = None
            if status is deferred:
                exponent = max(tries.get(delivery_id, 1), 1) - 1
                next_attempt = _sqlite_ts(now + dt.timedelta(seconds=backoff * 2**exponent))
            row = (text[status], outcome.code, detail, next_attempt, None, now_text, delivery_id)
            rows.append((*row, *by_worker))
        if rows:
            cursor.executemany(sent_sql if rows_are_sent else other_sql, rows)

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
                        status_is(DeliveryStatus.UNKNOWN),
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
        conditions = [status_is(DeliveryStatus.SENDING)]
        if worker is not None:
            conditions.append(d.c.worker == worker)
        with self._write() as connection:
            for chunk in _chunks(ids):
                connection.execute(
                    update(d)
                    .where(d.c.id.in_(chunk), *conditions)
                    .values(lease_until=now + dt.timedelta(seconds=lease_seconds))
                )

    def reset_failed(self, day: dt.date) -> int:
        """The failed rows of `day` back to pending. Their last replies (a relay's 550, say)
        would be overwritten by the next attempt's, so they are first kept in the audit log,
        in the same transaction: the issue page goes on showing what the relay said. The
        deferred and unknown rows' replies too: the run that resends the failed sends every
        row still owed with them (as any send of the issue does), replacing those replies."""
        d = deliveries
        with self._write() as connection:
            # One statement a status: each then walks its partial index, never the whole day.
            owed = (DeliveryStatus.FAILED, DeliveryStatus.DEFERRED, DeliveryStatus.UNKNOWN)
            replied = [
                row
                for status in owed
                for row in connection.execute(
                    select(d.c.email, d.c.status, d.c.code, d.c.detail)
                    .where(d.c.day == day, status_is(status))
                    .order_by(d.c.id)
                ).all()
            ]
            failed = [row for row in replied if row.status == DeliveryStatus.FAILED.value]
            if not failed:
                return 0
            connection.execute(
                insert(audit_log).values(
                    at=utc_now(),
                    actor="newsletter",
                    via="ledger",
                    action="resend.replies",
                    day=day,
                    detail=replies_note(replied),
                )
            )
            return connection.execute(
                update(d)
                .where(d.c.day == day, status_is(DeliveryStatus.FAILED))
                .values(
                    status=DeliveryStatus.PENDING.value,
                    tries=0,
                    next_attempt_at=None,
                    updated_at=utc_now(),
                )
            ).rowcount

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
                        status_is(DeliveryStatus.SENDING),
                        d.c.worker == worker,
                    )
                ).scalars()
                if row_id not in keep
            ]
            for chunk in _chunks(ids):
                connection.execute(
                    update(d)
                    .where(d.c.id.in_(chunk), status_is(DeliveryStatus.SENDING))
                    .values(**_uncharged(now))
                )
        return len(ids)
