"""Recovery: settling what a run that died left in flight (the locks that say who is alive:
newsletter/job_locks.py). The leader runs it at start and while workers hold rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsletter.job_locks import sender_lock_name, utcnow
from newsletter.models import DeliveryReport, DeliveryStatus

if TYPE_CHECKING:
    from newsletter.settings import Settings
    from newsletter.store import Store

log = logging.getLogger("newsletter.job")  # the run's logger, as before the split


def recover(
    store: Store,
    day: dt.date,
    settings: Settings,
    clock: Callable[[], dt.datetime] = utcnow,
    *,
    me: str | None = None,
    reset_deferred: bool = True,
) -> dict[str, int]:
    """The leader's recovery of rows a dead sender left in flight, at once (its sender lock
    is free) or when their lease lapsed. The dead sender's journal, when this data dir has it,
    says what the relay already answered (recorded as answered: no second copy) and what
    never left (back to pending, uncharged); only what was handed over without a reply read
    becomes 'unknown'."""
    from newsletter.journal import journal_dir, read_journals

    dead = [
        worker
        for worker in store.sending_workers(day)
        if worker != me and not store.is_held(sender_lock_name(worker))
    ]
    journals = read_journals(journal_dir(settings.data_dir), day)
    replayed = given_back = 0
    for worker in dead:
        journal = journals.get(worker)
        if journal is None:
            continue
        answered = [(k, o) for k, o in journal.outcomes.items()]
        if answered:
            store.record(
                answered,
                backoff=settings.smtp.retry_backoff,
                bounce_limit=settings.bounce_limit,
                now=clock(),
                worker=worker,
            )
            replayed += sum(1 for _, o in answered if o.status is not DeliveryStatus.PENDING)
        given_back += store.give_back(day, worker, keep=journal.handed, now=clock())
    result = store.start_run(
        day,
        resend_unknown=settings.resend_unknown,
        now=clock(),
        reset_deferred=reset_deferred,
        dead=dead,
    )
    for holder, journal in journals.items():
        if holder != me and not store.is_held(sender_lock_name(holder)):
            with contextlib.suppress(OSError):
                journal.path.unlink()
    if replayed or given_back:
        log.warning(
            "issue %s: from a dead run's journal, %d outcomes recorded as the relay gave them "
            "and %d messages that never reached the relay queued again",
            day,
            replayed,
            given_back,
        )
    return {**result, "replayed": replayed, "given_back": given_back}


def recover_at_start(
    store: Store,
    day: dt.date,
    settings: Settings,
    clock: Callable[[], dt.datetime],
    holder: str,
    report: DeliveryReport,
) -> None:
    """Settle what a run that died left in flight, and count it in this run's report."""
    recovery = recover(store, day, settings, clock, me=holder)
    report.recovered = recovery.get("recovered", 0)
    report.resent_unknown = recovery.get("requeued", 0)
    report.replayed = recovery.get("replayed", 0)
    report.given_back = recovery.get("given_back", 0)
    if report.recovered:
        log.warning(
            "issue %s: %d messages were in flight when a run died; their fate is unknown%s",
            day,
            report.recovered,
            " and they are sent again once" if settings.resend_unknown else "",
        )


def others_in_flight(
    store: Store,
    day: dt.date,
    settings: Settings,
    stop: threading.Event,
    clock: Callable[[], dt.datetime],
    me: str | None = None,
    report: DeliveryReport | None = None,
) -> bool:
    """Wait while `worker` processes still hold rows of the issue. Returns True when some of
    them died (their sender lock is free, or their lease lapsed): the leader then takes
    those rows over, and its report counts them like a recovery at start."""
    while not stop.is_set() and store.counts(day).get("sending", 0):
        recovered = recover(store, day, settings, clock, me=me, reset_deferred=False)
        if recovered["recovered"] or recovered["given_back"] or recovered["replayed"]:
            log.warning(
                "issue %s: took over the rows of a sender that died: %d of unknown fate",
                day,
                recovered["recovered"],
            )
            if report is not None:
                report.recovered += recovered["recovered"]
                report.resent_unknown += recovered["requeued"]
                report.replayed += recovered["replayed"]
                report.given_back += recovered["given_back"]
            return True
        stop.wait(0.5)
    return False
