"""Locks that die with their holder (newsletter/store/runlock.py), the sender's journal
(newsletter/journal.py), and how `status` names an issue's state."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsletter.cli import STATUS_EXIT, issue_state
from newsletter.journal import Journal, read_journals
from newsletter.mailers.ratelimit import RateLimiter, Throttle
from newsletter.models import DeliveryStatus, Outcome
from newsletter.store import Store

DAY = dt.date(2025, 2, 11)

HOLDER = """
import sys, time
from newsletter.store import Store
store = Store.open(sys.argv[1])
held = store.hold(sys.argv[2])
print("held" if held else "busy", flush=True)
time.sleep(60)
"""


def _holder_process(db_url: str, name: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, db_url, name],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_lock_is_exclusive_and_probed_without_taking_it(db_store: Store) -> None:
    held = db_store.hold("issue:2025-02-11")
    assert held is not None
    assert db_store.hold("issue:2025-02-11") is None  # a second holder, even in this process
    assert db_store.is_held("issue:2025-02-11")
    assert db_store.is_held("issue:2025-02-11")  # probing twice changes nothing
    assert not db_store.is_held("issue:2025-02-12")  # names are independent
    assert held.alive()
    held.release()
    assert not db_store.is_held("issue:2025-02-11")
    again = db_store.hold("issue:2025-02-11")
    assert again is not None
    again.release()


def test_a_killed_holder_frees_the_lock_at_once(db_url: str) -> None:
    """kill -9: no lease to wait for; the OS (or the PostgreSQL server) drops the lock."""
    with Store.open(db_url) as store:
        process = _holder_process(db_url, "issue:2025-02-11")
        try:
            assert store.is_held("issue:2025-02-11")
            assert store.hold("issue:2025-02-11") is None
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        deadline = time.monotonic() + 10  # PostgreSQL notices the dropped session quickly
        while store.is_held("issue:2025-02-11") and time.monotonic() < deadline:
            time.sleep(0.05)
        taken = store.hold("issue:2025-02-11")
        assert taken is not None
        taken.release()


def test_a_sqlite_probe_creates_nothing(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'n.db'}") as store:
        assert not store.is_held("issue:2025-02-11")
        assert not (tmp_path / "n.db.locks").exists() or not any(
            (tmp_path / "n.db.locks").iterdir()
        )
        sender = store.hold("sender:host:1:abc", transient=True)
        assert sender is not None and any((tmp_path / "n.db.locks").iterdir())
        sender.release()
        assert not any((tmp_path / "n.db.locks").iterdir())  # a sender's file goes with it


def test_the_journal_replays_what_was_handed_over_and_answered(tmp_path: Path) -> None:
    journal = Journal(tmp_path, DAY, "host:42:abc")
    journal.handing_over(1)
    journal.outcome(1, Outcome(DeliveryStatus.SENT, 250, "2.0.0 queued\nas 12"))
    journal.handing_over(2)  # the relay holds its reply when the process dies
    journal.outcome(3, Outcome(DeliveryStatus.DEFERRED, 451, "4.7.1 later"))
    journal.sync()
    journal.write(b"O 4 sen")  # a line torn by kill -9
    other_day = Journal(tmp_path, DAY + dt.timedelta(days=1), "host:43:def")
    other_day.handing_over(9)
    replays = read_journals(tmp_path, DAY)
    assert list(replays) == ["host:42:abc"]
    replay = replays["host:42:abc"]
    assert replay.handed == {1, 2, 3}
    assert replay.outcomes[1] == Outcome(DeliveryStatus.SENT, 250, "2.0.0 queued as 12")
    assert replay.outcomes[3].status is DeliveryStatus.DEFERRED and 2 not in replay.outcomes
    journal.close(remove=True)
    assert not replay.path.exists()
    other_day.close(remove=False)
    assert read_journals(tmp_path, DAY + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("stored", "counts", "live", "state"),
    [
        (None, {}, False, "not started"),
        ("sending", {}, False, "interrupted"),  # died while queueing
        ("sending", {"sent": 3, "sending": 2}, False, "interrupted"),
        ("sending", {"sent": 3, "sending": 2}, True, "sending"),
        ("sending", {"sent": 3, "pending": 2}, False, "partial"),
        ("done", {"sent": 3, "failed": 1}, False, "partial"),
        ("done", {"sent": 3, "unknown": 1}, False, "partial"),
        ("done", {"sent": 3, "skipped": 4}, False, "done"),
        # nobody was sent it (the relay refused at once, every reader refused): not 'partial'
        ("sending", {"pending": 5}, False, "failed"),
        ("done", {"failed": 3, "skipped": 1}, False, "failed"),
    ],
)
def test_status_states_and_exit_codes(
    stored: str | None, counts: dict[str, int], live: bool, state: str
) -> None:
    assert issue_state(stored, counts, live=live) == state
    assert STATUS_EXIT[state] == {"done": 0, "sending": 3}.get(state, 1)


def test_throttling_halves_the_rate_then_raises_it_slowly() -> None:
    now = [0.0]
    slept: list[float] = []
    limiter = RateLimiter(100, clock=lambda: now[0], sleep=slept.append)
    throttle = Throttle(100, clock=lambda: now[0], sleep=slept.append)
    assert throttle.slow_down(limiter)
    assert limiter.rate == 50 and throttle.paused()
    assert throttle.slow_down(limiter) and limiter.rate == 50  # the same episode
    assert throttle.pace(limiter) == pytest.approx(0.5)
    now[0] = 0.6
    assert not throttle.paused()
    now[0] = 1.7
    throttle.pace(limiter)
    assert limiter.rate == 60  # + a tenth of SMTP__RATE per quiet second
    for second in range(2, 12):
        now[0] = second + 0.7
        throttle.pace(limiter)
    assert limiter.rate == 100  # never above SMTP__RATE


def test_a_run_whose_postgresql_lock_is_taken_stops_sending(make_settings, db_url: str) -> None:
    """The session holding the issue's advisory lock is killed (a proxy, an admin) and another
    run takes the lock before this one can take it back: this run must stop sending."""
    if not db_url.startswith("postgresql"):
        pytest.skip("the lock of a live SQLite run cannot be taken from it")
    import threading

    from sqlalchemy import text

    from newsletter.job import run_issue
    from tests.smtp_server import Fault, FaultPlan, SmtpServer
    from tests.test_review_delivery import add_readers, smtp_settings

    n = 60
    name = "issue:2025-02-11"
    with Store.open(db_url) as store:
        add_readers(store, n)
        plan = FaultPlan().on_every_message(Fault.slow(0.05, "DOT"))
        taken: list[object] = []
        with SmtpServer(faults=plan, keep_transcript=False) as server:

            def take_it() -> None:
                server.wait_for(5, timeout=60)
                with store.engine.connect() as connection:
                    key = connection.execute(
                        text("SELECT hashtextextended(current_schema() || '|' || :n, 0)"),
                        {"n": name},
                    ).scalar_one()
                    pid = connection.execute(
                        text(
                            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND "
                            "classid::bigint = ((:k >> 32) & 4294967295) AND "
                            "objid::bigint = (:k & 4294967295)"
                        ),
                        {"k": key},
                    ).scalar_one()
                    connection.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
                    connection.commit()
                deadline = time.monotonic() + 5
                while not taken and time.monotonic() < deadline:
                    lock = store.hold(name)
                    if lock is not None:
                        taken.append(lock)

            thief = threading.Thread(target=take_it, daemon=True)
            thief.start()
            settings = smtp_settings(
                make_settings, server, {"database_url": db_url, "batch_size": 4}, concurrency=1
            )
            report = run_issue(dt.date(2025, 2, 11), settings, store=store)
            thief.join()
            sent = len(server.messages)
        assert taken, "the test never got the lock"
        assert sent < n, "the run kept sending after another run took its lock"
        assert "lost the issue's lock" in report.message
        taken[0].release()  # type: ignore[attr-defined]
