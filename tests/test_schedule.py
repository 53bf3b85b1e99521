"""The morning schedule with an injected clock: fire times come from the real cron trigger,
the job runs the real run_issue against a real SQLite file and a real SMTP server.

Nothing here waits for a wall-clock time: the instants a scheduler would fire at are computed
from the trigger and handed to the job as its clock."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsletter.job import issue_lock_name, run_issue
from newsletter.schedule import (
    HEARTBEAT_NAME,
    JOB_ID,
    MorningJob,
    cron_trigger,
    fire_times,
    make_scheduler,
    plan_fire,
    plan_start_up,
    previous_fire,
    run_scheduler,
)
from newsletter.settings import Settings
from newsletter.store import Store
from tests.smtp_server import Fault, FaultPlan, SmtpServer

REPO = Path(__file__).resolve().parents[1]
SEOUL = ZoneInfo("Asia/Seoul")
DAY = dt.date(2026, 3, 2)  # a Monday; any date works, the job only asks the clock


def at(day: dt.date, hour: int, minute: int = 0, second: int = 0, zone: str = "Asia/Seoul"):
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=ZoneInfo(zone))


def fixed(moment: dt.datetime) -> Callable[[], dt.datetime]:
    return lambda: moment


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as smtp:
        yield smtp


@pytest.fixture
def settings_for(make_settings, server: SmtpServer) -> Callable[..., Settings]:  # type: ignore[no-untyped-def]
    def make(**overrides: object) -> Settings:
        smtp = {"host": server.host, "port": server.port, "security": "none"}
        smtp.update(overrides.pop("smtp", {}))  # type: ignore[arg-type]
        return make_settings(smtp=smtp, **overrides)

    return make


@pytest.fixture
def settings(settings_for) -> Settings:  # type: ignore[no-untyped-def]
    return settings_for()


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = Store.open(settings.db_url)
    yield s
    s.close()


def add_readers(store: Store, n: int) -> list[str]:
    addresses = [f"reader{i}@example.com" for i in range(n)]
    for address in addresses:
        store.add_subscriber(address, None)
    return addresses


def received(server: SmtpServer) -> Counter[str]:
    return Counter(r for m in server.messages for r in m.rcpt_tos)


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


class SchedulerThread:
    """run_scheduler in a thread (as `newsletter schedule` runs it, minus the signals)."""

    def __init__(self, settings: Settings, clock: Callable[[], dt.datetime], **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.stop = threading.Event()
        self.result: list[int] = []
        self.thread = threading.Thread(
            target=lambda: self.result.append(
                run_scheduler(
                    settings, clock=clock, stop=self.stop, heartbeat_interval=0.1, **kwargs
                )
            ),
            daemon=True,
        )

    def __enter__(self) -> SchedulerThread:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the scheduler did not stop"
        assert self.result == [0]


def started(store: Store) -> Callable[[], bool]:
    """The scheduler has decided what its start owes (it beats only after that)."""
    return lambda: store.last_beat(HEARTBEAT_NAME) is not None


# ---- the APScheduler options -------------------------------------------------------------


def test_the_job_is_set_up_on_purpose(settings: Settings, store: Store) -> None:
    job = MorningJob(settings, store)
    scheduler = make_scheduler(job)
    scheduled = scheduler.get_job(JOB_ID)
    # Not APScheduler's 1-second default: a start at 07:00:02 must still send.
    assert scheduled.misfire_grace_time == 3 * 3600
    assert scheduled.coalesce is True
    assert scheduled.max_instances == 1
    assert scheduled.trigger.timezone == SEOUL
    assert (
        str(scheduled.trigger) == "cron[month='*', day='*', day_of_week='*', hour='7', minute='0']"
    )


def test_the_zone_is_the_setting_never_the_host(settings_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        trigger = cron_trigger(settings_for())
        fires = list(fire_times(trigger, at(DAY, 0), at(DAY, 0) + dt.timedelta(days=1)))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert fires == [at(DAY, 7)]
    assert fires[0].astimezone(dt.UTC) == dt.datetime(2026, 3, 1, 22, 0, tzinfo=dt.UTC)


# ---- 07:00 in Seoul ------------------------------------------------------------------------


def test_the_0700_fire_in_seoul_sends_the_issue_once(
    settings: Settings, store: Store, server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsletter")
    readers = add_readers(store, 3)
    trigger = cron_trigger(settings)
    fires = list(fire_times(trigger, at(DAY, 0), at(DAY, 0) + dt.timedelta(days=2)))
    assert fires == [at(DAY, 7), at(DAY + dt.timedelta(days=1), 7)]

    job = MorningJob(settings, store, clock=fixed(fires[0] + dt.timedelta(milliseconds=40)))
    result = job.fire()
    assert result.action == "sent" and result.day == DAY
    assert result.report is not None and result.report.sent == 3
    assert received(server) == Counter({r: 1 for r in readers})
    assert store.issue_state(DAY) == "done"

    # A second fire the same local day (a restart, a coalesced misfire) sends nothing.
    again = MorningJob(settings, store, clock=fixed(fires[0] + dt.timedelta(minutes=5))).fire()
    assert again.action == "already-sent"
    assert len(server.messages) == 3
    # Said once: it read "issue D already sent: issue D was already sent: …".
    said = [r.getMessage() for r in caplog.records if "already sent" in r.getMessage()]
    assert said and all(m.count("already sent") == 1 for m in said), said
    assert said[-1].startswith(f"issue {DAY} was already sent: 3 sent"), said


def test_a_fire_just_before_midnight_utc_is_the_seoul_day(settings: Settings) -> None:
    # 07:00 KST is 22:00 UTC the day before: the issue is named by the local date.
    moment = dt.datetime(2026, 3, 1, 22, 0, 1, tzinfo=dt.UTC)
    decision = plan_fire(settings, cron_trigger(settings), moment)
    assert decision.action == "send" and decision.day == DAY


def test_a_start_at_070002_catches_up_once(
    settings: Settings, store: Store, server: SmtpServer
) -> None:
    readers = add_readers(store, 3)
    start = at(DAY, 7, 0, 2)
    decision = plan_start_up(settings, cron_trigger(settings), start, store.issue_state)
    assert decision.action == "send" and decision.day == DAY
    assert "catching up issue 2026-03-02: started 2 s after" in decision.reason

    with SchedulerThread(settings, fixed(start)):
        wait_until(lambda: store.issue_state(DAY) == "done")
        beat = store.last_beat(HEARTBEAT_NAME)
    assert received(server) == Counter({r: 1 for r in readers})
    assert store.counts(DAY)["sent"] == 3
    # The heartbeat carries the next run: tomorrow 07:00 in Seoul.
    assert beat is not None and beat[1] == "2026-03-03T07:00:00+09:00"


def test_a_start_after_the_window_sends_nothing_and_says_why(
    settings: Settings, store: Store, server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    add_readers(store, 3)
    caplog.set_level(logging.INFO, logger="newsletter")
    with SchedulerThread(settings, fixed(at(DAY, 10, 30))):  # 07:00 + 3 h window + 30 min
        wait_until(started(store))
        time.sleep(0.3)  # room for a wrong send to begin; none must
    assert server.messages == []
    assert store.issue_state(DAY) is None
    assert (
        "not sending stale issue for 2026-03-02: started 30 min after the window closed"
        in caplog.text
    )


def test_a_start_next_morning_never_sends_yesterdays_issue(
    settings: Settings, store: Store
) -> None:
    add_readers(store, 1)
    trigger = cron_trigger(settings)
    tomorrow_early = at(DAY + dt.timedelta(days=1), 6, 0)
    decision = plan_start_up(settings, trigger, tomorrow_early, store.issue_state)
    assert decision.action == "skip" and decision.stale and decision.day == DAY
    assert decision.reason.startswith("not sending stale issue for 2026-03-02: started 1200 min")


def test_a_late_fire_beyond_the_window_is_skipped(
    settings: Settings, store: Store, server: SmtpServer
) -> None:
    add_readers(store, 2)
    job = MorningJob(settings, store, clock=fixed(at(DAY, 10, 5)))
    result = job.fire()
    assert result.action == "skipped" and "stale issue for 2026-03-02" in result.message
    assert server.messages == [] and store.issue_state(DAY) is None


def test_a_fire_run_after_local_midnight_is_stale(settings_for) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(schedule="59 23 * * *")
    decision = plan_fire(settings, cron_trigger(settings), at(DAY + dt.timedelta(days=1), 0, 0, 5))
    assert decision.action == "skip" and decision.stale and decision.day == DAY
    assert (
        decision.reason == "not sending stale issue for 2026-03-02: the day is over in Asia/Seoul"
    )


def test_a_catch_up_of_zero_still_sends_a_fire_that_is_seconds_late(settings_for) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(catch_up=0)
    trigger = cron_trigger(settings)
    assert plan_fire(settings, trigger, at(DAY, 7, 0, 3)).action == "send"
    assert plan_fire(settings, trigger, at(DAY, 7, 5)).action == "skip"


def test_previous_fire_finds_minutely_and_monthly_schedules(settings_for) -> None:  # type: ignore[no-untyped-def]
    minutely = cron_trigger(settings_for(schedule="* * * * *"))
    assert previous_fire(minutely, at(DAY, 7, 3, 30)) == at(DAY, 7, 3)
    monthly = cron_trigger(settings_for(schedule="0 7 1 * *"))
    assert previous_fire(monthly, at(DAY, 7)) == at(dt.date(2026, 3, 1), 7)
    assert previous_fire(monthly, at(dt.date(2026, 3, 1), 7)) == at(dt.date(2026, 3, 1), 7)


# ---- daylight saving: one local day, one issue ------------------------------------------

DST_CASES = [
    # zone, schedule, the three local days around the change, the day the change happens
    ("Europe/Berlin", "30 2 * * *", dt.date(2026, 3, 28), "spring"),  # 02:30 does not exist
    ("Europe/Berlin", "30 2 * * *", dt.date(2026, 10, 24), "fall"),  # 02:30 happens twice
    ("America/New_York", "30 2 * * *", dt.date(2026, 3, 7), "spring"),
    ("America/New_York", "30 1 * * *", dt.date(2026, 10, 31), "fall"),  # 01:30 happens twice
    ("Europe/Berlin", "0 7 * * *", dt.date(2026, 10, 24), "fall"),
]


@pytest.mark.parametrize(
    ("zone", "schedule", "first", "kind"),
    DST_CASES,
    ids=[f"{z}-{s.replace(' ', '_')}-{k}" for z, s, _, k in DST_CASES],
)
def test_one_issue_per_local_day_across_daylight_saving(
    settings_for, server: SmtpServer, zone: str, schedule: str, first: dt.date, kind: str
) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(timezone=zone, schedule=schedule)
    store = Store.open(settings.db_url)
    readers = add_readers(store, 2)
    trigger = cron_trigger(settings)
    days = [first + dt.timedelta(days=i) for i in range(3)]
    start = at(days[0], 0, zone=zone)
    fires = list(fire_times(trigger, start, at(days[-1] + dt.timedelta(days=1), 0, zone=zone)))
    per_day = Counter(f.astimezone(settings.zone).date() for f in fires)
    change_day = days[1]
    if kind == "fall" and schedule != "0 7 * * *":
        assert per_day[change_day] == 2, "the repeated hour should fire twice"
    assert set(per_day) == set(days), "every local day has at least one fire"

    results = []
    for fire in fires:
        job = MorningJob(settings, store, clock=fixed(fire + dt.timedelta(seconds=1)))
        results.append(job.fire())
    sent_per_day = Counter(r.day for r in results if r.sent)
    assert sent_per_day == Counter({d: 1 for d in days})
    assert all(r.action in ("sent", "already-sent") for r in results)
    for day in days:
        assert store.counts(day)["sent"] == len(readers)
    assert received(server) == Counter({r: len(days) for r in readers})
    store.close()


# ---- restart mid-send ----------------------------------------------------------------------


def test_a_stop_mid_send_records_in_flight_and_a_restart_resumes(
    settings_for, server: SmtpServer
) -> None:  # type: ignore[no-untyped-def]
    # One connection pipelining chunks of 16, each message slow: a stop lands mid-issue.
    settings = settings_for(smtp={"concurrency": 1})
    store = Store.open(settings.db_url)
    readers = add_readers(store, 48)
    server.faults = FaultPlan().on_every_message(Fault.slow(0.03))

    with SchedulerThread(settings, fixed(at(DAY, 7, 0, 1))) as first:
        wait_until(lambda: len(server.messages) >= 2)
        first.stop.set()  # what SIGTERM does
        first.thread.join(timeout=20)
    counts = store.counts(DAY)
    # What the relay took is recorded as sent; what was never tried is owed, nothing is lost.
    assert counts["sending"] == 0 and counts["unknown"] == 0
    assert counts["sent"] == len(server.messages) < len(readers)
    assert counts["pending"] + counts["deferred"] == len(readers) - counts["sent"]
    assert store.issue_state(DAY) == "sending"

    server.faults = FaultPlan()
    # Back at 11:00, after the catch-up window: a half-sent issue of today is still finished.
    with SchedulerThread(settings, fixed(at(DAY, 11, 0))):
        wait_until(lambda: store.issue_state(DAY) == "done")
    assert received(server) == Counter({r: 1 for r in readers})
    assert store.counts(DAY)["sent"] == len(readers)
    store.close()


def test_a_crash_mid_send_is_resumed_at_start_up(
    settings_for, server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    """The ledger a killed run leaves: some rows sent, a batch 'sending' under a lease that has
    expired, the rest pending, and the dead run's lock still in the table."""
    settings = settings_for(lease_seconds=1, smtp={"concurrency": 1, "retry_backoff": 0})
    store = Store.open(settings.db_url)
    readers = add_readers(store, 40)
    server.faults = FaultPlan().on_every_message(Fault.slow(0.02))
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        stop.set()  # after the first recorded outcomes: a partly sent issue

    run_issue(DAY, settings, store=store, stop=stop, progress=progress, holder="first")
    server.faults = FaultPlan()
    sent_before = store.counts(DAY)["sent"]
    assert 1 <= sent_before < 38
    # A run that claims two rows and dies: its lock row stays behind, but the OS lock it
    # held died with it, so the scheduler resumes at once instead of waiting for the row.
    claimed = store.claim(DAY, worker="dead", limit=2, lease_seconds=0.2, max_tries=3)
    assert len(claimed) == 2
    assert store.acquire_lock(issue_lock_name(DAY), "dead", ttl=600)
    counts = store.counts(DAY)
    assert counts["sending"] == 2
    first_copies = received(server)

    caplog.set_level(logging.INFO, logger="newsletter")
    with SchedulerThread(settings, fixed(at(DAY, 7, 20))):
        wait_until(lambda: store.issue_state(DAY) == "done")
    assert "resuming issue 2026-03-02, left half-sent" in caplog.text
    assert "being sent by another run" not in caplog.text
    # The claimed rows never reached the relay (the "crash" came first): each reader has one.
    assert received(server) == Counter({r: 1 for r in readers})
    assert set(first_copies) <= set(readers)
    final = store.counts(DAY)
    assert final["sent"] == 40 and final["pending"] == 0 and final["sending"] == 0
    store.close()


def test_an_older_half_sent_issue_is_only_reported(
    settings_for, server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(smtp={"concurrency": 1})
    store = Store.open(settings.db_url)
    add_readers(store, 40)
    server.faults = FaultPlan().on_every_message(Fault.slow(0.02))
    stop = threading.Event()
    run_issue(DAY, settings, store=store, stop=stop, progress=lambda done, total: stop.set())
    assert store.issue_state(DAY) == "sending"
    before = len(server.messages)

    caplog.set_level(logging.INFO, logger="newsletter")
    with SchedulerThread(settings, fixed(at(DAY + dt.timedelta(days=1), 6, 0))):
        wait_until(started(store))
        time.sleep(0.3)
    assert len(server.messages) == before
    assert store.issue_state(DAY) == "sending"
    assert "issue 2026-03-02 was left half-sent" in caplog.text
    assert "newsletter send --date 2026-03-02" in caplog.text
    store.close()


# ---- retries within the day ---------------------------------------------------------------


def test_a_source_written_late_is_sent_on_a_retry_within_the_window(
    settings_for, server: SmtpServer, tmp_path, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "summaries-{date}.jsonl"
    settings = settings_for(source=str(source))
    store = Store.open(settings.db_url)
    readers = add_readers(store, 3)
    caplog.set_level(logging.INFO, logger="newsletter")
    with SchedulerThread(settings, fixed(at(DAY, 7, 0, 2)), retry_after=0.3):
        wait_until(lambda: "will try issue 2026-03-02 again" in caplog.text)
        assert server.messages == [] and store.issue_state(DAY) is None
        sample = REPO / "newsletter" / "sample" / "sample-day.jsonl"
        Path(str(source).replace("{date}", DAY.isoformat())).write_bytes(sample.read_bytes())
        wait_until(lambda: store.issue_state(DAY) == "done")
    assert received(server) == Counter({r: 1 for r in readers})
    store.close()


def test_a_retry_outside_the_window_sends_nothing(
    settings_for, server: SmtpServer, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(source=str(tmp_path / "missing-{date}.jsonl"))
    store = Store.open(settings.db_url)
    add_readers(store, 2)
    moments = iter([at(DAY, 9, 59, 0), at(DAY, 10, 5)])  # the retry comes after 10:00
    now = [next(moments)]
    job = MorningJob(settings, store, clock=lambda: now[0], retry_after=0)
    retries: list = []
    job.schedule_retry = lambda again, when: retries.append(again)
    assert job.fire().action == "failed"
    assert len(retries) == 1
    now[0] = next(moments)
    again = retries[0]()
    assert again.action == "skipped" and "stale issue for 2026-03-02" in again.message
    assert server.messages == [] and len(retries) == 1
    store.close()


def test_a_retried_fire_announces_the_next_run_once(
    settings_for, server: SmtpServer, tmp_path, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    """'next run at ...' was logged twice for one morning: by the fire and by its retry."""
    source = tmp_path / "late-{date}.jsonl"
    settings = settings_for(source=str(source))
    store = Store.open(settings.db_url)
    readers = add_readers(store, 2)
    caplog.set_level(logging.INFO, logger="newsletter")
    job = MorningJob(settings, store, clock=fixed(at(DAY, 7, 0, 2)), retry_after=0)
    retries: list = []
    job.schedule_retry = lambda again, when: retries.append(again)
    assert job.fire().action == "failed" and len(retries) == 1
    sample = REPO / "newsletter" / "sample" / "sample-day.jsonl"
    Path(str(source).replace("{date}", DAY.isoformat())).write_bytes(sample.read_bytes())
    assert retries[0]().action == "sent"
    assert received(server) == Counter({r: 1 for r in readers})
    assert caplog.text.count("next run at") == 1, caplog.text
    store.close()


def test_messages_the_relay_deferred_get_a_later_run_today(
    settings_for, server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(smtp={"max_attempts": 1})
    store = Store.open(settings.db_url)
    readers = add_readers(store, 3)
    server.faults = FaultPlan().on_recipient(readers[1], Fault.tempfail())  # 451 once
    caplog.set_level(logging.INFO, logger="newsletter")
    with SchedulerThread(settings, fixed(at(DAY, 7, 0, 2)), retry_after=0.2):
        wait_until(lambda: store.counts(DAY)["sent"] == 3)
    assert "will try issue 2026-03-02 again" in caplog.text
    assert received(server) == Counter({r: 1 for r in readers})
    store.close()


# ---- two schedulers, one database ----------------------------------------------------------


def test_a_second_scheduler_on_one_database_is_refused(
    settings_for, server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    """Two schedulers on one database used to start side by side (the issue lock kept each
    issue to one send, test_two_jobs_firing_at_once_in_two_threads); the second is now
    refused at once, naming the first, and sends nothing."""
    from newsletter.errors import SchedulerRunningError

    settings = settings_for(lease_seconds=1, smtp={"concurrency": 2})
    seed = Store.open(settings.db_url)
    readers = add_readers(seed, 12)
    stores = [Store.open(settings.db_url), Store.open(settings.db_url)]
    clock = fixed(at(DAY, 7, 0, 2))
    with SchedulerThread(settings, clock, store=stores[0], holder="scheduler-a"):
        wait_until(lambda: seed.issue_state(DAY) == "done")
        with pytest.raises(SchedulerRunningError, match="scheduler-a") as refused:
            run_scheduler(settings, clock=clock, store=stores[1], holder="scheduler-b")
        assert refused.value.exit_code == 3
    assert received(server) == Counter({r: 1 for r in readers})
    assert seed.counts(DAY)["sent"] == 12
    for s in (*stores, seed):
        s.close()


def test_two_jobs_firing_at_once_in_two_threads(settings_for, server: SmtpServer) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(smtp={"concurrency": 2})
    seed = Store.open(settings.db_url)
    readers = add_readers(seed, 10)
    server.faults = FaultPlan().on_every_message(Fault.slow(0.05))
    stores = [Store.open(settings.db_url), Store.open(settings.db_url)]
    jobs = [
        MorningJob(settings, s, clock=fixed(at(DAY, 7, 0, 5)), holder=f"job-{i}")
        for i, s in enumerate(stores)
    ]
    barrier = threading.Barrier(2)
    results = []

    def fire(job: MorningJob) -> None:
        barrier.wait()
        results.append(job.fire())

    threads = [threading.Thread(target=fire, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(r.action for r in results) in (["already-sent", "sent"], ["locked", "sent"])
    assert received(server) == Counter({r: 1 for r in readers})
    for s in (*stores, seed):
        s.close()


# ---- signals -------------------------------------------------------------------------------


def test_sigint_in_the_main_thread_stops_the_scheduler_with_0(
    settings: Settings, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    assert threading.current_thread() is threading.main_thread()
    caplog.set_level(logging.INFO, logger="newsletter")
    before = signal.getsignal(signal.SIGINT)

    def interrupt() -> None:
        wait_until(started(store))
        os.kill(os.getpid(), signal.SIGINT)

    killer = threading.Thread(target=interrupt, daemon=True)
    killer.start()
    code = run_scheduler(settings, clock=fixed(at(DAY, 5, 0)), heartbeat_interval=0.1)
    killer.join()
    assert code == 0
    assert "stopping on SIGINT" in caplog.text and "scheduler stopped" in caplog.text
    assert signal.getsignal(signal.SIGINT) is before, "the previous handler is restored"
