"""The transport seam: what the delivery engine hands a mailer and what it gets back.

A `Transport` is configuration plus a factory; `connect()` either returns a `Connection` or
raises one `TransportError` that says why the relay cannot be used at all. A `Connection`
belongs to one thread at a time and turns envelopes into `Outcome`s: per-message trouble is
an outcome, never an exception.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from newsletter.models import Outcome


class Envelope(NamedTuple):
    """One message for one reader. `data` is a complete RFC 5322 message with CRLF line
    endings; `key` is the caller's id for it (the ledger row), carried through untouched.

    A NamedTuple, immutable like the frozen dataclass it was and a fifth of its cost to make
    (one per reader: 2.6 us, with the frozen dataclass's five object.__setattr__ calls)."""

    sender: str
    recipient: str
    # The message, or its pieces in order (a delivery run's: most of them shared by every
    # reader, written with one sendmsg() and never joined); message_bytes() joins them.
    data: bytes | tuple[bytes, ...]
    key: int = 0
    # True when `data` is already what goes on the wire after DATA, less the final dot:
    # CRLF line endings only, no line starting with ".", and 7-bit (MessageTemplate's
    # messages are base64 bodies under ASCII headers: it guarantees all three). The SMTP
    # client then skips its own passes over the bytes (dot-stuffing, the 8BITMIME check).
    wire_ready: bool = False

    def message_bytes(self) -> bytes:
        data = self.data
        return data if isinstance(data, bytes) else b"".join(data)


OnOutcome = Callable[["Envelope", Outcome], None]
OnHandover = Callable[["Envelope"], None]


class HandOverRefused(Exception):
    """Raised by an `on_handover` hook: this message must not reach the relay (the ledger
    or the journal cannot record what happens to it). The connection drops it untried."""


class Connection(Protocol):
    def send(self, envelope: Envelope) -> Outcome:
        """Send one message; never raises for per-message trouble."""
        ...

    def send_many(
        self,
        envelopes: Sequence[Envelope],
        *,
        stop: threading.Event | None = None,
        on_outcome: OnOutcome | None = None,
        on_handover: OnHandover | None = None,
    ) -> list[Outcome]:
        """One outcome per envelope, in order. A transport may pipeline across messages.
        Once `stop` is set no new message is started: the rest come back DEFERRED
        ("not attempted"), so a shutdown waits for at most one message per connection.

        `on_outcome(envelope, outcome)` is called as soon as each outcome is known (not at
        the end of the call), so a caller can record a delivery while the connection still
        waits on another. `on_handover(envelope)` is called just before the message's
        content is written; raising HandOverRefused keeps it from the relay."""
        ...

    def close(self) -> None: ...


class Transport(Protocol):
    name: str

    def connect(self) -> Connection:
        """A ready connection, or TransportError when the relay cannot be used at all."""
        ...


def mask_address(address: str) -> str:
    """'alice@example.com' -> 'a***@example.com': enough to tell readers apart in INFO logs
    without writing their addresses down."""
    local, at, domain = address.rpartition("@")
    if not at:
        return address[:1] + "***"
    return f"{local[:1]}***@{domain}"


def not_attempted(why: str) -> Outcome:
    """The outcome of a message that never reached the relay: retried, never lost."""
    from newsletter.models import DeliveryStatus

    return Outcome(DeliveryStatus.DEFERRED, None, f"not attempted: {why}")
