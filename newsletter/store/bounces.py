"""Bounce and complaint events (issue 14): one transaction per event, applied once.

The event row's unique key makes a re-read mailbox or a replayed webhook change nothing.
A hard bounce counts toward NEWSLETTER_BOUNCE_LIMIT (then the reader is ``bounced``), once per
issue; a complaint unsubscribes at once and marks the reader ``complained``; both are written
on the ledger row of the delivery they answer. An unsubscribe request by mail (the
List-Unsubscribe mailto:, its token verified) unsubscribes an active reader as the web page does,
their consent record kept; it answers no issue. Soft bounces and other feedback are recorded
only. A report that names the reader but no issue answers the latest issue delivered to that
reader at or before the quoted Date (else the report's own time); a reader never sent to gets
the event recorded against them alone, not counted toward the limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, func, select, update
from sqlalchemy import exc as sa_exc

from newsletter.models import SubscriberStatus
from newsletter.store.engine import utc_now
from newsletter.store.tables import bounce_events, deliveries, subscribers

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from newsletter.store import Store

_DETAIL_MAX = 500
_CLOCK_SLACK = dt.timedelta(minutes=10)  # a quoted Date written a little before the ledger's


@dataclass(frozen=True, slots=True)
class Recorded:
    """What record_event did: truthy when the event was applied now (False: a replay)."""

    applied: bool
    day: dt.date | None = None  # the issue it was recorded on
    found: str = ""  # how that issue was found, when the report itself named none

    def __bool__(self) -> bool:
        return self.applied


def record_event(
    store: Store,
    *,
    event_key: str,
    source: str,
    kind: str,
    subscriber_id: int,
    day: dt.date | None,
    status_code: str | None,
    sent_at: dt.datetime | None = None,
    reported_at: dt.datetime | None = None,
    detail: str,
    bounce_limit: int,
    now: dt.datetime | None = None,
) -> Recorded:
    """Applied now (truthy), or not: this event was applied before. `sent_at` is the quoted
    message's Date, `reported_at` the report's own time (default: now); either finds the
    issue when `day` is None."""
    now = now or utc_now()
    s, d = subscribers, deliveries
    try:
        with store._write() as connection:
            email = connection.execute(
                select(s.c.email).where(s.c.id == subscriber_id)
            ).scalar_one_or_none()
            exists = connection.execute(
                select(bounce_events.c.id).where(bounce_events.c.event_key == event_key[:200])
            ).first()
            if exists is not None:
                return Recorded(False)
            found = ""
            if day is None and kind != "unsubscribe":
                day, found = _likely_issue(connection, subscriber_id, sent_at, reported_at or now)
            # Two reports of one delivery (a relay and a forwarder, say) are one bounce: the
            # limit counts issues that bounced, so a single morning cannot mark a reader bounced.
            # A report on no known issue (the reader was never sent one) is not counted at all.
            counts = (
                kind == "hard"
                and day is not None
                and connection.execute(
                    select(bounce_events.c.id).where(
                        bounce_events.c.subscriber_id == subscriber_id,
                        bounce_events.c.day == day,
                        bounce_events.c.kind == "hard",
                    )
                ).first()
                is None
            )
            connection.execute(
                bounce_events.insert().values(
                    event_key=event_key[:200],
                    source=source,
                    kind=kind,
                    day=day,
                    subscriber_id=subscriber_id,
                    email=email,
                    status_code=(status_code or None) and status_code[:16],
                    detail=(detail or "").replace("\x00", "")[:_DETAIL_MAX],
                    created_at=now,
                )
            )
            if counts:
                bounced = and_(
                    s.c.status == SubscriberStatus.ACTIVE.value,
                    s.c.bounce_count + 1 >= bounce_limit,
                )
                connection.execute(
                    update(s)
                    .where(s.c.id == subscriber_id)
                    .values(
                        bounce_count=s.c.bounce_count + 1,
                        status=case((bounced, SubscriberStatus.BOUNCED.value), else_=s.c.status),
                        updated_at=now,
                    )
                )
            elif kind == "unsubscribe":
                # As Store.unsubscribe (the web page): only an active reader becomes
                # 'unsubscribed'; a bounced or complained one keeps that mark.
                connection.execute(
                    update(s)
                    .where(s.c.id == subscriber_id, s.c.status == SubscriberStatus.ACTIVE.value)
                    .values(
                        status=SubscriberStatus.UNSUBSCRIBED.value,
                        unsubscribed_at=now,
                        updated_at=now,
                    )
                )
            elif kind == "complaint":
                connection.execute(
                    update(s)
                    .where(s.c.id == subscriber_id)
                    .values(
                        status=SubscriberStatus.COMPLAINED.value,
                        unsubscribed_at=func.coalesce(s.c.unsubscribed_at, now),
                        complained_at=now,
                        updated_at=now,
                    )
                )
            if kind in ("hard", "complaint") and day is not None:
                note = "complaint" if kind == "complaint" else f"bounce {status_code or ''}"
                note = f"{note}: {detail}" if detail else note
                connection.execute(
                    update(d)
                    .where(d.c.day == day, d.c.subscriber_id == subscriber_id)
                    .values(bounce=note.strip()[:200], bounced_at=now)
                )
    except sa_exc.IntegrityError:
        return Recorded(False)  # the same event, applied by a concurrent process a moment ago
    return Recorded(True, day, found)


def _likely_issue(
    connection: Connection,
    subscriber_id: int,
    sent_at: dt.datetime | None,
    reported_at: dt.datetime,
) -> tuple[dt.date | None, str]:
    """The issue a report that names only the reader most likely answers: the latest one
    actually delivered to them (their ledger rows) at or before the quoted Date, else the
    report's time; never a guess from issues the reader was not sent."""
    d = deliveries
    if sent_at is not None:
        anchor, by = sent_at + _CLOCK_SLACK, "the quoted Date"
    else:
        anchor, by = reported_at + _CLOCK_SLACK, "the report's time"
    day = connection.execute(
        select(func.max(d.c.day)).where(
            d.c.subscriber_id == subscriber_id,
            d.c.status == "sent",
            d.c.sent_at <= anchor,
        )
    ).scalar_one_or_none()
    if day is not None:
        return (
            day,
            "the report names no issue: the latest issue delivered to the reader at or"
            f" before {by}",
        )
    return None, (
        "the report names no issue and the reader has no delivery before it: recorded against"
        " the reader only, not counted toward NEWSLETTER_BOUNCE_LIMIT"
    )


def bounce_counts(store: Store, day: dt.date) -> dict[str, int]:
    """Per issue: hard bounces, soft bounces and complaints received for it."""
    counts = {"bounces": 0, "soft_bounces": 0, "complaints": 0}
    names = {"hard": "bounces", "soft": "soft_bounces", "complaint": "complaints"}
    with store._read() as connection:
        rows = connection.execute(
            select(bounce_events.c.kind, func.count())
            .where(bounce_events.c.day == day)
            .group_by(bounce_events.c.kind)
        ).all()
    for kind, count in rows:
        if kind in names:
            counts[names[kind]] = count
    return counts
