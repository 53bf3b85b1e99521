"""The outbox transport: each message becomes an .eml file instead of leaving over SMTP.

For previews, staging and machines without a relay. Files land in
<outbox>/<YYYY-MM-DD or "messages">/<key>-<recipient>.eml and are written whole or not at all
(a temporary file renamed into place), so a crash never leaves half a message behind and a
resend of the same key simply replaces the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path

from newsletter.errors import TransportError
from newsletter.mailers.base import (
    Envelope,
    HandOverRefused,
    OnHandover,
    OnOutcome,
    mask_address,
    not_attempted,
)
from newsletter.models import DeliveryStatus, Outcome

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]")


TEST_PREFIX = "test-"  # a [TEST] copy's file name starts so: `status` counts it apart


def eml_name(envelope: Envelope, prefix: str = "") -> str:
    """'17-alice@example.com.eml': the key keeps names unique, the address makes them findable.
    A test send's copies are 'test-0-me@example.com.eml'."""
    recipient = _UNSAFE.sub("_", envelope.recipient)[:120].lstrip(".") or "recipient"
    return f"{prefix}{envelope.key}-{recipient}.eml"


def count_eml(folder: Path) -> tuple[int, int]:
    """(issue messages, [TEST] copies) written to an outbox folder; (0, 0) when there is none."""
    names = [p.name for p in folder.glob("*.eml")] if folder.is_dir() else []
    tests = sum(1 for name in names if name.startswith(TEST_PREFIX))
    return len(names) - tests, tests


class OutboxConnection:
    def __init__(self, folder: Path, prefix: str = "") -> None:
        self.folder = folder
        self.prefix = prefix

    def send(self, envelope: Envelope) -> Outcome:
        path = self.folder / eml_name(envelope, self.prefix)
        # Unique per process and thread, so two writers of one key never share a temp file.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            with open(tmp, "wb") as handle:
                handle.write(envelope.message_bytes())
            os.replace(tmp, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            log.info("outbox: cannot write for %s: %s", mask_address(envelope.recipient), exc)
            return Outcome(DeliveryStatus.DEFERRED, None, f"cannot write {path}: {exc.strerror}")
        log.debug("outbox: %s -> %s", envelope.recipient, path)
        return Outcome(DeliveryStatus.SENT, None, str(path))

    def send_many(
        self,
        envelopes: Sequence[Envelope],
        *,
        stop: threading.Event | None = None,
        on_outcome: OnOutcome | None = None,
        on_handover: OnHandover | None = None,
    ) -> list[Outcome]:
        outcomes: list[Outcome] = []
        refused = False
        for envelope in envelopes:
            if refused or (stop is not None and stop.is_set()):
                outcome = not_attempted("shutting down")
            else:
                try:
                    if on_handover is not None:
                        on_handover(envelope)
                    outcome = self.send(envelope)
                except HandOverRefused:
                    refused = True
                    outcome = not_attempted("the outcome could not be recorded")
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(envelope, outcome)
        return outcomes

    def close(self) -> None:
        pass

    def __enter__(self) -> OutboxConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class OutboxTransport:
    name = "outbox"

    def __init__(self, directory: Path, *, day: dt.date | None = None, test: bool = False) -> None:
        self.directory = Path(directory)
        self.day = day
        self.prefix = TEST_PREFIX if test else ""
        self._created = False  # this transport made the folder (remove_if_unused may go)

    @property
    def folder(self) -> Path:
        return self.directory / (self.day.isoformat() if self.day else "messages")

    def connect(self) -> OutboxConnection:
        folder = self.folder
        try:
            if not folder.is_dir():
                folder.mkdir(parents=True, exist_ok=True)
                self._created = True
        except OSError as exc:
            raise TransportError(
                f"cannot create the outbox folder {folder}: {exc.strerror}",
                hint="check NEWSLETTER_OUTBOX_DIR or NEWSLETTER_DATA_DIR",
            ) from None
        return OutboxConnection(folder, self.prefix)

    def remove_if_unused(self) -> None:
        """After a run, when every connection is closed: the folder this transport made goes
        again if nothing was written to it (a send that failed on its source, say), so an
        empty outbox/<date>/ never suggests an issue that was written."""
        if not self._created:
            return
        with contextlib.suppress(OSError):  # not empty, or gone: leave it
            self.folder.rmdir()
            log.debug("outbox: removed the unused folder %s", self.folder)
        self._created = False

    def __repr__(self) -> str:
        return f"OutboxTransport({str(self.folder)!r})"
