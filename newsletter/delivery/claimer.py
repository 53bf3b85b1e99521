"""The claimer: the calling thread's part of a delivery run.

It claims ledger rows in batches (pending -> sending, with a lease) before anything is sent,
builds each reader's message, and queues them in chunks for the sender pool. When nothing is
claimable it waits for what is in flight to land, then for the next deferred retry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from newsletter.delivery.brake import RETRY_FIRST, RETRY_MAX, RunState, why
from newsletter.delivery.counts import RunCounts
from newsletter.delivery.personalize import Personalizer
from newsletter.errors import NewsletterError, StoreError
from newsletter.logs import mask_email
from newsletter.mailers.base import Envelope
from newsletter.models import DeliveryStatus, Outcome
from newsletter.settings import Settings
from newsletter.store import Claim, Store
from newsletter.verp import sender_for

log = logging.getLogger("newsletter.deliver")  # the stage's logger name: operators filter on it

_Outcomes = list[tuple[int, Outcome]] | None
Results = queue.SimpleQueue[_Outcomes] | queue.Queue[_Outcomes]  # deliver.py's: a SimpleQueue
Work = queue.Queue[list[Envelope] | None]

_new_envelope = tuple.__new__
QUEUE_POLL = 0.05  # seconds between claims while the leader is still queueing the issue
# How many rows may be claimed and not yet recorded before the next claim waits for the
# recorder. Its inbox is unbounded (a put must never block a sender thread), so when outcomes
# are written more slowly than the relay takes messages (a slow disk; the recorder thread
# starved on a busy machine), this is what keeps them from piling up: a send to 1,000,000
# readers grew to 116-156 MB that way (docs/scale.md). The bound is the largest of:
# - four batches, which keep the senders and the recorder busy;
# - MIN_UNRECORDED_ROWS (~0.2 MB of outcomes), above what the pipeline itself holds (the
#   senders' queue, a chunk on every connection, a full recorder batch: ~750 rows at ten
#   connections), so that small batches and a few slow connections never stop the others;
# - a streak of refusals the recorder may hold back, and two batches more: it decides that a
#   streak was about its readers when every row in flight is held in it, so the claims must
#   go on until the streak is long enough to stop the run (SMTP__SYSTEMIC_REFUSALS).
MAX_UNRECORDED_BATCHES = 4
MIN_UNRECORDED_ROWS = 2_000
# The interpreter's switch interval while the run's first batch is built (see quick_handover).
HANDOVER_INTERVAL = 0.0005


_handover_lock = threading.Lock()
# while any block is open: the interval to put back when the last one ends, and the one the
# blocks set (an interval found otherwise was set by the process meanwhile, and is kept)
_handover: list[float] = [0.0, 0.0]
_handover_open = 0


@contextlib.contextmanager
def quick_handover(interval: float = HANDOVER_INTERVAL) -> Iterator[None]:
    """The GIL handed over within `interval` seconds for the block, then as before.

    While this thread builds the run's first batch, the sender thread wakes for the first
    chunk, then for each reply of the relay, and each time waits for the GIL until the
    interpreter's switch interval (5 ms) has passed: with the helper process (the batch's
    templates all rendered, so its build never lets go of the GIL) the first message reached
    the relay a median 30-33 ms after the first claim, 9-11 ms with this (docs/scale.md,
    "fourth round"). Only the scheduling of threads changes, for one
    batch; the interval is set back after it (the steady state keeps the default). Blocks of
    several threads at once (runs in one process) overlap safely: the last one out restores
    the interval the first one found, or the one the process set meanwhile (kept)."""
    global _handover_open
    with _handover_lock:
        now = sys.getswitchinterval()
        found = _handover[0] if _handover_open and now == _handover[1] else now
        sys.setswitchinterval(min(interval, now))  # may refuse: then nothing is noted
        _handover[:] = [found, sys.getswitchinterval()]
        _handover_open += 1
    try:
        yield
    finally:
        with _handover_lock:
            _handover_open -= 1
            if not _handover_open and sys.getswitchinterval() == _handover[1]:
                sys.setswitchinterval(_handover[0])


def unrecorded_bound(settings: Settings) -> int:
    """Rows claimed and unrecorded, at most, once a claim is made (see above)."""
    batch = settings.batch_size
    return max(
        MAX_UNRECORDED_BATCHES * batch,
        MIN_UNRECORDED_ROWS,
        settings.smtp.systemic_refusals + 2 * batch,
    )


def claimable_now(
    store: Store, day: dt.date, max_tries: int, clock: Callable[[], dt.datetime]
) -> bool:
    if store.has_pending(day):
        return True
    retry_at = store.next_retry_at(day, max_tries)
    return retry_at is not None and retry_at <= clock()


class Claimer:
    """Claims the rows of `state.day` and feeds the senders until none is left."""

    def __init__(
        self,
        state: RunState,
        *,
        personalizer: Personalizer,
        settings: Settings,
        worker: str,
        clock: Callable[[], dt.datetime],
        counts: RunCounts,
        work: Work,
        results: Results,
        chunk_size: int,
        wait_for_retries: bool,
        queueing_done: Callable[[], bool] | None = None,
        claimed: Callable[[], None] | None = None,
    ) -> None:
        self._state = state
        self._store: Store = state.store
        self._personalizer = personalizer
        self._settings = settings
        self._worker = worker
        self._clock = clock
        self._counts = counts
        self._work = work
        self._results = results
        self._chunk_size = chunk_size
        # The first chunks of a run are 1, 2, 4, 8 … messages: a chunk leaves only once all
        # of it is built, and the first readers may each need a section set rendered first
        # (20-30 ms apiece), so a full first chunk held the first message back by up to a
        # chunk's worth of renders.
        self._ramp = 1
        self._first_batch = True  # built under quick_handover
        self._wait_for_retries = wait_for_retries
        self._queueing_done = queueing_done
        self._claimed = claimed
        self._sender = settings.sender_address
        # Under a rate cap a claim is at most what the cap sends in a second: BATCH_SIZE rows
        # claimed at 10 a second waited up to 50 s for their turn, all of it shown as
        # 'sending'. Unlimited, BATCH_SIZE as it is (issue 12's hot path).
        rate = settings.smtp.rate
        self._claim_limit = (
            min(settings.batch_size, max(1, math.ceil(rate))) if rate > 0 else settings.batch_size
        )

    def _ledger_call(self, what: Callable[[], Any]) -> Any:
        """A ledger call of the claiming thread; while the database is away, wait and retry
        (the brake is on), until LEASE_SECONDS have passed."""
        state = self._state
        delay = RETRY_FIRST
        while True:
            with state.cond:
                if state.error:
                    raise state.error
            try:
                return what()
            except StoreError as exc:
                state.brake(why(exc))
                if state.gave_up():
                    with state.cond:
                        if state.error is None:
                            state.error = state.give_up(0)
                        raise state.error from None
                if state.stop.wait(delay):
                    return None
                delay = min(delay * 2, RETRY_MAX)

    def run(self) -> None:
        """Claim, build and queue until nothing is owed that this run can send (or a stop)."""
        state, store, day, clock = self._state, self._store, self._state.day, self._clock
        settings, counts, smtp = self._settings, self._counts, self._settings.smtp
        while not state.ended():
            with state.cond:
                if state.error:
                    raise state.error
                if state.down_since is not None and (state.in_flight or state.journal_broken):
                    # Braking: the recorder writes what it holds (or the journal recovers)
                    # before anything more is claimed.
                    if state.gave_up():
                        state.error = state.error or state.give_up(0)
                        raise state.error
                    state.cond.wait(0.2)
                    continue
                if state.in_flight + settings.batch_size > unrecorded_bound(settings):
                    state.cond.wait(0.2)  # the recorder settles outcomes and notifies
                    continue
            started = time.perf_counter()
            claims = self._ledger_call(
                lambda: store.claim(
                    day,
                    worker=self._worker,
                    limit=self._claim_limit,
                    lease_seconds=settings.lease_seconds,
                    max_tries=smtp.max_attempts,
                    now=clock(),
                )
            )
            if claims is None:  # stopped while the database was away
                break
            counts.db_seconds += time.perf_counter() - started
            if self._claimed is not None:
                self._claimed()
            if state.down_since is not None and not state.journal_broken:
                state.release_brake()  # the claim went through: the database is back
            if store.last_claim_skipped:
                counts.outcomes[DeliveryStatus.SKIPPED.value] += store.last_claim_skipped
            if claims:
                if self._first_batch:
                    self._first_batch = False
                    with quick_handover():
                        self._dispatch(claims)
                else:
                    self._dispatch(claims)
                continue
            if self._queueing_done is not None and not self._ledger_call(self._queueing_done):
                # The leader is still queueing readers: more rows are on their way, so nothing
                # claimable now does not mean the issue is finished.
                state.stop.wait(QUEUE_POLL)
                continue
            # Nothing claimable: let what is in flight land (it may requeue 'unknown' rows).
            with state.cond:
                while state.in_flight and not state.error and not state.ended():
                    state.cond.wait(0.5)
                if state.error:
                    raise state.error
            if state.ended():
                break
            if self._ledger_call(lambda: claimable_now(store, day, smtp.max_attempts, clock)):
                continue
            retry_at = (
                self._ledger_call(lambda: store.next_retry_at(day, smtp.max_attempts))
                if self._wait_for_retries
                else None
            )
            if retry_at is None:
                break
            delay = max(0.0, (retry_at - clock()).total_seconds())
            log.info("issue %s: waiting %.1f s to retry deferred messages", day, delay)
            state.stop.wait(delay + 0.01)

    def _dispatch(self, claims: list[Claim]) -> None:
        """Build each claimed reader's message and hand them to the senders a chunk at a time
        as they are built: the first chunk of a run leaves before the rest of the batch (and
        the section sets it needs) is built."""
        personalizer, chunk_size, work = self._personalizer, self._chunk_size, self._work
        with self._state.cond:
            # Counted in flight before any is handed over: a sender may report the first
            # outcome while the rest of the batch is still being built.
            self._state.in_flight += len(claims)
            self._state.held.update(claim.delivery_id for claim in claims)
        started = time.perf_counter()
        envelopes: list[Envelope] = []
        settled: list[tuple[int, Outcome]] = []
        # Without a bounce address every message has the same envelope sender (issue 14's
        # VERP is one per reader only with it).
        same_sender = None if self._settings.bounce_address else self._sender
        for claim in claims:
            try:
                template = personalizer.template_for(claim.regions)
                if template is None:
                    settled.append(
                        (
                            claim.delivery_id,
                            Outcome(
                                DeliveryStatus.SKIPPED, None, "no news today in the chosen regions"
                            ),
                        )
                    )
                    continue
                data = personalizer.pieces(
                    template,
                    subscriber_id=claim.subscriber_id,
                    salt=claim.token_salt,
                    email=claim.email,
                    name=claim.name,
                )
            except NewsletterError as exc:  # e.g. a stored name with a control character
                log.warning(
                    "delivery %d to %s: %s", claim.delivery_id, mask_email(claim.email), exc
                )
                settled.append((claim.delivery_id, Outcome(DeliveryStatus.FAILED, None, str(exc))))
                continue
            verp = same_sender or sender_for(personalizer, claim.subscriber_id, self._sender)
            # Envelope(...) runs a NamedTuple's generated __new__ in Python: once a message.
            envelopes.append(
                _new_envelope(Envelope, (verp, claim.email, data, claim.delivery_id, True))
            )
            if len(envelopes) >= min(chunk_size, self._ramp):
                self._counts.build_seconds += time.perf_counter() - started
                work.put(envelopes)  # blocks while the senders are busy: not build time
                envelopes = []
                if self._ramp < chunk_size:
                    self._ramp *= 2  # capped: doubled for ever it became a huge integer
                started = time.perf_counter()
        self._counts.build_seconds += time.perf_counter() - started
        if settled:
            self._results.put(settled)
        if envelopes:
            work.put(envelopes)
