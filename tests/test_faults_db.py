"""Issue 9, the fault matrix: the ledger goes away mid-send. A real PostgreSQL (a cluster of the
test's own, tests/pg_cluster.py) is restarted while `newsletter send` runs; a real SQLite file
sits on a small tmpfs that the test fills up mid-send.

The ledger is the brake: once outcomes cannot be written, no further message may be handed to
the relay (only what was already on its way), outcomes already read are kept, and the run
either carries on when the database returns or gives up with one line and exit 1 ("some
deliveries still owed"): never exit 2, never a traceback. Then: nobody lost, the duplicate
bound, every possible duplicate reported, `status` right after, a resume that starts at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fault_smtp import FaultSmtp
from tests.faults_harness import Done, Scene, setup_scene, tail
from tests.pg_cluster import PgCluster
from tests.smtp_server import Fault, FaultPlan

# Each case runs the real command in subprocesses: seconds, not milliseconds.
pytestmark = pytest.mark.slow

N = 200
SLOW = 0.05  # seconds the relay takes per message while the fault strikes: 20/s per connection
OUTAGE = 1.5  # seconds the database is away


def _brake_bound(concurrency: int) -> int:
    """Messages the relay may still take once the ledger failed: the one on the wire and the
    next pipelined one per connection, plus what the relay takes in the ~0.25 s the run needs
    to see a write fail (it writes outcomes every 0.1 s), at 1/SLOW per second per connection."""
    return concurrency * (2 + int(0.25 / SLOW))


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[PgCluster]:
    cluster = PgCluster.create()
    try:
        yield cluster
    finally:
        cluster.destroy()


def _after_outage(
    scene: Scene, first: Done, taken_during: int, concurrency: int, fault: str
) -> None:
    """The common half: status right after, resume, and the guarantees."""
    status = scene.status()
    resumed = scene.resume()
    after = scene.status()
    dups = scene.duplicates()
    reported = (
        (first.figure(r"unknown (\d+)") or 0)
        + (resumed.figure(r"(\d+) of unknown fate") or 0)
        + (resumed.figure(r"unknown (\d+)") or 0)
    )
    scene.report(
        fault,
        concurrency=concurrency,
        readers=N,
        run_output=tail(first, 3),
        run_exit=first.code,
        taken_while_ledger_down=taken_during,
        brake_bound=_brake_bound(concurrency),
        status_after_run=status.get("state"),
        resume_output=tail(resumed, 3),
        resume_exit=resumed.code,
        resume_waited_s=None if resumed.waited is None else round(resumed.waited, 2),
        duplicates=len(dups),
        reported_unknown=reported,
        lost=len(scene.lost()),
        status_after_resume=after.get("state"),
    )
    # The run that met the fault: exit 0 (it waited the outage out) or 1 (it gave up, owing).
    first.one_line_error()
    assert first.code in (0, 1), first.text
    if first.code == 1:
        assert "error:" in first.err and "owed" in first.err, first.err
    # The brake.
    assert taken_during <= _brake_bound(concurrency), (
        f"{taken_during} messages handed to the relay while outcomes could not be recorded"
    )
    # status right after: no run holds the issue now.
    assert status.get("state") != "sending", status
    if first.code == 0:
        assert status.get("state") == "done", status
    else:
        assert status.get("state") in ("interrupted", "partial"), status
    # A resume that starts at once and finishes; or, when the run finished, says so.
    resumed.one_line_error()
    assert resumed.code == 0, resumed.text
    if first.code == 1:
        assert resumed.waited is not None and resumed.waited < 15, resumed.waited
    assert not scene.lost(), sorted(scene.lost())[:5]
    assert max(scene.received().values()) <= 2
    assert len(dups) <= 2 * concurrency, f"{len(dups)} duplicates"
    assert dups <= scene.requeued(), "a reader got two copies the ledger does not admit to"
    assert len(dups) <= reported, f"{len(dups)} duplicates, {reported} reported\n{resumed.text}"
    assert after.get("state") == "done" and after.get("sent") == N, after


@pytest.mark.parametrize("concurrency", [1, 4])
def test_postgresql_restarted_mid_send(
    concurrency: int, tmp_path: Path, cli_env: dict[str, str], pg_cluster: PgCluster
) -> None:
    url = pg_cluster.database(f"restart_c{concurrency}_{os.getpid()}")
    plan = FaultPlan().on_every_message(Fault.slow(SLOW, "DOT"))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(tmp_path, url, cli_env, server, N, concurrency=concurrency)
        try:
            process = scene.send()
            scene.reach(process, "DOT", 30)
            # A restart: every session is ended, the server is down for OUTAGE seconds.
            scene.store.engine.dispose()
            pg_cluster.stop("fast")
            taken_at_stop = len(server.messages)
            time.sleep(OUTAGE)  # the outage itself, not a synchronisation
            taken_during = len(server.messages) - taken_at_stop
            pg_cluster.start()
            server.faults = FaultPlan()  # the relay at full speed again, for a short test
            first = scene.finish(process, timeout=40)
            scene.store.engine.dispose()
            _after_outage(scene, first, taken_during, concurrency, "PostgreSQL restarted")
        finally:
            scene.close()


def test_postgresql_down_longer_than_the_run_waits(
    tmp_path: Path, cli_env: dict[str, str], pg_cluster: PgCluster
) -> None:
    """PostgreSQL stops mid-send and stays down past LEASE_SECONDS (5 here): the run must stop
    handing messages over, keep what it read, and give up with one line and exit 1. When the
    database is back, a resume starts at once and completes the issue."""
    concurrency = 1
    url = pg_cluster.database(f"long_outage_{os.getpid()}")
    plan = FaultPlan().on_every_message(Fault.slow(SLOW, "DOT"))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(
            tmp_path, url, cli_env, server, N, concurrency=concurrency, lease_seconds="5"
        )
        try:
            process = scene.send()
            scene.reach(process, "DOT", 30)
            scene.store.engine.dispose()
            pg_cluster.stop("fast")
            try:
                taken_at_stop = len(server.messages)
                time.sleep(OUTAGE)  # the outage itself, not a synchronisation
                taken_during = len(server.messages) - taken_at_stop
                first = scene.finish(process, timeout=40)  # it gives up while still down
            finally:
                pg_cluster.start()
            server.faults = FaultPlan()
            scene.store.engine.dispose()
            _after_outage(scene, first, taken_during, concurrency, "PostgreSQL down > lease")
            assert first.code == 1, first.text
        finally:
            scene.close()


@pytest.mark.parametrize("concurrency", [1, 4])
def test_kill_9_during_a_postgresql_outage(
    concurrency: int, tmp_path: Path, cli_env: dict[str, str], pg_cluster: PgCluster
) -> None:
    """The worst moment: the database is down, the run holds outcomes it read but could not
    record, and then it is killed. Those outcomes must survive the crash (the issue suggests an
    fsync'd local journal replayed by the next run): after PostgreSQL returns, a resume may send
    again only what was really in doubt, and reports it."""
    url = pg_cluster.database(f"kill_in_outage_c{concurrency}_{os.getpid()}")
    plan = FaultPlan().on_every_message(Fault.slow(SLOW, "DOT"))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(tmp_path, url, cli_env, server, N, concurrency=concurrency)
        try:
            process = scene.send()
            scene.reach(process, "DOT", 30)
            scene.store.engine.dispose()
            pg_cluster.stop("fast")
            try:
                # Outcomes keep arriving for what was on the wire; the run cannot record them.
                time.sleep(0.5)  # the outage itself, not a synchronisation
                killed = scene.kill(process)
            finally:
                pg_cluster.start()
            taken = len(server.messages)
            server.faults = FaultPlan()
            scene.store.engine.dispose()
            status = scene.status()
            resumed = scene.resume()
            after = scene.status()
            dups = scene.duplicates()
            reported = resumed.figure(r"(\d+) of unknown fate") or 0
            scene.report(
                "kill -9 in a PG outage",
                concurrency=concurrency,
                readers=N,
                taken_before_kill=taken,
                killed_exit=killed.code,
                status_after_kill=status.get("state"),
                resume_output=tail(resumed, 3),
                resume_exit=resumed.code,
                resume_waited_s=None if resumed.waited is None else round(resumed.waited, 2),
                duplicates=len(dups),
                reported_unknown=reported,
                lost=len(scene.lost()),
                status_after_resume=after.get("state"),
            )
            assert status.get("state") == "interrupted", status
            resumed.one_line_error()
            assert resumed.code == 0, resumed.text
            assert resumed.waited is not None and resumed.waited < 15, resumed.waited
            assert not scene.lost()
            assert len(dups) <= 2 * concurrency, f"{len(dups)} duplicates: {resumed.text}"
            assert dups <= scene.requeued() and len(dups) <= reported, resumed.text
            assert after.get("state") == "done" and after.get("sent") == N, after
        finally:
            scene.close()


def test_a_second_send_right_after_a_postgresql_restart(
    tmp_path: Path, cli_env: dict[str, str], pg_cluster: PgCluster
) -> None:
    """The restart ended the session that held the run's advisory lock. A second `send` started
    the moment PostgreSQL is back races the first run for the issue. Whoever wins, the two must
    not both send: no reader gets two copies beyond the bound, every one reported, and after a
    last resume nobody is lost."""
    concurrency = 1
    url = pg_cluster.database(f"race_{os.getpid()}")
    plan = FaultPlan().on_every_message(Fault.slow(SLOW, "DOT"))
    with FaultSmtp(faults=plan) as server:
        scene = setup_scene(tmp_path, url, cli_env, server, N, concurrency=concurrency)
        try:
            first = scene.send()
            scene.reach(first, "DOT", 30)
            scene.store.engine.dispose()
            pg_cluster.stop("fast")
            try:
                time.sleep(OUTAGE)  # the outage itself
            finally:
                pg_cluster.start()
            second = scene.send()
            one = scene.finish(first, timeout=60)
            two = scene.finish(second, timeout=60)
            server.faults = FaultPlan()
            scene.store.engine.dispose()
            last = scene.resume()
            after = scene.status()
            dups = scene.duplicates()
            scene.report(
                "2nd send after PG restart",
                concurrency=concurrency,
                readers=N,
                run_output=tail(one, 2),
                run_exit=one.code,
                second_exit=two.code,
                second_output=tail(two, 2),
                resume_output=tail(last, 2),
                resume_exit=last.code,
                duplicates=len(dups),
                lost=len(scene.lost()),
                status_after_resume=after.get("state"),
            )
            for done in (one, two, last):
                assert done.code in (0, 1, 3), done.text
                assert "Traceback" not in done.text, done.text
            assert not scene.lost()
            assert len(dups) <= 2 * concurrency, f"{len(dups)} readers got two copies"
            assert dups <= scene.requeued(), "a reader got two copies the ledger does not admit to"
            assert after.get("state") == "done", after
        finally:
            scene.close()


@contextlib.contextmanager
def _small_disk(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _fill(disk: Path) -> Path:
    """Take every free block of the disk; the file to delete to free them again."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for block in (1 << 20, 1 << 12, 1 << 9):
            chunk = b"\0" * block
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    return filler


@pytest.mark.parametrize("concurrency", [1, 4])
def test_sqlite_disk_fills_mid_send(
    concurrency: int, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """The disk holding the SQLite file (and DATA_DIR) fills up mid-send and stays full longer
    than the run will wait (LEASE_SECONDS=5 here): the run must stop handing messages over and
    give up with exit 1. The disk is then freed and a resume completes the issue."""
    with _small_disk(tmp_path / "disk", "24m") as disk:
        url = f"sqlite:///{disk / 'newsletter.db'}"
        plan = FaultPlan().on_every_message(Fault.slow(SLOW, "DOT"))
        with FaultSmtp(faults=plan) as server:
            cli_env = dict(cli_env, NEWSLETTER_DATA_DIR=str(disk / "data"))
            scene = setup_scene(
                tmp_path, url, cli_env, server, N, concurrency=concurrency, lease_seconds="5"
            )
            try:
                # An empty WAL: every write from now on needs new blocks on the disk.
                with scene.store.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                process = scene.send()
                scene.reach(process, "DOT", 30)
                filler = _fill(disk)
                taken_at_full = len(server.messages)
                time.sleep(OUTAGE)  # the disk stays full; measure what is still handed over
                taken_during = len(server.messages) - taken_at_full
                first = scene.finish(process, timeout=40)
                # `status` only reads: it works on a full disk, and tells the truth there.
                full = scene.status()
                assert full.get("state") in ("interrupted", "partial"), full
                filler.unlink()
                server.faults = FaultPlan()
                _after_outage(scene, first, taken_during, concurrency, "SQLite disk full")
            finally:
                scene.close()
