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
from email.errors import HeaderParseError
from email.header import decode_header, make_header
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
TEST_SUBJECT = "[TEST]"  # and its Subject so (render.py): how copies named before are told
# Keys a [TEST] copy named before TEST_PREFIX can have: its place in a --to list (the console
# sent at most 20, the CLI had no limit; today both at most 50).
OLD_TEST_KEYS = 1000
# The Subject header, folded lines included, in a message's header block.
_SUBJECT = re.compile(rb"^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.M | re.I)
_FOLD = re.compile(rb"\r?\n[ \t]")


def eml_name(envelope: Envelope, prefix: str = "") -> str:
    """'17-alice@example.com.eml': the key keeps names unique, the address makes them findable.
    A test send's copies are 'test-0-me@example.com.eml'."""
    recipient = _UNSAFE.sub("_", envelope.recipient)[:120].lstrip(".") or "recipient"
    return f"{prefix}{envelope.key}-{recipient}.eml"


def count_eml(folder: Path, *, first_message: bool = False) -> tuple[int, int]:
    """(issue messages, [TEST] copies) written to an outbox folder; (0, 0) when there is none.

    A copy is a [TEST] one by its name (test-*.eml), or, for those written before test copies
    were so named ('0-me@example.com.eml', as a reader's '17-kim@example.com.eml'), by its
    Subject. Only files whose key could be a test copy's are opened: its key is its place in
    the --to list (0, 1, ...), a reader's the ledger row, past OLD_TEST_KEYS after the first
    readers (reading every Subject of 100,000 files took 2.5-15 s; this reads 999 of them).
    `first_message`: stop at the first issue message (is there any?)."""
    messages = tests = 0
    for path in folder.glob("*.eml") if folder.is_dir() else ():
        name = path.name
        key = name.partition("-")[0]
        if name.startswith(TEST_PREFIX) or (
            (not key.isdigit() or int(key) < OLD_TEST_KEYS) and _subject_is_test(path)
        ):
            tests += 1
        else:
            messages += 1
            if first_message:
                break
    return messages, tests


def _subject_is_test(path: Path) -> bool:
    """Whether the message's Subject starts with [TEST]: its header block only, and decoded
    only when it may (a reader's Subject, RFC 2047 encoded, is rarely decoded)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        return False
    end = head.find(b"\r\n\r\n")
    found = _SUBJECT.search(head, 0, end if end >= 0 else len(head))
    if found is None:
        return False
    raw = _FOLD.sub(b" ", found[1]).strip()
    # "[TEST]" as it is, Q-encoded (=5BTEST=5D), or the first six bytes of a base64 word.
    if b"TEST" not in raw.upper() and b"W1RFU1RD" not in raw.upper():
        return False
    try:
        text = str(make_header(decode_header(raw.decode("ascii", "replace"))))
    except (HeaderParseError, LookupError, ValueError):
        return False
    return text.startswith(TEST_SUBJECT)


class OutboxConnection:
    def __init__(self, folder: Path, prefix: str = "") -> None:
        self.folder = folder
        self.prefix = prefix
        self._made = False  # the folder is made at the first write, once per connection

    def send(self, envelope: Envelope) -> Outcome:
        path = self.folder / eml_name(envelope, self.prefix)
        # Unique per process and thread, so two writers of one key never share a temp file.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            if not self._made:
                # Not at connect: a run that then fails on its source would leave an empty
                # outbox/<date>/ behind, and removing it again could pull the folder from
                # under a concurrent run (a console test send) that connected meanwhile.
                self.folder.mkdir(parents=True, exist_ok=True)
                self._made = True
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

    @property
    def folder(self) -> Path:
        return self.directory / (self.day.isoformat() if self.day else "messages")

    def connect(self) -> OutboxConnection:
        """Checks that the folder can be made, but makes it only at the first write (so a
        run that writes nothing leaves no empty outbox/<date>/ and never has to remove one)."""
        folder = self.folder
        existing = folder
        while not existing.exists() and existing.parent != existing:
            existing = existing.parent
        if existing != folder or not folder.is_dir():
            usable = existing.is_dir() and os.access(existing, os.W_OK | os.X_OK)
            if not usable:
                reason = "not a folder" if not existing.is_dir() else "permission denied"
                raise TransportError(
                    f"cannot create the outbox folder {folder}: {reason} ({existing})",
                    hint="check NEWSLETTER_OUTBOX_DIR or NEWSLETTER_DATA_DIR",
                )
        return OutboxConnection(folder, self.prefix)

    def __repr__(self) -> str:
        return f"OutboxTransport({str(self.folder)!r})"
