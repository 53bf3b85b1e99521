"""Consent: double opt-in sign-ups and the consent record of each subscriber (issue 14).

Functions over a ``Store``'s engine helpers; the tables are ``signups`` and the consent
columns of ``subscribers`` (migration 0003).
"""

from __future__ import annotations

import datetime as dt
import enum
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from newsletter.models import Region, SubscriberStatus
from newsletter.signup import ADDRESS_LIMIT, ADDRESS_MIN_GAP, ADDRESS_WINDOW, CONFIRM_TTL
from newsletter.store.engine import utc_now
from newsletter.store.subscribers import clean_name, normalise_email, regions_set, regions_text
from newsletter.store.tables import signups, subscribers

if TYPE_CHECKING:
    from newsletter.store import Store

# Statuses a web form must not undo: they need an operator (`subscribers add`).
OPERATOR_ONLY = (SubscriberStatus.BOUNCED.value, SubscriberStatus.COMPLAINED.value)


@dataclass(frozen=True, slots=True)
class SignupRequest:
    signup_id: int
    nonce: str
    email: str
    mail: bool  # False: do not send (rate limit, or an address only an operator may restore)
    why: str  # for the log when mail is False


class Confirmation(enum.StrEnum):
    CONFIRMED = "confirmed"
    USED = "used"  # the link was used already
    EXPIRED = "expired"
    BLOCKED = "blocked"  # bounced or complained: an operator must restore the address
    UNKNOWN = "unknown"  # no such sign-up, or the nonce does not match


@dataclass(frozen=True, slots=True)
class Pending:
    state: Confirmation  # UNKNOWN, USED, EXPIRED, or CONFIRMED meaning "can be confirmed"
    email: str = ""


def request_signup(
    store: Store,
    email: str,
    name: str | None,
    regions: frozenset[Region],
    *,
    client: str,
    nonce: str,
    now: dt.datetime | None = None,
) -> SignupRequest:
    """Record a sign-up request and decide whether a confirmation mail may go out.

    Raises SubscriberError for an address or name that is not acceptable (the form says so:
    that reveals nothing about the list)."""
    now = now or utc_now()
    address, key = normalise_email(email)
    name = clean_name(name, email=address)
    with store._write() as connection:
        status = connection.execute(
            select(subscribers.c.status).where(subscribers.c.email_key == key)
        ).scalar_one_or_none()
        recent = connection.execute(
            select(func.count(), func.max(signups.c.created_at)).where(
                signups.c.email_key == key,
                signups.c.mailed.is_(True),
                signups.c.created_at > now - ADDRESS_WINDOW,
            )
        ).one()
        count, last = recent[0], recent[1]
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=dt.UTC)
        why = ""
        if status in OPERATOR_ONLY:
            why = f"the address is {status}; only an operator can restore it"
        elif count >= ADDRESS_LIMIT:
            why = f"{count} confirmation mails to this address in 24 h already"
        elif last is not None and now - last < ADDRESS_MIN_GAP:
            why = "a confirmation mail went to this address minutes ago"
        result = connection.execute(
            insert(signups).values(
                email=address,
                email_key=key,
                name=name,
                regions=regions_text(regions),
                nonce=nonce,
                client=client[:64],
                mailed=not why,
                created_at=now,
                expires_at=now + CONFIRM_TTL,
            )
        )
        signup_id = result.inserted_primary_key[0]  # type: ignore[index]
    return SignupRequest(signup_id, nonce, address, not why, why)


def forget_mail(store: Store, signup_id: int) -> None:
    """The confirmation mail could not be sent: it must not count toward the address limit."""
    with store._write() as connection:
        connection.execute(update(signups).where(signups.c.id == signup_id).values(mailed=False))


def _row(connection: Any, signup_id: int, nonce: str) -> Any:
    row = connection.execute(select(signups).where(signups.c.id == signup_id)).first()
    if row is None or not hmac.compare_digest(row.nonce.encode(), nonce.encode()):
        return None
    return row


def peek(store: Store, signup_id: int, nonce: str, now: dt.datetime | None = None) -> Pending:
    """What a GET of the confirmation link shows; changes nothing."""
    now = now or utc_now()
    with store._read() as connection:
        row = _row(connection, signup_id, nonce)
    if row is None:
        return Pending(Confirmation.UNKNOWN)
    if row.used_at is not None:
        return Pending(Confirmation.USED, row.email)
    if row.expires_at <= now:
        return Pending(Confirmation.EXPIRED, row.email)
    return Pending(Confirmation.CONFIRMED, row.email)


def confirm(
    store: Store, signup_id: int, nonce: str, *, client: str, now: dt.datetime | None = None
) -> Pending:
    """Make the reader active with the chosen regions: once, before the link expires."""
    from newsletter.tokens import new_salt

    now = now or utc_now()
    s = subscribers
    with store._write() as connection:
        row = _row(connection, signup_id, nonce)
        if row is None:
            return Pending(Confirmation.UNKNOWN)
        if row.used_at is not None:
            return Pending(Confirmation.USED, row.email)
        if row.expires_at <= now:
            return Pending(Confirmation.EXPIRED, row.email)
        existing = connection.execute(
            select(s.c.id, s.c.status, s.c.name).where(s.c.email_key == row.email_key)
        ).first()
        if existing is not None and existing.status in OPERATOR_ONLY:
            return Pending(Confirmation.BLOCKED, row.email)
        # Single use even when two POSTs race: only the one that flips used_at goes on.
        taken = connection.execute(
            update(signups)
            .where(signups.c.id == row.id, signups.c.used_at.is_(None))
            .values(used_at=now)
        ).rowcount
        if not taken:
            return Pending(Confirmation.USED, row.email)
        consent = {
            "consent_method": "form",
            "consent_at": row.created_at,
            "confirmed_at": now,
            "consent_ip": client[:64] or None,
        }
        if existing is None:
            connection.execute(
                insert(s).values(
                    email=row.email,
                    email_key=row.email_key,
                    name=row.name,
                    status=SubscriberStatus.ACTIVE.value,
                    regions=row.regions,
                    token_salt=new_salt(),
                    bounce_count=0,
                    created_at=now,
                    updated_at=now,
                    **consent,
                )
            )
        else:
            connection.execute(
                update(s)
                .where(s.c.id == existing.id)
                .values(
                    status=SubscriberStatus.ACTIVE.value,
                    regions=row.regions,
                    name=row.name if row.name else existing.name,
                    unsubscribed_at=None,
                    bounce_count=0,
                    updated_at=now,
                    **consent,
                )
            )
    return Pending(Confirmation.CONFIRMED, row.email)


@dataclass(frozen=True, slots=True)
class ConsentRow:
    id: int
    email: str
    name: str | None
    status: str
    regions: frozenset[Region]
    consent_method: str | None
    consent_at: dt.datetime | None
    confirmed_at: dt.datetime | None
    consent_ip: str | None
    created_at: dt.datetime
    unsubscribed_at: dt.datetime | None
    complained_at: dt.datetime | None
    bounce_count: int

    def consent_record(self) -> dict[str, Any]:
        def iso(value: dt.datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {
            "method": self.consent_method,
            "at": iso(self.consent_at),
            "confirmed_at": iso(self.confirmed_at),
        }


def iter_consent(
    store: Store, status: SubscriberStatus | None = None, batch: int = 1000
) -> Iterator[ConsentRow]:
    """Every subscriber with its consent record, by id, ``batch`` rows per query."""
    s = subscribers
    columns = (
        s.c.id,
        s.c.email,
        s.c.name,
        s.c.status,
        s.c.regions,
        s.c.consent_method,
        s.c.consent_at,
        s.c.confirmed_at,
        s.c.consent_ip,
        s.c.created_at,
        s.c.unsubscribed_at,
        s.c.complained_at,
        s.c.bounce_count,
    )
    last_id = 0
    while True:
        query = select(*columns).where(s.c.id > last_id)
        if status is not None:
            query = query.where(s.c.status == SubscriberStatus(status).value)
        with store._read() as connection:
            rows = connection.execute(query.order_by(s.c.id).limit(batch)).all()
        for row in rows:
            values = row._asdict()
            values["regions"] = regions_set(row.regions)
            yield ConsentRow(**values)
        if len(rows) < batch:
            return
        last_id = rows[-1].id
