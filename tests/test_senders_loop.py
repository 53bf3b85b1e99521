"""The sender pool drives every SMTP connection from one thread (a selector loop over
non-blocking sockets): ten threads each holding one connection spent their CPU handing the GIL
to each other. Whatever drives them, each connection keeps its TLS, its login and its order,
and every reader gets one copy."""

from __future__ import annotations

import asyncio
import datetime as dt
import queue
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsletter.delivery.brake import RunState
from newsletter.delivery.counts import RunCounts
from newsletter.delivery.senders import SenderPool
from newsletter.job import run_issue
from newsletter.journal import Journal, read_journals
from newsletter.mailers.base import Envelope
from newsletter.mailers.ratelimit import RateLimiter, Throttle
from newsletter.mailers.smtp import SmtpTransport
from newsletter.models import DeliveryStatus
from newsletter.settings import SmtpSettings
from newsletter.store import Store
from tests.smtp_server import SmtpServer, _Handler, make_certificates

DAY = dt.date(2025, 2, 11)


class ThreadNames:
    """The names of every thread seen alive while the block runs (sampled every 2 ms)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._done.wait(0.002):
            self.seen.update(t.name for t in threading.enumerate())

    def __enter__(self) -> ThreadNames:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


def test_one_thread_drives_every_tls_connection(make_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings()
    store = Store.open(settings.db_url)
    try:
        addresses = [f"reader{i}@example.com" for i in range(120)]
        for address in addresses:
            store.add_subscriber(address, None)
        certs = make_certificates(tmp_path / "certs")
        with SmtpServer(
            tls_context=certs.server_context, require_starttls=True, auth=("news", "s3cret-pw")
        ) as server:
            settings = make_settings(
                smtp={
                    "host": "127.0.0.1",
                    "port": server.port,
                    "security": "starttls",
                    "ca_file": str(certs.ca_file),
                    "username": "news",
                    "password": "s3cret-pw",
                    "concurrency": 4,
                }
            )
            with ThreadNames() as threads:
                report = run_issue(DAY, settings, store=store)
            assert report.sent == 120 and report.exit_code == 0
            received = Counter(r for m in server.messages for r in m.rcpt_tos)
            assert received == Counter(addresses)  # one copy each
            assert server.connections == 4
        senders = {name for name in threads.seen if name.startswith("sender")}
        assert senders == {"sender-0"}, senders
        assert store.counts(DAY).get("sent") == 120
    finally:
        store.close()


def _pool_with_work(
    transport: SmtpTransport, results: queue.Queue[Any], journal: Journal | None, n: int
) -> tuple[RunState, SenderPool]:
    """A sender pool as a run builds it (no store: the tests read `results` themselves), with
    n small messages already queued in chunks of 20."""
    work: queue.Queue[list[Envelope] | None] = queue.Queue()
    state = RunState(
        None,  # type: ignore[arg-type]
        store=None,  # type: ignore[arg-type]
        journal=journal,
        stop=threading.Event(),
        give_up_after=60,
    )
    pool = SenderPool(
        state,
        transport=transport,
        work=work,
        results=results,
        counts=RunCounts(),
        limiter=RateLimiter(0),
        throttle=Throttle(0),
        threshold=10,
        journal=journal,
    )
    data = b"From: news@example.com\r\nSubject: x\r\n\r\nhello\r\n"
    envelopes = [Envelope("news@example.com", f"r{i}@example.com", data, i, True) for i in range(n)]
    for start in range(0, n, 20):
        work.put(envelopes[start : start + 20])
    return state, pool


class _CountingJournal(Journal):
    """A real journal file that counts its write() calls."""

    writes = 0

    def write(self, line: bytes | bytearray) -> None:
        self.writes += 1
        super().write(line)


class _CheckingResults(queue.Queue):  # type: ignore[type-arg]
    """The recorder's inbox: every outcome handed to it must already be in the journal file
    (the journal first, then the ledger: a kill in between replays it from the journal)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.missing: list[int] = []

    def put(self, item, block=True, timeout=None) -> None:  # type: ignore[no-untyped-def]
        text = self.path.read_text()
        self.missing += [key for key, _ in item if f"\nO {key} " not in text]
        super().put(item, block, timeout)


def test_the_journal_takes_one_write_per_message_and_every_outcome_before_the_recorder(
    tmp_path: Path,
) -> None:
    """A pipelined chunk's outcome lines ride with the next message's handing-over line
    (one write() per message where there were two), and still reach the file before the
    recorder sees them."""
    n = 200
    with SmtpServer() as server:
        transport = SmtpTransport(SmtpSettings(host="127.0.0.1", port=server.port, security="none"))
        journal = _CountingJournal(tmp_path / "journal", DAY, "test")
        results = _CheckingResults(journal.path)
        _state, pool = _pool_with_work(transport, results, journal, n)
        pool.start(4, None)
        pool.close()
        sent = [o for _ in range(results.qsize()) for _, o in results.get_nowait()]
        assert len(sent) == n and all(o.status is DeliveryStatus.SENT for o in sent)
        replay = read_journals(tmp_path / "journal", DAY)["test"]
        assert replay.handed == set(range(n))
        assert {k for k, o in replay.outcomes.items() if o.status is DeliveryStatus.SENT} == set(
            range(n)
        )
        assert results.missing == [], "an outcome reached the recorder before the journal"
        # Four connections in one loop: the replies one loop turn reads (of any connection)
        # go out in one write, with a handing-over line or before the wait. Before, every
        # line was a write of its own: 2n + 1 (how many share a write depends on timing).
        assert journal.writes < 2 * n + 1, journal.writes
        journal.close(remove=True)


class _SlowGoodbye(_Handler):
    """A relay that takes a while to answer QUIT (a distant one: every reply a round trip)."""

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(GOODBYE)
        return "221 Bye"


GOODBYE = 0.4


def test_the_connections_say_goodbye_together() -> None:
    """At the end of a run every connection says QUIT and waits for the 221 (RFC 5321 asks
    for both), all at once: one round trip, not one per connection in turn (ten connections
    to a relay 30 ms away held every run's end back by 0.3 s)."""
    n, connections = 160, 8
    server = SmtpServer()
    server._handler = _SlowGoodbye(server)
    with server:
        transport = SmtpTransport(SmtpSettings(host="127.0.0.1", port=server.port, security="none"))
        results: queue.Queue[list[tuple[int, Any]] | None] = queue.Queue()
        state, pool = _pool_with_work(transport, results, None, n)  # a chunk per connection
        pool.start(connections, None)
        outcomes = 0
        while outcomes < n:
            outcomes += len(results.get(timeout=10) or [])
        assert server.connections == connections
        started = time.monotonic()
        pool.close()
        closing = time.monotonic() - started
        assert server.transcript().count(b"QUIT\r\n") == connections  # each said goodbye
        assert state.live_connections == 0
    # In turn it took connections x GOODBYE (3.2 s); together about one GOODBYE.
    assert closing < 3 * GOODBYE, f"closing {connections} connections took {closing:.2f} s"
