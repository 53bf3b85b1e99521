"""The recorder: one thread writing outcomes back to the ledger in batches.

It also renews the leases of rows still waiting for a connection, holds back permanent
refusals until they are known to be about their reader (the systemic-refusal check), keeps
the journal synced, and works the brake when the ledger stops taking writes.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsletter.delivery.brake import RETRY_FIRST, RETRY_MAX, RunState, why
from newsletter.delivery.counts import OPEN, RunCounts
from newsletter.delivery.refusals import (
    deferred_not_bounced,
    message_level,
    refusal_key,
    sender_refused,
    sender_refused_error,
    systemic_error,
)
from newsletter.logs import mask_addresses_in
from newsletter.models import DeliveryStatus, Outcome
from newsletter.settings import Settings
from newsletter.store import Store

if TYPE_CHECKING:
    from newsletter.journal import Journal

log = logging.getLogger("newsletter.deliver")  # the stage's logger name: operators filter on it

Progress = Callable[[int], None]  # called with the number of outcomes just recorded
_Outcomes = list[tuple[int, Outcome]] | None
Results = queue.SimpleQueue[_Outcomes] | queue.Queue[_Outcomes]  # deliver.py's: a SimpleQueue

RECORD_BATCH = 256  # outcomes per ledger transaction
RECORD_DELAY = 0.1  # seconds an outcome may wait to be written with others
GATHER = 0.02  # seconds the recorder keeps taking outcomes before it looks at them
# Seconds between looks for readers who left (unsubscribed, complained) after their row was
# claimed: a claim may wait a while for its turn (BATCH_SIZE rows at once under a rate cap of
# 10 a second: up to 50 s), and the reader who left meanwhile must not get the issue. One
# small query a look (the in-flight rows of this sender), whatever the run's size.
LEFT_CHECK = 0.5


def drain(results: Results) -> None:
    """Empty the queue so nobody blocks on it after the recorder gave up (the outcomes are
    in the journal, or their rows stay in flight for the next run to recover)."""
    while True:
        try:
            results.get_nowait()
        except queue.Empty:
            return


# Outcomes that are no reply of the relay's (given back untried; a reader who left, never
# sent): they neither add to a streak of refusals nor break it.
_NO_REPLY = (DeliveryStatus.PENDING, DeliveryStatus.SKIPPED)


class Recorder:
    """Takes outcomes from `results` (None ends it) and writes them to the ledger."""

    def __init__(
        self,
        state: RunState,
        *,
        results: Results,
        counts: RunCounts,
        settings: Settings,
        worker: str,
        clock: Callable[[], dt.datetime],
        progress: Progress | None,
        journal: Journal | None,
    ) -> None:
        self._state = state
        self._store: Store = state.store
        self._results = results
        self._counts = counts
        self._settings = settings
        self._worker = worker
        self._clock = clock
        self._progress = progress
        self._journal = journal
        self._sender = settings.sender_address
        self._threshold = settings.smtp.systemic_refusals
        self._streak: list[tuple[int, Outcome]] = []  # permanent refusals held back, all alike
        self._renew_every = settings.lease_seconds / 3
        self._last_renewal = time.monotonic()
        self._last_left_check = time.monotonic()
        self._thread = threading.Thread(target=self._loop, name="recorder", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        """Write what is left, then end the thread (after every sender has ended)."""
        self._results.put(None)
        self._thread.join()

    def _renew_leases(self) -> None:
        """Keep our claims alive while they wait for a connection, so a slow relay never
        makes the leader take over rows we are about to send (which would send them twice)."""
        if time.monotonic() - self._last_renewal < self._renew_every:
            return
        with self._state.cond:
            held = list(self._state.held)
        if held:
            self._store.extend_lease(
                held, self._settings.lease_seconds, now=self._clock(), worker=self._worker
            )
        self._last_renewal = time.monotonic()  # only after it worked: a failure retries next turn

    def _check_left(self) -> None:
        """Mark the rows in flight whose reader left since the claim, for the senders to
        skip (a message already handed over is not called back: it was sent before they
        left)."""
        if time.monotonic() - self._last_left_check < LEFT_CHECK or not self._state.in_flight:
            return
        left = self._store.left_in_flight(self._state.day, self._worker)
        self._last_left_check = time.monotonic()
        state = self._state
        if left or state.left:
            with state.cond:
                # Each look replaces the last: a reader seen gone who subscribed again before
                # their turn is no longer skipped (a skip is final for the issue).
                state.left.intersection_update(left)
                state.left.update(key for key in left if key in state.held)

    def _all_in_hand(self, pending: list[tuple[int, Outcome]]) -> bool:
        """Every row in flight has its outcome here (or held back in the streak): nothing more
        can come until the claimer claims again, so waiting RECORD_DELAY for company only
        holds the run's end back (the claimer waits for these rows to land before it ends),
        by 0.1 s at the end of every run. Mid-run, claimed rows are always still on their
        way, so this changes nothing there."""
        return bool(pending) and len(pending) + len(self._streak) >= self._state.in_flight

    def _gather(self, pending: list[tuple[int, Outcome]]) -> bool:
        """Add to `pending` what arrives within GATHER seconds of the first item (or up to
        RECORD_BATCH outcomes); True when the end marker (None) came.

        Taking the senders' chunks one by one cost a turn of the loop each (lease check,
        journal sync, brake checks) for 16 outcomes; gathering first makes those costs per
        transaction."""
        results = self._results
        try:
            item = results.get(timeout=RECORD_DELAY)
        except queue.Empty:
            return False
        if item is None:
            return True
        pending.extend(item)
        if self._all_in_hand(pending):
            return False  # nothing else is on its way: no reason to wait for more
        # Sleep, then take what came: waiting in get() woke this thread (and took the GIL)
        # for every chunk a sender reported.
        time.sleep(GATHER)
        while len(pending) < RECORD_BATCH:
            try:
                item = results.get_nowait()
            except queue.Empty:
                return False
            if item is None:
                return True
            pending.extend(item)
        return False

    def _loop(self) -> None:
        # Outcomes are written within RECORD_DELAY of arriving, whatever the flow: a delivered
        # row left 'sending' in the ledger would be sent again after a crash. Not sooner: one
        # transaction per chunk tripled the ledger's share of a run (bench/throughput.py).
        state, journal, streak = self._state, self._journal, self._streak
        pending: list[tuple[int, Outcome]] = []
        oldest = 0.0
        done = False
        retry_at = 0.0
        backoff = RETRY_FIRST
        while not done or pending or streak:
            had = len(pending)
            if not done:
                done = self._gather(pending)
            elif not pending:
                time.sleep(0.01)  # only held-back refusals wait for the last senders
            if pending and not had:
                oldest = time.monotonic()
            try:
                self._renew_leases()
            except Exception:  # a missed renewal is retried on the next turn
                log.debug("could not renew the leases of in-flight messages", exc_info=True)
            try:
                self._check_left()
            except Exception:  # a missed look is taken on the next turn
                log.debug("could not look for readers who left mid-run", exc_info=True)
            now = time.monotonic()
            due = now - oldest >= RECORD_DELAY or self._all_in_hand(pending)
            if state.down_since is not None and now < retry_at:
                # The ledger is away: the journal is all that holds what was read.
                self._sync_journal()
                if done and not pending and not streak:
                    break
                time.sleep(min(0.05, max(0.0, retry_at - now)))
                continue
            if state.journal_broken and journal is not None:
                try:
                    journal.write(b"# ok\n")
                    with state.cond:
                        state.journal_broken = False
                except OSError:
                    pass
            if pending and (done or len(pending) >= RECORD_BATCH or due or state.down_since):
                # The journal reaches the disk once per ledger batch, before the batch: what
                # the ledger says was answered is never ahead of the journal.
                self._sync_journal()
                try:
                    self._record(pending)
                except Exception as exc:  # the brake: keep the outcomes, retry with backoff
                    state.brake(why(exc))
                    if state.gave_up():
                        with state.cond:
                            state.error = state.give_up(len(pending))
                            state.cond.notify_all()
                        drain(self._results)
                        return
                    retry_at = time.monotonic() + backoff
                    backoff = min(backoff * 2, RETRY_MAX)
                    continue
                pending = []
                backoff = RETRY_FIRST
                state.release_brake()
            elif streak and not pending and state.in_flight <= len(streak):
                # Nothing else is on its way: the refusals held back were each about their
                # own reader after all.
                try:
                    self._record([], flush=True)
                except Exception as exc:
                    state.brake(why(exc))
                    retry_at = time.monotonic() + backoff
                    backoff = min(backoff * 2, RETRY_MAX)
                    continue
            elif not pending:
                self._sync_journal()  # idle: what the senders wrote reaches the disk too

    def _sync_journal(self) -> None:
        journal = self._journal
        if journal is None:
            return
        try:
            journal.sync()
        except OSError as exc:
            self._state.journal_failed(
                f"cannot sync the journal {journal.path}: {exc.strerror or exc}"
            )

    def _systemic(
        self, batch: list[tuple[int, Outcome]], flush: bool = False
    ) -> list[tuple[int, Outcome]]:
        """Hold permanent refusals back until they are known to be about their reader: the
        same refusal for SYSTEMIC_REFUSALS readers in a row, or one about the message itself,
        is about us; those readers stay deferred, nobody is bounced, and the run stops."""
        state, streak, threshold = self._state, self._streak, self._threshold
        if not streak and not flush and state.fatal is None:
            failed = DeliveryStatus.FAILED
            if all(outcome.status is not failed for _, outcome in batch):
                return batch  # no permanent refusal: nothing to hold back (the common case)
        out: list[tuple[int, Outcome]] = []
        if state.fatal is not None and streak:
            # The run stopped on a refusal about us: what was held back was about us too.
            out.extend((k, deferred_not_bounced(o)) for k, o in streak)
            streak.clear()
        for key, outcome in batch:
            if state.fatal is not None and outcome.status is DeliveryStatus.FAILED:
                out.append((key, deferred_not_bounced(outcome)))
                continue
            refusal = refusal_key(outcome)
            if refusal is None:
                if outcome.status not in _NO_REPLY:
                    out.extend(streak)  # the streak is broken: they were about their readers
                    streak.clear()
                out.append((key, outcome))
                continue
            if streak and refusal_key(streak[0][1]) != refusal:
                out.extend(streak)
                streak.clear()
            streak.append((key, outcome))
            if message_level(outcome) or (threshold and len(streak) >= threshold):
                with state.cond:
                    if state.fatal is None:
                        state.fatal = systemic_error(outcome, len(streak))
                state.halt.set()
                state.stop_for_relay.set()
                out.extend((k, deferred_not_bounced(o)) for k, o in streak)
                streak.clear()
        if flush:
            out.extend(streak)
            streak.clear()
        return out

    def _record(self, batch: list[tuple[int, Outcome]], flush: bool = False) -> None:
        state, streak, counts, settings = self._state, self._streak, self._counts, self._settings
        started = time.perf_counter()
        saved = list(streak)
        writable = self._systemic(batch, flush)
        try:
            self._store.record(
                writable,
                backoff=settings.smtp.retry_backoff,
                bounce_limit=settings.bounce_limit,
                now=self._clock(),
                # a row another sender took over after our lease lapsed stays theirs
                worker=self._worker,
            )
        except BaseException:
            # Put the held streak back as it was, so a retry sees the same batch.
            streak[:] = saved
            raise
        sent = DeliveryStatus.SENT
        # Most batches are all 'sent': one pass counts them, the rest is looked at one by one.
        others = [(k, o) for k, o in writable if o.status is not sent]
        counts.outcomes[sent.value] += len(writable) - len(others)
        unknown = [key for key, o in others if o.status is DeliveryStatus.UNKNOWN]
        if unknown and settings.resend_unknown:
            counts.unknown_requeued += self._store.requeue_unknown_now(unknown)
        if counts.open:
            counts.open.difference_update(k for k, o in writable if o.status is sent)
        for key, outcome in others:
            if outcome.status is DeliveryStatus.PENDING:
                continue  # given back untried: neither an outcome nor a reader's story
            counts.outcomes[outcome.status.value] += 1
            if outcome.status in OPEN:
                counts.open.add(key)
            else:
                counts.open.discard(key)
            if outcome.status in (DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN):
                detail = mask_addresses_in(outcome.detail)
                log.info("delivery %d %s: %s %s", key, outcome.status, outcome.code or "", detail)
            if sender_refused(outcome) and state.fatal is None:
                # The relay refuses *us*: every reader would get the same answer. Stop at once
                # with one error naming the setting; the rows stay deferred for the next run.
                state.fatal = sender_refused_error(settings, self._sender, outcome)
                state.halt.set()
                state.stop_for_relay.set()
        counts.db_seconds += time.perf_counter() - started
        recorded = len(writable) - sum(1 for _, o in others if o.status is DeliveryStatus.PENDING)
        if self._progress and recorded:
            self._progress(recorded)
        if streak:
            held_keys = {k for k, _ in streak}
            state.settle([(k, o) for k, o in [*saved, *batch] if k not in held_keys])
        else:
            state.settle([*saved, *batch])
