"""The recorder's backlog is bounded: when outcomes are written more slowly than the relay
takes messages (a slow disk, a busy machine starving the recorder thread), the run claims no
more until the ledger catches up, instead of letting read-but-unrecorded outcomes pile up in
memory (measured before the bound: a send to 1,000,000 readers under load grew to 116-156 MB,
every extra megabyte outcomes waiting for the recorder; docs/scale.md)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest

from newsletter.delivery import claimer
from newsletter.job import run_issue
from newsletter.models import Outcome
from newsletter.store import Store
from tests.smtp_server import SmtpServer

DAY = dt.date(2025, 2, 11)  # the bundled sample day
BATCH = 10


class SlowLedger(Store):
    """The real store on a slow disk: every write of outcomes takes 30 ms. It notes, at each
    claim, how many rows were claimed and not yet recorded."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tally = threading.Lock()
        self.claimed = self.recorded = self.most_unrecorded = 0

    def claim(self, *args: Any, **kwargs: Any) -> Any:
        with self._tally:
            self.most_unrecorded = max(self.most_unrecorded, self.claimed - self.recorded)
        claims = super().claim(*args, **kwargs)
        with self._tally:
            self.claimed += len(claims)
        return claims

    def record(self, results: Sequence[tuple[int, Outcome]], **kwargs: Any) -> None:
        time.sleep(0.03)
        super().record(results, **kwargs)
        with self._tally:
            self.recorded += len(results)


def test_a_slow_ledger_holds_the_claims_back_and_every_reader_gets_one(  # type: ignore[no-untyped-def]
    make_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bound in rows at this test's scale (it is 2,000 in a run): four batches of 10.
    monkeypatch.setattr(claimer, "MIN_UNRECORDED_ROWS", 0)
    readers = 600
    with SmtpServer() as server:
        settings = make_settings(
            smtp={"host": server.host, "port": server.port, "security": "none"},
            batch_size=BATCH,
        )
        with SlowLedger.open(settings.db_url) as store:
            for n in range(readers):
                store.add_subscriber(f"reader{n}@example.com", None)
            report = run_issue(DAY, settings, store=store)
            assert store.counts(DAY)["sent"] == readers
            most = store.most_unrecorded
    assert report.exit_code == 0
    assert sorted(r for m in server.messages for r in m.rcpt_tos) == sorted(
        f"reader{n}@example.com" for n in range(readers)
    )
    # At a claim, at most the bound's worth of rows less a batch is out and unrecorded.
    assert most <= claimer.MAX_UNRECORDED_BATCHES * BATCH - BATCH, most


def test_the_bound_leaves_room_for_a_streak_of_refusals(  # type: ignore[no-untyped-def]
    make_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The recorder holds a streak of identical refusals back until it is SYSTEMIC_REFUSALS
    long (then the run stops and nobody is bounced) or a delivery breaks it. Held rows are
    claimed and unrecorded: a bound smaller than the streak left the claimer waiting while
    the recorder, seeing every row in flight held, read the streak as its readers' own and
    failed and bounced them (16 of 40 readers with batches of 2 and a threshold of 20)."""
    from sqlalchemy import text

    from newsletter.errors import SystemicRefusalError
    from tests.smtp_server import Fault, FaultPlan

    monkeypatch.setattr(claimer, "MIN_UNRECORDED_ROWS", 0)  # the streak's term decides
    plan = FaultPlan().on_every_message(
        Fault("RCPT", reply="550 Requested action not taken", times=None)
    )
    with SmtpServer(faults=plan) as server:
        settings = make_settings(
            smtp={
                "host": server.host,
                "port": server.port,
                "security": "none",
                "concurrency": 1,
                "systemic_refusals": 20,
            },
            batch_size=2,
        )
        with Store.open(settings.db_url) as store:
            for n in range(40):
                store.add_subscriber(f"reader{n}@example.com", None)
            with pytest.raises(SystemicRefusalError):
                run_issue(DAY, settings, store=store)
            counts = store.counts(DAY)
            with store.engine.connect() as connection:
                bounced = connection.execute(
                    text("SELECT count(*) FROM subscribers WHERE bounce_count > 0")
                ).scalar()
    assert counts["failed"] == 0 and bounced == 0, (counts, bounced)
