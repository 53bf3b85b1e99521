"""The run's first batch is built with the GIL handed over quickly: the sender thread waits for
it on the first chunk and on every reply of the relay, and at the interpreter's default switch
interval (5 ms) each wait held the first message back (docs/scale.md, "The 10,000-reader
margin, fourth round"). Only that batch: the switch interval is the default again after it."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest

from newsletter.delivery import claimer
from newsletter.job import run_issue
from newsletter.store import Store
from tests.smtp_server import SmtpServer

DAY = dt.date(2025, 2, 11)  # the bundled sample day


def test_the_first_batch_hands_the_gil_over_quickly_and_only_it(  # type: ignore[no-untyped-def]
    make_settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[float] = []
    dispatch = claimer.Claimer._dispatch

    def noting(self: claimer.Claimer, claims: Any) -> None:
        seen.append(sys.getswitchinterval())
        dispatch(self, claims)

    monkeypatch.setattr(claimer.Claimer, "_dispatch", noting)
    before = sys.getswitchinterval()
    readers = 12
    with SmtpServer() as server:
        settings = make_settings(
            smtp={"host": server.host, "port": server.port, "security": "none"}, batch_size=5
        )
        with Store.open(settings.db_url) as store:
            for n in range(readers):
                store.add_subscriber(f"reader{n}@example.com", None)
            report = run_issue(DAY, settings, store=store)
            assert store.counts(DAY)["sent"] == readers
    assert report.exit_code == 0
    assert len(server.messages) == readers
    assert len(seen) == 3, seen  # batches of 5, 5 and 2
    assert seen[0] < before, seen  # built under a shorter interval
    assert seen[0] <= claimer.HANDOVER_INTERVAL
    assert seen[1:] == [before, before]
    assert sys.getswitchinterval() == before


def test_quick_handover_sets_the_interval_back_when_the_block_fails() -> None:
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError), claimer.quick_handover(0.0001):
        assert sys.getswitchinterval() == pytest.approx(0.0001)
        raise RuntimeError("the build failed")
    assert sys.getswitchinterval() == before


def test_overlapping_blocks_of_two_threads_leave_the_interval_as_it_was() -> None:
    """Two runs in one process (the scheduler's, a test's): their first batches may overlap,
    and the one that ends first must not leave the short interval to the other's end, nor
    the other put the short one back for good."""
    before = sys.getswitchinterval()
    first, second = claimer.quick_handover(0.0002), claimer.quick_handover(0.0003)
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first run's batch is built; the second's is not
    assert sys.getswitchinterval() < before
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == before


def test_a_refused_interval_leaves_no_stale_entry_behind() -> None:
    """An interval the interpreter refuses (ValueError) must not leave the block's entry
    behind: every later block would then think an outer one is still open and never restore."""
    before = sys.getswitchinterval()
    with pytest.raises(ValueError), claimer.quick_handover(0.0):
        pass
    with claimer.quick_handover(0.0002):
        pass
    assert sys.getswitchinterval() == before


def test_an_interval_the_process_sets_during_the_block_is_kept() -> None:
    """A process that sets its own interval while a run's first batch is built (the web
    console and scheduler share one process) keeps it: the block puts back only its own."""
    before = sys.getswitchinterval()
    try:
        with claimer.quick_handover(0.0002):
            sys.setswitchinterval(0.002)  # another part of the process, its own choice
        assert sys.getswitchinterval() == pytest.approx(0.002)
    finally:
        sys.setswitchinterval(before)


def test_an_interval_the_process_sets_between_two_overlapping_blocks_is_kept() -> None:
    """Run A's first batch is being built, the process sets its own interval, run B's first
    batch starts: when both are done the process's interval is back, not the one A found."""
    before = sys.getswitchinterval()
    first, second = claimer.quick_handover(0.0002), claimer.quick_handover(0.0003)
    try:
        first.__enter__()
        sys.setswitchinterval(0.002)  # another part of the process, its own choice
        second.__enter__()
        first.__exit__(None, None, None)
        second.__exit__(None, None, None)
        assert sys.getswitchinterval() == pytest.approx(0.002)
    finally:
        sys.setswitchinterval(before)
