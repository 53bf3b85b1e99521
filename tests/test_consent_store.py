"""The issue-14 store code on both databases (SQLite file, PostgreSQL when given): sign-ups
and confirmation, bounce and complaint events applied once, consent rows."""

from __future__ import annotations

import datetime as dt

from newsletter.models import Region, SubscriberStatus
from newsletter.store import Store
from newsletter.store.bounces import bounce_counts, record_event
from newsletter.store.consent import Confirmation, confirm, iter_consent, peek, request_signup

DAY = dt.date(2025, 2, 11)
NOW = dt.datetime(2025, 2, 11, 8, 0, tzinfo=dt.UTC)


def test_signup_confirm_once(db_store: Store) -> None:
    first = request_signup(
        db_store, "Kim@Example.com", "김", frozenset({Region.US}), client="10.0.0.1",
        nonce="n" * 16, now=NOW,
    )  # fmt: skip
    assert first.mail and first.email == "Kim@example.com"
    soon = request_signup(
        db_store, "kim@example.com", None, frozenset({Region.US}), client="10.0.0.1",
        nonce="m" * 16, now=NOW + dt.timedelta(minutes=1),
    )  # fmt: skip
    assert not soon.mail  # within five minutes of the last mail
    assert peek(db_store, first.signup_id, "x" * 16).state is Confirmation.UNKNOWN
    assert peek(db_store, first.signup_id, "n" * 16, NOW).state is Confirmation.CONFIRMED
    late = NOW + dt.timedelta(hours=49)
    assert confirm(db_store, first.signup_id, "n" * 16, client="", now=late).state is (
        Confirmation.EXPIRED
    )
    done = confirm(db_store, first.signup_id, "n" * 16, client="10.0.0.2", now=NOW)
    assert done.state is Confirmation.CONFIRMED
    again = confirm(db_store, first.signup_id, "n" * 16, client="10.0.0.2", now=NOW)
    assert again.state is Confirmation.USED
    [row] = list(iter_consent(db_store))
    assert row.status == "active" and row.regions == {Region.US} and row.name == "김"
    assert row.consent_method == "form" and row.consent_ip == "10.0.0.2"
    assert row.consent_at == NOW and row.confirmed_at == NOW


def test_events_apply_once(db_store: Store) -> None:
    kim, _ = db_store.add_subscriber("kim@example.com")
    lee, _ = db_store.add_subscriber("lee@example.com")
    db_store.enqueue(DAY)

    def hard(key: str, day: dt.date = DAY) -> bool:
        return record_event(
            db_store, event_key=key, source="dsn", kind="hard", subscriber_id=kim.id, day=day,
            status_code="5.1.1", detail="user unknown", bounce_limit=2,
        )  # fmt: skip

    assert hard("a") and not hard("a")
    assert db_store.get_subscriber(kim.id).status is SubscriberStatus.ACTIVE
    assert hard("b")  # another report of the same morning's message: still one bounce
    assert db_store.get_subscriber(kim.id).status is SubscriberStatus.ACTIVE
    assert hard("d", DAY + dt.timedelta(days=1))  # the next morning bounces too
    assert db_store.get_subscriber(kim.id).status is SubscriberStatus.BOUNCED
    assert record_event(
        db_store, event_key="c", source="arf", kind="complaint", subscriber_id=lee.id, day=None,
        status_code="abuse", detail="", bounce_limit=2,
    )  # fmt: skip
    assert db_store.get_subscriber(lee.id).status is SubscriberStatus.COMPLAINED
    assert bounce_counts(db_store, DAY) == {"bounces": 2, "soft_bounces": 0, "complaints": 0}
    by_id = {row.id: row for row in iter_consent(db_store)}
    assert by_id[lee.id].complained_at is not None and by_id[lee.id].unsubscribed_at is not None
    assert by_id[kim.id].consent_method == "operator"
