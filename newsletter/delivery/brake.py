"""What the delivery threads share, and the brake: the ledger decides whether we may send.

While outcomes cannot be written (database error, full disk, journal unwritable), no message
is handed to the relay; what was read is kept and written when the ledger returns. After
LEASE_SECONDS of that, the run gives up with LedgerUnavailableError.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from typing import TYPE_CHECKING

from newsletter.errors import LedgerUnavailableError, NewsletterError, TransportError
from newsletter.models import Outcome
from newsletter.store import Store

if TYPE_CHECKING:
    from newsletter.journal import Journal

# The parts keep the stage's logger name: operators filter on it.
log = logging.getLogger("newsletter.deliver")

RETRY_FIRST = 0.2  # seconds before the ledger is tried again after a failure; doubles
RETRY_MAX = 5.0


def why(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, NewsletterError) else f"{type(exc).__name__}: {exc}"


class RunState:
    """State the claimer, the senders and the recorder share, behind one condition variable,
    and the events that stop them: `halt` (no new message reaches the relay while set: a stop,
    or the brake) and `stop_for_relay` (the relay refused us: the run ends)."""

    def __init__(
        self,
        day: dt.date,
        *,
        store: Store,
        journal: Journal | None,
        stop: threading.Event,
        give_up_after: float,
    ) -> None:
        self.day = day
        self.store = store
        self.journal = journal
        self.stop = stop
        self.give_up_after = give_up_after
        self.cond = threading.Condition()
        self.in_flight = 0
        self.held: set[int] = set()  # ledger ids claimed and not yet recorded
        # Held ids whose reader left after the claim (unsubscribed, say): the recorder finds
        # them every LEFT_CHECK seconds, and a sender skips them instead of mailing them.
        self.left: set[int] = set()
        self.error: BaseException | None = None  # the ledger stayed unusable: the run gives up
        self.fatal: TransportError | None = None  # the relay cannot be used at all: end the run
        self.down_since: float | None = None  # when the ledger (or journal) stopped taking writes
        self.down_reason = ""
        self.journal_broken = False
        self.live_connections = 0  # sender threads holding a working connection
        self.retired = 0  # connection slots given up because the relay refused more sessions
        self.halt = threading.Event()
        self.stop_for_relay = threading.Event()

    def ended(self) -> bool:
        return self.stop.is_set() or self.stop_for_relay.is_set()

    def brake(self, reason: str) -> None:
        with self.cond:
            if self.down_since is None:
                self.down_since = time.monotonic()
                self.down_reason = reason
                log.error(
                    "issue %s: cannot record outcomes (%s): no further message is handed to "
                    "the relay until the ledger takes writes again",
                    self.day,
                    reason,
                )
            self.halt.set()
            self.cond.notify_all()

    def journal_failed(self, reason: str) -> None:
        """The journal could not be written: brake until a probe write works again."""
        with self.cond:
            self.journal_broken = True
        self.brake(reason)

    def release_brake(self) -> None:
        with self.cond:
            if self.down_since is None or self.journal_broken:
                return
            log.warning(
                "issue %s: the ledger takes writes again after %.1f s; sending resumes",
                self.day,
                time.monotonic() - self.down_since,
            )
            self.down_since = None
            if not self.stop.is_set() and self.fatal is None:
                self.halt.clear()
            self.cond.notify_all()

    def gave_up(self) -> bool:
        with self.cond:
            return self.down_since is not None and (
                time.monotonic() - self.down_since > self.give_up_after
            )

    def settle(self, batch: list[tuple[int, Outcome]]) -> None:
        with self.cond:
            self.in_flight -= len(batch)
            self.held.difference_update(key for key, _ in batch)
            if self.left:
                self.left.difference_update(key for key, _ in batch)
            self.cond.notify_all()

    def give_up(self, unrecorded: int) -> LedgerUnavailableError:
        journal = self.journal
        kept = (
            f"; {unrecorded} outcomes read but not recorded are kept in {journal.path}"
            if (journal is not None and unrecorded and not self.journal_broken)
            else (f"; {unrecorded} outcomes read could not be kept" if unrecorded else "")
        )
        day = self.day
        return LedgerUnavailableError(
            f"issue {day}: stopped sending, outcomes could not be recorded for "
            f"{time.monotonic() - (self.down_since or time.monotonic()):.0f} s "
            f"({self.down_reason}){kept}; some deliveries are still owed",
            # Say what to fix: a journal that cannot be written is a disk (or folder) to see
            # to, not a database outage.
            hint=(
                f"when the journal's disk ({journal.path.parent}) has room again, "
                if (journal is not None and self.journal_broken)
                else "when the database is back, "
            )
            + f"`newsletter send --date {day}` resumes at once",
        )
