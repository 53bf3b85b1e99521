"""Subscribers: their addresses, names, regions, status and token salts."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy import exc as sa_exc

from newsletter.errors import SubscriberError
from newsletter.models import REGION_ORDER, Region, Subscriber, SubscriberStatus
from newsletter.store.engine import Database, _now, utc_now
from newsletter.store.tables import subscribers

_NAME_MAX = 200


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


class _Row:
    """Attribute access over a dict, so that _subscriber() reads a merged row too."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


class Subscribers(Database):
    """The subscribers table: add, find, list, unsubscribe, change regions or salt."""

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

    def active_after(self, after: int = 0, *, limit: int | None = None) -> int:
        """Active readers with an id above `after` (at most `limit`: `limit=1` asks whether
        there is any, without counting a million rows before the first message)."""
        query = select(subscribers.c.id).where(
            subscribers.c.status == SubscriberStatus.ACTIVE.value, subscribers.c.id > after
        )
        if limit is not None:
            query = query.limit(limit)
        with self._read() as connection:
            return connection.execute(
                select(func.count()).select_from(query.subquery())
            ).scalar_one()

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
