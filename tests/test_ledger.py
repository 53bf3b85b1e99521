"""The delivery ledger: enqueue, claim, record, recovery after a crash, retries, bounces and
concurrent claimers. Runs on SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text

from newsletter.models import DeliveryStatus, Outcome, Region, SubscriberStatus
from newsletter.store import Store
from newsletter.store.tables import deliveries

DAY = dt.date(2025, 3, 1)
T0 = dt.datetime(2025, 3, 1, 7, 0, tzinfo=dt.UTC)
SENT = Outcome(DeliveryStatus.SENT, 250, "2.0.0 Ok: queued as ABC")
DEFER = Outcome(DeliveryStatus.DEFERRED, 451, "4.7.1 Greylisted, try again later")
FAIL = Outcome(DeliveryStatus.FAILED, 550, "5.1.1 No such user")
LOST = Outcome(DeliveryStatus.UNKNOWN, None, "connection lost after the final dot")


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


def add_readers(store: Store, count: int, prefix: str = "reader") -> list[int]:
    return [store.add_subscriber(f"{prefix}{n:04d}@example.com")[0].id for n in range(count)]


def claim(store: Store, limit: int = 100, now: dt.datetime = T0, **overrides) -> list:
    options = {"worker": "w1", "lease_seconds": 60, "max_tries": 3} | overrides
    return store.claim(DAY, limit=limit, now=now, **options)


def record(store: Store, results, now: dt.datetime = T0, **overrides) -> None:
    options = {"backoff": 10, "bounce_limit": 3} | overrides
    store.record(results, now=now, **options)


def row(store: Store, delivery_id: int):
    with store.engine.connect() as connection:
        return connection.execute(select(deliveries).where(deliveries.c.id == delivery_id)).one()


def test_enqueue_is_one_row_per_active_reader_and_idempotent(store: Store) -> None:
    ids = add_readers(store, 5)
    store.unsubscribe(ids[4])
    assert store.enqueue(DAY, now=T0) == 4
    assert store.enqueue(DAY, now=T0) == 0
    late = store.add_subscriber("late@example.com")[0]
    assert store.enqueue(DAY, now=at(5)) == 1  # a reader who joined mid-run is picked up
    assert store.counts(DAY) == {
        "pending": 5,
        "sending": 0,
        "sent": 0,
        "deferred": 0,
        "failed": 0,
        "unknown": 0,
        "skipped": 0,
    }
    assert store.enqueue(DAY + dt.timedelta(days=1)) == 5  # another day, another ledger
    assert store.days() == [DAY + dt.timedelta(days=1), DAY]
    with store.engine.connect() as connection:
        emails = connection.execute(
            select(deliveries.c.email).where(deliveries.c.subscriber_id == late.id)
        ).scalars()
        assert list(emails) == ["late@example.com", "late@example.com"]


def test_claim_hands_out_rows_in_order_with_a_lease(store: Store) -> None:
    ids = add_readers(store, 5)
    store.set_regions(ids[0], frozenset({Region.US, Region.CHINA}))
    store.add_subscriber("reader0001@example.com", "Named")
    store.enqueue(DAY, now=T0)

    first = claim(store, limit=3, now=T0, lease_seconds=30)
    assert [c.subscriber_id for c in first] == ids[:3]
    assert first[0].regions == {Region.US, Region.CHINA}
    assert first[1].name == "Named"
    assert first[0].email == "reader0000@example.com"
    assert first[0].token_salt == store.token_salt(ids[0])
    assert all(c.attempts == 1 for c in first)
    stored = row(store, first[0].delivery_id)
    assert (stored.status, stored.worker, stored.tries, stored.attempts) == ("sending", "w1", 1, 1)
    assert stored.lease_until == at(30)

    rest = claim(store, limit=10, worker="w2")
    assert [c.subscriber_id for c in rest] == ids[3:]
    assert claim(store) == []
    assert store.counts(DAY)["sending"] == 5


def test_record_outcomes_in_one_batch(store: Store) -> None:
    add_readers(store, 4)
    store.enqueue(DAY, now=T0)
    a, b, c, d = claim(store)
    record(
        store,
        [
            (a.delivery_id, SENT),
            (b.delivery_id, DEFER),
            (c.delivery_id, FAIL),
            (d.delivery_id, LOST),
        ],
        now=at(2),
    )
    assert store.counts(DAY) | {} == {
        "pending": 0,
        "sending": 0,
        "sent": 1,
        "deferred": 1,
        "failed": 1,
        "unknown": 1,
        "skipped": 0,
    }
    sent = row(store, a.delivery_id)
    assert (sent.code, sent.detail, sent.sent_at, sent.lease_until) == (
        250,
        SENT.detail,
        at(2),
        None,
    )
    assert row(store, b.delivery_id).next_attempt_at == at(2 + 10)
    failures = store.failures(DAY)
    assert [(f.email, f.status, f.code) for f in failures] == [
        (b.email, "deferred", 451),
        (c.email, "failed", 550),
        (d.email, "unknown", None),
    ]
    assert failures[0].updated_at == at(2) and failures[0].attempts == 1
    assert store.failures(DAY, limit=1)[0].email == b.email


def test_detail_is_truncated(store: Store) -> None:
    add_readers(store, 1)
    store.enqueue(DAY)
    (one,) = claim(store)
    record(store, [(one.delivery_id, Outcome(DeliveryStatus.FAILED, 550, "x" * 2000 + "\x00"))])
    assert row(store, one.delivery_id).detail == "x" * 500


def test_deferred_rows_back_off_and_stop_at_max_tries(store: Store) -> None:
    add_readers(store, 1)
    store.enqueue(DAY, now=T0)
    (first,) = claim(store, max_tries=2)
    record(store, [(first.delivery_id, DEFER)], now=at(1))
    assert store.next_retry_at(DAY, max_tries=2) == at(1 + 10)
    assert claim(store, now=at(5), max_tries=2) == []  # not due yet

    (second,) = claim(store, now=at(11), max_tries=2)
    assert second.delivery_id == first.delivery_id and second.attempts == 2
    record(store, [(second.delivery_id, DEFER)], now=at(12))
    stored = row(store, second.delivery_id)
    assert (stored.tries, stored.next_attempt_at) == (2, at(12 + 20))  # backoff doubled
    # This run has used its tries: nothing to claim, nothing to wait for.
    assert claim(store, now=at(1000), max_tries=2) == []
    assert store.next_retry_at(DAY, max_tries=2) is None
    # A mid-run takeover check leaves the tries alone.
    assert store.start_run(DAY, resend_unknown=True, now=at(1500), reset_deferred=False) == {
        "recovered": 0,
        "requeued": 0,
        "deferred": 0,
    }
    assert claim(store, now=at(1500), max_tries=2) == []

    # The next run gets its own tries; the total keeps counting.
    assert store.start_run(DAY, resend_unknown=False, now=at(2000)) == {
        "recovered": 0,
        "requeued": 0,
        "deferred": 1,
    }
    (third,) = claim(store, now=at(2000), max_tries=2)
    assert third.attempts == 3
    assert row(store, third.delivery_id).tries == 1


def test_pending_rows_go_before_due_retries(store: Store) -> None:
    add_readers(store, 3)
    store.enqueue(DAY, now=T0)
    (first,) = claim(store, limit=1)
    record(store, [(first.delivery_id, DEFER)], backoff=0)
    batch = claim(store, limit=3, now=at(1))
    assert [c.delivery_id for c in batch] == [
        first.delivery_id + 1,
        first.delivery_id + 2,
        first.delivery_id,
    ]


def test_failures_count_toward_bounced_and_a_success_resets(store: Store) -> None:
    reader, keeper = add_readers(store, 2)
    days = [DAY + dt.timedelta(days=n) for n in range(4)]

    def send_day(day: dt.date, outcome_for: dict[int, Outcome]) -> None:
        store.enqueue(day)
        claims = store.claim(day, worker="w", limit=10, lease_seconds=60, max_tries=3)
        results = [(c.delivery_id, outcome_for[c.subscriber_id]) for c in claims]
        store.record(results, backoff=10, bounce_limit=2)

    send_day(days[0], {reader: FAIL, keeper: FAIL})
    send_day(days[1], {reader: FAIL, keeper: SENT})  # reader hits the limit; keeper resets
    assert store.get_subscriber(reader).status is SubscriberStatus.BOUNCED
    assert store.get_subscriber(keeper).status is SubscriberStatus.ACTIVE
    send_day(days[2], {keeper: FAIL})
    assert store.get_subscriber(keeper).status is SubscriberStatus.ACTIVE
    assert store.enqueue(days[3]) == 1  # the bounced reader is no longer enqueued
    counts = {"active": 1, "unsubscribed": 0, "bounced": 1, "complained": 0}
    assert store.count_subscribers() == counts


def test_readers_who_left_before_sending_are_skipped(store: Store) -> None:
    stay, left, removed, bounced = add_readers(store, 4)
    store.enqueue(DAY, now=T0)
    store.unsubscribe(left)
    store.remove_subscriber("reader0002@example.com")
    store.add_subscriber("reader0003@example.com")  # active again
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE subscribers SET status = 'bounced' WHERE id = :id"), {"id": bounced}
        )

    claims = claim(store, limit=1)  # the skipped rows do not eat the batch
    assert [c.subscriber_id for c in claims] == [stay]
    assert claim(store) == []
    counts = store.counts(DAY)
    assert (counts["skipped"], counts["sending"]) == (3, 1)
    with store.engine.connect() as connection:
        details = connection.execute(
            select(deliveries.c.detail).where(deliveries.c.status == "skipped")
        ).scalars()
        assert set(details) == {"unsubscribed before sending"}
    assert removed not in {c.subscriber_id for c in claims}


def test_start_run_recovers_expired_sending_rows_and_requeues_unknown_once(store: Store) -> None:
    add_readers(store, 3)
    store.enqueue(DAY, now=T0)
    crashed = claim(store, limit=2, lease_seconds=30)  # the process dies holding these
    (alive,) = claim(store, limit=1, now=at(20), lease_seconds=60, worker="w2")

    # Before the lease runs out nothing is touched.
    assert store.start_run(DAY, resend_unknown=True, now=at(10))["recovered"] == 0
    outcome = store.start_run(DAY, resend_unknown=False, now=at(31))
    assert outcome == {"recovered": 2, "requeued": 0, "deferred": 0}
    assert row(store, crashed[0].delivery_id).detail == "found in flight after a crash"
    assert row(store, alive.delivery_id).status == "sending"  # its lease still runs

    # A late outcome from the crashed worker does not overwrite what recovery decided.
    record(store, [(crashed[0].delivery_id, SENT)], now=at(32))
    assert row(store, crashed[0].delivery_id).status == "unknown"

    assert store.start_run(DAY, resend_unknown=True, now=at(40)) == {
        "recovered": 0,
        "requeued": 2,
        "deferred": 0,
    }
    again = claim(store, now=at(41))
    assert sorted(c.delivery_id for c in again) == sorted(c.delivery_id for c in crashed)
    assert all(c.attempts == 2 for c in again)
    record(store, [(c.delivery_id, LOST) for c in again], now=at(42))
    # Requeued once already: a later run leaves them unknown for the operator. (Only the
    # row whose lease has now run out too is recovered and requeued, for the first time.)
    assert store.start_run(DAY, resend_unknown=True, now=at(100)) == {
        "recovered": 1,
        "requeued": 1,
        "deferred": 0,
    }
    assert store.counts(DAY)["unknown"] == 2
    assert row(store, alive.delivery_id).status == "pending"


def test_requeue_unknown_now_extend_lease_and_reset_failed(store: Store) -> None:
    add_readers(store, 3)
    store.enqueue(DAY, now=T0)
    a, b, c = claim(store, lease_seconds=10)
    store.extend_lease([b.delivery_id], 100, now=at(5))
    assert row(store, b.delivery_id).lease_until == at(105)
    record(store, [(a.delivery_id, LOST), (c.delivery_id, FAIL)], now=at(6))
    store.requeue_unknown_now([a.delivery_id, c.delivery_id])  # c is failed, not unknown
    requeued = row(store, a.delivery_id)
    assert (requeued.status, requeued.requeued) == ("pending", 1)
    assert row(store, c.delivery_id).status == "failed"

    assert store.start_run(DAY, resend_unknown=False, now=at(50))["recovered"] == 0  # b extended
    assert store.reset_failed(DAY) == 1
    reset = row(store, c.delivery_id)
    assert (reset.status, reset.tries) == ("pending", 0)
    assert sorted(x.delivery_id for x in claim(store, now=at(60))) == [a.delivery_id, c.delivery_id]


@pytest.mark.parametrize("worker", [None, "w1"])
def test_record_interleaved_outcomes_keep_each_rows_fields_and_the_first_of_a_repeat(
    store: Store, worker: str | None
) -> None:
    # SQLite records runs of sent rows by a statement of their own (perf-db2): a batch that
    # alternates sent and other outcomes, and names one row twice, reads as before.
    add_readers(store, 5)
    store.enqueue(DAY, now=T0)
    a, b, c, d, e = claim(store)
    record(
        store,
        [
            (a.delivery_id, SENT),
            (b.delivery_id, DEFER),
            (c.delivery_id, SENT),
            (d.delivery_id, FAIL),
            (d.delivery_id, SENT),  # a repeat: the first outcome stands
            (e.delivery_id, SENT),
            (b.delivery_id, SENT),
        ],
        now=at(2),
        worker=worker,
    )
    assert store.counts(DAY) | {} == {
        "pending": 0,
        "sending": 0,
        "sent": 3,
        "deferred": 1,
        "failed": 1,
        "unknown": 0,
        "skipped": 0,
    }
    for sent in (a, c, e):
        got = row(store, sent.delivery_id)
        assert (got.status, got.code, got.detail, got.sent_at, got.updated_at) == (
            "sent",
            250,
            SENT.detail,
            at(2),
            at(2),
        )
        assert (got.next_attempt_at, got.lease_until) == (None, None)
    deferred = row(store, b.delivery_id)
    assert (deferred.status, deferred.sent_at, deferred.next_attempt_at) == (
        "deferred",
        None,
        at(2 + 10),
    )
    failed = row(store, d.delivery_id)
    assert (failed.status, failed.code, failed.sent_at) == ("failed", 550, None)


def test_record_with_worker_leaves_a_row_someone_else_took_over(store: Store) -> None:
    add_readers(store, 1)
    store.enqueue(DAY, now=T0)
    (mine,) = claim(store, worker="old", lease_seconds=5)
    store.start_run(DAY, resend_unknown=True, now=at(10))  # expired: unknown, then pending
    (theirs,) = claim(store, worker="new", now=at(11))
    assert theirs.delivery_id == mine.delivery_id
    record(store, [(mine.delivery_id, FAIL)], now=at(12), worker="old")
    assert row(store, mine.delivery_id).status == "sending"
    record(store, [(theirs.delivery_id, SENT)], now=at(13), worker="new")
    assert row(store, mine.delivery_id).status == "sent"
    assert store.get_subscriber(theirs.subscriber_id).status is SubscriberStatus.ACTIVE


def test_delete_issue_forgets_the_ledger_of_that_day_only(store: Store) -> None:
    add_readers(store, 2)
    store.enqueue(DAY)
    store.enqueue(DAY + dt.timedelta(days=1))
    store.delete_issue(DAY)
    assert sum(store.counts(DAY).values()) == 0
    assert store.counts(DAY + dt.timedelta(days=1))["pending"] == 2
    assert store.enqueue(DAY) == 2


def test_record_refuses_non_final_states(store: Store) -> None:
    with pytest.raises(ValueError, match="sending"):
        record(store, [(1, Outcome(DeliveryStatus.SENDING))])


def test_a_row_given_back_untried_is_pending_and_not_charged(store: Store) -> None:
    """PENDING as an outcome: the message never reached the relay (a stop, the brake), so
    the row is queued again and the claim does not count as an attempt."""
    add_readers(store, 2)
    store.enqueue(DAY, now=at(0))
    claims = store.claim(DAY, worker="w", limit=2, lease_seconds=60, max_tries=3, now=at(1))
    record(
        store,
        [(claims[0].delivery_id, Outcome(DeliveryStatus.PENDING, None, "untried"))],
        worker="w",
    )
    assert store.counts(DAY)["pending"] == 1 and store.counts(DAY)["sending"] == 1
    again = store.claim(DAY, worker="w", limit=2, lease_seconds=60, max_tries=3, now=at(2))
    assert [c.delivery_id for c in again] == [claims[0].delivery_id]
    assert again[0].attempts == 1  # the first claim was given back, not charged


def test_has_pending_says_what_counts_says_of_pending_rows(store: Store) -> None:
    """The end of a run asks only whether anything is left to claim (has_pending), not for
    every count: the same answer as counts()["pending"], of that day only."""
    assert not store.has_pending(DAY)
    add_readers(store, 3)
    store.enqueue(DAY, now=at(0))
    store.enqueue(DAY + dt.timedelta(days=1), now=at(0))  # another day's rows stay out of it
    assert store.has_pending(DAY)
    claims = claim(store, limit=3, now=at(1))
    assert not store.has_pending(DAY) and store.counts(DAY)["pending"] == 0
    record(store, [(claims[0].delivery_id, Outcome(DeliveryStatus.PENDING, None, "untried"))])
    assert store.has_pending(DAY) and store.counts(DAY)["pending"] == 1
    record(store, [(claims[1].delivery_id, SENT), (claims[2].delivery_id, DEFER)])
    claim(store, limit=3, now=at(2))  # the row given back; the deferred one is not due yet
    assert store.counts(DAY)["deferred"] == 1
    assert not store.has_pending(DAY)  # a deferred row waits for its retry: not pending
    assert store.has_pending(DAY + dt.timedelta(days=1))


def test_concurrent_claimers_never_share_a_row(db_url: str) -> None:
    """Four workers, each with its own Store (its own connections, as separate processes
    would have), drain one issue; every row is claimed exactly once."""
    setup = Store.open(db_url)
    total = 600
    with setup.engine.begin() as connection:
        # Bulk rows straight into the table: this test is about claiming, not adding.
        for start in range(0, total, 200):
            connection.execute(
                text(
                    "INSERT INTO subscribers (email, email_key, status, regions, token_salt,"
                    " bounce_count, created_at, updated_at) VALUES (:e, :e, 'active', '', 's',"
                    " 0, :t, :t)"
                ),
                [
                    {"e": f"c{n}@example.com", "t": "2025-03-01 00:00:00"}
                    for n in range(start, start + 200)
                ],
            )
    assert setup.enqueue(DAY) == total
    claimed: list[list[int]] = [[] for _ in range(4)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def work(number: int) -> None:
        store = Store.open(db_url)
        try:
            barrier.wait()
            while True:
                batch = store.claim(
                    DAY, worker=f"w{number}", limit=25, lease_seconds=60, max_tries=3
                )
                if not batch:
                    return
                claimed[number].extend(c.delivery_id for c in batch)
                store.record([(c.delivery_id, SENT) for c in batch], backoff=10, bounce_limit=3)
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    everything = [i for ids in claimed for i in ids]
    assert len(everything) == len(set(everything)) == total
    assert setup.counts(DAY)["sent"] == total
    setup.close()


def test_postgres_claim_skips_rows_locked_by_another_connection(db_url: str) -> None:
    """Deterministic form of the above on PostgreSQL: while one connection holds a claim
    transaction open, a second claimer gets the next rows instead of waiting or sharing."""
    store = Store.open(db_url)
    try:
        if store.dialect != "postgresql":
            pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serialises writers instead")
        add_readers(store, 6)
        store.enqueue(DAY)
        other = Store.open(db_url)
        try:
            with other.engine.begin() as connection:
                locked = (
                    connection.execute(
                        select(deliveries.c.id)
                        .where(deliveries.c.day == DAY)
                        .order_by(deliveries.c.id)
                        .limit(2)
                        .with_for_update(skip_locked=True)
                    )
                    .scalars()
                    .all()
                )
                taken = claim(store, limit=3)
                assert {c.delivery_id for c in taken}.isdisjoint(locked)
                assert len(taken) == 3
            # Once the first transaction ends its rows are claimable again.
            assert sorted(c.delivery_id for c in claim(store, limit=10)) == sorted(
                [*locked, max(c.delivery_id for c in taken) + 1]
            )
        finally:
            other.close()
    finally:
        store.close()


def test_rows_requeued_behind_the_claim_position_are_still_claimed(store: Store) -> None:
    add_readers(store, 6)
    store.enqueue(DAY, now=T0)
    first = claim(store, limit=2)
    record(store, [(first[0].delivery_id, LOST)])
    store.requeue_unknown_now([first[0].delivery_id])  # now pending, behind the rows ahead
    record(store, [(first[1].delivery_id, SENT)])
    order = [c.delivery_id for c in claim(store, limit=3)]
    order += [c.delivery_id for c in claim(store, limit=3)]
    assert order[:4] == [first[1].delivery_id + n for n in range(1, 5)]
    assert order[4] == first[0].delivery_id
    assert claim(store) == []
