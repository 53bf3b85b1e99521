"""Stage 5: deliver an issue to every reader the ledger still owes it to.

The ledger is the source of truth: rows are claimed in batches (pending -> sending, with a
lease) before anything is sent, and every outcome is recorded in batches after the relay
answers. So a run can be killed at any moment: what was claimed but not recorded is found in
flight by the next run and counted 'unknown' (see DESIGN.md "Delivery states").

Threads, and why: SMTP time is waiting on the relay, so N sender threads each hold one reused
connection (settings.smtp.concurrency) and pipeline their chunk of messages; one recorder
thread writes outcomes back in batches; the calling thread claims and builds messages. Each
reader's message is filled from a template rendered once per distinct set of sections.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsletter import links
from newsletter.errors import NewsletterError, TransportError
from newsletter.logs import mask_addresses_in, mask_email
from newsletter.mailers.base import Connection, Envelope, Transport, not_attempted
from newsletter.mailers.ratelimit import RateLimiter
from newsletter.message import MessageTemplate, make_message_id
from newsletter.models import DeliveryStatus, Issue, Outcome, Region
from newsletter.render import Renderer
from newsletter.settings import Settings
from newsletter.store import Claim, Store
from newsletter.tokens import make_token
from newsletter.verp import sender_for

log = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with the number of outcomes just recorded

_CHUNK = 16  # messages a sender pipelines per turn: big enough to hide round trips
_RECORD_BATCH = 256  # outcomes per ledger transaction
_RECORD_DELAY = 0.1  # seconds an outcome may wait to be written with others


_OPEN = (DeliveryStatus.DEFERRED, DeliveryStatus.UNKNOWN)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Personalizer:
    """Builds each reader's message bytes from the template of their section set.

    Rendering (Jinja2 + premailer) happens once per distinct set of sections a reader can
    get, never per reader; per reader we only sign a token and fill the template."""

    def __init__(
        self, issue: Issue, settings: Settings, renderer: Renderer, *, test: bool = False
    ) -> None:
        self._issue = issue
        self._settings = settings
        self._renderer = renderer
        self._test = test
        self._keys = settings.secret_keys()
        self._domain = settings.sender_address.rpartition("@")[2] or "localhost"
        self._templates: dict[frozenset[Region], MessageTemplate | None] = {}
        self._lock = threading.Lock()
        self.render_seconds = 0.0

    def template_for(self, chosen: frozenset[Region]) -> MessageTemplate | None:
        """None when the reader chose only regions that have no news today."""
        wanted = chosen & self._issue.regions
        if chosen and not wanted:
            return None
        key = frozenset() if wanted == self._issue.regions else wanted
        template = self._templates.get(key, ...)
        if template is not ...:
            return template
        with self._lock:
            if key not in self._templates:
                started = time.perf_counter()
                rendered = self._renderer.render(self._issue.only(key), test=self._test)
                self._templates[key] = MessageTemplate.build(rendered, self._settings)
                self.render_seconds += time.perf_counter() - started
            return self._templates[key]

    def message(
        self,
        template: MessageTemplate,
        *,
        subscriber_id: int,
        salt: str,
        email: str,
        name: str | None,
    ) -> bytes:
        token = make_token(self._keys, subscriber_id, salt)
        public = self._settings.public_url
        return template.personalize(
            to_address=email,
            to_name=name,
            unsubscribe_url=links.unsubscribe_url(public, token),
            preferences_url=links.preferences_url(public, token),
            mailto_token=token,
            message_id=make_message_id(self._domain),
        )


@dataclass
class RunCounts:
    """What this run did (the ledger holds the totals over all runs)."""

    outcomes: Counter[str] = field(default_factory=Counter)
    unknown_requeued: int = 0
    db_seconds: float = 0.0
    build_seconds: float = 0.0
    smtp_seconds: float = 0.0  # summed over sender threads
    stopped: bool = False
    # Rows whose latest outcome here was deferred or unknown: what this run may still owe.
    # Small (it shrinks as retries succeed), unlike a map of every row's outcome.
    open: set[int] = field(default_factory=set)

    def merge(self, other: RunCounts) -> None:
        self.outcomes.update(other.outcomes)
        self.open |= other.open  # the ledger says later which of these were settled elsewhere
        self.unknown_requeued += other.unknown_requeued
        self.db_seconds += other.db_seconds
        self.build_seconds += other.build_seconds
        self.smtp_seconds += other.smtp_seconds
        self.stopped = self.stopped or other.stopped


@dataclass
class _Shared:
    """State the threads share, behind one condition variable."""

    cond: threading.Condition = field(default_factory=threading.Condition)
    in_flight: int = 0
    held: set[int] = field(default_factory=set)  # ledger ids claimed and not yet recorded
    error: BaseException | None = None  # the recorder failed: outcomes cannot be written
    fatal: TransportError | None = None  # the relay cannot be used at all: end the run with it


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
) -> RunCounts:
    """Send every claimable ledger row of `day`; return when none is left (or `stop` is set).

    Deferred rows are retried within the run after their backoff, up to SMTP__MAX_ATTEMPTS
    tries; what is still deferred then waits for the next run."""
    stop = stop or threading.Event()
    smtp = settings.smtp
    counts = RunCounts()
    shared = _Shared()
    concurrency = smtp.concurrency if transport.name == "smtp" else min(smtp.concurrency, 4)
    chunk_size = _CHUNK
    if smtp.rate > 0:
        # Small chunks under a cap, so the limiter spreads messages evenly.
        chunk_size = max(1, min(_CHUNK, int(smtp.rate // (concurrency * 4))))
    claim_limit = settings.batch_size
    work: queue.Queue[list[Envelope] | None] = queue.Queue(maxsize=concurrency * 2)
    results: queue.Queue[list[tuple[int, Outcome]] | None] = queue.Queue()
    # The cap is a promise about what the relay sees in any second. A message reaches it up to
    # tens of milliseconds after its token is released (it waits for its turn in a pipelined
    # chunk, for the GIL): measured at the relay, a 1.0 s window let 204-214 through under a
    # cap of 200 (bench/throughput.py --rate 200); 1.05 s held it in every run, at 185/s
    # sustained instead of 191/s.
    limiter = RateLimiter(smtp.rate, window=1.05)
    sender = settings.sender_address

    def settle(batch: list[tuple[int, Outcome]]) -> None:
        with shared.cond:
            shared.in_flight -= len(batch)
            shared.held.difference_update(key for key, _ in batch)
            shared.cond.notify_all()

    renew_every = settings.lease_seconds / 3
    last_renewal = time.monotonic()

    def renew_leases() -> None:
        """Keep our claims alive while they wait for a connection, so a slow relay never
        makes the leader take over rows we are about to send (which would send them twice)."""
        nonlocal last_renewal
        if time.monotonic() - last_renewal < renew_every:
            return
        with shared.cond:
            held = list(shared.held)
        if held:
            store.extend_lease(held, settings.lease_seconds, now=clock(), worker=worker)
        last_renewal = time.monotonic()  # only after it worked: a failure retries next turn

    def sender_loop(index: int, connection: Connection | None) -> None:
        busy = 0.0
        try:
            while True:
                chunk = work.get()
                if chunk is None:
                    return
                if stop.is_set():
                    # Shutting down: hand the batch back untried; the next run takes it.
                    results.put([(e.key, not_attempted("shutting down")) for e in chunk])
                    continue
                started = time.perf_counter()
                try:
                    if connection is None:
                        connection = transport.connect()
                    limiter.acquire(len(chunk))
                    outcomes = connection.send_many(chunk, stop=stop)
                except TransportError as exc:
                    connection = None
                    outcomes = [not_attempted(f"relay unavailable: {exc}") for _ in chunk]
                except Exception as exc:  # the per-recipient loop: one bad chunk never ends a run
                    log.exception("sender %d: unexpected error; the chunk is deferred", index)
                    connection = _discard(connection)
                    outcomes = [not_attempted(f"internal error: {exc}") for _ in chunk]
                busy += time.perf_counter() - started
                results.put([(e.key, o) for e, o in zip(chunk, outcomes, strict=True)])
        finally:
            _discard(connection)
            with shared.cond:
                counts.smtp_seconds += busy

    def recorder_loop() -> None:
        # Outcomes are written within _RECORD_DELAY of arriving, whatever the flow: a delivered
        # row left 'sending' in the ledger would be sent again after a crash. Not sooner: one
        # transaction per chunk tripled the ledger's share of a run (bench/throughput.py).
        pending: list[tuple[int, Outcome]] = []
        oldest = 0.0
        finished = False
        while not finished:
            try:
                item = results.get(timeout=_RECORD_DELAY)
            except queue.Empty:
                item = []
            if item is None:
                finished = True
            elif item:
                if not pending:
                    oldest = time.monotonic()
                pending.extend(item)
            try:
                renew_leases()
            except Exception:  # a missed renewal is retried on the next turn
                log.warning("could not renew the leases of in-flight messages", exc_info=True)
            due = time.monotonic() - oldest >= _RECORD_DELAY
            if pending and (finished or len(pending) >= _RECORD_BATCH or due):
                try:
                    _record(pending)
                except BaseException as exc:  # surfaced to the claiming thread, which stops
                    log.exception("recording outcomes failed")
                    with shared.cond:
                        shared.error = exc
                        shared.cond.notify_all()
                    return
                pending = []

    def _record(batch: list[tuple[int, Outcome]]) -> None:
        started = time.perf_counter()
        store.record(
            batch,
            backoff=smtp.retry_backoff,
            bounce_limit=settings.bounce_limit,
            now=clock(),
            worker=worker,  # a row another sender took over after our lease lapsed stays theirs
        )
        unknown = [key for key, o in batch if o.status is DeliveryStatus.UNKNOWN]
        if unknown and settings.resend_unknown:
            counts.unknown_requeued += store.requeue_unknown_now(unknown)
        for key, outcome in batch:
            counts.outcomes[outcome.status.value] += 1
            if outcome.status in _OPEN:
                counts.open.add(key)
            else:
                counts.open.discard(key)
            if outcome.status in (DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN):
                detail = mask_addresses_in(outcome.detail)
                log.info("delivery %d %s: %s %s", key, outcome.status, outcome.code or "", detail)
            if _sender_refused(outcome) and shared.fatal is None:
                # The relay refuses *us*: every reader would get the same answer. Stop at once
                # with one error naming the setting; the rows stay deferred for the next run.
                shared.fatal = TransportError(
                    f"the SMTP relay refused the sender {sender}: {outcome.code} "
                    f"{mask_addresses_in(outcome.detail)}",
                    hint="check NEWSLETTER_FROM: the relay must be allowed to send for its domain",
                )
                stop.set()
        counts.db_seconds += time.perf_counter() - started
        if progress:
            progress(len(batch))
        settle(batch)

    threads = [
        threading.Thread(
            target=sender_loop,
            args=(i, first_connection if i == 0 else None),
            name=f"sender-{i}",
            daemon=True,
        )
        for i in range(concurrency)
    ]
    recorder = threading.Thread(target=recorder_loop, name="recorder", daemon=True)
    for thread in threads:
        thread.start()
    recorder.start()

    try:
        while not stop.is_set():
            with shared.cond:
                if shared.error:
                    raise shared.error
            started = time.perf_counter()
            claims = store.claim(
                day,
                worker=worker,
                limit=claim_limit,
                lease_seconds=settings.lease_seconds,
                max_tries=smtp.max_attempts,
                now=clock(),
            )
            counts.db_seconds += time.perf_counter() - started
            if claims:
                _dispatch(claims, personalizer, sender, work, results, shared, counts, chunk_size)
                continue
            # Nothing claimable: let what is in flight land (it may requeue 'unknown' rows).
            with shared.cond:
                while shared.in_flight and not shared.error:
                    shared.cond.wait(0.5)
                if shared.error:
                    raise shared.error
            if _claimable_now(store, day, smtp.max_attempts, clock):
                continue
            retry_at = store.next_retry_at(day, smtp.max_attempts) if wait_for_retries else None
            if retry_at is None:
                break
            delay = max(0.0, (retry_at - clock()).total_seconds())
            log.info("issue %s: waiting %.1f s to retry deferred messages", day, delay)
            stop.wait(delay + 0.01)
        counts.stopped = stop.is_set()
    finally:
        for _ in threads:
            work.put(None)
        for thread in threads:
            thread.join()
        results.put(None)
        recorder.join()
    with shared.cond:
        if shared.error:
            raise shared.error
    if shared.fatal:
        raise shared.fatal
    return counts


def _sender_refused(outcome: Outcome) -> bool:
    """A permanent refusal that still left the row deferred: the relay refused MAIL FROM."""
    return outcome.status is DeliveryStatus.DEFERRED and (outcome.code or 0) >= 500


def _claimable_now(
    store: Store, day: dt.date, max_tries: int, clock: Callable[[], dt.datetime]
) -> bool:
    ledger = store.counts(day)
    if ledger.get("pending", 0):
        return True
    retry_at = store.next_retry_at(day, max_tries)
    return retry_at is not None and retry_at <= clock()


def _dispatch(
    claims: list[Claim],
    personalizer: Personalizer,
    sender: str,
    work: queue.Queue[list[Envelope] | None],
    results: queue.Queue[list[tuple[int, Outcome]] | None],
    shared: _Shared,
    counts: RunCounts,
    chunk_size: int,
) -> None:
    started = time.perf_counter()
    envelopes: list[Envelope] = []
    settled: list[tuple[int, Outcome]] = []
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
            data = personalizer.message(
                template,
                subscriber_id=claim.subscriber_id,
                salt=claim.token_salt,
                email=claim.email,
                name=claim.name,
            )
        except NewsletterError as exc:  # e.g. a stored name with a control character
            log.warning("delivery %d to %s: %s", claim.delivery_id, mask_email(claim.email), exc)
            settled.append((claim.delivery_id, Outcome(DeliveryStatus.FAILED, None, str(exc))))
            continue
        verp = sender_for(personalizer, claim.subscriber_id, sender)  # issue 14: VERP
        envelopes.append(Envelope(verp, claim.email, data, claim.delivery_id, wire_ready=True))
    counts.build_seconds += time.perf_counter() - started
    with shared.cond:
        shared.in_flight += len(claims)
        shared.held.update(claim.delivery_id for claim in claims)
    if settled:
        results.put(settled)
    for start in range(0, len(envelopes), chunk_size):
        work.put(envelopes[start : start + chunk_size])


def _discard(connection: Connection | None) -> None:
    if connection is not None:
        try:
            connection.close()
        except Exception:  # closing a broken connection must not hide the real outcome
            log.debug("closing a connection failed", exc_info=True)
    return None


def send_to_addresses(
    addresses: Iterable[str],
    *,
    transport: Transport,
    personalizer: Personalizer,
    sender: str,
) -> list[tuple[str, Outcome]]:
    """A test send: the issue to arbitrary addresses, outside the ledger, on one connection."""
    template = personalizer.template_for(frozenset())
    assert template is not None
    envelopes = [
        Envelope(
            sender,
            address,
            personalizer.message(
                template, subscriber_id=0, salt="test-send", email=address, name=None
            ),
            index,
        )
        for index, address in enumerate(addresses)
    ]
    connection = transport.connect()
    try:
        outcomes = connection.send_many(envelopes)
    finally:
        _discard(connection)
    return [(e.recipient, o) for e, o in zip(envelopes, outcomes, strict=True)]
