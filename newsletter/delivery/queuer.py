"""The queuer: the leader's thread that queues an issue's readers while the run sends.

Queueing a million ledger rows took 2.3 s, all of it before the first message could go
(docs/scale.md). The leader now queues the first chunk itself, starts sending, and this
thread queues the rest in chunks by subscriber id, each chunk one transaction. When every
reader has a row it sets ``issues.queued_at``; until then the issue is not finished: the
claimer waits for more rows instead of ending, workers on PostgreSQL keep polling, and a run
that resumes after a crash resumes the queueing (``Ledger.queued_through``) before it can mark
the issue done. The unique key on (day, subscriber_id) keeps every reader to one row whatever
the interleaving.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from newsletter.delivery.brake import RETRY_FIRST, RETRY_MAX
from newsletter.errors import StoreError

if TYPE_CHECKING:
    from newsletter.store import Store

log = logging.getLogger("newsletter.job")
_T = TypeVar("_T")

FIRST_CHUNK = 2_000  # readers queued before the first claim: the first batches, quickly
QUEUE_CHUNK = 10_000  # readers per later transaction: each holds SQLite's write lock ~20 ms
_FIRST_CLAIM_WAIT = 2.0  # seconds queueing waits for the first claim, at most
_ANALYZE_AFTER = 10_000  # PostgreSQL: refresh statistics as the table doubles (see analyze)


class Queuer:
    """Queues subscribers after id `after` for `day`, in chunks, on its own thread."""

    def __init__(
        self,
        store: Store,
        day: dt.date,
        *,
        after: int,
        clock: Callable[[], dt.datetime],
        stop: threading.Event,
        give_up_after: float,
        chunk: int = QUEUE_CHUNK,
    ) -> None:
        self._store = store
        self._day = day
        self._after = after
        self._clock = clock
        self._stop = stop
        self._halt = threading.Event()
        self._give_up_after = give_up_after
        self._chunk = chunk
        self.finished = threading.Event()  # every reader has a row; queued_at is set
        self.error: StoreError | None = None
        self.added = 0
        self.expected = 0  # readers still to queue when it started (for the progress bar)
        # Set by the claimer after its first claim. Queueing waits for it (up to
        # _FIRST_CLAIM_WAIT): on SQLite both write, and the first claim waited ~60 ms behind
        # this thread's first 10,000-row transaction, holding the first message back.
        self.first_claim_made = threading.Event()
        self._thread = threading.Thread(target=self._run, name="queuer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def settled(self) -> bool:
        """Nothing more will be queued by this run: finished, failed or stopped."""
        return (
            self.finished.is_set()
            or self.error is not None
            or self._stop.is_set()
            or self._halt.is_set()
            or not self._thread.is_alive()
        )

    def close(self) -> None:
        """Stop queueing (a stopped or failed run: the next run resumes it) and wait."""
        self._halt.set()
        if self._thread.ident is not None:  # started
            self._thread.join()

    def _stopped(self) -> bool:
        return self._stop.is_set() or self._halt.is_set()

    def _run(self) -> None:
        store, day = self._store, self._day
        after, analyzed = self._after, 0
        try:
            deadline = time.monotonic() + _FIRST_CLAIM_WAIT
            while not self.first_claim_made.wait(0.05):
                if self._stopped() or time.monotonic() >= deadline:
                    break
            self.expected = self._retrying(lambda: store.active_after(after))
            while not self._stopped():
                added, through = self._retrying(
                    lambda after=after: store.enqueue_chunk(  # type: ignore[misc]
                        day, after=after, limit=self._chunk, now=self._clock()
                    )
                )
                self.added += added
                if self.added - analyzed >= max(_ANALYZE_AFTER, analyzed):
                    # Right after a big change the planner still believes the table small;
                    # refreshed as the table doubles, not after every chunk.
                    self._retrying(lambda: store.analyze("deliveries"))
                    analyzed = self.added
                if through is None:
                    self._retrying(lambda: store.mark_queued(day, now=self._clock()))
                    self.finished.set()
                    log.info("issue %s: %d more readers queued while sending", day, self.added)
                    return
                after = through
        except StoreError as exc:
            self.error = exc
        except _Stopped:
            pass

    def _retrying(self, call: Callable[[], _T]) -> _T:
        """A store call; while the database is away, retried until `give_up_after`."""
        delay, deadline = RETRY_FIRST, time.monotonic() + self._give_up_after
        while True:
            try:
                return call()
            except StoreError:
                if time.monotonic() + delay > deadline:
                    raise
                log.debug("queueing: the database is away; retrying", exc_info=True)
            if self._halt.wait(delay) or self._stop.is_set():
                raise _Stopped
            delay = min(delay * 2, RETRY_MAX)


class _Stopped(Exception):
    pass
