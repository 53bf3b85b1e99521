"""Queueing while sending (issue 12): the leader queues the first readers, starts sending, and
queues the rest in chunks. Whatever the interleaving, and after a run that died while queueing,
every active reader gets exactly one message, and nobody concludes the issue is finished while
readers are still to be queued.

Real SMTP server (aiosmtpd on 127.0.0.1), a real SQLite file or PostgreSQL schema. The chunk
sizes are made tiny so that a few dozen readers take several chunks.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest

import newsletter.delivery.queuer as queuer_module
from newsletter.assemble import issue_to_dict
from newsletter.job import build_issue, issue_lock_name, run_issue, run_worker
from newsletter.store import Store
from tests.smtp_server import SmtpServer

DAY = dt.date(2025, 2, 11)

both = pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


@pytest.fixture
def tiny_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queuer_module, "FIRST_CHUNK", 4)
    monkeypatch.setattr(queuer_module, "QUEUE_CHUNK", 5)
    original = queuer_module.Queuer.__init__

    def small(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs["chunk"] = 5
        original(self, *args, **kwargs)

    monkeypatch.setattr(queuer_module.Queuer, "__init__", small)


def settings_for(make_settings, server: SmtpServer, db_url: str):  # type: ignore[no-untyped-def]
    smtp = {"host": server.host, "port": server.port, "security": "none", "concurrency": 2}
    return make_settings(smtp=smtp, database_url=db_url, batch_size=3)


def add_readers(store: Store, n: int) -> list[str]:
    addresses = [f"reader{i:03d}@example.com" for i in range(n)]
    for address in addresses:
        store.add_subscriber(address, None)
    return addresses


def received(server: SmtpServer) -> Counter[str]:
    return Counter(r for m in server.messages for r in m.rcpt_tos)


@both
def test_queueing_while_sending_reaches_every_reader_once(
    make_settings, store: Store, db_url: str, tiny_chunks: None
) -> None:
    addresses = add_readers(store, 23)
    store.unsubscribe(store.find_subscriber(addresses[9]).id)  # type: ignore[union-attr]
    with SmtpServer() as server:
        report = run_issue(DAY, settings_for(make_settings, server, db_url), store=store)
        got = received(server)
    wanted = [a for i, a in enumerate(addresses) if i != 9]
    assert got == Counter(wanted)
    assert report.sent == 22 and report.exit_code == 0
    assert store.issue_state(DAY) == "done" and store.issue_queued(DAY)
    assert store.counts(DAY)["sent"] == 22


@both
def test_a_run_that_died_while_queueing_is_resumed_without_doubles(
    make_settings, store: Store, db_url: str, tiny_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run queues its first chunk and sends it, and its queueing goes no further (as
    if the process died there); the issue is not done. The next run queues the rest: every
    reader exactly once, the first chunk's readers not again."""
    addresses = add_readers(store, 17)
    with SmtpServer() as server:
        settings = settings_for(make_settings, server, db_url)
        with monkeypatch.context() as patch:
            patch.setattr(queuer_module.Queuer, "start", lambda self: None)
            run_issue(DAY, settings, store=store)
        assert Counter(received(server).values()) == {1: 4}  # the first chunk only
        assert store.issue_state(DAY) == "sending" and not store.issue_queued(DAY)

        report = run_issue(DAY, settings, store=store)
        assert received(server) == Counter(addresses)
    assert report.sent == 13
    assert store.issue_state(DAY) == "done" and store.issue_queued(DAY)
    counts = store.counts(DAY)
    assert counts["sent"] == 17 and sum(counts.values()) == 17


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_worker_that_joins_during_queueing_waits_for_the_rest(
    make_settings, store: Store, db_url: str
) -> None:
    """A worker that finds nothing claimable while the leader is still queueing does not
    conclude the issue is finished: it sends what is queued later too."""
    addresses = add_readers(store, 12)
    with SmtpServer() as server:
        settings = settings_for(make_settings, server, db_url)
        # The leader: it holds the issue, stored the issue and queued the first 5 readers.
        leader = Store.open(db_url)
        lock = leader.hold(issue_lock_name(DAY))
        assert lock is not None
        try:
            built = build_issue(DAY, settings)
            store.save_issue(DAY, issue_to_dict(built.issue), "subject")
            store.mark_issue(DAY, "sending")
            added, through = store.enqueue_chunk(DAY, after=0, limit=5)
            assert added == 5 and through is not None

            outcome: dict[str, object] = {}

            def work() -> None:
                try:
                    outcome["report"] = run_worker(DAY, settings)
                except BaseException as exc:  # handed to the test's thread
                    outcome["error"] = exc

            worker = threading.Thread(target=work)
            worker.start()
            deadline = time.monotonic() + 30
            while sum(received(server).values()) < 5 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.5)  # the worker has nothing claimable now; it must keep waiting
            assert worker.is_alive(), outcome
            store.enqueue_chunk(DAY, after=through, limit=100)
            store.mark_queued(DAY)
            worker.join(30)
            assert not worker.is_alive()
        finally:
            lock.release()
            leader.close()
        assert "error" not in outcome, outcome
        assert received(server) == Counter(addresses)


@both
def test_enqueue_chunk_walks_the_list_and_never_doubles(store: Store) -> None:
    addresses = add_readers(store, 7)
    store.unsubscribe(store.find_subscriber(addresses[2]).id)  # type: ignore[union-attr]
    assert store.enqueue_chunk(DAY, after=0, limit=3) == (2, 3)
    assert store.queued_through(DAY) == 2  # a resume looks at reader 3 again: still inactive
    assert store.enqueue_chunk(DAY, after=0, limit=3) == (0, 3)  # again: nothing new
    added, through = store.enqueue_chunk(DAY, after=3, limit=3)
    assert (added, through) == (3, 6)
    assert store.enqueue_chunk(DAY, after=through, limit=3) == (1, None)  # the end
    assert store.enqueue(DAY) == 0
    assert sum(store.counts(DAY).values()) == 6


def test_the_queuer_waits_for_the_first_claim(store: Store) -> None:
    """On SQLite the queuer's first big transaction and the first claim both write: queueing
    waits until the claimer has made its first claim (the first message is not held back)."""
    add_readers(store, 12)
    store.save_issue(DAY, {"items": []}, "subject")
    assert store.enqueue_chunk(DAY, after=0, limit=4) == (4, 4)
    queuer = queuer_module.Queuer(
        store,
        DAY,
        after=4,
        clock=lambda: dt.datetime.now(dt.UTC),
        stop=threading.Event(),
        give_up_after=10,
        chunk=5,
    )
    queuer.start()
    try:
        time.sleep(0.3)
        assert sum(store.counts(DAY).values()) == 4, "queued before the first claim"
        queuer.first_claim_made.set()
        assert queuer.finished.wait(5)
        assert sum(store.counts(DAY).values()) == 12
    finally:
        queuer.close()
