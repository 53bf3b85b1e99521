"""Mail transports: SMTP to a relay, or an outbox folder of .eml files.

transport = make_transport(settings)        # once per run
connection = transport.connect()            # one per sender thread; TransportError if unusable
outcomes = connection.send_many(envelopes)  # one Outcome per Envelope, same order
connection.close()
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsletter.mailers.base import Connection, Envelope, Transport, mask_address

if TYPE_CHECKING:
    from newsletter.settings import Settings

__all__ = ["Connection", "Envelope", "Transport", "make_transport", "mask_address"]


def make_transport(
    settings: Settings, *, day: dt.date | None = None, test: bool = False
) -> Transport:
    """The transport NEWSLETTER_TRANSPORT asks for (default: smtp when SMTP__HOST is set).
    `day` names the outbox sub-folder (YYYY-MM-DD); without it, files go to "messages".
    `test`: a test send's [TEST] copies, named test-*.eml in the outbox."""
    if settings.effective_transport == "smtp":
        from newsletter.mailers.smtp import SmtpTransport

        return SmtpTransport(settings.smtp)
    from newsletter.mailers.outbox import OutboxTransport

    return OutboxTransport(settings.outbox_path, day=day, test=test)
