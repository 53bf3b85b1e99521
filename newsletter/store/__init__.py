"""Persistence: subscribers, issues and their archive, the delivery ledger, locks, heartbeats.

``Store.open(url)`` opens (and migrates) a SQLite file or a PostgreSQL database; ``Store``
(db.py) composes the parts: engine.py, subscribers.py, issues.py, ledger.py, locks.py.
"""

from newsletter.store.db import (
    Claim,
    FailureRow,
    ImportReport,
    Store,
    clean_name,
    normalise_email,
)

__all__ = ["Claim", "FailureRow", "ImportReport", "Store", "clean_name", "normalise_email"]
