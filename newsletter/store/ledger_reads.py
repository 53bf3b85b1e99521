"""The ledger's questions: what a run, `status` and the console ask of the deliveries table
without changing it (the state machine that changes it is `newsletter.store.ledger`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, or_, select

from newsletter.models import DeliveryStatus, Region, SubscriberStatus
from newsletter.store.engine import Database, _chunks
from newsletter.store.ledger_sql import _LEDGER_DAYS
from newsletter.store.tables import deliveries, issues, status_is, subscribers


@dataclass(frozen=True)
class FailureRow:
    email: str
    status: str
    code: int | None
    detail: str
    attempts: int
    updated_at: dt.datetime


class LedgerReads(Database):
    """Read-only queries of the deliveries table."""

    def owes_messages(self, day: dt.date, regions: frozenset[Region]) -> bool:
        """Whether any owed row of `day` is for an active reader who gets a message when the
        issue has `regions` (every region, or a chosen one among them). When none does, a run
        only marks rows skipped and needs no relay."""
        d, sub = deliveries, subscribers
        chosen = [sub.c.regions == ""] + [
            sub.c.regions.like(f"%{region.value}%") for region in regions
        ]
        # One query a status, each on its own partial index (an IN list would use none).
        owed = (DeliveryStatus.PENDING, DeliveryStatus.DEFERRED, DeliveryStatus.UNKNOWN)
        with self.engine.connect() as connection:
            _one_snapshot(connection)  # a row requeued unknown -> pending is seen once
            for status in owed:
                query = (
                    select(d.c.id)
                    .join(sub, sub.c.id == d.c.subscriber_id)
                    .where(
                        d.c.day == day,
                        status_is(status),
                        sub.c.status == SubscriberStatus.ACTIVE.value,
                        or_(*chosen),
                    )
                    .limit(1)
                )
                if connection.execute(query).first() is not None:
                    return True
        return False

    def statuses(self, ids: Sequence[int]) -> dict[int, str]:
        """The current status of these ledger rows (a worker checks what it still owes)."""
        d = deliveries
        found: dict[int, str] = {}
        with self.engine.connect() as connection:
            for chunk in _chunks(ids):
                rows = connection.execute(select(d.c.id, d.c.status).where(d.c.id.in_(chunk)))
                found.update((row.id, row.status) for row in rows)
        return found

    def next_retry_at(self, day: dt.date, max_tries: int) -> dt.datetime | None:
        d = deliveries
        with self._read() as connection:
            return connection.execute(
                select(func.min(d.c.next_attempt_at)).where(
                    d.c.day == day,
                    status_is(DeliveryStatus.DEFERRED),
                    d.c.tries < max_tries,
                )
            ).scalar_one_or_none()

    def has_pending(self, day: dt.date) -> bool:
        """Whether any row of `day` is pending: one probe of the pending rows' index,
        where counts() reads every row of the day (0.26 s at a million rows on SQLite), for
        the end of a run, which only asks whether anything is left to claim."""
        d = deliveries
        with self._read() as connection:
            found = connection.execute(
                select(d.c.id).where(d.c.day == day, status_is(DeliveryStatus.PENDING)).limit(1)
            ).first()
        return found is not None

    def counts(self, day: dt.date) -> dict[str, int]:
        d = deliveries
        counts = {status.value: 0 for status in DeliveryStatus}
        # Every status but 'sent' has a partial index (tables.PARTIAL_STATUS_INDEXES), so each
        # is counted there; 'sent' is the day's rows, counted on the (day, subscriber_id) key,
        # less the others. One read transaction: the figures are one moment's.
        sent = DeliveryStatus.SENT.value
        with self._read() as connection:
            _one_snapshot(connection)
            total = connection.execute(
                select(func.count()).select_from(d).where(d.c.day == day)
            ).scalar_one()
            for status in counts:
                if status != sent:
                    counts[status] = connection.execute(
                        select(func.count()).select_from(d).where(d.c.day == day, status_is(status))
                    ).scalar_one()
        counts[sent] = total - sum(counts.values())
        return counts

    def failures(self, day: dt.date, limit: int = 100) -> list[FailureRow]:
        d = deliveries
        troubled = (
            DeliveryStatus.FAILED.value,
            DeliveryStatus.DEFERRED.value,
            DeliveryStatus.UNKNOWN.value,
        )
        # The first `limit` of each status on its own partial index, then the first `limit`
        # of them all by id: what one query over an IN list would give, without its scan.
        found: list[tuple[int, FailureRow]] = []
        with self._read() as connection:
            _one_snapshot(connection)  # a row turning deferred -> failed is listed once
            for status in troubled:
                rows = connection.execute(
                    select(
                        d.c.id,
                        d.c.email,
                        d.c.status,
                        d.c.code,
                        d.c.detail,
                        d.c.attempts,
                        d.c.updated_at,
                    )
                    .where(d.c.day == day, status_is(status))
                    .order_by(d.c.id)
                    .limit(limit)
                ).all()
                found.extend((row[0], FailureRow(*row[1:])) for row in rows)
        found.sort(key=lambda pair: pair[0])
        return [row for _, row in found[:limit]]

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
                .where(d.c.day == day, status_is(DeliveryStatus.SENDING))
                .distinct()
            ).scalars()
            return sorted(w for w in rows if w)

    def left_in_flight(self, day: dt.date, worker: str) -> list[int]:
        """The rows of `day` that `worker` holds in flight ('sending') whose reader is no
        longer active: unsubscribed, complained, bounced or removed since the claim. A run
        asks every LEFT_CHECK seconds and sends none of them (they become 'skipped'). Walks
        the small in-flight part of the 'rest' index, then each reader by key."""
        d, s = deliveries, subscribers
        query = (
            select(d.c.id)
            .select_from(d.outerjoin(s, s.c.id == d.c.subscriber_id))
            .where(
                d.c.day == day,
                status_is(DeliveryStatus.SENDING),
                d.c.worker == worker,
                or_(s.c.status.is_(None), s.c.status != SubscriberStatus.ACTIVE.value),
            )
        )
        with self._read() as connection:
            return list(connection.execute(query).scalars())


def _one_snapshot(connection: Connection) -> None:
    """Make the connection's next transaction read one snapshot for all its statements.
    SQLite's read transaction already does; PostgreSQL's default READ COMMITTED gives each
    statement its own, so figures read by several statements would mix moments (a row claimed
    between the 'pending' and the 'sending' count counted twice, and 'sent' short by it)."""
    if connection.dialect.name == "postgresql":
        connection.execution_options(isolation_level="REPEATABLE READ")


# The resend.replies note, kept for ever in the audit log: no reader's address (the erasure
# rule of `subscribers remove`), and bounded however many readers and distinct replies.
REPLY_KINDS_LISTED = 20  # groups (status, reply code, enhanced status code) named one by one
REPLY_EXAMPLE_CHARS = 120  # of the one example reply shown per group
_ENHANCED = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_ADDRESS = re.compile(r"<?[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+>?")


def _redacted(text: str, email: str) -> str:
    """`text` with every e-mail address and the reader's own local part removed."""
    text = _ADDRESS.sub("<address>", text)
    local = email.partition("@")[0]
    if len(local) >= 3:
        text = re.sub(re.escape(local), "<reader>", text, flags=re.IGNORECASE)
    return text


def replies_note(replied: Sequence[Any]) -> str:
    """What the relay last said to the failed, deferred and unknown deliveries of an issue,
    kept in the audit log when the failed are queued again (`send --resend-failed`, the
    console's resend), since the next attempt's reply replaces it in the ledger: grouped by
    status, reply code and enhanced status code, with counts and one example reply (addresses
    redacted) each. `replied`: (email, status, code, detail) rows."""
    groups: dict[tuple[str, str], list[Any]] = {}  # (status, "550 5.1.1") -> [count, example]
    statuses: dict[str, int] = {}
    for email, status, code, detail in replied:
        statuses[status] = statuses.get(status, 0) + 1
        enhanced = _ENHANCED.search(detail or "")
        reply = " ".join(
            part for part in (str(code or ""), enhanced.group(0) if enhanced else "") if part
        )
        group = groups.setdefault((status, reply or "no reply code"), [0, None])
        group[0] += 1
        if group[1] is None and detail:
            example = " ".join(_redacted(detail, email).split())
            if len(example) > REPLY_EXAMPLE_CHARS:
                example = example[: REPLY_EXAMPLE_CHARS - 1] + "…"
            group[1] = example
    ranked = sorted(groups.items(), key=lambda item: -item[1][0])
    parts = [
        f"{status} {reply} ×{count:,}" + (f' (e.g. "{example}")' if example else "")
        for (status, reply), (count, example) in ranked[:REPLY_KINDS_LISTED]
    ]
    if len(ranked) > REPLY_KINDS_LISTED:
        rest = ranked[REPLY_KINDS_LISTED:]
        parts.append(
            f"and {sum(g[0] for _, g in rest):,} more in {len(rest):,} other kinds of reply"
        )
    failed = statuses.pop("failed", 0)
    owed = ", ".join(f"{n:,} {status}" for status, n in statuses.items())
    return (
        f"{failed:,} failed deliveries queued again"
        + (f" (sent with the still owed: {owed})" if owed else "")
        + "; the relay's last replies to them: "
        + "; ".join(parts)
    )
