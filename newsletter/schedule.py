"""The morning schedule: `newsletter schedule` runs this in the foreground.

One cron trigger (NEWSLETTER_SCHEDULE, default ``0 7 * * *``) in the configured zone
(NEWSLETTER_TIMEZONE; never the host's), one job that sends *today's* issue through the same
``run_issue`` as ``newsletter send`` and so shares its per-issue lock and ledger.

Why it is safe to run through restarts, deploys and daylight-saving changes:

* The job's identity is the LOCAL DATE in the configured zone. Whatever instant a fire lands
  on, it asks for ``settings.today(now)``; a second fire on the same date (the repeated hour of
  a fall-back day, a second scheduler, a restart) finds the issue done (AlreadySentError) or
  locked (IssueLockedError) and sends nothing. A spring-forward day whose wall time does not
  exist still gets its one fire: APScheduler moves it to the same instant an hour on.
* The job refuses stale issues: a fire (or a start-up) later than the catch-up window after
  today's scheduled time sends nothing and says so; a missed earlier day is never sent by the
  scheduler (an operator can ``newsletter send --date D``).
* APScheduler's memory job store forgets fires missed while the process was down, so the
  catch-up after a late start is decided here (``plan_start_up``), from the trigger and the
  ledger, not by APScheduler.
* SIGTERM/SIGINT set the ``stop`` event that ``run_issue`` watches: it claims no new work,
  lets in-flight messages finish and records them; the next start resumes the rest.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import signal
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any, Literal

from newsletter.errors import (
    AlreadySentError,
    HeaderInjectionError,
    IssueLockedError,
    NewsletterError,
    NothingToSendError,
    SourceError,
    StoreError,
    TransportError,
)

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.cron import CronTrigger

    from newsletter.models import DeliveryReport
    from newsletter.settings import Settings
    from newsletter.store import Store
    from newsletter.store.runlock import HeldLock

log = logging.getLogger(__name__)

JOB_ID = "morning-issue"
START_UP_JOB_ID = "morning-issue-start-up"
RETRY_JOB_ID = "morning-issue-retry"
HEARTBEAT_NAME = "scheduler"
SCHEDULER_LOCK = "scheduler"  # one `newsletter schedule` per database (dies with its holder)
# The heartbeat's info after a clean stop (otherwise the next run's time): health, status and
# /metrics then say "stopped" rather than mistaking a `docker stop` for a dead scheduler.
STOPPED_INFO = "stopped"
HEARTBEAT_INTERVAL = 30.0  # seconds; `newsletter health` allows 120 s, so three beats may fail

# A fire that runs a little after its time (executor start-up, a busy host) is on time, not a
# catch-up: with NEWSLETTER_CATCH_UP=0 the issue must still go out when the process is up.
ON_TIME_SLACK = 60.0

# A relay or database that is down at 07:00, or a source not written yet, gets another try
# this much later, as long as the catch-up window (or, for a half-sent issue, the day) lasts.
RETRY_AFTER = 300.0
MAX_FOLLOW_UPS = 3  # later runs for messages the relay deferred: after 5, 10, 20 min

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# ---- the calendar: pure functions of the trigger and an instant ----------------------------


def cron_trigger(settings: Settings) -> CronTrigger:
    """The schedule as an APScheduler trigger, in the configured zone (never the host's)."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        return CronTrigger.from_crontab(settings.schedule, timezone=settings.zone)
    except ValueError as exc:
        from newsletter.errors import ConfigError

        raise ConfigError(f"NEWSLETTER_SCHEDULE: {exc} (got {settings.schedule!r})") from None


def next_fire(trigger: CronTrigger, now: dt.datetime) -> dt.datetime | None:
    """The first fire time at or after `now`."""
    return trigger.get_next_fire_time(None, now)


def fire_times(trigger: CronTrigger, start: dt.datetime, end: dt.datetime) -> Iterator[dt.datetime]:
    """Every fire time in [start, end), in order, exactly as a running scheduler sees them
    (each one computed from the previous fire, so a repeated fall-back hour shows up twice)."""
    previous: dt.datetime | None = None
    current = start
    while True:
        fire = trigger.get_next_fire_time(previous, current)
        if fire is None or fire >= end:
            return
        yield fire
        previous = current = fire


# CronTrigger (3.x) cannot step backwards, so the last fire is found by looking forward from
# ever further back: a minute-by-minute cron needs the short windows, a monthly one the long.
_LOOKBACK = (
    dt.timedelta(hours=1),
    dt.timedelta(days=1, hours=2),
    dt.timedelta(days=8),
    dt.timedelta(days=32),
    dt.timedelta(days=367),
)


def previous_fire(trigger: CronTrigger, now: dt.datetime) -> dt.datetime | None:
    """The last fire time at or before `now` (None when there was none within a year)."""
    for back in _LOOKBACK:
        last = None
        for fire in fire_times(trigger, now - back, now + dt.timedelta(microseconds=1)):
            last = fire
        if last is not None:
            return last
    return None


def next_run(settings: Settings, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the scheduler next sends, in the configured zone (for `newsletter status`)."""
    fire = next_fire(cron_trigger(settings), now or utc_now())
    return in_zone(fire, settings) if fire else None


def in_zone(moment: dt.datetime, settings: Settings) -> dt.datetime:
    """`moment` as wall time in the configured zone. Through UTC on purpose: astimezone() to the
    zone it already carries is a no-op, and the trigger hands out a spring-forward fire as the
    wall time that does not exist (02:30+01:00) rather than as 03:30+02:00."""
    return moment.astimezone(dt.UTC).astimezone(settings.zone)


def catch_up_window(settings: Settings) -> float:
    """Seconds after a fire within which today's issue still goes out."""
    return max(settings.catch_up, ON_TIME_SLACK)


def _minutes(seconds: float) -> str:
    return f"{math.ceil(seconds / 60)} min"


# ---- decisions: pure, given the clock and the ledger's state -------------------------------

IssueState = Callable[[dt.date], str | None]
# "A scheduler ran long before any fire": a missed earlier fire is reported as stale.
_LONG_AGO = dt.datetime.min.replace(tzinfo=dt.UTC)  # store.issue_state: "sending" | "done" | None


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do now, and the one log line that says why."""

    action: Literal["send", "resume", "skip"]
    day: dt.date
    reason: str
    stale: bool = False  # a missed issue the scheduler will not send (logged as a warning)


def plan_fire(settings: Settings, trigger: CronTrigger, now: dt.datetime) -> Decision:
    """A scheduled fire at `now`: send today's issue unless the fire is stale."""
    today = settings.today(now)
    fire = previous_fire(trigger, now)
    if fire is None:
        return Decision("skip", today, f"no fire of {settings.schedule!r} before {now}")
    fire_day = in_zone(fire, settings).date()
    if fire_day != today:  # e.g. a 23:59 fire that a busy host ran after midnight
        return Decision(
            "skip",
            fire_day,
            f"not sending stale issue for {fire_day}: the day is over in {settings.timezone}",
            stale=True,
        )
    late = (now - fire).total_seconds()
    window = catch_up_window(settings)
    if late > window:
        return Decision(
            "skip",
            today,
            f"not sending stale issue for {today}: fired {_minutes(late - window)} after "
            f"the catch-up window closed",
            stale=True,
        )
    return Decision("send", today, f"sending issue {today} (scheduled {_local(fire, settings)})")


def plan_start_up(
    settings: Settings,
    trigger: CronTrigger,
    now: dt.datetime,
    state: IssueState,
    *,
    last_beat: dt.datetime | None = _LONG_AGO,
) -> Decision:
    """What a scheduler starting at `now` owes today.

    resume:  today's issue was left half-sent by a crash or a stop (whatever the hour: some
             readers already have it, the rest are owed the same issue);
    send:    today's fire passed while we were down and we are within the catch-up window;
    skip:    nothing owed, or only a stale issue, which is logged and never sent.

    `last_beat`: the scheduler's last heartbeat before this start (None: no scheduler ever ran
    on this database). A missed fire of an earlier day is only news when a scheduler was
    running before it and then went down; a new install, or one that first started after that
    fire, was never due to send it and hears when the next issue goes out instead.
    """
    today = settings.today(now)
    today_state = state(today)
    if today_state == "sending":
        return Decision("resume", today, f"resuming issue {today}, left half-sent")
    fire = previous_fire(trigger, now)
    if fire is None:
        return Decision("skip", today, "no earlier fire to catch up")
    fire_day = in_zone(fire, settings).date()
    late = (now - fire).total_seconds()
    window = catch_up_window(settings)
    if fire_day == today:
        if today_state == "done":
            return Decision("skip", today, f"issue {today} already sent")
        if late <= window:
            return Decision(
                "send",
                today,
                f"catching up issue {today}: started {int(late)} s after "
                f"{_local(fire, settings)}, within the {_minutes(window)} window",
            )
    elif state(fire_day) == "done":
        return Decision("skip", today, f"issue {fire_day} already sent")
    elif (last_beat is None or last_beat >= fire) and state(fire_day) is None:
        upcoming = next_fire(trigger, now)
        when = f" at {_local(upcoming, settings)}" if upcoming else ""
        if last_beat is None:
            return Decision(
                "skip", today, f"first start on this database: the first issue goes out{when}"
            )
        return Decision("skip", today, f"nothing to catch up: the next issue goes out{when}")
    overdue = max(late - window, 0.0)
    return Decision(
        "skip",
        fire_day,
        f"not sending stale issue for {fire_day}: started {_minutes(overdue)} after the "
        f"window closed (send it by hand with `newsletter send --date {fire_day}`)",
        stale=True,
    )


def _local(moment: dt.datetime, settings: Settings) -> str:
    return in_zone(moment, settings).isoformat(timespec="seconds")


# ---- the job --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FireResult:
    """What one invocation of the job did; `sent` is True only when this call delivered."""

    action: Literal["sent", "stopped", "skipped", "already-sent", "locked", "failed"]
    day: dt.date
    message: str
    report: DeliveryReport | None = None

    @property
    def sent(self) -> bool:
        return self.action in ("sent", "stopped")


def default_holder() -> str:
    """Names this scheduler in the issue lock, so `newsletter status` can say who sends."""
    # The random tail matters in containers: after `docker restart` the hostname and PID (1)
    # are the same, and a restarted scheduler must not pass for the run that died.
    return f"scheduler@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class MorningJob:
    """The scheduled work: today's issue, through `run_issue`, once per local date."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        clock: Clock | None = None,
        stop: threading.Event | None = None,
        transport: Any = None,
        holder: str | None = None,
        retry_after: float = RETRY_AFTER,
    ) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock or utc_now
        self.stop = stop or threading.Event()
        self.transport = transport
        self.holder = holder or default_holder()
        self.trigger = cron_trigger(settings)
        self.retry_after = retry_after
        self._follow_ups: dict[dt.date, int] = {}
        # Set by make_scheduler: run `again` at `when` (one pending retry at a time).
        self.schedule_retry: Callable[[Callable[[], FireResult], dt.datetime], None] | None = None

    def fire(self) -> FireResult:
        """The cron job: today's issue, unless the fire is stale; then the next run's time,
        once per fire (a retry of this fire does not announce it again)."""
        result = self._fire()
        upcoming = next_fire(self.trigger, self.clock())
        if upcoming is not None:
            when = _local(upcoming, self.settings)
            log.info(f"next run at {when}", extra={"event": "next-run", "next_run": when})
        return result

    def _fire(self) -> FireResult:
        decision = plan_fire(self.settings, self.trigger, self.clock())
        if decision.action == "skip":
            log.warning(decision.reason, extra={"event": "skipped", "issue": str(decision.day)})
            return FireResult("skipped", decision.day, decision.reason)
        log.info("fired: " + decision.reason, extra={"event": "fired", "issue": str(decision.day)})
        return self.run(decision.day, again=self._fire)

    def start_up(self) -> Decision:
        """Decide (and log) what a start owes; the caller runs `resume` when asked to."""
        now = self.clock()
        try:
            beat = self.store.last_beat(HEARTBEAT_NAME)
            last_beat = beat[0] if beat else None
        except Exception:  # only softens a log line; the start must go on
            last_beat = _LONG_AGO
        decision = plan_start_up(
            self.settings, self.trigger, now, self.store.issue_state, last_beat=last_beat
        )
        extra = {"event": "start-up", "issue": str(decision.day)}
        if decision.stale:
            log.warning(decision.reason, extra=extra)
        else:
            log.info(decision.reason, extra=extra)
        self._log_older_unfinished(now)
        return decision

    def resume(self, day: dt.date) -> FireResult:
        """Run `day`'s issue if it is still today (a start-up catch-up, resume or retry)."""
        today = self.settings.today(self.clock())
        if day != today:
            reason = (
                f"not sending stale issue for {day}: the day is over in {self.settings.timezone}"
            )
            log.warning(reason, extra={"event": "skipped", "issue": str(day)})
            return FireResult("skipped", day, reason)
        return self.run(day, again=lambda: self.resume(day))

    def run(self, day: dt.date, *, again: Callable[[], FireResult] | None = None) -> FireResult:
        """One attempt at `day`'s issue. Never raises: the scheduler must outlive a bad day.

        `again` is how to retry: a relay or database that is down, or a source that is not
        there yet, gets another try every `retry_after` seconds (a retried fire still obeys
        the catch-up window); a lock held by another run, when that lock lapses."""
        from newsletter.job import SendOptions, run_issue

        extra: dict[str, object] = {"issue": str(day)}
        if self.stop.is_set():
            return FireResult("skipped", day, "stopping: not starting issue " + str(day))
        try:
            report = run_issue(
                day,
                self.settings,
                SendOptions(),
                store=self.store,
                transport=self.transport,
                stop=self.stop,
                holder=self.holder,
            )
        except AlreadySentError as exc:
            # The second fire of a fall-back day, a restart, a second scheduler: expected.
            # The error says "issue D was already sent: …" itself.
            log.info(str(exc), extra={**extra, "event": "already-sent"})
            return FireResult("already-sent", day, str(exc))
        except IssueLockedError as exc:
            log.info(
                f"issue {day} is being sent by another run: {exc}",
                extra={**extra, "event": "locked"},
            )
            # The holder may be a run that crashed: its lock outlives it by the lease, and then
            # nobody else would finish today's issue. Resume (not re-fire) once it lapses.
            self._retry(lambda: self.resume(day), self._lock_lapses(day), day)
            return FireResult("locked", day, str(exc))
        except NewsletterError as exc:
            log.error(f"issue {day} not sent: {exc}", extra={**extra, "event": "failed"})
            if _transient(exc) and again is not None:
                later = utc_now() + dt.timedelta(seconds=self.retry_after)
                self._retry(again, later, day)
            return FireResult("failed", day, str(exc))
        except Exception as exc:  # a bug must not kill tomorrow's issue: log it, keep running
            log.exception(
                f"issue {day} not sent: unexpected error", extra={**extra, "event": "failed"}
            )
            return FireResult("failed", day, repr(exc))
        owed = _owed(report)
        if owed and self.stop.is_set():
            message = f"stopped mid-issue {day}: {owed} still owed; the next start resumes them"
            log.info(message, extra={**extra, "event": "stopped"})
            return FireResult("stopped", day, message, report)
        if owed:
            # Deferred by the relay past this run's attempts: a later run today takes them,
            # a few times, further apart; tomorrow's scheduler never will (it sends tomorrow's).
            follow_ups = self._follow_ups.get(day, 0)
            if follow_ups < MAX_FOLLOW_UPS:
                self._follow_ups[day] = follow_ups + 1
                later = utc_now() + dt.timedelta(seconds=self.retry_after * 2**follow_ups)
                self._retry(lambda: self.resume(day), later, day)
        return FireResult("sent", day, report.message or f"issue {day} sent", report)

    def _retry(self, again: Callable[[], FireResult], when: dt.datetime, day: dt.date) -> None:
        if self.schedule_retry is None or self.stop.is_set():
            return
        log.info(
            f"will try issue {day} again at {_local(when, self.settings)}",
            extra={"event": "retry", "issue": str(day)},
        )
        self.schedule_retry(again, when)

    def _lock_lapses(self, day: dt.date) -> dt.datetime:
        """When the issue's lock is free at the latest (real time: leases are)."""
        from newsletter.job import issue_lock_name

        now = utc_now()
        try:
            info = self.store.lock_info(issue_lock_name(day))
        except Exception:
            log.debug("cannot read the issue lock", exc_info=True)
            info = None
        if info is None:  # released just now: that run finished, one quick look confirms it
            return now + dt.timedelta(seconds=5)
        _holder, until = info
        if until.tzinfo is None:
            until = until.replace(tzinfo=dt.UTC)
        return max(until, now) + dt.timedelta(seconds=1)

    def _log_older_unfinished(self, now: dt.datetime) -> None:
        from newsletter.job import unfinished_days

        today = self.settings.today(now)
        try:
            days = unfinished_days(self.store, today)
        except Exception:  # only a courtesy log line; the start must go on
            log.debug("cannot list unfinished issues", exc_info=True)
            return
        for day in days:
            if day < today:
                log.warning(
                    f"issue {day} was left half-sent; the scheduler only sends today's issue: "
                    f"finish it with `newsletter send --date {day}`",
                    extra={"event": "unfinished", "issue": str(day)},
                )


def _owed(report: DeliveryReport) -> int:
    """Readers of the issue still without it who may yet get it (failed ones will not)."""
    if report.ledger:
        return sum(report.ledger.get(k, 0) for k in ("pending", "deferred", "sending", "unknown"))
    return report.pending + report.deferred + report.unknown


def _transient(exc: Exception) -> bool:
    """Worth another try later today: the relay or database may come back, the source may be
    written late. A header with a control character will not fix itself."""
    retryable = (TransportError, StoreError, SourceError, NothingToSendError)
    return isinstance(exc, retryable) and not isinstance(exc, HeaderInjectionError)


# ---- the process ----------------------------------------------------------------------------


def make_scheduler(job: MorningJob) -> BackgroundScheduler:
    """An APScheduler (not yet started) with the morning job, its options set on purpose."""
    from apscheduler.schedulers.background import BackgroundScheduler

    settings = job.settings
    scheduler = BackgroundScheduler(timezone=settings.zone)
    scheduler.add_job(
        job.fire,
        trigger=job.trigger,
        id=JOB_ID,
        name="send today's issue",
        replace_existing=True,
        # APScheduler's default grace is 1 s: a process that (re)starts at 07:00:02, or a busy
        # host that gets to the job late, would silently skip the day. Our window is the
        # operator's NEWSLETTER_CATCH_UP, and plan_fire still refuses anything staler.
        misfire_grace_time=max(1, math.ceil(catch_up_window(settings))),
        # Several missed fires (a suspended host, a fall-back hour) collapse into one run.
        coalesce=True,
        # Never two sends of the schedule at once; the issue lock covers other processes.
        max_instances=1,
    )

    def schedule_retry(again: Callable[[], FireResult], when: dt.datetime) -> None:
        scheduler.add_job(
            again,
            trigger="date",
            run_date=when,
            id=RETRY_JOB_ID,
            name="try today's issue again",
            replace_existing=True,
            misfire_grace_time=None,  # a retry that runs late still runs; `again` checks
        )

    job.schedule_retry = schedule_retry
    return scheduler


def run_scheduler(
    settings: Settings,
    *,
    clock: Clock | None = None,
    stop: threading.Event | None = None,
    heartbeat_interval: float = HEARTBEAT_INTERVAL,
    store: Store | None = None,
    transport: Any = None,
    holder: str | None = None,
    retry_after: float = RETRY_AFTER,
) -> int:
    """Run the morning schedule until SIGTERM/SIGINT (or `stop` is set); returns 0.

    `clock` only feeds our own decisions (which day, stale or not): APScheduler keeps real time,
    so tests call `MorningJob.fire` with fire instants computed from the trigger instead of
    waiting for them."""
    clock = clock or utc_now
    stop = stop or threading.Event()
    own_store = store is None
    if store is None:
        from newsletter.store import Store

        store = Store.open(settings.db_url, hint_setting=settings.db_url_setting)
    job = MorningJob(
        settings,
        store,
        clock=clock,
        stop=stop,
        transport=transport,
        holder=holder,
        retry_after=retry_after,
    )
    try:
        held = _hold_the_schedule(job)
    except BaseException:
        if own_store:
            store.close()
        raise
    window = catch_up_window(settings)
    scheduler = make_scheduler(job)
    from newsletter.bounce_imap import add_bounce_job  # issue 14: the bounce mailbox, if set

    add_bounce_job(scheduler, settings, store)
    received: list[str] = []
    restore = _install_signal_handlers(stop, received)
    clean = False
    scheduler.start()
    try:
        log.info(
            f"scheduler started: {settings.schedule!r} in {settings.timezone}, "
            f"catch-up {_minutes(window)}, next run at {_next_iso(job)}",
            extra={"event": "started", "next_run": _next_iso(job), "holder": job.holder},
        )
        notice = settings.outbox_notice() if transport is None else None
        if notice:
            log.warning(notice, extra={"event": "outbox-only"})
        decision = job.start_up()
        if decision.action in ("send", "resume"):
            scheduler.add_job(
                job.resume,
                args=[decision.day],
                id=START_UP_JOB_ID,
                name="catch up or resume today's issue",
                replace_existing=True,
                misfire_grace_time=None,
                max_instances=1,
            )
        _beat(job)
        while not stop.wait(heartbeat_interval):
            _beat(job)
        clean = True
    finally:
        why = f" on {received[0]}" if received else ""
        log.info(
            f"stopping{why}: no new work; in-flight messages finish and are recorded",
            extra={"event": "stopping"},
        )
        stop.set()
        scheduler.shutdown(wait=True)
        restore()
        if clean:  # a crash leaves the last beat to go stale, as it should
            _beat(job, info=STOPPED_INFO)
        held.release()
        if own_store:
            store.close()
        log.info("scheduler stopped", extra={"event": "stopped"})
    return 0


def _hold_the_schedule(job: MorningJob) -> HeldLock:
    """One scheduler per database, checked before anything starts: a lock that dies with its
    holder (newsletter.store.runlock), so a killed scheduler never blocks the next. Then the
    lock's display row (who holds it), a first write: a database or DATA_DIR this process
    cannot write stops it now, with the reason, rather than running on with only heartbeat
    warnings. (No heartbeat yet: start_up reads the previous one.)"""
    from newsletter.errors import SchedulerRunningError

    held = job.store.hold(SCHEDULER_LOCK)
    if held is None:
        found = job.store.lock_holder(SCHEDULER_LOCK)
        who = f" ({found[0]}, since {found[1]:%Y-%m-%d %H:%M} UTC)" if found else ""
        raise SchedulerRunningError(
            f"another scheduler is already running on this database{who}",
            hint="stop it first: two schedulers would each fire the morning job",
        )
    try:
        job.store.take_lock_row(SCHEDULER_LOCK, job.holder, 0.0, None)
    except Exception as exc:
        held.release()
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        raise StoreError(
            f"the scheduler cannot write to its database: {reason}",
            hint=f"check that {job.settings.db_url_setting} (and NEWSLETTER_DATA_DIR) can be"
            " written by this user; it would record no send and no heartbeat",
        ) from None
    return held


def _next_iso(job: MorningJob) -> str:
    fire = next_fire(job.trigger, job.clock())
    return _local(fire, job.settings) if fire else "never"


def _beat(job: MorningJob, info: str | None = None) -> None:
    try:
        # Stamped with real time, not `clock`: liveness is about the wall clock health reads.
        job.store.beat(HEARTBEAT_NAME, info=_next_iso(job) if info is None else info)
    except Exception as exc:  # a database blip must not stop the schedule; health will tell
        log.warning(f"heartbeat not recorded: {exc}", extra={"event": "heartbeat-failed"})


def _install_signal_handlers(stop: threading.Event, received: list[str]) -> Callable[[], None]:
    """SIGTERM (docker stop) and SIGINT (Ctrl-C) only set `stop`; the main loop does the rest.
    Python allows handlers only in the main thread; elsewhere (tests) the caller owns `stop`."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handle(signum: int, _frame: FrameType | None) -> None:
        # Only set the event: logging or joining threads here could deadlock the main thread.
        received.append(signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore
