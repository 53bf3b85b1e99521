"""The named parts of a delivery run (newsletter/delivery/), each on its own: how relay
replies are read, the brake, and the recorder's systemic-refusal hold over a real ledger.
The whole run is exercised end to end in test_send.py, test_review_delivery.py and the
fault matrix; these pin the parts a newcomer would change first."""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Iterator

import pytest

from newsletter.delivery.brake import RunState
from newsletter.delivery.counts import RunCounts
from newsletter.delivery.recorder import Recorder
from newsletter.delivery.refusals import (
    given_back,
    is_throttle,
    message_level,
    not_handed_over,
    refusal_key,
    sender_refused,
)
from newsletter.errors import LedgerUnavailableError, SystemicRefusalError
from newsletter.mailers.base import not_attempted
from newsletter.models import DeliveryStatus, Outcome
from newsletter.settings import Settings
from newsletter.store import Store

DAY = dt.date(2025, 3, 1)
T0 = dt.datetime(2025, 3, 1, 7, 0, tzinfo=dt.UTC)
POLICY = Outcome(DeliveryStatus.FAILED, 550, "5.7.26 message rejected by policy")
ALIKE = Outcome(DeliveryStatus.FAILED, 550, "5.4.1 recipient address rejected: access denied")
NO_USER = Outcome(DeliveryStatus.FAILED, 550, "5.1.1 no such user")
SENT = Outcome(DeliveryStatus.SENT, 250, "2.0.0 queued")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


def test_refusals_tell_the_reader_our_pace_and_us_apart() -> None:
    assert is_throttle(Outcome(DeliveryStatus.DEFERRED, 454, "4.7.0 try later"))
    assert is_throttle(Outcome(DeliveryStatus.DEFERRED, 421, "4.7.0 too many messages"))
    assert not is_throttle(Outcome(DeliveryStatus.DEFERRED, 451, "4.3.0 local error"))
    # About one reader's mailbox: never part of a streak, however many in a row.
    assert refusal_key(NO_USER) is None
    assert refusal_key(ALIKE) == "550 5.4.1"
    assert refusal_key(SENT) is None
    # About the message itself: one is enough.
    assert message_level(POLICY)
    assert not message_level(NO_USER)
    untried = not_attempted("shutting down")
    assert not_handed_over(untried)
    assert given_back(untried).status is DeliveryStatus.PENDING
    # A 5xx that left the row deferred is the relay refusing MAIL FROM.
    assert sender_refused(Outcome(DeliveryStatus.DEFERRED, 553, "5.7.1 sender not allowed"))
    assert not sender_refused(Outcome(DeliveryStatus.DEFERRED, 451, "4.7.1 greylisted"))


def test_the_brake_holds_sending_until_the_ledger_and_the_journal_take_writes(
    store: Store,
) -> None:
    stop = threading.Event()
    state = RunState(DAY, store=store, journal=None, stop=stop, give_up_after=3600)
    state.brake("database is away")
    assert state.halt.is_set() and state.down_reason == "database is away"
    assert not state.gave_up()
    state.journal_failed("cannot write the journal")
    state.release_brake()
    assert state.halt.is_set(), "a broken journal keeps the brake on"
    state.journal_broken = False
    state.release_brake()
    assert not state.halt.is_set() and state.down_since is None
    # A stop is not lifted by the ledger coming back.
    state.brake("again")
    stop.set()
    state.release_brake()
    assert state.halt.is_set()
    impatient = RunState(DAY, store=store, journal=None, stop=stop, give_up_after=0)
    impatient.brake("disk full")
    assert impatient.gave_up()
    error = impatient.give_up(5)
    assert isinstance(error, LedgerUnavailableError)
    assert "disk full" in error.message and "5 outcomes read could not be kept" in error.message


def _recorded(
    store: Store, settings: Settings, outcomes: list[Outcome]
) -> tuple[RunState, RunCounts, dict[int, str]]:
    """Claim one row per outcome, feed the outcomes to a recorder, return what it wrote."""
    for n in range(len(outcomes)):
        store.add_subscriber(f"reader{n:02d}@example.com")
    store.enqueue(DAY, now=T0)
    claims = store.claim(DAY, worker="w1", limit=100, lease_seconds=60, max_tries=3, now=T0)
    assert len(claims) == len(outcomes)
    state = RunState(DAY, store=store, journal=None, stop=threading.Event(), give_up_after=60)
    state.in_flight = len(claims)
    state.held.update(c.delivery_id for c in claims)
    results: queue.Queue[list[tuple[int, Outcome]] | None] = queue.Queue()
    counts = RunCounts()
    clock: Callable[[], dt.datetime] = lambda: T0  # noqa: E731
    recorder = Recorder(
        state,
        results=results,
        counts=counts,
        settings=settings,
        worker="w1",
        clock=clock,
        progress=None,
        journal=None,
    )
    recorder.start()
    for claim, outcome in zip(claims, outcomes, strict=True):
        results.put([(claim.delivery_id, outcome)])
    recorder.close()
    assert state.in_flight == 0 and not state.held
    return state, counts, store.statuses([c.delivery_id for c in claims])


def test_the_same_refusal_for_enough_readers_in_a_row_stops_the_run_and_bounces_nobody(
    store: Store, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(smtp={"systemic_refusals": 3})
    state, counts, statuses = _recorded(store, settings, [ALIKE, ALIKE, ALIKE])
    assert isinstance(state.fatal, SystemicRefusalError)
    assert state.halt.is_set() and state.stop_for_relay.is_set()
    assert sorted(statuses.values()) == ["deferred"] * 3
    assert counts.outcomes["failed"] == 0 and counts.outcomes["deferred"] == 3


def test_a_streak_broken_by_a_delivery_was_about_its_readers(
    store: Store, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(smtp={"systemic_refusals": 3})
    state, counts, statuses = _recorded(store, settings, [ALIKE, ALIKE, SENT, NO_USER])
    assert state.fatal is None and not state.halt.is_set()
    assert sorted(statuses.values()) == ["failed", "failed", "failed", "sent"]
    assert counts.outcomes["failed"] == 3 and counts.outcomes["sent"] == 1


def test_one_refusal_of_the_message_itself_is_enough(
    store: Store, make_settings: Callable[..., Settings]
) -> None:
    state, _, statuses = _recorded(store, make_settings(), [SENT, POLICY])
    assert isinstance(state.fatal, SystemicRefusalError)
    assert "refuses the message itself" in state.fatal.message
    assert sorted(statuses.values()) == ["deferred", "sent"]
