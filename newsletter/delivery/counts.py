"""What one delivery run did; the ledger holds the totals over all runs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsletter.models import DeliveryStatus

# The outcomes that leave a row owed: this run (or the next) may still deliver it.
OPEN = (DeliveryStatus.DEFERRED, DeliveryStatus.UNKNOWN)


@dataclass
class RunCounts:
    """What this run did (the ledger holds the totals over all runs)."""

    outcomes: Counter[str] = field(default_factory=Counter)
    unknown_requeued: int = 0
    db_seconds: float = 0.0
    build_seconds: float = 0.0
    smtp_seconds: float = 0.0  # summed over sender threads
    stopped: bool = False
    # Rows whose latest outcome here was deferred or unknown: what this run may still owe.
    # Small (it shrinks as retries succeed), unlike a map of every row's outcome.
    open: set[int] = field(default_factory=set)
    connections: int = 0  # the connection count the relay let this run keep

    def merge(self, other: RunCounts) -> None:
        self.outcomes.update(other.outcomes)
        self.open |= other.open  # the ledger says later which of these were settled elsewhere
        self.unknown_requeued += other.unknown_requeued
        self.db_seconds += other.db_seconds
        self.build_seconds += other.build_seconds
        self.smtp_seconds += other.smtp_seconds
        self.stopped = self.stopped or other.stopped
        self.connections = other.connections or self.connections
