"""Stage 5: deliver an issue to every reader the ledger still owes it to.

The ledger is the source of truth: rows are claimed in batches (pending -> sending, with a
lease) before anything is sent, and every outcome is recorded in batches after the relay
answers. So a run can be killed at any moment: what was claimed but not recorded is found in
flight by the next run and counted 'unknown' (see DESIGN.md "Delivery states").

Threads, and why: SMTP time is waiting on the relay, so one sender thread drives N reused
connections (settings.smtp.concurrency) from a selector loop, each pipelining its chunk of
messages (one thread, not N: N threads spent their time handing the GIL to each other); the
outbox and other transports keep a thread per connection. One recorder thread writes outcomes
back in batches, a queuer thread queues the rest of the audience while sending, and the calling
thread claims and builds messages. Each
reader's message is filled from a template rendered once per distinct set of sections.

Each part lives in `newsletter.delivery` under its own name (claimer, senders, recorder,
brake, refusals); this module only wires them for one run.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from newsletter.delivery.brake import RunState
from newsletter.delivery.claimer import Claimer
from newsletter.delivery.counts import RunCounts
from newsletter.delivery.personalize import Personalizer
from newsletter.delivery.recorder import Progress, Recorder
from newsletter.delivery.senders import SenderPool, discard
from newsletter.mailers.base import Connection, Envelope, Transport
from newsletter.mailers.ratelimit import RateLimiter, Throttle
from newsletter.models import Outcome
from newsletter.settings import Settings
from newsletter.store import Store

if TYPE_CHECKING:
    from newsletter.journal import Journal

__all__ = ["Personalizer", "Progress", "RunCounts", "deliver", "send_to_addresses", "utcnow"]


_CHUNK = 16  # messages a sender pipelines per turn: big enough to hide round trips


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def deliver(
    day: dt.date,
    *,
    store: Store,
    transport: Transport,
    personalizer: Personalizer,
    settings: Settings,
    worker: str,
    first_connection: Connection | None = None,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    clock: Callable[[], dt.datetime] = utcnow,
    wait_for_retries: bool = True,
    journal: Journal | None = None,
    connections: int | None = None,
    queueing_done: Callable[[], bool] | None = None,
    claimed: Callable[[], None] | None = None,
) -> RunCounts:
    """Send every claimable ledger row of `day`; return when none is left (or `stop` is set).

    Deferred rows are retried within the run after their backoff, up to SMTP__MAX_ATTEMPTS
    tries; what is still deferred then waits for the next run.

    The ledger is the brake: while outcomes cannot be written (database error, full disk,
    journal unwritable), no message is handed to the relay; what was read is kept and written
    when the ledger returns. After LEASE_SECONDS of that, LedgerUnavailableError.

    `queueing_done`, when given, says whether the issue's rows are all queued (the leader
    queues while it sends): until it does, running out of claimable rows does not end this.
    `claimed` is called after every claim (the queuer waits for the first one)."""
    stop = stop or threading.Event()
    smtp = settings.smtp
    counts = RunCounts()
    state = RunState(
        day, store=store, journal=journal, stop=stop, give_up_after=settings.lease_seconds
    )
    concurrency = smtp.concurrency if transport.name == "smtp" else min(smtp.concurrency, 4)
    if connections:
        concurrency = min(concurrency, connections)
    chunk_size = _CHUNK
    if smtp.rate > 0:
        # Small chunks under a cap, so the limiter spreads messages evenly.
        chunk_size = max(1, min(_CHUNK, int(smtp.rate // (concurrency * 4))))
    work: queue.Queue[list[Envelope] | None] = queue.Queue(maxsize=concurrency * 2)
    # The recorder's inbox: unbounded, so a SimpleQueue (a put is ~25 ns in C, a
    # queue.Queue's ~550 ns of Python and a Condition; the sender thread puts ~0.7 a message).
    results: queue.SimpleQueue[list[tuple[int, Outcome]] | None] = queue.SimpleQueue()
    # The cap is a promise about what the relay sees in any second. A message reaches it up to
    # tens of milliseconds after its token is released (it waits for its turn in a pipelined
    # chunk, for the GIL): measured at the relay, a 1.0 s window let 204-214 through under a
    # cap of 200 (bench/throughput.py --rate 200); 1.05 s held it in every run, at 185/s
    # sustained instead of 191/s.
    limiter = RateLimiter(smtp.rate, window=1.05)
    throttle = Throttle(smtp.rate)
    senders = SenderPool(
        state,
        transport=transport,
        work=work,
        results=results,
        counts=counts,
        limiter=limiter,
        throttle=throttle,
        threshold=smtp.systemic_refusals,
        journal=journal,
    )
    recorder = Recorder(
        state,
        results=results,
        counts=counts,
        settings=settings,
        worker=worker,
        clock=clock,
        progress=progress,
        journal=journal,
    )
    claimer = Claimer(
        state,
        personalizer=personalizer,
        settings=settings,
        worker=worker,
        clock=clock,
        counts=counts,
        work=work,
        results=results,
        chunk_size=chunk_size,
        wait_for_retries=wait_for_retries,
        queueing_done=queueing_done,
        claimed=claimed,
    )
    finished = threading.Event()

    def follow_stop() -> None:
        while not finished.is_set():
            if stop.wait(0.05):
                state.halt.set()
                return

    follower = threading.Thread(target=follow_stop, name="stop-follower", daemon=True)
    follower.start()
    senders.start(concurrency, first_connection)
    recorder.start()
    try:
        claimer.run()
        counts.stopped = stop.is_set()
    except BaseException:
        state.halt.set()  # whatever ends the run early, nothing more goes to the relay
        raise
    finally:
        senders.close()
        recorder.close()  # after the senders: it writes every outcome they reported
        finished.set()
        counts.connections = max(1, concurrency - state.retired)
    with state.cond:
        if state.error:
            raise state.error
    if state.fatal:
        raise state.fatal
    return counts


def send_to_addresses(
    addresses: Iterable[str],
    *,
    transport: Transport,
    personalizer: Personalizer,
    sender: str,
) -> list[tuple[str, Outcome]]:
    """A test send: the issue to arbitrary addresses, outside the ledger, on one connection."""
    from newsletter.tokens import TEST_SALT

    template = personalizer.template_for(frozenset())
    assert template is not None
    envelopes = [
        Envelope(
            sender,
            address,
            personalizer.message(
                template, subscriber_id=0, salt=TEST_SALT, email=address, name=None
            ),
            index,
        )
        for index, address in enumerate(addresses)
    ]
    connection = transport.connect()
    try:
        outcomes = connection.send_many(envelopes)
    finally:
        discard(connection)
    return [(e.recipient, o) for e, o in zip(envelopes, outcomes, strict=True)]
