"""Bounce and complaint events (issue 14): one transaction per event, applied once.

The event row's unique key makes a re-read mailbox or a replayed webhook change nothing.
A hard bounce counts toward NEWSLETTER_BOUNCE_LIMIT (then the reader is ``bounced``); a
complaint unsubscribes at once and marks the reader ``complained``; both are written on the
ledger row of the delivery they answer. Soft bounces and other feedback are recorded only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, func, select, update
from sqlalchemy import exc as sa_exc

from newsletter.models import SubscriberStatus
from newsletter.store.engine import utc_now
from newsletter.store.tables import bounce_events, deliveries, subscribers

if TYPE_CHECKING:
    from newsletter.store import Store

_DETAIL_MAX = 500


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
    detail: str,
    bounce_limit: int,
    now: dt.datetime | None = None,
) -> bool:
    """True if applied now, False if this event was applied before."""
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
                return False
            if day is None and sent_at is not None:
                # A report that names the reader (by the quoted unsubscribe token) but not the
                # issue: the latest one sent to them before the quoted Date. Without a Date
                # no issue is guessed (the newest is often the wrong one): the reader only.
                latest = select(func.max(d.c.day)).where(
                    d.c.subscriber_id == subscriber_id,
                    d.c.status == "sent",
                    d.c.sent_at <= sent_at + dt.timedelta(minutes=10),
                )
                day = connection.execute(latest).scalar_one_or_none()
            # Two reports of one delivery (a relay and a forwarder, say) are one bounce: the
            # limit counts issues that bounced, so a single morning cannot mark a reader bounced.
            counted_before = (
                kind == "hard"
                and day is not None
                and connection.execute(
                    select(bounce_events.c.id).where(
                        bounce_events.c.subscriber_id == subscriber_id,
                        bounce_events.c.day == day,
                        bounce_events.c.kind == "hard",
                    )
                ).first()
                is not None
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
            if kind == "hard" and not counted_before:
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
        return False  # the same event, applied by a concurrent process a moment ago
    return True


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
