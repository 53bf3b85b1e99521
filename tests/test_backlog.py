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

from newsletter.delivery.claimer import MAX_UNRECORDED_BATCHES
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
    make_settings,
) -> None:
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
    # At a claim, at most the bound's worth of batches is out and unrecorded.
    assert most <= MAX_UNRECORDED_BATCHES * BATCH, most
