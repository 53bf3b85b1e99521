"""run_issue(): the one place that knows the order of the stages.

    source -> classify -> assemble -> render -> deliver -> report

The CLI's `send`, `preview` and `worker`, the scheduler and the archive all come through here,
so a preview, a dry run and a test send exercise exactly the code a real send does.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsletter.errors import (
    AlreadySentError,
    InputError,
    IssueLockedError,
    NothingToSendError,
    StoreError,
)
from newsletter.models import DeliveryReport, DeliveryStatus, Issue, Problem

if TYPE_CHECKING:
    from newsletter.deliver import RunCounts
    from newsletter.mailers.base import Connection, Transport
    from newsletter.settings import Settings
    from newsletter.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SendOptions:
    source: str | None = None  # overrides NEWSLETTER_SOURCE for this run
    to: tuple[str, ...] = ()  # a test send to these addresses only; the ledger is untouched
    dry_run: bool = False  # build every message, send none
    resend_failed: bool = False  # give the failed rows of an issue another go
    force: bool = False  # start the issue over: reload the source, everyone gets it again


@dataclass(frozen=True)
class BuiltIssue:
    issue: Issue
    problems: list[Problem] = field(default_factory=list)
    location: str = ""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def issue_lock_name(day: dt.date) -> str:
    return f"issue:{day.isoformat()}"


def default_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


# ---- content: stages 1-3 -------------------------------------------------------------------


def build_issue(day: dt.date, settings: Settings, source: str | None = None) -> BuiltIssue:
    """Load, classify and assemble the day's summaries. Raises SourceError when the source
    cannot be read and NothingToSendError when it holds fewer than MIN_ITEMS summaries."""
    from newsletter.assemble import assemble
    from newsletter.classify import classify_all
    from newsletter.review import reviewed  # the editor's corrections, for every path
    from newsletter.sources import load_summaries, sample_location

    location = source or settings.source or sample_location()
    loaded = load_summaries(location, day, settings.zone)
    for problem in loaded.problems:
        log.warning("%s", problem.line)
    issue = assemble(day, reviewed(day, settings, classify_all(loaded.summaries)))
    if issue.item_count < settings.min_items:
        raise NothingToSendError(
            f"no e-mail for {day}: {loaded.location or location} has {issue.item_count} "
            f"usable summaries, fewer than NEWSLETTER_MIN_ITEMS={settings.min_items}"
        )
    return BuiltIssue(issue, list(loaded.problems), loaded.location or location)


def preview_issue(
    day: dt.date, settings: Settings, out_dir: Path, *, source: str | None = None
) -> list[Path]:
    """Write <day>.html (as the archive shows it), <day>.txt and <day>.eml (one reader's copy)."""
    from newsletter.deliver import Personalizer
    from newsletter.message import generic_html, generic_text
    from newsletter.render import Renderer

    built = build_issue(day, settings, source)
    renderer = Renderer(settings)
    rendered = renderer.render(built.issue)
    personalizer = Personalizer(built.issue, settings, renderer)
    template = personalizer.template_for(frozenset())
    assert template is not None
    eml = personalizer.message(
        template, subscriber_id=0, salt="preview", email="reader@example.com", name="Reader"
    )
    paths = [out_dir / f"{day.isoformat()}.{ext}" for ext in ("html", "txt", "eml")]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        paths[0].write_text(generic_html(rendered, settings), encoding="utf-8")
        paths[1].write_text(generic_text(rendered, settings), encoding="utf-8")
        paths[2].write_bytes(eml)
    except OSError as exc:
        raise InputError(f"--out {out_dir}: cannot write there ({exc.strerror})") from None
    return paths


# ---- the per-issue lock --------------------------------------------------------------------


@contextmanager
def issue_lock(
    store: Store,
    day: dt.date,
    holder: str,
    ttl: float,
    clock: Callable[[], dt.datetime] = utcnow,
    lost: threading.Event | None = None,
) -> Iterator[threading.Event]:
    """Hold the issue's lock for the whole run, refreshing it so it never lapses while we
    live, and lapses on its own (after `ttl`) if we die. The scheduler and the CLI share it.

    Yields an event that is set if the lock is lost (a stall longer than `ttl`, a database
    outage): another run may have taken the issue, so this one must stop sending at once."""
    lost = lost or threading.Event()
    name = issue_lock_name(day)
    if not store.acquire_lock(name, holder, ttl, now=clock()):
        info = store.lock_info(name)
        who = f" by {info[0]} (until {info[1]:%H:%M:%S} UTC)" if info else ""
        raise IssueLockedError(
            f"issue {day} is being sent right now{who}",
            hint="wait for that run to finish; on PostgreSQL, `newsletter worker "
            f"--date {day}` adds a sender to it",
        )
    done = threading.Event()

    def refresh() -> None:
        last_ok = time.monotonic()
        while not done.wait(ttl / 3):
            try:
                if store.refresh_lock(name, holder, ttl, now=clock()):
                    last_ok = time.monotonic()
                    continue
                log.error("lost the lock on issue %s to another run: stopping", day)
            except Exception:  # a blip in the database is survivable while the lease lasts
                log.warning("could not refresh the lock on issue %s", day, exc_info=True)
                if time.monotonic() - last_ok < ttl * 0.9:
                    continue
                log.error("the lock on issue %s lapsed while the database was away: stopping", day)
            lost.set()
            return

    refresher = threading.Thread(target=refresh, name="lock-refresh", daemon=True)
    refresher.start()
    try:
        yield lost
    finally:
        done.set()
        refresher.join()
        store.release_lock(name, holder)


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
) -> DeliveryReport:
    """Send (or resume) the issue of `day` to every active reader, exactly once each.

    Raises IssueLockedError when another run holds the issue, AlreadySentError when every
    reader already has it, SourceError/NothingToSendError when there is nothing to send,
    TransportError when the relay cannot be used at all (nothing is marked sent then)."""
    from newsletter.mailers import make_transport
    from newsletter.store import Store as StoreClass

    started = time.monotonic()
    transport = transport or make_transport(settings, day=day)
    if options.to:
        return _test_send(day, settings, options, transport, started)
    own_store = store is None
    store = store or StoreClass.open(settings.db_url, hint_setting=settings.db_url_setting)
    try:
        if options.dry_run:
            return _dry_run(day, settings, options, store, started)
        holder = holder or default_holder()
        # The caller's stop (SIGTERM) and a lost lock both end this run's sending the same
        # way; a lost lock must not stop the caller (the scheduler lives on).
        run_stop = threading.Event()
        with (
            _follow(stop, run_stop),
            issue_lock(store, day, holder, settings.lease_seconds, clock, lost=run_stop),
        ):
            report = _send(
                day, settings, options, store, transport, run_stop, progress, holder, clock, started
            )
            if run_stop.is_set() and not (stop and stop.is_set()) and not report.message:
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
) -> DeliveryReport:
    from newsletter.assemble import issue_from_dict, issue_to_dict
    from newsletter.deliver import Personalizer, RunCounts, deliver
    from newsletter.message import generic_html
    from newsletter.render import Renderer

    report = DeliveryReport(day=day)
    db_started = time.perf_counter()
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
    if state is None:
        built = build_issue(day, settings, options.source)
        if not store.count_subscribers().get("active", 0):
            # Sealing an issue for nobody would keep it from readers added later today.
            raise InputError(
                f"no active subscribers: issue {day} was not sent",
                hint="add readers with `newsletter subscribers import FILE.csv` or "
                "`subscribers add EMAIL`; `newsletter demo` shows an issue without a list",
            )
        issue = built.issue
        report.problems = built.problems
        full = renderer.render(issue)
        store.save_issue(day, issue_to_dict(issue), full.subject)
        added = store.enqueue(day, now=clock())
        store.mark_issue(day, "sending", now=clock())
        log.info(
            "issue %s: %d items from %s, %d readers queued",
            day,
            issue.item_count,
            built.location,
            added,
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
        ledger = store.counts(day)
        if state == "done" and not _owed(ledger):
            raise AlreadySentError(
                f"issue {day} was already sent: {ledger['sent']} sent, {ledger['failed']} failed,"
                f" {ledger['skipped']} skipped; nothing to do",
                hint="--resend-failed retries the failed, --force sends it to everyone again",
            )
    recovery = store.start_run(day, resend_unknown=settings.resend_unknown, now=clock())
    report.recovered = recovery.get("recovered", 0)
    report.resent_unknown = recovery.get("requeued", 0)
    if report.recovered:
        log.warning(
            "issue %s: %d messages were in flight when a run died; their fate is unknown%s",
            day,
            report.recovered,
            " and they are sent again once" if settings.resend_unknown else "",
        )
    total = _owed(store.counts(day))
    report.timings["db"] = time.perf_counter() - db_started

    # Fail fast on a relay that cannot be used at all, before a single row is claimed.
    needs_relay = total > 0 and store.owes_messages(day, issue.regions)
    first_connection = _connect_unless_stopped(transport, stop) if needs_relay else None
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
            progress(done_so_far, total)

    stop = stop or threading.Event()

    def send_what_is_claimable(connection: Connection | None = None) -> RunCounts:
        return deliver(
            day,
            store=store,
            transport=transport,
            personalizer=personalizer,
            settings=settings,
            worker=holder,
            first_connection=connection,
            stop=stop,
            progress=tick,
            clock=clock,
        )

    counts = send_what_is_claimable(first_connection)
    while not stop.is_set():
        # Workers may still hold rows, hand rows back (stopped: deferred), or die holding
        # them (their lease lapses: the rows become ours). Keep going until nothing is owed
        # that this run can still do something about.
        took_over = _others_in_flight(store, day, settings, stop, clock)
        retry_at = store.next_retry_at(day, settings.smtp.max_attempts)
        if not (took_over or store.counts(day).get("pending", 0) or retry_at):
            break
        counts.merge(send_what_is_claimable())
    ledger = store.counts(day)
    if not _owed(ledger) and not ledger.get("sending", 0):
        store.mark_issue(day, "done", now=clock())
    full = renderer.render(issue)  # cached: rendered once at the start of the run
    store.save_archive(day, full.subject, generic_html(full, settings), full.text)
    return _finish(report, counts, ledger, personalizer, started, store)


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
    from newsletter.deliver import Personalizer, deliver
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
        payload = store.load_issue(day)
        assert payload is not None
        issue = issue_from_dict(payload)
        renderer = Renderer(settings)
        personalizer = Personalizer(issue, settings, renderer)
        counts = deliver(
            day,
            store=store,
            transport=transport,
            personalizer=personalizer,
            settings=settings,
            worker=holder or default_holder(),
            first_connection=transport.connect(),
            stop=stop,
            clock=clock,
        )
        report = _finish(
            DeliveryReport(day=day, judged_by_ledger=False),
            counts,
            store.counts(day),
            personalizer,
            started,
            store,
        )
        report.pending = 0  # the leader's business; a worker answers for its own rows
        return report
    finally:
        if own_store:
            store.close()


def _connect_unless_stopped(transport: Transport, stop: threading.Event) -> Connection | None:
    """The first connection, made where a Ctrl-C or SIGTERM can still win: a relay that
    accepts the connection and never greets would otherwise hold the run for SMTP__TIMEOUT.
    None when stopped first (nothing was claimed, so nothing is owed by this run)."""
    outcome: dict[str, Any] = {}

    def attempt() -> None:
        try:
            outcome["connection"] = transport.connect()
        except BaseException as exc:  # handed to the waiting thread, raised there
            outcome["error"] = exc

    connecting = threading.Thread(target=attempt, name="first-connect", daemon=True)
    connecting.start()
    while connecting.is_alive():
        connecting.join(0.05)  # returns the moment the connection is made
        if stop.is_set():
            return None
    if "error" in outcome:
        raise outcome["error"]
    return outcome["connection"]


def _others_in_flight(
    store: Store,
    day: dt.date,
    settings: Settings,
    stop: threading.Event,
    clock: Callable[[], dt.datetime],
) -> bool:
    """Wait while `worker` processes still hold rows of the issue. Returns True when some of
    them let their lease lapse (they died): the leader then takes those rows over."""
    while not stop.is_set() and store.counts(day).get("sending", 0):
        recovered = store.start_run(
            day, resend_unknown=settings.resend_unknown, now=clock(), reset_deferred=False
        )
        if recovered["recovered"]:
            log.warning(
                "issue %s: took over %d rows from a sender whose lease lapsed",
                day,
                recovered["recovered"],
            )
            return True
        stop.wait(0.5)
    return False


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
        "issue %s done: sent=%d failed=%d deferred=%d unknown=%d skipped=%d in %.1fs (%.0f/s)",
        report.day,
        report.sent,
        report.failed,
        report.deferred,
        report.unknown,
        report.skipped,
        report.duration,
        report.rate,
        extra={
            "issue": report.day.isoformat(),
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


def _dry_run(
    day: dt.date, settings: Settings, options: SendOptions, store: Store, started: float
) -> DeliveryReport:
    """Build every reader's message exactly as a send would, and send none."""
    from newsletter.deliver import Personalizer
    from newsletter.render import Renderer

    built = build_issue(day, settings, options.source)
    personalizer = Personalizer(built.issue, settings, Renderer(settings))
    report = DeliveryReport(day=day, dry_run=True, problems=built.problems)
    from newsletter.models import SubscriberStatus

    for subscriber in store.iter_subscribers(SubscriberStatus.ACTIVE):
        template = personalizer.template_for(subscriber.regions)
        if template is None:
            report.skipped += 1
            continue
        salt = store.token_salt(subscriber.id) or "dry-run"
        personalizer.message(
            template,
            subscriber_id=subscriber.id,
            salt=salt,
            email=subscriber.email,
            name=subscriber.name,
        )
        report.sent += 1  # "would send"
    report.duration = time.monotonic() - started
    report.message = f"dry run: {report.sent} messages built, none sent"
    return report


def _test_send(
    day: dt.date, settings: Settings, options: SendOptions, transport: Transport, started: float
) -> DeliveryReport:
    from email_validator import EmailNotValidError, validate_email

    from newsletter.deliver import Personalizer, send_to_addresses
    from newsletter.render import Renderer

    addresses = []
    for address in options.to:
        try:
            addresses.append(validate_email(address, check_deliverability=False).normalized)
        except EmailNotValidError as exc:
            raise InputError(f"--to {address!r}: {exc}") from None
    built = build_issue(day, settings, options.source)
    personalizer = Personalizer(built.issue, settings, Renderer(settings), test=True)
    report = DeliveryReport(day=day, test_send=True, problems=built.problems)
    if options.dry_run:
        template = personalizer.template_for(frozenset())
        assert template is not None
        for address in addresses:
            personalizer.message(
                template, subscriber_id=0, salt="test-send", email=address, name=None
            )
        report.dry_run = True
        report.sent = len(addresses)  # "would send"
        report.message = f"dry run: {len(addresses)} test messages built, none sent"
        report.duration = time.monotonic() - started
        return report
    for address, outcome in send_to_addresses(
        addresses, transport=transport, personalizer=personalizer, sender=settings.sender_address
    ):
        setattr(report, outcome.status.value, getattr(report, outcome.status.value) + 1)
        if not outcome.delivered:
            reply = f"{outcome.code or ''} {outcome.detail}".strip()
            report.problems.append(Problem(address, f"not delivered: {reply}"))
    report.duration = time.monotonic() - started
    return report


def unfinished_days(store: Store, today: dt.date) -> list[dt.date]:
    """Issues a crash (or a stop) left half-sent, newest first; only today's is resumed by the
    scheduler, older ones are reported for an operator to `send --date`."""
    return [d for d in store.days() if d <= today and store.issue_state(d) == "sending"]
