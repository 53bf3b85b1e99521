"""Issue 9, the fault matrix: `kill -9` of the whole `newsletter send` process group at each step
of a delivery, on SQLite and PostgreSQL, with 1 and 4 connections.

The relay (tests/fault_smtp.py) holds its reply at the chosen step and tells the test when the
client got there, so the kill lands exactly: before connect (a sender waiting for a relay's
greeting with rows claimed), after MAIL, after DATA, after the final dot while the relay holds
its 250, while outcomes are being written (the ledger locked by the test), and during the
enqueue (a trigger makes the INSERT ... SELECT slow). Each case then asserts what issue 9
promises:

- nobody lost: after one resume every reader has the issue;
- the duplicate bound: only a message wholly handed over whose final reply was not read may go
  twice (the held one with one connection; at most two per connection with four);
- every possible duplicate reported: each reader who got two copies is one the ledger marks as
  resent after an unknown fate, and the resume's count of those is not overstated;
- `status` right after the kill says `interrupted` (no live run holds the issue), and `done`
  after the resume;
- the resume starts at once: the issue lock died with its holder (LEASE_SECONDS is 120 here).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.fault_smtp import FaultSmtp
from tests.faults_harness import LEASE, Done, Scene, setup_scene, tail
from tests.smtp_server import Fault, FaultPlan

# Each case runs the real command in subprocesses: seconds, not milliseconds.
pytestmark = pytest.mark.slow

N = 60
RESUME_BOUND = 15.0  # seconds: Python start-up, rendering, on a loaded 2-core machine; << LEASE
UNKNOWN_AGAIN = r"(\d+) of unknown fate"

# The measured figures of each case are in docs/faults.md (bench/faults.py prints them).
KILL_POINTS = [
    ("connect", 1),
    ("connect", 4),
    ("mail", 1),
    ("mail", 4),
    ("data", 1),
    ("data", 4),
    ("dot", 1),
    ("dot", 4),
    ("record", 1),
    ("record", 4),
    ("enqueue", 1),
]


def _quiet(scene: Scene, held_at_dot: int = 0, timeout: float = 3.0) -> float | None:
    """Wait until every 250 the relay sent is in the ledger and the relay is idle (the other
    connections finished what they could). Seconds it took, None if it never happened."""
    started = time.monotonic()
    stable = 0
    last = -1
    while time.monotonic() - started < timeout:
        taken = len(scene.server.messages)
        sent = scene.counts().get("sent", 0)
        if taken == last and sent == taken - held_at_dot:
            stable += 1
            if stable >= 3:
                return time.monotonic() - started
        else:
            stable = 0
        last = taken
        time.sleep(0.03)
    return None


def _lock_ledger(scene: Scene):  # type: ignore[no-untyped-def]
    """Take the ledger's rows (PostgreSQL) or the database file (SQLite) for writing, so the
    run's next ledger write waits: the kill then lands while outcomes are being written."""
    if scene.db_url.startswith("sqlite"):
        path = scene.db_url.removeprefix("sqlite:///")
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        return connection
    from sqlalchemy import text

    connection = scene.store.engine.connect()
    connection.begin()
    connection.execute(
        text("SELECT id FROM deliveries WHERE day = :day FOR UPDATE"), {"day": scene.day}
    )
    return connection


def _ledger_write_blocked(scene: Scene, timeout: float = 3.0) -> bool:
    """PostgreSQL: the run has a ledger write waiting on our lock. SQLite cannot show it: the
    writer spins in its busy handler, so we give it a moment (the only sleep used to sync)."""
    if scene.db_url.startswith("sqlite"):
        time.sleep(0.5)
        return True
    from sqlalchemy import create_engine, text

    from tests.conftest_db import _psycopg, postgres_base_url

    base = postgres_base_url()
    assert base
    engine = create_engine(_psycopg(base))
    try:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            with engine.connect() as connection:
                waiting = connection.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND query ILIKE '%UPDATE deliveries%'"
                    )
                ).scalar()
            if waiting:
                return True
            time.sleep(0.02)
        return False
    finally:
        engine.dispose()


def _slow_enqueue(scene: Scene, on: bool) -> None:
    """A trigger that makes each ledger row of the enqueue slow, so a kill lands inside it."""
    from sqlalchemy import text

    sqlite = scene.db_url.startswith("sqlite")
    with scene.store.engine.begin() as connection:
        if on and sqlite:
            connection.execute(
                text(
                    "CREATE TRIGGER faults_slow_enqueue AFTER INSERT ON deliveries BEGIN "
                    "SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                    "SELECT x + 1 FROM c WHERE x < 1000000) SELECT x FROM c); END"
                )
            )
        elif on:
            connection.execute(
                text(
                    "CREATE FUNCTION faults_slow() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN PERFORM pg_sleep(0.2); RETURN NEW; END $$"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER faults_slow_enqueue BEFORE INSERT ON deliveries "
                    "FOR EACH ROW EXECUTE FUNCTION faults_slow()"
                )
            )
        elif sqlite:
            connection.execute(text("DROP TRIGGER faults_slow_enqueue"))
        else:
            connection.execute(text("DROP TRIGGER faults_slow_enqueue ON deliveries"))


def _enqueue_under_way(scene: Scene, timeout: float = 20.0) -> bool:
    from sqlalchemy import text

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with scene.store.engine.connect() as connection:
            if scene.db_url.startswith("sqlite"):
                # The issue's content is committed just before the enqueue starts; a row takes
                # ~0.2 s in the trigger, so the kill lands inside the INSERT ... SELECT.
                saved = connection.execute(
                    text("SELECT count(*) FROM issues WHERE day = :day AND payload IS NOT NULL"),
                    {"day": scene.day},
                ).scalar()
                if saved:
                    time.sleep(0.3)
                    return True
            else:
                busy = connection.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                        "AND query ILIKE '%INSERT INTO deliveries%'"
                    )
                ).scalar()
                if busy:
                    return True
        time.sleep(0.02)
    return False


def _reach(scene: Scene, point: str, concurrency: int):  # type: ignore[no-untyped-def]
    """Start `send`, bring it to `point`, return (process, extra figures, cleanup)."""
    server = scene.server
    extra: dict[str, object] = {}
    cleanup = None
    if point == "connect":
        if concurrency == 1:
            # The relay ends the session at the 5th MAIL (421); the sender, holding the rest
            # of its chunk, reconnects and waits for a greeting that does not come.
            server.faults.on_message(5, Fault.shutdown("MAIL"))
        server.hold("GREETING", 2, onwards=True)
        process = scene.send()
        scene.reach(process, "GREETING", 2)
        extra["recorded_in"] = _quiet(scene)
    elif point in ("mail", "data"):
        stage = point.upper()
        server.hold(stage, 6)
        process = scene.send()
        scene.reach(process, stage, 6)
        extra["recorded_in"] = _quiet(scene)
    elif point == "dot":
        server.hold("DOT", 6)
        process = scene.send()
        scene.reach(process, "DOT", 6)
        extra["recorded_in"] = _quiet(scene, held_at_dot=1)
    elif point == "record":
        # Every connection stops at its first MAIL: the batch is claimed, nothing is sent yet.
        server.hold("MAIL", 1, onwards=True)
        process = scene.send()
        scene.reach(process, "MAIL", 1)
        scene.wait_ledger(lambda c: c.get("pending", 0) == 0)
        lock = _lock_ledger(scene)
        # Messages 1-5 are taken and answered while the ledger is locked; 6 on is taken and
        # its 250 held: the kill finds five read replies waiting to be written, one in doubt.
        server.hold("DOT", 6, onwards=True)
        server.release("MAIL")
        try:
            scene.reach(process, "DOT", 6, timeout=3)
        except AssertionError:
            extra["note"] = "the run stopped handing messages over while the ledger was locked"
        extra["ledger_write_blocked"] = _ledger_write_blocked(scene)

        def cleanup() -> None:
            if hasattr(lock, "rollback"):
                lock.rollback()
            lock.close()

    elif point == "enqueue":
        _slow_enqueue(scene, True)
        process = scene.send()
        assert _enqueue_under_way(scene), "the run never reached the enqueue"

        def cleanup() -> None:  # type: ignore[no-redef]
            _slow_enqueue(scene, False)

    else:  # pragma: no cover
        raise ValueError(point)
    return process, extra, cleanup


@pytest.mark.parametrize(
    ("point", "concurrency"), KILL_POINTS, ids=[f"{p}-c{c}" for p, c in KILL_POINTS]
)
def test_kill_9_then_resume(
    point: str, concurrency: int, tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, N, concurrency=concurrency)
        try:
            _kill_and_resume(scene, point, concurrency)
        finally:
            scene.close()


def _kill_and_resume(scene: Scene, point: str, concurrency: int) -> None:
    server = scene.server
    process, extra, cleanup = _reach(scene, point, concurrency)
    killed_at = time.monotonic()
    killed = scene.kill(process)
    in_doubt = server.held_recipients()  # taken by the relay, 250 never sent
    taken_before = len(server.messages)
    server.release()
    if cleanup:
        cleanup()
    after_kill = scene.status()
    in_flight = after_kill.get("sending", 0)
    resumed = scene.resume()
    after = scene.status()
    dups = scene.duplicates()
    lost = scene.lost()
    reported = resumed.figure(UNKNOWN_AGAIN) or 0
    scene.report(
        f"kill -9 {point}",
        concurrency=concurrency,
        readers=N,
        taken_before_kill=taken_before,
        in_doubt=len(in_doubt),
        killed_output=tail(killed),
        killed_exit=killed.code,
        status_after_kill=after_kill.get("state"),
        in_flight_after_kill=in_flight,
        resume_output=tail(resumed),
        resume_exit=resumed.code,
        resume_waited_s=None if resumed.waited is None else round(resumed.waited, 2),
        resume_s=round(resumed.seconds, 2),
        duplicates=len(dups),
        reported_unknown=reported,
        lost=len(lost),
        status_after_resume=after.get("state"),
        since_kill_s=round(time.monotonic() - killed_at, 2),
        **extra,
    )
    _assert_guarantees(scene, resumed, after_kill, after, in_doubt, concurrency, point)


def _assert_guarantees(  # type: ignore[no-untyped-def]
    scene: Scene, resumed: Done, after_kill, after, in_doubt: set[str], concurrency: int, point
) -> None:
    # status right after: the dead run holds nothing, so the issue is not "being sent".
    expected = {"interrupted"} if point != "enqueue" else {"interrupted", "not started"}
    assert after_kill.get("state") in expected, after_kill
    assert after_kill.get("_exit") == 1, after_kill  # status: 1 = something is still owed
    # A resume that starts at once (the lock died with its holder) and finishes the issue.
    resumed.one_line_error()
    assert resumed.code == 0, resumed.text
    assert resumed.waited is not None and resumed.waited < RESUME_BOUND, (
        f"the resume waited {resumed.waited}s (LEASE_SECONDS={LEASE})"
    )
    # Nobody lost.
    assert not scene.lost(), sorted(scene.lost())
    got = scene.received()
    assert max(got.values()) <= 2, got.most_common(3)
    # The duplicate bound: only what was wholly handed over without its reply read.
    dups = scene.duplicates()
    if concurrency == 1:
        assert dups <= in_doubt, f"sent twice: {sorted(dups - in_doubt)}; in doubt: {in_doubt}"
    assert len(dups) <= 2 * concurrency, f"{len(dups)} duplicates with {concurrency} connections"
    # Every possible duplicate reported, and the doubt not overstated.
    reported = resumed.figure(UNKNOWN_AGAIN) or 0
    assert dups <= scene.requeued(), "a reader got two copies the ledger does not admit to"
    assert len(dups) <= reported, resumed.text
    assert reported <= 2 * concurrency, f"{reported} reported of unknown fate: {resumed.text}"
    if point in ("connect", "mail", "data", "enqueue"):
        assert reported == 0 and not dups, resumed.text  # nothing was wholly handed over
    # A row claimed but never handed over (or refused for the connection's sake) is not
    # charged an attempt: only a reader whose message really went twice has two.
    charged = {a for a, k in scene.attempts().items() if k > 1}
    assert charged <= dups, f"charged for nothing: {sorted(charged - dups)[:5]}"
    # status after the resume.
    assert after.get("state") == "done" and after.get("_exit") == 0, after
    assert after.get("sent") == len(scene.readers) and after.get("unknown", 0) == 0, after


def test_a_read_250_reaches_the_ledger_at_once(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """Issue 9: "a 250 that was read is written within 0.1 s even while its connection waits on
    another message". The relay answers messages 1-5 and holds the 250 of message 6; the ledger
    must show the five as sent promptly, not when the chunk ends. Measured from the moment the
    relay saw the 5th final dot (its 250 leaves right after); the figure is what the closing
    note quotes."""
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 30, concurrency=1)
        try:
            server.hold("DOT", 6)
            process = scene.send()
            scene.reach(process, "DOT", 6)
            took = scene.wait_ledger(lambda c: c.get("sent", 0) >= 5, timeout=3.0)
            answered = server.arrived_at("DOT", 5)
            assert answered is not None
            latency = None if took is None else time.monotonic() - answered
            server.release()
            done = scene.finish(process)
            scene.report(
                "250 to ledger latency",
                concurrency=1,
                readers=30,
                ledger_latency_s=None if latency is None else round(latency, 3),
                run_exit=done.code,
                duplicates=len(scene.duplicates()),
            )
            assert latency is not None, "5 answered messages still not 'sent' after 3 s"
            # 0.1 s is the promise; 1 s leaves room for a loaded 2-core machine and still fails
            # a recorder that waits for the chunk (it would never write: the chunk is held).
            assert latency < 1.0, f"the 5th 250 reached the ledger {latency:.3f}s later"
            assert done.code == 0, done.text
        finally:
            scene.close()


def test_a_slow_greeting_on_one_connection_does_not_stall_the_others(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """One thread drives every connection, so opening one must not block it: while the relay
    keeps the second connection waiting for its greeting, the first goes on sending (and its
    read 250s reach the ledger). CI found the stall as a duplicate: a kill during a held
    greeting found a 250 nobody had read, and the resume sent that message again."""
    n = 64  # four chunks of 16: the second connection takes one and waits with it
    _sent_while_a_greeting_is_held(
        tmp_path,
        db_url,
        cli_env,
        n,
        concurrency=2,
        sent=n - 16,
        timeout=5.0,
        why="the first connection stalled",
    )


def test_a_reconnect_waiting_for_its_greeting_holds_back_no_read_250(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """The relay ends the session at the 5th MAIL (421) and keeps the new session waiting for
    its greeting. The four messages it answered 250 must reach the ledger meanwhile: a
    reconnect made inline by the one sender thread held back the outcome (and the journal line)
    of the last 250 read, and a kill then sent that reader a second copy (CI, connect-c1)."""
    _sent_while_a_greeting_is_held(
        tmp_path,
        db_url,
        cli_env,
        30,
        concurrency=1,
        sent=4,
        timeout=3.0,
        why="a read 250 waited for the reconnect",
        shutdown_at_mail=5,
    )


def _sent_while_a_greeting_is_held(
    tmp_path: Path,
    db_url: str,
    cli_env: dict[str, str],
    n: int,
    *,
    concurrency: int,
    sent: int,
    timeout: float,
    why: str,
    shutdown_at_mail: int | None = None,
) -> None:
    """The relay keeps every session from the second on waiting for its greeting (after
    ending the first at a MAIL, if asked): `sent` readers must reach the ledger meanwhile;
    once released, the run ends with everyone served exactly once."""
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, n, concurrency=concurrency)
        try:
            if shutdown_at_mail is not None:
                server.faults.on_message(shutdown_at_mail, Fault.shutdown("MAIL"))
            server.hold("GREETING", 2, onwards=True)
            process = scene.send()
            scene.reach(process, "GREETING", 2)
            took = scene.wait_ledger(lambda c: c.get("sent", 0) >= sent, timeout=timeout)
            during = scene.status()
            server.release()
            done = scene.finish(process)
            assert took is not None, f"{why}: {during}"
            assert done.code == 0, done.text
            assert not scene.duplicates() and not scene.lost()
        finally:
            scene.close()


def test_a_live_run_is_never_displaced_and_status_names_it(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """While a run is alive (the relay holds one of its replies), a second `send` is refused
    with exit 3 and `status` says `sending`, naming the holder; once it ends, `done`."""
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 10, concurrency=1)
        try:
            server.hold("DOT", 3)
            process = scene.send()
            scene.reach(process, "DOT", 3)
            second = scene.run("send", "--date", scene.day.isoformat())
            during = scene.status()
            server.release()
            first = scene.finish(process)
            after = scene.status()
            second.one_line_error()
            assert second.code == 3 and "being sent" in second.err, second.text
            assert str(process.pid) in second.err, second.err  # names the live run
            assert during.get("state") == "sending" and during.get("_exit") == 3, during
            assert str(process.pid) in str(during.get("holder")), during
            assert first.code == 0, first.text
            assert after.get("state") == "done" and after.get("_exit") == 0, after
            assert not scene.duplicates() and not scene.lost()
        finally:
            scene.close()


def test_the_run_summary_and_status_agree_on_mid_run_unsubscribes(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """Readers who leave while the issue is being sent are skipped; the run's summary counts
    them as `status` does (small claim batches, so the later readers are claimed after)."""
    n = 30
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, n, concurrency=1, batch_size="5")
        try:
            server.hold("DOT", 3)
            process = scene.send()
            scene.reach(process, "DOT", 3)
            leaving = scene.readers[-8:]
            for address in leaving:
                subscriber = scene.store.find_subscriber(address)
                assert subscriber is not None
                scene.store.unsubscribe(subscriber.id)
            server.release()
            done = scene.finish(process)
            status = scene.status()
            skipped = done.figure(r"skipped (\d+)")
            got = scene.received()
            assert done.code == 0, done.text
            assert not set(leaving) & set(got), "a reader who left got the issue"
            assert status.get("skipped") == len(leaving), status
            assert skipped == status.get("skipped"), done.text
            assert status.get("sent") == n - len(leaving) and status.get("state") == "done", status
        finally:
            scene.close()


def test_kill_9_twice_never_sends_a_third_copy(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """Killed with one message in doubt; the resume sends that message again (once, by policy)
    and is killed while the relay holds that copy's 250 too. The third run must not send it a
    third time: it stays `unknown`, reported, and the run says the issue is still owed."""
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 20, concurrency=1)
        try:
            server.hold("DOT", 6)
            first = scene.send()
            scene.reach(first, "DOT", 6)
            scene.kill(first)
            doubt = server.held_recipients()
            assert len(doubt) == 1
            server.release()
            # The resume's first message is the one in doubt, sent again; hold that 250 too.
            server.hold("DOT", 7)
            second = scene.send()
            scene.reach(second, "DOT", 7)
            again = {r for n, rcpts, _ in server.numbered if n == 7 for r in rcpts}
            scene.kill(second)
            server.release()
            between = scene.status()
            third = scene.resume()
            after = scene.status()
            got = scene.received()
            scene.report(
                "kill -9 twice",
                concurrency=1,
                readers=20,
                second_run_resent=sorted(again),
                status_after_kill=between.get("state"),
                resume_output=tail(third, 3),
                resume_exit=third.code,
                resume_waited_s=None if third.waited is None else round(third.waited, 2),
                duplicates=len(scene.duplicates()),
                status_after_resume=after.get("state"),
                unknown_after=after.get("unknown"),
            )
            assert between.get("state") == "interrupted", between
            third.one_line_error()
            assert third.waited is not None and third.waited < RESUME_BOUND, third.waited
            assert not scene.lost()
            assert max(got.values()) <= 2, got.most_common(2)
            assert scene.duplicates() <= doubt, scene.duplicates()
            if again == doubt:  # the in-doubt reader was the one held twice: left unknown
                assert after.get("unknown") == 1 and after.get("state") == "partial", after
                assert third.code == 1, third.text
            else:
                assert after.get("state") == "done" and third.code == 0, third.text
        finally:
            scene.close()


def test_kill_9_of_a_worker_the_leader_takes_its_rows_at_once(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """PostgreSQL, leader and one `newsletter worker`. The worker is killed with a batch claimed
    and one message in doubt. The leader, still running, must take the worker's rows over at
    once (its sender lock died with it), not after LEASE_SECONDS: what the worker never handed
    over goes back to pending, the one in doubt is resent once and reported."""
    if db_url.startswith("sqlite"):
        pytest.skip("workers share an issue on PostgreSQL")
    n = 200  # more than the leader claims ahead (its queue holds a few chunks)
    plan = FaultPlan().on_every_message(Fault.slow(0.05, "DOT"))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, n, concurrency=1, batch_size="10")
        try:
            leader = scene.send()
            scene.reach(leader, "DOT", 3)
            server.hold_session(server.seen("GREETING") + 1)  # the worker's connection
            worker = scene.popen("worker", "--date", scene.day.isoformat(), "--wait", "10")
            deadline = time.monotonic() + 20
            while not server.held_recipients() and time.monotonic() < deadline:
                assert worker.poll() is None, scene.finish(worker).text
                time.sleep(0.01)
            doubt = server.held_recipients()
            assert doubt, "the worker never sent a message"
            killed_at = time.monotonic()
            scene.kill(worker)
            server.release()
            server.faults = FaultPlan()
            done = scene.finish(leader, timeout=60)
            took = time.monotonic() - killed_at
            status = scene.status()
            dups = scene.duplicates()
            reported = done.figure(UNKNOWN_AGAIN) or 0
            scene.report(
                "kill -9 of a worker",
                concurrency=1,
                readers=n,
                run_output=tail(done, 3),
                run_exit=done.code,
                leader_done_after_kill_s=round(took, 2),
                duplicates=len(dups),
                reported_unknown=reported,
                lost=len(scene.lost()),
                status_after=status.get("state"),
            )
            done.one_line_error()
            assert done.code == 0, done.text
            assert took < 30, f"the leader needed {took:.0f}s (LEASE_SECONDS={LEASE})"
            assert not scene.lost()
            assert dups <= doubt, f"sent twice: {sorted(dups - doubt)}"
            assert dups <= scene.requeued() and len(dups) <= reported, done.text
            assert status.get("state") == "done" and status.get("sent") == n, status
        finally:
            scene.close()


def test_a_paused_run_is_not_displaced_when_its_leases_lapse(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """SIGSTOP (a paused VM, a frozen container) longer than LEASE_SECONDS (2 s here): the run
    is alive, so its lock is too. A second `send` must be refused (exit 3), not take the issue
    and send it alongside; after SIGCONT the first run finishes; nobody gets two copies."""
    import os
    import signal

    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 30, concurrency=1, lease_seconds="2")
        try:
            server.hold("DOT", 5)
            first = scene.send()
            scene.reach(first, "DOT", 5)
            os.killpg(first.pid, signal.SIGSTOP)
            try:
                server.release()
                time.sleep(3)  # the pause itself: longer than every lease of the run
                second = scene.run("send", "--date", scene.day.isoformat(), timeout=30)
                during = scene.status()
            finally:
                os.killpg(first.pid, signal.SIGCONT)
            done = scene.finish(first)
            after = scene.status()
            scene.report(
                "SIGSTOP past the lease",
                concurrency=1,
                readers=30,
                second_exit=second.code,
                second_output=tail(second, 1),
                status_during=during.get("state"),
                run_exit=done.code,
                duplicates=len(scene.duplicates()),
                lost=len(scene.lost()),
                status_after=after.get("state"),
            )
            assert second.code == 3, second.text
            assert during.get("state") == "sending", during
            assert done.code == 0, done.text
            assert not scene.duplicates() and not scene.lost()
            assert after.get("state") == "done", after
        finally:
            scene.close()


def test_kill_9_during_the_journal_replay(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """Run 1 is killed with ten 250s read but only in its journal (the ledger was locked) and
    one 250 held. Run 2 starts while the ledger is still locked, so it stalls replaying that
    journal, and is killed there too. Run 3 must still know the ten were delivered: only the
    one really in doubt may go twice."""
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 30, concurrency=1)
        try:
            server.hold("MAIL", 1, onwards=True)
            first = scene.send()
            scene.reach(first, "MAIL", 1)
            scene.wait_ledger(lambda c: c.get("pending", 0) == 0)
            lock = _lock_ledger(scene)
            try:
                server.hold("DOT", 11, onwards=True)
                server.release("MAIL")
                scene.reach(first, "DOT", 11)
                scene.kill(first)
                doubt = server.held_recipients()
                server.release()
                second = scene.send()
                stalled = _ledger_write_blocked(scene)
                if not stalled:  # it may also wait before its first write: give it a moment
                    time.sleep(0.5)
                scene.kill(second)
            finally:
                if hasattr(lock, "rollback"):
                    lock.rollback()
                lock.close()
            between = scene.status()
            third = scene.resume()
            after = scene.status()
            dups = scene.duplicates()
            reported = third.figure(UNKNOWN_AGAIN) or 0
            scene.report(
                "kill -9 in journal replay",
                concurrency=1,
                readers=30,
                in_doubt=len(doubt),
                second_stalled_on_ledger=stalled,
                status_after_kill=between.get("state"),
                resume_output=tail(third, 3),
                resume_exit=third.code,
                resume_waited_s=None if third.waited is None else round(third.waited, 2),
                duplicates=len(dups),
                reported_unknown=reported,
                lost=len(scene.lost()),
                status_after_resume=after.get("state"),
            )
            assert between.get("state") == "interrupted", between
            third.one_line_error()
            assert third.code == 0, third.text
            assert third.waited is not None and third.waited < RESUME_BOUND
            assert not scene.lost()
            assert dups <= doubt, f"sent twice: {sorted(dups - doubt)}\n{third.text}"
            assert dups <= scene.requeued() and len(dups) <= reported, third.text
            assert after.get("state") == "done" and after.get("sent") == 30, after
        finally:
            scene.close()


def test_two_sends_started_together_one_wins(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """Two `send` of the same issue started at the same instant (a cron and an operator): the
    lock lets exactly one send; the other says who is sending and exits 3."""
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 20, concurrency=1)
        try:
            server.hold("DOT", 3)
            runs = [scene.send(), scene.send()]
            # The loser ends on its own; the winner waits on the held reply.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and (
                server.seen("DOT") < 3 or all(r.poll() is None for r in runs)
            ):
                if all(r.poll() is not None for r in runs):
                    break
                time.sleep(0.02)
            server.release()
            done = [scene.finish(r) for r in runs]
            codes = sorted(d.code for d in done)
            scene.report(
                "two sends at once",
                concurrency=1,
                readers=20,
                exits=codes,
                duplicates=len(scene.duplicates()),
                lost=len(scene.lost()),
            )
            assert codes == [0, 3], [d.text for d in done]
            loser = next(d for d in done if d.code == 3)
            loser.one_line_error()
            assert "being sent" in loser.err, loser.err
            assert not scene.duplicates() and not scene.lost()
        finally:
            scene.close()


def test_a_journal_folder_that_cannot_be_made_is_one_clear_line(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """DATA_DIR/journal is a file (a botched volume mount): the run either refuses before
    sending anything, with one line naming the path, or sends without a journal; never a
    traceback, never a reader lost or doubled."""
    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 10, concurrency=1)
        try:
            data = Path(scene.env["NEWSLETTER_DATA_DIR"])
            data.mkdir(parents=True, exist_ok=True)
            (data / "journal").write_text("not a folder\n")
            done = scene.run("send", "--date", scene.day.isoformat())
            scene.report(
                "journal folder unusable",
                concurrency=1,
                readers=10,
                run_output=tail(done, 1),
                run_exit=done.code,
                sent=len(scene.received()),
                duplicates=len(scene.duplicates()),
            )
            done.one_line_error()
            assert not scene.duplicates()
            if done.code == 0:
                assert not scene.lost()
            else:
                assert done.code in (1, 2), done.text
                assert "journal" in done.err, done.err
                assert not scene.received(), "sent without a journal after refusing"
        finally:
            scene.close()


def test_kill_9_while_waiting_to_retry_a_deferred_reader(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """One reader got a 451; the run waits SMTP__RETRY_BACKOFF (60 s here) to retry and is
    killed while it waits. Nothing is in flight: `status` must not say `sending`, and the
    resume must retry that reader at once (not wait out the dead run's backoff)."""
    victim = "reader0003@example.com"
    plan = FaultPlan().on_recipient(victim, Fault.tempfail("RCPT", 451))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(
            tmp_path, db_url, cli_env, server, 10, concurrency=1, smtp__retry_backoff="60"
        )
        try:
            process = scene.send()
            waited = scene.wait_ledger(
                lambda c: c.get("sent", 0) == 9 and c.get("deferred", 0) == 1, timeout=20
            )
            assert waited is not None, scene.counts()
            scene.kill(process)
            status = scene.status()
            resumed = scene.resume()
            after = scene.status()
            got = scene.received()
            scene.report(
                "kill -9 in a retry wait",
                concurrency=1,
                readers=10,
                status_after_kill=status.get("state"),
                resume_output=tail(resumed, 2),
                resume_exit=resumed.code,
                resume_s=round(resumed.seconds, 2),
                duplicates=len(scene.duplicates()),
                lost=len(scene.lost()),
                status_after_resume=after.get("state"),
            )
            assert status.get("state") in ("interrupted", "partial"), status
            resumed.one_line_error()
            assert resumed.code == 0, resumed.text
            assert resumed.seconds < RESUME_BOUND, f"the resume took {resumed.seconds:.0f}s"
            assert got[victim] == 1 and not scene.duplicates() and not scene.lost()
            assert after.get("state") == "done", after
        finally:
            scene.close()


def test_kill_9_while_the_retry_of_a_deferred_reader_waits_for_its_250(
    tmp_path: Path, db_url: str, cli_env: dict[str, str]
) -> None:
    """One reader got a 451 (an O line 'deferred' in the journal), the run retried them in
    the same run (an H line after it) and was killed while the relay held that retry's 250.
    The retry's fate is unknown: the resume must count it as such (requeued, reported), not
    replay the journal's older 'deferred' and send a second copy it does not admit (the
    attack's "unadmitted duplicates", bench/attack_kill.py, 1 run in 3)."""
    victim = "reader0003@example.com"
    plan = FaultPlan().on_recipient(victim, Fault.tempfail("RCPT", 451))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 10, concurrency=1)
        server.hold("DOT", 11)  # MAIL 1-10: every reader once; 11: the victim's retry
        try:
            process = scene.send()
            scene.reach(process, "DOT", 10)  # the 4th MAIL had no dot (its RCPT got 451)
            assert server.held_recipients() == {victim}
            scene.kill(process)
            resumed = scene.resume()
            got = scene.received()
            resumed.one_line_error()
            assert got[victim] == 2 and not scene.lost()
            assert scene.duplicates() <= scene.requeued(), (scene.requeued(), resumed.text)
            assert resumed.figure(UNKNOWN_AGAIN) == 1, resumed.text
        finally:
            scene.close()


def test_two_issues_send_side_by_side(tmp_path: Path, db_url: str, cli_env: dict[str, str]) -> None:
    """The lock is per issue: yesterday's resume and today's send run at the same time on one
    database (two hosts, or an operator catching up), neither refused, each reader once each."""
    import datetime as dt

    with FaultSmtp() as server:
        scene = setup_scene(tmp_path, db_url, cli_env, server, 10, concurrency=1)
        try:
            server.hold("DOT", 3)
            days = [scene.day, scene.day + dt.timedelta(days=1)]
            runs = [scene.popen("send", "--date", d.isoformat()) for d in days]
            scene.reach(runs[0], "DOT", 3)  # one of them holds; the other must not be refused
            deadline = time.monotonic() + 30
            while server.seen("MAIL") < 4 and time.monotonic() < deadline:
                assert all(r.poll() is None for r in runs), [scene.finish(r).text for r in runs]
                time.sleep(0.02)
            server.release()
            done = [scene.finish(r) for r in runs]
            assert [d.code for d in done] == [0, 0], [d.text for d in done]
            per_reader = scene.received()
            assert set(per_reader.values()) == {2}, per_reader  # one copy of each issue
            # ...and each issue's ledger has every reader sent once.
            for day in days:
                scene.day = day
                status = scene.status()
                assert status.get("state") == "done" and status.get("sent") == 10, status
        finally:
            scene.close()
