"""run_issue(): the one place that knows the order of the stages.

    source -> classify -> assemble -> render -> deliver -> report

The CLI's `send`, `preview` and `worker`, the scheduler and the archive all come through here,
so a preview, a dry run and a test send exercise exactly the code a real send does.

Split by meaning: the content stages, preview, dry run and test send are in job_content.py;
recovery from a dead run in job_recovery.py; the locks in job_locks.py. This module is the run
of the leader and of a worker, start to report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsletter.errors import (
    AlreadySentError,
    InputError,
    LedgerUnavailableError,
    NewsletterError,
    StoreError,
)
from newsletter.job_content import BuiltIssue as BuiltIssue
from newsletter.job_content import SendOptions as SendOptions
from newsletter.job_content import build_issue as build_issue
from newsletter.job_content import check_source_file, dry_run, test_send
from newsletter.job_content import preview_issue as preview_issue
from newsletter.job_locks import issue_holder as issue_holder
from newsletter.job_locks import issue_lock_name as issue_lock_name
from newsletter.job_locks import run_locks, utcnow
from newsletter.job_locks import sender_lock_name as sender_lock_name
from newsletter.job_recovery import others_in_flight, recover_at_start
from newsletter.job_recovery import recover as recover
from newsletter.models import DeliveryReport, DeliveryStatus, Issue
from newsletter.prebuild import adopt_records
from newsletter.startup import resume_gc

if TYPE_CHECKING:
    from newsletter.deliver import Personalizer, RunCounts
    from newsletter.delivery.queuer import Queuer
    from newsletter.journal import Journal
    from newsletter.mailers.base import Connection, Transport
    from newsletter.models import RenderedIssue
    from newsletter.prebuild import Prebuild
    from newsletter.render import Renderer
    from newsletter.settings import Settings
    from newsletter.store import Store

log = logging.getLogger(__name__)


def default_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


# ---- the whole run -------------------------------------------------------------------------


@contextmanager
def _follow(source: threading.Event | None, target: threading.Event) -> Iterator[None]:
    """Set `target` when `source` is set, for as long as the block runs."""
    if source is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if source.wait(0.1):
                target.set()
                return

    watcher = threading.Thread(target=watch, name="stop-follower", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()  # the watcher notices within 0.1 s; nobody needs to wait for it


def run_issue(
    day: dt.date,
    settings: Settings,
    options: SendOptions = SendOptions(),
    *,
    store: Store | None = None,
    transport: Transport | None = None,
    stop: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
    holder: str | None = None,
    clock: Callable[[], dt.datetime] = utcnow,
    prebuild: Prebuild | None = None,
) -> DeliveryReport:
    """Send (or resume) the issue of `day` to every active reader, exactly once each.

    Raises IssueLockedError when another run holds the issue, AlreadySentError when every
    reader already has it, SourceError/NothingToSendError when there is nothing to send,
    TransportError when the relay cannot be used at all (nothing is marked sent then).
    `prebuild`: a helper process building a new issue's content meanwhile (ended here)."""
    try:
        return _run_issue(
            day, settings, options, store, transport, stop, progress, holder, clock, prebuild
        )
    finally:
        if prebuild is not None:
            prebuild.close()


def _note_stop(
    store: Store, day: dt.date, exc: NewsletterError, clock: Callable[[], dt.datetime]
) -> None:
    """Why this run stopped, kept in the audit log for `status`: the ledger alone showed an
    issue the relay refused before anything went out as 'partial', 0 sent, and no reason.
    Not when the database is the trouble (the note could not be written) or nothing was
    wrong (already sent); never in the way of the error itself."""
    if isinstance(exc, (StoreError, AlreadySentError)):
        return
    from newsletter.store.console import STOP_ACTION, audit

    try:
        reason = f"exit {exc.exit_code}: {exc}"
        audit(store, "newsletter", "job", STOP_ACTION, reason, day, clock(), wait_ms=2_000)
    except NewsletterError:
        log.warning("issue %s: could not note why the run stopped", day, exc_info=True)


def _already_sent_hint(day: dt.date, settings: Settings) -> str:
    from newsletter.mailers.outbox import count_eml

    hint = "--resend-failed retries the failed, --force sends it to everyone again"
    folder = settings.outbox_path / day.isoformat()
    # The issue "sent" with no SMTP__HOST went to the outbox only: once the relay is set, the
    # operator must learn that readers never had it, or they never will.
    # Issue messages only: a `send --to` [TEST] copy lands in that folder too, and after a
    # real SMTP send --force would mail everyone twice.
    if settings.effective_transport == "smtp" and count_eml(folder, first_message=True)[0]:
        hint = (
            f"it may have gone to the outbox folder {folder.absolute()} only, when"
            " NEWSLETTER_SMTP__HOST was not set: --force sends it to every reader by SMTP;"
            " --resend-failed retries the failed"
        )
    return hint


def _run_issue(
    day: dt.date,
    settings: Settings,
    options: SendOptions,
    store: Store | None,
    transport: Transport | None,
    stop: threading.Event | None,
    progress: Callable[[int, int], None] | None,
    holder: str | None,
    clock: Callable[[], dt.datetime],
    prebuild: Prebuild | None,
) -> DeliveryReport:
    from newsletter.mailers import make_transport
    from newsletter.store import Store as StoreClass

    started = time.monotonic()
    # An outbox transport makes its day folder at the first write: a run that fails on its
    # source leaves none behind.
    transport = transport or make_transport(settings, day=day, test=bool(options.to))
    if options.to:
        return test_send(day, settings, options, transport, started)
    own_store = store is None
    store = store or StoreClass.open(settings.db_url, hint_setting=settings.db_url_setting)
    try:
        if options.dry_run:
            return dry_run(day, settings, options, store, started)
        holder = holder or default_holder()
        # The caller's stop (SIGTERM) and a lost lock both end this run's sending the same
        # way; a lost lock must not stop the caller (the scheduler lives on).
        run_stop = threading.Event()
        with (
            _follow(stop, run_stop),
            run_locks(store, holder, settings.lease_seconds, day=day, clock=clock, lost=run_stop),
        ):
            try:
                report = _send(
                    day,
                    settings,
                    options,
                    store,
                    transport,
                    run_stop,
                    progress,
                    holder,
                    clock,
                    started,
                    prebuild,
                )
            except NewsletterError as exc:
                _note_stop(store, day, exc, clock)
                raise
            if run_stop.is_set() and not (stop and stop.is_set()):
                report.message = "stopped: this run lost the issue's lock to another run"
            return report
    finally:
        if own_store:
            store.close()


def _send(
    day: dt.date,
    settings: Settings,
    options: SendOptions,
    store: Store,
    transport: Transport,
    stop: threading.Event | None,
    progress: Callable[[int, int], None] | None,
    holder: str,
    clock: Callable[[], dt.datetime],
    started: float,
    prebuild: Prebuild | None = None,
) -> DeliveryReport:
    """The leader's send: open (or resume) the issue, recover what a dead run left in flight,
    then deliver until nothing is owed that this run can do something about."""
    from newsletter.deliver import Personalizer, RunCounts
    from newsletter.delivery.queuer import Queuer

    report = DeliveryReport(day=day)
    db_started = time.perf_counter()
    # A new issue's first connection is opened while its summaries are classified and rendered
    # (SMTP round trips, TLS: network waits that need not follow them); nothing is sent on it
    # before a row is claimed.
    connection = _FirstConnection(transport)
    try:
        issue, renderer, queue_after = _open_issue(
            day,
            settings,
            options,
            store,
            clock,
            report,
            connect_early=connection.start,
            prebuild=prebuild,
            stop=stop,
        )
    except BaseException:
        connection.discard()
        raise
    if prebuild is not None:
        # The helper's other section sets, rendered while this process stored the issue and
        # queued the first readers; it is gone before the queuer's thread starts (a third
        # busy thread beside the helper's last renders: slower on a loaded machine) and
        # before the first message is built (the two processes' memory).
        prebuild.settle(stop)
    queuer: Queuer | None = None
    if queue_after is not None:
        # The rest of the readers are queued while the first ones are sent.
        queuer = Queuer(
            store,
            day,
            after=queue_after,
            clock=clock,
            stop=stop or threading.Event(),
            give_up_after=settings.lease_seconds,
        )
        queuer.start()
    try:
        recover_at_start(store, day, settings, clock, holder, report)
        total = _owed(store.counts(day))
        report.timings["db"] = time.perf_counter() - db_started

        # Fail fast on a relay that cannot be used at all, before a single row is claimed.
        needs_relay = queuer is not None or (total > 0 and store.owes_messages(day, issue.regions))
        first_connection = connection.take(stop) if needs_relay else None
        if needs_relay and first_connection is None:  # stopped while the relay kept us waiting
            report.message = "stopped before sending anything; the next run resumes"
            idle = Personalizer(issue, settings, renderer)
            return _finish(report, RunCounts(), store.counts(day), idle, started, store)
        personalizer = Personalizer(issue, settings, renderer)
        done_so_far = 0

        def tick(n: int) -> None:
            nonlocal done_so_far
            done_so_far += n
            if progress:
                progress(done_so_far, total + (queuer.expected if queuer else 0))

        resume_gc()  # start-up is over: the collector is back before the first claim
        counts, ledger = _deliver_until_settled(
            day,
            settings,
            store,
            transport,
            stop=stop or threading.Event(),
            holder=holder,
            clock=clock,
            issue=issue,
            renderer=renderer,
            personalizer=personalizer,
            first_connection=first_connection,
            tick=tick,
            report=report,
            queuer=queuer,
        )
    finally:
        connection.discard()  # a connection opened early and not needed after all
        if queuer is not None:
            queuer.close()
    return _finish(report, counts, ledger, personalizer, started, store)


def _open_issue(
    day: dt.date,
    settings: Settings,
    options: SendOptions,
    store: Store,
    clock: Callable[[], dt.datetime],
    report: DeliveryReport,
    connect_early: Callable[[], None] = lambda: None,
    prebuild: Prebuild | None = None,
    stop: threading.Event | None = None,
) -> tuple[Issue, Renderer, int | None]:
    """The issue to send: built and stored the first time, loaded from the store when a run
    already began it (so every run sends the same content).

    The third value is where queueing goes on (a subscriber id) when readers are still to be
    queued: the first time, the first FIRST_CHUNK readers are queued here and the rest while
    sending; a run that resumes an issue whose queueing a crash cut short resumes it."""
    from newsletter.assemble import issue_from_dict, issue_to_dict
    from newsletter.delivery.queuer import FIRST_CHUNK
    from newsletter.render import Renderer

    if options.force:
        log.warning("issue %s: --force, starting the issue over", day)
        store.delete_issue(day)
    state = store.issue_state(day)
    renderer = Renderer(settings)
    if state is None and options.resend_failed:
        raise InputError(
            f"issue {day} was never sent, so there is nothing to resend",
            hint=f"check --date; `newsletter send --date {day}` sends it to everyone",
        )
    queue_after: int | None = None
    if state is not None and prebuild is not None:
        prebuild.close()  # the issue is under way: its content is in the store
    if state is None:
        check_source_file(options.source or settings.source, day)  # before the relay is dialled
        connect_early()
        prebuilt = _prebuilt(day, settings, options, store, prebuild, stop)
        built = prebuilt[0] if prebuilt else build_issue(day, settings, options.source, store=store)
        if not store.active_after(0, limit=1):
            # Sealing an issue for nobody would keep it from readers added later today.
            raise InputError(
                f"no active subscribers: issue {day} was not sent",
                hint="add readers with `newsletter subscribers import FILE.csv` or "
                "`subscribers add EMAIL`; `newsletter demo` shows an issue without a list",
            )
        issue = built.issue
        report.problems = built.problems
        if prebuilt and prebuild:
            adopt_records(prebuilt[2])
            renderer.adopt(issue, prebuilt[1], elsewhere=prebuild.rendered_for)
        full = renderer.render(issue)
        store.save_issue(day, issue_to_dict(issue), full.subject)
        # "sending" before the rows: a crash between the two finds queued_at unset and the
        # next run queues the rest.
        store.mark_issue(day, "sending", now=clock())
        added, queue_after = store.enqueue_chunk(day, after=0, limit=FIRST_CHUNK, now=clock())
        if queue_after is None:
            store.mark_queued(day, now=clock())
        log.info(
            "issue %s: %d items from %s, %d readers queued%s",
            day,
            issue.item_count,
            built.location,
            added,
            "" if queue_after is None else ", the rest while sending",
        )
    else:
        payload = store.load_issue(day)
        if payload is None:
            raise StoreError(f"issue {day} has ledger state {state!r} but no stored content")
        issue = issue_from_dict(payload)
        if options.source:
            log.warning("issue %s is already under way: --source is ignored (use --force)", day)
        if options.resend_failed:
            n = store.reset_failed(day)
            log.info("issue %s: %d failed deliveries queued again", day, n)
        if state == "sending" and not store.issue_queued(day):
            queue_after = store.queued_through(day)
            log.warning("issue %s: a run stopped while queueing readers; queueing the rest", day)
        ledger = store.counts(day)
        if state == "done" and not _owed(ledger):
            raise AlreadySentError(
                f"issue {day} was already sent: {ledger['sent']} sent, {ledger['failed']} failed,"
                f" {ledger['skipped']} skipped; nothing to do",
                hint=_already_sent_hint(day, settings),
            )
    return issue, renderer, queue_after


def _prebuilt(
    day: dt.date,
    settings: Settings,
    options: SendOptions,
    store: Store,
    prebuild: Prebuild | None,
    stop: threading.Event | None = None,
) -> tuple[BuiltIssue, RenderedIssue, list[logging.LogRecord]] | None:
    """The issue as the helper process built it (its build's log lines logged here), with
    its full render and that render's log lines; None: build it here. A stop (SIGTERM)
    while the helper builds ends the wait at once, and the issue is built and queued here
    all the same, as for a stop that came a moment later: a stopped run leaves the issue
    stored and its readers queued, whichever way it was built (the next run resumes it)."""
    if prebuild is None:
        return None
    from newsletter.store.console import overrides_for

    # The overrides as build_issue reads them through this run's store.
    got = prebuild.take(day, settings, options.source, overrides_for(store, day), stop=stop)
    if got is None:
        return None
    built, full, built_records, render_records = got
    adopt_records(built_records)
    return built, full, render_records


def _deliver_until_settled(
    day: dt.date,
    settings: Settings,
    store: Store,
    transport: Transport,
    *,
    stop: threading.Event,
    holder: str,
    clock: Callable[[], dt.datetime],
    issue: Issue,
    renderer: Renderer,
    personalizer: Personalizer,
    first_connection: Connection | None,
    tick: Callable[[int], None],
    report: DeliveryReport,
    queuer: Queuer | None = None,
) -> tuple[RunCounts, dict[str, int]]:
    """Deliver, then keep going while other workers may still hand rows back or die holding
    them; mark the issue done and archive it. The journal is removed only after a clean end."""
    from newsletter.message import generic_html

    connections: int | None = None
    with _journalled(settings, day, holder) as journal:
        send = _sender(day, settings, store, transport, personalizer, holder, clock, journal)

        def send_what_is_claimable(connection: Connection | None = None) -> RunCounts:
            return send(
                first_connection=connection,
                stop=stop,
                progress=tick,
                connections=connections,
                queueing_done=queuer.settled if queuer is not None else None,
                claimed=queuer.first_claim_made.set if queuer is not None else None,
            )

        try:
            counts = send_what_is_claimable(first_connection)
            connections = counts.connections
            if queuer is not None and queuer.error is not None:
                raise queuer.error  # the rows queued were sent; the next run queues the rest
            while not stop.is_set():
                # Workers may still hold rows, hand rows back (stopped: deferred), or die
                # holding them (their sender lock frees at once, or their lease lapses: the
                # rows become ours). Keep going until nothing is owed that this run can still
                # do something about.
                took_over = others_in_flight(store, day, settings, stop, clock, holder, report)
                retry_at = store.next_retry_at(day, settings.smtp.max_attempts)
                if not (took_over or retry_at or store.has_pending(day)):
                    break
                counts.merge(send_what_is_claimable())
                connections = counts.connections
            ledger = store.counts(day)
            queued = queuer is None or queuer.finished.is_set()
            if queued and not _owed(ledger) and not ledger.get("sending", 0):
                store.mark_issue(day, "done", now=clock())
            full = renderer.render(issue)  # cached: rendered once at the start of the run
            store.save_archive(day, full.subject, generic_html(full, settings), full.text)
        except LedgerUnavailableError:
            raise
        except StoreError as exc:
            # Once sending began, a database failure is never "bad configuration" (exit 2):
            # the outcomes read are in the journal, the rest is owed; the next run resumes.
            raise LedgerUnavailableError(
                f"issue {day}: {exc.message}; some deliveries are still owed",
                hint=f"when the database is back, `newsletter send --date {day}` resumes at once",
            ) from None
    return counts, ledger


@contextmanager
def _journalled(settings: Settings, day: dt.date, holder: str) -> Iterator[Journal]:
    """This sender's delivery journal for the block, removed only after a clean end: a store
    failure (or a crash) leaves it for the next run to read; a NewsletterError that is not the
    store's (e.g. the relay refused us) ends cleanly, every outcome read having been recorded."""
    journal = open_journal(settings, day, holder)
    clean = False
    try:
        yield journal
        clean = True
    except StoreError:
        raise
    except NewsletterError:
        clean = True
        raise
    finally:
        journal.close(remove=clean)


def _sender(
    day: dt.date,
    settings: Settings,
    store: Store,
    transport: Transport,
    personalizer: Personalizer,
    holder: str,
    clock: Callable[[], dt.datetime],
    journal: Journal,
) -> Callable[..., RunCounts]:
    """deliver() with what the leader and a worker pass alike; each adds its own (the first
    connection, a stop, progress, how queueing is known to be done)."""
    from newsletter.deliver import deliver

    return functools.partial(
        deliver,
        day,
        store=store,
        transport=transport,
        personalizer=personalizer,
        settings=settings,
        worker=holder,
        clock=clock,
        journal=journal,
    )


def run_worker(
    day: dt.date,
    settings: Settings,
    *,
    store: Store | None = None,
    transport: Transport | None = None,
    stop: threading.Event | None = None,
    holder: str | None = None,
    clock: Callable[[], dt.datetime] = utcnow,
    wait: float = 0.0,
) -> DeliveryReport:
    """Join an issue another run is already sending, as one more sender. Workers claim
    disjoint batches (FOR UPDATE SKIP LOCKED on PostgreSQL); the leader that holds the issue
    lock does recovery and marks the issue done."""
    from newsletter.assemble import issue_from_dict
    from newsletter.deliver import Personalizer
    from newsletter.mailers import make_transport
    from newsletter.render import Renderer
    from newsletter.store import Store as StoreClass

    started = time.monotonic()
    transport = transport or make_transport(settings, day=day)
    own_store = store is None
    store = store or StoreClass.open(settings.db_url, hint_setting=settings.db_url_setting)
    try:
        # Containers started together: give the leader `wait` seconds to queue the issue.
        deadline = time.monotonic() + wait
        while store.issue_state(day) != "sending" and time.monotonic() < deadline:
            if stop is not None and stop.wait(1.0):
                break
            if stop is None:
                time.sleep(1.0)
        if store.issue_state(day) != "sending":
            raise InputError(
                f"issue {day} is not being sent right now, so there is nothing to join",
                hint=f"start it with `newsletter send --date {day}`",
            )
        # Joined: from here a database failure is never "bad configuration" (exit 2) nor a
        # traceback. As for the leader, this worker's outcomes are recorded or journalled and
        # what it had not sent stays owed: exit 1, one line.
        try:
            payload = store.load_issue(day)
            if payload is None:
                raise StoreError("its content is not in the database")
            issue = issue_from_dict(payload)
            renderer = Renderer(settings)
            personalizer = Personalizer(issue, settings, renderer)
            holder = holder or default_holder()
            # The sender lock dies with this process: the leader recovers our rows at once.
            with (
                run_locks(store, holder, settings.lease_seconds, clock=clock),
                _journalled(settings, day, holder) as journal,
            ):
                send = _sender(
                    day, settings, store, transport, personalizer, holder, clock, journal
                )
                resume_gc()  # start-up is over (see newsletter/startup.py)
                counts = send(
                    first_connection=transport.connect(),
                    stop=stop,
                    # The leader may still be queueing readers; a leader that died while
                    # queueing leaves the rest to the next run.
                    queueing_done=lambda: (
                        store.issue_queued(day) or not store.is_held(issue_lock_name(day))
                    ),
                )
            report = _finish(
                DeliveryReport(day=day, judged_by_ledger=False),
                counts,
                store.counts(day),
                personalizer,
                started,
                store,
            )
        except LedgerUnavailableError:
            raise
        except StoreError as exc:
            raise LedgerUnavailableError(
                f"issue {day}: this worker stopped: {exc.message}; some deliveries are still owed",
                hint=f"once the database answers, `newsletter send --date {day}` resumes;"
                " a leader still running finishes the issue anyway",
            ) from None
        report.pending = 0  # the leader's business; a worker answers for its own rows
        return report
    finally:
        if own_store:
            store.close()


def open_journal(settings: Settings, day: dt.date, holder: str) -> Journal:
    from newsletter.journal import Journal, journal_dir

    folder = journal_dir(settings.data_dir)
    try:
        return Journal(folder, day, holder)
    except OSError as exc:
        raise StoreError(
            f"cannot write the delivery journal in {folder}: {exc.strerror or exc}",
            hint="check NEWSLETTER_DATA_DIR (it must be writable, with free space)",
        ) from None


class _FirstConnection:
    """The run's first connection, made in a thread so that a Ctrl-C or SIGTERM can still win
    (a relay that accepts the connection and never greets would otherwise hold the run for
    SMTP__TIMEOUT), and so that it can be started early. `take` waits for it (None when stopped
    first: nothing was claimed, so nothing is owed by this run) and raises what connecting
    raised; `discard` closes one nobody took, now or when it arrives."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._outcome: dict[str, Any] = {}
        self._settled = False  # taken or discarded: an arriving connection is not kept

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._attempt, name="first-connect", daemon=True)
            self._thread.start()

    def _attempt(self) -> None:
        try:
            connection = self._transport.connect()
        except BaseException as exc:  # handed to the waiting thread, raised there
            with self._lock:
                self._outcome["error"] = exc
            return
        with self._lock:
            if not self._settled:
                self._outcome["connection"] = connection
                return
        with contextlib.suppress(Exception):
            connection.close()

    def take(self, stop: threading.Event | None) -> Connection | None:
        self.start()
        assert self._thread is not None
        while self._thread.is_alive():
            self._thread.join(0.05)  # returns the moment the connection is made
            if stop is not None and stop.is_set():
                self.discard()
                return None
        with self._lock:
            self._settled = True
        if "error" in self._outcome:
            raise self._outcome["error"]
        return self._outcome.pop("connection")

    def discard(self) -> None:
        with self._lock:
            self._settled = True
            connection = self._outcome.pop("connection", None)
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()


def _owed(ledger: dict[str, int]) -> int:
    return sum(ledger.get(k, 0) for k in ("pending", "deferred", "unknown"))


def _finish(report, counts, ledger, personalizer, started, store=None) -> DeliveryReport:  # type: ignore[no-untyped-def]
    o = counts.outcomes
    report.sent = o[DeliveryStatus.SENT.value]
    report.failed = o[DeliveryStatus.FAILED.value]
    # Readers, not attempts: a row deferred twice then sent counts once, as sent. What this
    # run still owes is its rows whose latest state (after any retry, here or elsewhere) is
    # deferred or unknown.
    still = store.statuses(sorted(counts.open)) if store is not None and counts.open else {}
    report.deferred = sum(1 for status in still.values() if status == "deferred")
    report.unknown = sum(1 for status in still.values() if status == "unknown")
    report.skipped = o[DeliveryStatus.SKIPPED.value]
    report.resent_unknown += counts.unknown_requeued
    report.pending = ledger.get("pending", 0)
    report.ledger = ledger
    report.duration = time.monotonic() - started
    report.timings.update(
        db=report.timings.get("db", 0.0) + counts.db_seconds,
        render=personalizer.render_seconds,
        build=counts.build_seconds,
        smtp=counts.smtp_seconds,
    )
    if counts.stopped:
        report.message = "stopped before the end; the next run resumes where this one left off"
    log.info(
        "issue %s %s: sent=%d failed=%d deferred=%d unknown=%d skipped=%d in %.1fs (%.0f/s)",
        report.day,
        "stopped before the end (the next run resumes)" if counts.stopped else "done",
        report.sent,
        report.failed,
        report.deferred,
        report.unknown,
        report.skipped,
        report.duration,
        report.rate,
        extra={
            "issue": report.day.isoformat(),
            "stopped": bool(counts.stopped),
            "sent": report.sent,
            "failed": report.failed,
            "deferred": report.deferred,
            "unknown": report.unknown,
            "skipped": report.skipped,
            "duration": round(report.duration, 3),
            "rate": round(report.rate, 1),
            **{f"{stage}_seconds": round(t, 3) for stage, t in report.timings.items()},
        },
    )
    return report


def unfinished_days(store: Store, today: dt.date) -> list[dt.date]:
    """Issues a crash (or a stop) left half-sent, newest first; only today's is resumed by the
    scheduler, older ones are reported for an operator to `send --date`."""
    return [d for d in store.days() if d <= today and store.issue_state(d) == "sending"]
