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
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsletter import links
from newsletter.errors import (
    LedgerUnavailableError,
    NewsletterError,
    StoreError,
    SystemicRefusalError,
    TransportError,
)
from newsletter.logs import mask_addresses_in, mask_email
from newsletter.mailers.base import (
    Connection,
    Envelope,
    HandOverRefused,
    Transport,
    not_attempted,
)
from newsletter.mailers.ratelimit import RateLimiter, Throttle
from newsletter.message import MessageTemplate, make_message_id
from newsletter.models import DeliveryStatus, Issue, Outcome, Region
from newsletter.render import Renderer
from newsletter.settings import Settings
from newsletter.store import Claim, Store
from newsletter.tokens import make_token
from newsletter.verp import sender_for

if TYPE_CHECKING:
    from newsletter.journal import Journal

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
    connections: int = 0  # the connection count the relay let this run keep

    def merge(self, other: RunCounts) -> None:
        self.outcomes.update(other.outcomes)
        self.open |= other.open  # the ledger says later which of these were settled elsewhere
        self.unknown_requeued += other.unknown_requeued
        self.db_seconds += other.db_seconds
        self.build_seconds += other.build_seconds
        self.smtp_seconds += other.smtp_seconds
        self.stopped = self.stopped or other.stopped
        self.connections = other.connections or self.connections


@dataclass
class _Shared:
    """State the threads share, behind one condition variable."""

    cond: threading.Condition = field(default_factory=threading.Condition)
    in_flight: int = 0
    held: set[int] = field(default_factory=set)  # ledger ids claimed and not yet recorded
    error: BaseException | None = None  # the ledger stayed unusable: the run gives up with it
    fatal: TransportError | None = None  # the relay cannot be used at all: end the run with it
    down_since: float | None = None  # when the ledger (or the journal) stopped taking writes
    down_reason: str = ""
    journal_broken: bool = False
    live_connections: int = 0  # sender threads holding a working connection
    retired: int = 0  # connection slots given up because the relay refused more sessions


# Refusals about the message or about us, never about one reader: the size limit, the
# relay's content or sender policy. The enhanced codes (RFC 3463) say which.
_MESSAGE_LEVEL = re.compile(r"\b5\.(?:3\.4|2\.3|7\.\d{1,3})\b")
# A refusal that names the reader's mailbox is about that reader, however many in a row.
_READER_LEVEL = re.compile(r"\b5\.(?:1\.\d{1,3}|2\.[12])\b")
_ENHANCED = re.compile(r"\b[245]\.\d{1,3}\.\d{1,3}\b")
# Throttling: the relay asks the whole sender to slow down.
_THROTTLE = re.compile(r"\b4\.7\.\d{1,3}\b|throttl|rate|too many|slow down", re.IGNORECASE)


def is_throttle(outcome: Outcome) -> bool:
    code = outcome.code or 0
    if code == 454:
        return True
    return code in (421, 450, 451) and bool(_THROTTLE.search(outcome.detail or ""))


def _refusal_key(outcome: Outcome) -> str | None:
    """What makes two permanent refusals "the same" (code + enhanced code), or None when
    this outcome cannot be part of a systemic streak."""
    if outcome.status is not DeliveryStatus.FAILED or not outcome.code:
        return None
    detail = outcome.detail or ""
    if _READER_LEVEL.search(detail):
        return None
    enhanced = _ENHANCED.search(detail)
    return f"{outcome.code} {enhanced.group(0) if enhanced else ''}".strip()


def message_level(outcome: Outcome) -> bool:
    return (
        outcome.status is DeliveryStatus.FAILED
        and (outcome.code or 0) in (552, 554, 550, 553)
        and bool(_MESSAGE_LEVEL.search(outcome.detail or ""))
    )


def _given_back(outcome: Outcome) -> Outcome:
    return Outcome(DeliveryStatus.PENDING, None, outcome.detail)


def _not_handed_over(outcome: Outcome) -> bool:
    return (
        outcome.status is DeliveryStatus.DEFERRED
        and outcome.code is None
        and (outcome.detail or "").startswith("not attempted")
    )


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
) -> RunCounts:
    """Send every claimable ledger row of `day`; return when none is left (or `stop` is set).

    Deferred rows are retried within the run after their backoff, up to SMTP__MAX_ATTEMPTS
    tries; what is still deferred then waits for the next run.

    The ledger is the brake: while outcomes cannot be written (database error, full disk,
    journal unwritable), no message is handed to the relay; what was read is kept and written
    when the ledger returns. After LEASE_SECONDS of that, LedgerUnavailableError."""
    stop = stop or threading.Event()
    smtp = settings.smtp
    counts = RunCounts()
    shared = _Shared()
    concurrency = smtp.concurrency if transport.name == "smtp" else min(smtp.concurrency, 4)
    if connections:
        concurrency = min(concurrency, connections)
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
    throttle = Throttle(smtp.rate)
    sender = settings.sender_address
    threshold = smtp.systemic_refusals
    stop_for_relay = threading.Event()
    give_up_after = settings.lease_seconds
    # No new message reaches the relay while this is set: a stop, or the brake.
    halt = threading.Event()
    finished = threading.Event()
    # What a connection checks before each message: the halt, or a throttling pause (the
    # rest of its chunk goes back untried instead of collecting more 454s).
    gate = _Gate(halt, throttle)

    def follow_stop() -> None:
        while not finished.is_set():
            if stop.wait(0.05):
                halt.set()
                return

    def brake(reason: str) -> None:
        with shared.cond:
            if shared.down_since is None:
                shared.down_since = time.monotonic()
                shared.down_reason = reason
                log.error(
                    "issue %s: cannot record outcomes (%s): no further message is handed to "
                    "the relay until the ledger takes writes again",
                    day,
                    reason,
                )
            halt.set()
            shared.cond.notify_all()

    def release_brake() -> None:
        with shared.cond:
            if shared.down_since is None or shared.journal_broken:
                return
            log.warning(
                "issue %s: the ledger takes writes again after %.1f s; sending resumes",
                day,
                time.monotonic() - shared.down_since,
            )
            shared.down_since = None
            if not stop.is_set() and shared.fatal is None:
                halt.clear()
            shared.cond.notify_all()

    def gave_up() -> bool:
        with shared.cond:
            return shared.down_since is not None and (
                time.monotonic() - shared.down_since > give_up_after
            )

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

    refusals: list[Any] = [None, 0]  # the permanent refusal seen last, and how many in a row

    def watch_refusals(outcome: Outcome) -> None:
        """Stop handing messages over the moment a refusal turns out to be about us (the
        recorder, 0.1 s behind, decides what the ledger says about those readers)."""
        if outcome.status is DeliveryStatus.PENDING:
            return
        key = _refusal_key(outcome)
        with shared.cond:
            if key is None:
                refusals[:] = [None, 0]
                return
            refusals[:] = [key, refusals[1] + 1 if refusals[0] == key else 1]
            systemic = message_level(outcome) or (threshold and refusals[1] >= threshold)
            if systemic and shared.fatal is None:
                shared.fatal = _systemic_error(outcome, refusals[1])
        if systemic:
            halt.set()
            stop_for_relay.set()

    def report(key: int, outcome: Outcome) -> None:
        """One outcome, the moment it is known: to the journal, then to the recorder."""
        watch_refusals(outcome)
        if _not_handed_over(outcome) and gate.is_set():
            outcome = _given_back(outcome)  # never reached the relay: back to pending
        if is_throttle(outcome) and throttle.slow_down(limiter):
            # A reply about our pace, not about this reader: no attempt is charged.
            outcome = _given_back(outcome)
        if journal is not None:
            try:
                journal.outcome(key, outcome)
            except OSError as exc:
                with shared.cond:
                    shared.journal_broken = True
                brake(f"cannot write the journal {journal.path}: {exc.strerror or exc}")
        results.put([(key, outcome)])

    def handing_over(envelope: Envelope) -> None:
        if halt.is_set():
            raise HandOverRefused
        if journal is not None:
            try:
                journal.handing_over(envelope.key)
            except OSError as exc:
                with shared.cond:
                    shared.journal_broken = True
                brake(f"cannot write the journal {journal.path}: {exc.strerror or exc}")
                raise HandOverRefused from None

    def connect_patiently() -> Connection:
        """A new connection. While no other connection of this run works, a refusal is
        tried again a few times (0.5, 1, 2 s): a relay still counting the sessions we just
        closed, or a brief overload, must not cost readers an attempt."""
        delay = 0.5
        for _ in range(3):
            try:
                return transport.connect()
            except TransportError:
                with shared.cond:
                    alone = shared.live_connections == 0
                if not alone or halt.wait(delay):
                    raise
                delay *= 2
        return transport.connect()

    def sender_loop(index: int, connection: Connection | None) -> None:
        busy = 0.0
        reported: set[int] = set()
        handed: set[int] = set()

        def on_outcome(envelope: Envelope, outcome: Outcome) -> None:
            reported.add(envelope.key)
            report(envelope.key, outcome)

        def on_handover(envelope: Envelope) -> None:
            handing_over(envelope)
            handed.add(envelope.key)

        if connection is not None:
            with shared.cond:
                shared.live_connections += 1
        try:
            while True:
                chunk = work.get()
                if chunk is None:
                    return
                if halt.is_set():
                    # Stopping or braking: hand the batch back untried, uncharged.
                    for e in chunk:
                        report(e.key, _given_back(not_attempted("shutting down")))
                    continue
                started = time.perf_counter()
                reported.clear()
                handed.clear()
                try:
                    if connection is None:
                        connection = connect_patiently()
                        with shared.cond:
                            shared.live_connections += 1
                    limiter.acquire(len(chunk))
                    throttle.pace(limiter)
                    connection.send_many(
                        chunk, stop=gate, on_outcome=on_outcome, on_handover=on_handover
                    )
                except TransportError as exc:
                    connection = None
                    with shared.cond:
                        others = shared.live_connections
                        retire = others > 0
                        if retire:
                            shared.retired += 1
                    if retire:
                        # Other connections work: the relay caps sessions. This slot retires
                        # for the run and its chunk goes back untried, no reader charged.
                        log.warning(
                            "sender %d: the relay refused one more connection (%s); going on "
                            "with %d",
                            index,
                            exc,
                            others,
                        )
                        for e in chunk:
                            report(e.key, _given_back(not_attempted("connection refused")))
                        return
                    for e in chunk:
                        if e.key not in reported:
                            report(e.key, not_attempted(f"relay unavailable: {exc}"))
                except Exception as exc:  # the per-recipient loop: one bad chunk never ends a run
                    log.exception("sender %d: unexpected error; the chunk is deferred", index)
                    if connection is not None:
                        with shared.cond:
                            shared.live_connections -= 1
                    connection = _discard(connection)
                    for e in chunk:
                        if e.key in reported:
                            continue
                        if e.key in handed:  # it may have reached the relay
                            outcome = Outcome(
                                DeliveryStatus.UNKNOWN, None, f"internal error: {exc}"
                            )
                        else:
                            outcome = not_attempted(f"internal error: {exc}")
                        report(e.key, outcome)
                busy += time.perf_counter() - started
        finally:
            if connection is not None:
                with shared.cond:
                    shared.live_connections -= 1
            _discard(connection)
            with shared.cond:
                counts.smtp_seconds += busy

    def recorder_loop() -> None:
        # Outcomes are written within _RECORD_DELAY of arriving, whatever the flow: a delivered
        # row left 'sending' in the ledger would be sent again after a crash. Not sooner: one
        # transaction per chunk tripled the ledger's share of a run (bench/throughput.py).
        pending: list[tuple[int, Outcome]] = []
        oldest = 0.0
        done = False
        retry_at = 0.0
        backoff = _RETRY_FIRST
        while not done or pending or streak:
            try:
                item = results.get(timeout=_RECORD_DELAY)
            except queue.Empty:
                item = []
            if item is None:
                done = True
            elif item:
                if not pending:
                    oldest = time.monotonic()
                pending.extend(item)
            try:
                renew_leases()
            except Exception:  # a missed renewal is retried on the next turn
                log.debug("could not renew the leases of in-flight messages", exc_info=True)
            now = time.monotonic()
            due = now - oldest >= _RECORD_DELAY
            if shared.down_since is not None and now < retry_at:
                continue
            if shared.journal_broken and journal is not None:
                try:
                    journal.write(b"# ok\n")
                    with shared.cond:
                        shared.journal_broken = False
                except OSError:
                    pass
            if pending and (done or len(pending) >= _RECORD_BATCH or due or shared.down_since):
                try:
                    _record(pending)
                except Exception as exc:  # the brake: keep the outcomes, retry with backoff
                    brake(_why(exc))
                    if gave_up():
                        with shared.cond:
                            shared.error = _give_up(day, store, journal, shared, len(pending))
                            shared.cond.notify_all()
                        _drain(results)
                        return
                    retry_at = time.monotonic() + backoff
                    backoff = min(backoff * 2, _RETRY_MAX)
                    continue
                pending = []
                backoff = _RETRY_FIRST
                release_brake()
            elif streak and not pending and shared.in_flight <= len(streak):
                # Nothing else is on its way: the refusals held back were each about their
                # own reader after all.
                try:
                    _record([], flush=True)
                except Exception as exc:
                    brake(_why(exc))
                    retry_at = time.monotonic() + backoff
                    backoff = min(backoff * 2, _RETRY_MAX)
                    continue
            if journal is not None:
                try:
                    journal.sync()
                except OSError as exc:
                    with shared.cond:
                        shared.journal_broken = True
                    brake(f"cannot sync the journal {journal.path}: {exc.strerror or exc}")

    streak: list[tuple[int, Outcome]] = []  # permanent refusals held back, all alike

    def systemic(
        batch: list[tuple[int, Outcome]], flush: bool = False
    ) -> list[tuple[int, Outcome]]:
        """Hold permanent refusals back until they are known to be about their reader: the
        same refusal for SYSTEMIC_REFUSALS readers in a row, or one about the message itself,
        is about us; those readers stay deferred, nobody is bounced, and the run stops."""
        out: list[tuple[int, Outcome]] = []
        if shared.fatal is not None and streak:
            # The run stopped on a refusal about us: what was held back was about us too.
            out.extend((k, _deferred_not_bounced(o)) for k, o in streak)
            streak.clear()
        for key, outcome in batch:
            if shared.fatal is not None and outcome.status is DeliveryStatus.FAILED:
                out.append((key, _deferred_not_bounced(outcome)))
                continue
            refusal = _refusal_key(outcome)
            if refusal is None:
                if outcome.status is not DeliveryStatus.PENDING:
                    out.extend(streak)  # the streak is broken: they were about their readers
                    streak.clear()
                out.append((key, outcome))
                continue
            if streak and _refusal_key(streak[0][1]) != refusal:
                out.extend(streak)
                streak.clear()
            streak.append((key, outcome))
            if message_level(outcome) or (threshold and len(streak) >= threshold):
                with shared.cond:
                    if shared.fatal is None:
                        shared.fatal = _systemic_error(outcome, len(streak))
                halt.set()
                stop_for_relay.set()
                out.extend((k, _deferred_not_bounced(o)) for k, o in streak)
                streak.clear()
        if flush:
            out.extend(streak)
            streak.clear()
        return out

    def _record(batch: list[tuple[int, Outcome]], flush: bool = False) -> None:
        started = time.perf_counter()
        saved = list(streak)
        writable = systemic(batch, flush)
        try:
            store.record(
                writable,
                backoff=smtp.retry_backoff,
                bounce_limit=settings.bounce_limit,
                now=clock(),
                worker=worker,  # a row another sender took over after our lease lapsed stays theirs
            )
        except BaseException:
            # Put the held streak back as it was, so a retry sees the same batch.
            streak[:] = saved
            raise
        unknown = [key for key, o in writable if o.status is DeliveryStatus.UNKNOWN]
        if unknown and settings.resend_unknown:
            counts.unknown_requeued += store.requeue_unknown_now(unknown)
        for key, outcome in writable:
            if outcome.status is DeliveryStatus.PENDING:
                continue  # given back untried: neither an outcome nor a reader's story
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
                shared.fatal = _sender_refused_error(settings, sender, outcome)
                halt.set()
                stop_for_relay.set()
        counts.db_seconds += time.perf_counter() - started
        recorded = sum(1 for _, o in writable if o.status is not DeliveryStatus.PENDING)
        if progress and recorded:
            progress(recorded)
        held_keys = {k for k, _ in streak}
        settle([(k, o) for k, o in [*saved, *batch] if k not in held_keys])

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
    follower = threading.Thread(target=follow_stop, name="stop-follower", daemon=True)
    follower.start()
    for thread in threads:
        thread.start()
    recorder.start()

    def ended() -> bool:
        return stop.is_set() or stop_for_relay.is_set()

    def ledger_call(what: Callable[[], Any]) -> Any:
        """A ledger call of the claiming thread; while the database is away, wait and retry
        (the brake is on), until LEASE_SECONDS have passed."""
        delay = _RETRY_FIRST
        while True:
            with shared.cond:
                if shared.error:
                    raise shared.error
            try:
                return what()
            except StoreError as exc:
                brake(_why(exc))
                if gave_up():
                    with shared.cond:
                        if shared.error is None:
                            shared.error = _give_up(day, store, journal, shared, 0)
                        raise shared.error from None
                if stop.wait(delay):
                    return None
                delay = min(delay * 2, _RETRY_MAX)

    try:
        while not ended():
            with shared.cond:
                if shared.error:
                    raise shared.error
                if shared.down_since is not None and (shared.in_flight or shared.journal_broken):
                    # Braking: the recorder writes what it holds (or the journal recovers)
                    # before anything more is claimed.
                    if gave_up():
                        shared.error = shared.error or _give_up(day, store, journal, shared, 0)
                        raise shared.error
                    shared.cond.wait(0.2)
                    continue
            started = time.perf_counter()
            claims = ledger_call(
                lambda: store.claim(
                    day,
                    worker=worker,
                    limit=claim_limit,
                    lease_seconds=settings.lease_seconds,
                    max_tries=smtp.max_attempts,
                    now=clock(),
                )
            )
            if claims is None:  # stopped while the database was away
                break
            counts.db_seconds += time.perf_counter() - started
            if shared.down_since is not None and not shared.journal_broken:
                release_brake()  # the claim went through: the database is back
            if store.last_claim_skipped:
                counts.outcomes[DeliveryStatus.SKIPPED.value] += store.last_claim_skipped
            if claims:
                _dispatch(claims, personalizer, sender, work, results, shared, counts, chunk_size)
                continue
            # Nothing claimable: let what is in flight land (it may requeue 'unknown' rows).
            with shared.cond:
                while shared.in_flight and not shared.error and not ended():
                    shared.cond.wait(0.5)
                if shared.error:
                    raise shared.error
            if ended():
                break
            if ledger_call(lambda: _claimable_now(store, day, smtp.max_attempts, clock)):
                continue
            retry_at = (
                ledger_call(lambda: store.next_retry_at(day, smtp.max_attempts))
                if wait_for_retries
                else None
            )
            if retry_at is None:
                break
            delay = max(0.0, (retry_at - clock()).total_seconds())
            log.info("issue %s: waiting %.1f s to retry deferred messages", day, delay)
            stop.wait(delay + 0.01)
        counts.stopped = stop.is_set()
    except BaseException:
        halt.set()  # whatever ends the run early, nothing more goes to the relay
        raise
    finally:
        for _ in threads:
            work.put(None)
        for thread in threads:
            thread.join()
        results.put(None)
        recorder.join()
        finished.set()
        counts.connections = max(1, concurrency - shared.retired)
    with shared.cond:
        if shared.error:
            raise shared.error
    if shared.fatal:
        raise shared.fatal
    return counts


_RETRY_FIRST = 0.2  # seconds before the ledger is tried again after a failure; doubles
_RETRY_MAX = 5.0


def _why(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, NewsletterError) else f"{type(exc).__name__}: {exc}"


def _drain(results: queue.Queue[list[tuple[int, Outcome]] | None]) -> None:
    """Empty the queue so nobody blocks on it after the recorder gave up (the outcomes are
    in the journal, or their rows stay in flight for the next run to recover)."""
    while True:
        try:
            results.get_nowait()
        except queue.Empty:
            return


def _give_up(
    day: dt.date, store: Store, journal: Journal | None, shared: _Shared, unrecorded: int
) -> LedgerUnavailableError:
    kept = (
        f"; {unrecorded} outcomes read but not recorded are kept in {journal.path}"
        if (journal is not None and unrecorded and not shared.journal_broken)
        else (f"; {unrecorded} outcomes read could not be kept" if unrecorded else "")
    )
    return LedgerUnavailableError(
        f"issue {day}: stopped sending, outcomes could not be recorded for "
        f"{time.monotonic() - (shared.down_since or time.monotonic()):.0f} s "
        f"({shared.down_reason}){kept}; some deliveries are still owed",
        hint=f"when the database is back, `newsletter send --date {day}` resumes at once",
    )


class _Gate(threading.Event):
    """Set while the run halts or the relay asked us to pause; only is_set() is used."""

    def __init__(self, halt: threading.Event, throttle: Throttle) -> None:
        super().__init__()
        self._halt = halt
        self._throttle = throttle

    def is_set(self) -> bool:
        return self._halt.is_set() or self._throttle.paused()


def _systemic_error(outcome: Outcome, in_a_row: int) -> SystemicRefusalError:
    reply = f"{outcome.code} {mask_addresses_in(outcome.detail)}"
    why = (
        "refuses the message itself"
        if message_level(outcome)
        else f"gave {in_a_row} readers in a row the same permanent refusal"
    )
    return SystemicRefusalError(
        f"the SMTP relay {why}: {reply}; the run stopped, those readers stay deferred and "
        "no bounce was counted",
        hint="fix the message or the sender (size, content, reputation), then `newsletter "
        "send` resumes; NEWSLETTER_SMTP__SYSTEMIC_REFUSALS sets how many in a row",
    )


def _deferred_not_bounced(outcome: Outcome) -> Outcome:
    return Outcome(
        DeliveryStatus.DEFERRED, outcome.code, f"held (systemic refusal): {outcome.detail}"
    )


def _sender_refused_error(settings: Settings, sender: str, outcome: Outcome) -> TransportError:
    """Name the setting the envelope sender came from: with NEWSLETTER_BOUNCE_ADDRESS set, MAIL
    FROM is a VERP address on the bounce domain, not NEWSLETTER_FROM."""
    reply = f"{outcome.code} {mask_addresses_in(outcome.detail)}"
    if settings.bounce_address:
        return TransportError(
            f"the SMTP relay refused the envelope sender on {settings.bounce_address}'s domain "
            f"(VERP): {reply}",
            hint="check NEWSLETTER_BOUNCE_ADDRESS: the relay must be allowed to send with "
            "envelope senders on its domain",
        )
    return TransportError(
        f"the SMTP relay refused the sender {sender}: {reply}",
        hint="check NEWSLETTER_FROM: the relay must be allowed to send for its domain",
    )


def _sender_refused(outcome: Outcome) -> bool:
    """A permanent refusal that still left the row deferred: the relay refused MAIL FROM."""
    return (
        outcome.status is DeliveryStatus.DEFERRED
        and (outcome.code or 0) >= 500
        and not (outcome.detail or "").startswith("held (systemic refusal)")
    )


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
