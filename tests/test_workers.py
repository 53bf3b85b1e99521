"""Several sending processes on one issue (PostgreSQL): a leader `send` and `worker`s.

Real processes of the CLI against a real SMTP server and a real PostgreSQL schema. Every reader
gets exactly one message however the ledger's rows are split between the processes, and the
rows of a worker killed with SIGKILL are taken over by the others once its lease runs out.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsletter.store import Store
from newsletter.store.tables import deliveries
from tests.smtp_server import Fault, FaultPlan, SmtpServer

DAY = dt.date(2025, 2, 11)
CLI = [sys.executable, "-m", "newsletter.cli"]

# PostgreSQL only: SQLite has no SKIP LOCKED, so it runs one sender per issue.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.parametrize("db_url", ["postgresql"], indirect=True),
]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


def import_readers(store: Store, tmp_path: Path, n: int) -> set[str]:
    addresses = [f"reader{i}@example.com" for i in range(n)]
    path = tmp_path / "readers.csv"
    path.write_text("email,name,regions\n" + "".join(f"{a},,\n" for a in addresses))
    report = store.import_csv(path)
    assert report.added == n, report.problems
    return set(addresses)


def slow_server() -> SmtpServer:
    """Each final reply comes 40 ms late. The leader sends on one connection (25 messages a
    second) and claims only a few dozen rows ahead of its sending, so rows stay pending for
    several seconds: time enough for the workers to start and join, even on a busy machine."""
    plan = FaultPlan().on_every_message(Fault.slow(0.04, "DOT"))
    return SmtpServer(faults=plan, keep_transcript=False)


def sender_env(cli_env: dict[str, str], db_url: str, server: SmtpServer, **extra: str) -> dict:
    env = dict(
        cli_env,
        NEWSLETTER_DATABASE_URL=db_url,
        NEWSLETTER_SMTP__HOST=server.host,
        NEWSLETTER_SMTP__PORT=str(server.port),
        NEWSLETTER_SMTP__SECURITY="none",
        NEWSLETTER_SMTP__CONCURRENCY="2",
        NEWSLETTER_BATCH_SIZE="10",
    )
    env.update(extra)
    return env


def start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, *args, "--date", DAY.isoformat()],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """A bound on waiting for something that must happen, not a timing assertion."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=120)
    return process.returncode, output


def sent_by_holder(store: Store) -> dict[str, int]:
    d = deliveries
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(d.c.worker, func.count())
            .where(d.c.day == DAY, d.c.status == "sent")
            .group_by(d.c.worker)
        ).all()
    return {worker: count for worker, count in rows}


def held_by_pid(store: Store, pid: int) -> dict[int, str]:
    """The ledger rows a process holds right now: id -> address. Holders are host:pid:nonce."""
    d = deliveries
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(d.c.id, d.c.email, d.c.worker).where(d.c.day == DAY, d.c.status == "sending")
        ).all()
    return {row.id: row.email for row in rows if row.worker.split(":")[-2] == str(pid)}


def test_a_leader_and_two_workers_send_each_reader_exactly_one_message(
    db_url: str, store: Store, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    readers = import_readers(store, tmp_path, 300)
    with slow_server() as server:
        env = sender_env(cli_env, db_url, server)
        leader = start(dict(env, NEWSLETTER_SMTP__CONCURRENCY="1"), "send")
        wait_for(
            lambda: store.issue_state(DAY) == "sending" or leader.poll() is not None,
            "the leader to queue the issue",
        )
        workers = [start(env, "worker") for _ in range(2)]
        results = [finish(p) for p in (leader, *workers)]
        received = Counter(r for m in server.messages for r in m.rcpt_tos)
        total = len(server.messages)

    report = "\n".join(
        f"--- {name} exited {code}\n{output}"
        for name, (code, output) in zip(("send", "worker 1", "worker 2"), results, strict=True)
    )
    assert [code for code, _ in results] == [0, 0, 0], report
    assert received == Counter(readers)  # each reader once: no row sent by two processes
    counts = store.counts(DAY)
    assert counts["sent"] == total == 300
    assert not any(counts[k] for k in ("pending", "sending", "deferred", "unknown", "failed"))
    # The work really was shared; otherwise the line above proves nothing about workers.
    assert len(sent_by_holder(store)) >= 2
    assert store.issue_state(DAY) == "done"


def test_a_killed_workers_rows_are_taken_over_after_its_lease(
    db_url: str, store: Store, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """SIGKILL a worker while it holds rows. Once its lease lapses the leader takes them over:
    everyone gets the issue, and only the rows the dead worker held may arrive twice (it may
    have handed them to the relay just before it died: their fate is unknown)."""
    readers = import_readers(store, tmp_path, 200)
    with slow_server() as server:
        env = sender_env(cli_env, db_url, server, NEWSLETTER_LEASE_SECONDS="3")
        leader = start(dict(env, NEWSLETTER_SMTP__CONCURRENCY="1"), "send")
        wait_for(
            lambda: store.issue_state(DAY) == "sending" or leader.poll() is not None,
            "the leader to queue the issue",
        )
        worker = start(env, "worker")
        wait_for(
            lambda: bool(held_by_pid(store, worker.pid)) or worker.poll() is not None,
            "the worker to claim a batch",
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        orphans = held_by_pid(store, worker.pid)  # what it held when it died
        assert orphans, "the worker finished before it could be killed mid-batch"
        code, output = finish(leader)
        received = Counter(r for m in server.messages for r in m.rcpt_tos)

    assert code == 0, output
    assert set(received) == readers
    twice = {address for address, n in received.items() if n > 1}
    assert twice <= set(orphans.values())
    counts = store.counts(DAY)
    assert counts["sent"] == 200
    assert not any(counts[k] for k in ("pending", "sending", "deferred", "unknown", "failed"))
    d = deliveries
    with store.engine.connect() as connection:
        holders = (
            connection.execute(select(d.c.worker).where(d.c.id.in_(list(orphans)))).scalars().all()
        )
    assert all(h.split(":")[-2] != str(worker.pid) for h in holders)  # taken over
    assert store.issue_state(DAY) == "done"
