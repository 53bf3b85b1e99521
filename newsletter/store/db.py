"""The store: subscribers, issues and their archive, the delivery ledger, locks and heartbeats.

``Store`` only composes the parts, each a ``Database`` subclass over the one shared engine
helper (store/engine.py):

- store/subscribers.py  ``Subscribers``: the readers, their regions, status and token salts;
- store/issues.py       ``Issues``: issue payloads and states, the public archive;
- store/ledger.py       ``Ledger``: the deliveries table and its state machine;
- store/locks.py        ``Locks``: locks and heartbeats.

Everything large is streamed or done in set-based statements: a list of a million readers is
never held in memory, enqueueing an issue is one INSERT ... SELECT, and claiming or recording a
batch of deliveries is a handful of statements in one transaction.

Concurrency. On PostgreSQL, workers in several processes claim with ``FOR UPDATE SKIP LOCKED``.
On SQLite every writing transaction starts with ``BEGIN IMMEDIATE``: writers queue on the file
lock (busy_timeout 30 s) instead of failing when a read transaction tries to become a write one.

Time. Every datetime in and out is timezone-aware UTC. Methods that depend on the clock take a
``now`` so that tests (and a caller that wants one clock for a whole batch) can pass it in.
"""

from __future__ import annotations

from pathlib import Path

from newsletter.store.engine import (
    Database,
    _create_engine,
    _now,
    mask_url,
    one_line,
    utc_now,
)
from newsletter.store.importer import ImportReport, import_csv
from newsletter.store.issues import Issues
from newsletter.store.ledger import (
    CRASH_DETAIL,
    DETAIL_MAX,
    UNSUBSCRIBED_DETAIL,
    Claim,
    Ledger,
)
from newsletter.store.ledger_reads import FailureRow
from newsletter.store.locks import Locks
from newsletter.store.subscribers import (
    Subscribers,
    clean_name,
    normalise_email,
    regions_set,
    regions_text,
)

# The names callers imported from this module before the split keep working.
__all__ = [
    "CRASH_DETAIL",
    "DETAIL_MAX",
    "UNSUBSCRIBED_DETAIL",
    "Claim",
    "Database",
    "FailureRow",
    "ImportReport",
    "Store",
    "_create_engine",
    "_now",
    "clean_name",
    "mask_url",
    "normalise_email",
    "one_line",
    "regions_set",
    "regions_text",
    "utc_now",
]


class Store(Subscribers, Issues, Ledger, Locks):
    """The whole store, one per process; thread-safe (each call takes its own pooled
    connection). ``Store.open(url)`` opens (and migrates) the database; see engine.py."""

    def import_csv(self, path: Path) -> ImportReport:
        return import_csv(self, Path(path))
