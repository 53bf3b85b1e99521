"""What a run reports agrees with the ledger, and a refusal is charged to whom it is about."""

from __future__ import annotations

import datetime as dt

import pytest

from newsletter.errors import SystemicRefusalError
from newsletter.job import run_issue
from newsletter.models import DeliveryStatus, Outcome
from newsletter.store import Store
from tests.smtp_server import Fault, FaultPlan, SmtpServer
from tests.test_review_delivery import add_readers, smtp_settings

DAY = dt.date(2025, 2, 11)


@pytest.fixture
def store(make_settings) -> Store:  # type: ignore[no-untyped-def]
    opened = Store.open(make_settings().db_url)
    yield opened
    opened.close()


def test_readers_who_left_mid_run_are_counted_skipped_by_the_run(
    make_settings, store: Store
) -> None:
    """The summary and `status` agree: readers who unsubscribed after the audience was fixed
    are `skipped` in both (the run used to say skipped=0)."""
    addresses = add_readers(store, 10)
    store.enqueue(DAY)
    for address in addresses[:4]:
        subscriber = store.find_subscriber(address)
        assert subscriber is not None
        store.unsubscribe(subscriber.id)
    with SmtpServer() as server:
        report = run_issue(DAY, smtp_settings(make_settings, server), store=store)
    assert report.sent == 6 and len(server.messages) == 6
    assert report.skipped == 4 == store.counts(DAY)["skipped"]


def test_unknown_users_in_a_row_are_each_their_own_bounce(make_settings, store: Store) -> None:
    """550 5.1.1 is about the mailbox: six in a row is six bad addresses, not a sick relay."""
    add_readers(store, 10)
    plan = FaultPlan()
    for i in range(6):
        plan.on_recipient(f"reader{i}@example.com", Fault.reject(550, "RCPT"))
    with SmtpServer(faults=plan) as server:
        settings = smtp_settings(make_settings, server, concurrency=1, systemic_refusals=3)
        report = run_issue(DAY, settings, store=store)
    assert report.failed == 6 and report.sent == 4
    with store.engine.connect() as connection:
        from sqlalchemy import text

        counts = dict(connection.execute(text("SELECT email, bounce_count FROM subscribers")).all())
    assert {a for a, n in counts.items() if n} == {f"reader{i}@example.com" for i in range(6)}


def test_a_message_the_relay_will_not_take_stops_the_run_and_bounces_nobody(
    make_settings, store: Store
) -> None:
    add_readers(store, 20)
    plan = FaultPlan().on_every_message(Fault.reject(552, "DOT"))
    with SmtpServer(faults=plan) as server:
        settings = smtp_settings(make_settings, server, concurrency=1)
        with pytest.raises(SystemicRefusalError, match="refuses the message itself: 552"):
            run_issue(DAY, settings, store=store)
    counts = store.counts(DAY)
    assert counts["failed"] == 0 and counts["sent"] == 0
    assert counts["deferred"] >= 1 and counts["sending"] == 0
    with store.engine.connect() as connection:
        from sqlalchemy import text

        assert connection.execute(text("SELECT max(bounce_count) FROM subscribers")).scalar() == 0


@pytest.mark.parametrize("concurrency", [1, 4])
def test_the_same_refusal_reader_after_reader_stops_the_run(
    make_settings, store: Store, concurrency: int
) -> None:
    """No enhanced code names the message, but every reader gets the same permanent refusal:
    after SYSTEMIC_REFUSALS in a row the run stops, and none of those readers is bounced
    (including the ones held back before the streak was long enough)."""
    add_readers(store, 60)
    refusal = Fault("DOT", reply="554 5.6.0 Content rejected", times=None)
    plan = FaultPlan().on_every_message(refusal)
    with SmtpServer(faults=plan) as server:
        settings = smtp_settings(make_settings, server, concurrency=concurrency)
        with pytest.raises(SystemicRefusalError, match="5 readers in a row"):
            run_issue(DAY, settings, store=store)
        refused = len(server.messages) if server.messages else 0
    counts = store.counts(DAY)
    assert counts["failed"] == 0 and counts["sending"] == 0 and counts["deferred"] >= 5
    assert refused == 0  # the relay kept none
    with store.engine.connect() as connection:
        from sqlalchemy import text

        assert connection.execute(text("SELECT max(bounce_count) FROM subscribers")).scalar() == 0


@pytest.mark.parametrize(
    ("reply", "wanted", "not_wanted"),
    [
        # Relaying denied: the relay will not carry mail for us to outside domains; a login
        # or its permission for this host is the fix, not the message.
        ("550 5.7.1 <x@example.com>: Relay access denied", "NEWSLETTER_SMTP__USERNAME", "size"),
        ("554 5.7.1 Relaying denied", "allow this machine", "content, reputation"),
        ("530 5.7.0 Authentication required", "NEWSLETTER_SMTP__PASSWORD", "size"),
        # Found by review: a 530 asking for STARTTLS is not a login.
        ("530 5.7.0 Must issue a STARTTLS command first", "NEWSLETTER_SMTP__SECURITY", "USERNAME"),
        ("550 5.7.1 Message rejected by policy", "policy", "NEWSLETTER_SMTP__USERNAME"),
        ("550 5.7.26 Unauthenticated email from example.com is not accepted", "DMARC", "size"),
    ],
)
def test_a_systemic_refusal_hints_at_what_its_code_and_text_mean(
    make_settings, store: Store, reply: str, wanted: str, not_wanted: str
) -> None:
    add_readers(store, 8)
    plan = FaultPlan().on_every_message(Fault("RCPT", reply=reply, times=None))
    with SmtpServer(faults=plan) as server:
        settings = smtp_settings(make_settings, server, concurrency=1)
        with pytest.raises(SystemicRefusalError) as raised:
            run_issue(DAY, settings, store=store)
    assert wanted in (raised.value.hint or ""), raised.value.hint
    assert not_wanted not in (raised.value.hint or ""), raised.value.hint
    assert store.counts(DAY)["failed"] == 0  # nobody bounced for it


def test_a_full_mailbox_is_not_read_as_a_message_too_large() -> None:
    # Found by review: the bare word "size" in "quota size" made 5.2.2 read as 5.3.4. A full
    # mailbox is the reader's (never a systemic streak), but the hint must not mislead either.
    from newsletter.delivery.refusals import refusal_hint

    full = Outcome(DeliveryStatus.FAILED, 552, "5.2.2 Mailbox full, quota size exceeded")
    assert "too large" not in refusal_hint(full) and "full" in refusal_hint(full)
    big = Outcome(DeliveryStatus.FAILED, 552, "5.3.4 Message size exceeds fixed limit")
    assert "too large" in refusal_hint(big)
