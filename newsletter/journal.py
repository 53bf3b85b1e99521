"""The sender's journal: which messages were handed to the relay, and what the relay said.

One append-only file per sending process and issue, in DATA_DIR/journal/. Two kinds of line:

    H <id>                                   written before the message's payload goes out
    O <id> <status> <code|->\\t<detail>       written once the reply is read, before any wait

Why: the ledger is written in batches (and may be unreachable: a database restart, a full
disk), so after a crash it cannot tell a message the relay accepted from one that never left.
The next run replays the journal of a dead sender: an outcome that was read is recorded as
read (no second copy), a message handed over without a reply read is 'unknown' (the only
possible duplicate), and a claimed message never handed over goes back to 'pending'. The last
line about a message decides: an H after its O (a retry in the same run) leaves it 'unknown'.

Each H line reaches the kernel (one write()) before the relay sees the message, and each O
line before the sender next waits on anything (the single-threaded sender loop gathers the O
lines of one loop turn and writes them with the next H line, or before its wait: one write
where there were two), so a `kill -9` while a sender waits loses nothing (one that lands in
the microseconds between a reply read and its line written leaves that message 'unknown',
the safe side, as it always could). The file is fsync'd with every ledger batch, not per
line (a power cut may lose the last 0.1 s, whose rows then count as 'unknown', the safe
side). A run that ends with every outcome in the ledger removes its journal.

No lock around the writes: the file is opened O_APPEND, so each os.write() of one line lands
whole at the end of the file even with ten sender threads writing at once (a lock per line
cost the senders more than the write itself).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsletter.models import DeliveryStatus, Outcome

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_NEWLINES = re.compile(r"[\r\n\t]+")


def journal_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "journal"


def _file(folder: Path, day: dt.date, holder: str) -> Path:
    return folder / f"{day.isoformat()}--{_UNSAFE.sub('_', holder)[:150]}.log"


_STATUS_TEXT = {status: status.value for status in DeliveryStatus}  # .value is an enum lookup


def outcome_line(key: int, outcome: Outcome) -> bytes:
    """The O line of one outcome, for a caller that writes several lines at once."""
    status, code, detail = outcome  # one unpacking, not three attribute lookups
    if not detail:
        detail = ""
    elif "\n" in detail or "\r" in detail or "\t" in detail:  # rare: spare the regex else
        detail = _NEWLINES.sub(" ", detail)
    code_text = "-" if code is None else code
    return f"O {key} {_STATUS_TEXT[status]} {code_text}\t{detail[:300]}\n".encode()


class Journal:
    """Thread-safe appends; every method raises OSError when the disk refuses."""

    def __init__(self, folder: Path, day: dt.date, holder: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = _file(folder, day, holder)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
        self._dirty = False
        self.write(f"# holder {holder}\n".encode())

    def write(self, line: bytes) -> None:
        written = os.write(self._fd, line)
        # Set after the write: a sync() that clears the flag before this line's flag is set
        # still fsyncs after the line reached the kernel, so no written line is left unsynced.
        self._dirty = True
        if written != len(line):  # a nearly full disk: the line is torn, the next run skips it
            raise OSError(28, "No space left on device (short write)")

    def handing_over(self, key: int, before: bytes | bytearray = b"") -> None:
        """The H line of `key`, after `before` (outcome lines a sender gathered, see
        outcome_line) in the same write: one system call where there were two. write()'s
        body inline: once a message, a Python call fewer."""
        line = b"%bH %d\n" % (before, key)
        written = os.write(self._fd, line)
        self._dirty = True  # after the write: see write()
        if written != len(line):
            raise OSError(28, "No space left on device (short write)")

    def outcome(self, key: int, outcome: Outcome) -> None:
        self.write(outcome_line(key, outcome))

    def sync(self) -> None:
        """fsync when anything was written since the last sync (one caller: the recorder)."""
        dirty, self._dirty = self._dirty, False
        if dirty:
            os.fsync(self._fd)

    def close(self, *, remove: bool) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()


@dataclass
class Replay:
    holder: str
    path: Path
    handed: set[int] = field(default_factory=set)
    outcomes: dict[int, Outcome] = field(default_factory=dict)


def read_journals(folder: Path, day: dt.date) -> dict[str, Replay]:
    """Every journal of `day` in `folder`, by holder. Torn or unreadable lines are skipped."""
    found: dict[str, Replay] = {}
    try:
        paths = sorted(folder.glob(f"{day.isoformat()}--*.log"))
    except OSError:
        return found
    for path in paths:
        try:
            replay = _read_journal(path)
        except OSError as exc:
            log.warning("cannot read the journal %s: %s", path, exc.strerror)
            continue
        if replay is not None:
            found[replay.holder] = replay
    return found


def _read_journal(path: Path) -> Replay | None:
    """One journal, line by line: a dead sender's journal of a million-reader issue holds
    two lines per message, and reading it whole would double the leader's peak memory."""
    replay: Replay | None = None
    with path.open("r", encoding="utf-8", errors="replace", newline="\n") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# holder "):
                replay = Replay(line[len("# holder ") :], path)
                continue
            if replay is None:
                break
            try:
                if line.startswith("H "):
                    key = int(line[2:])
                    replay.handed.add(key)
                    # Handed over again after an outcome (a deferred or given-back reader
                    # retried in the same run): that outcome was the last attempt's, not this
                    # one's. Replayed, it sent a second copy the ledger did not admit.
                    replay.outcomes.pop(key, None)
                elif line.startswith("O "):
                    head, _, detail = line[2:].partition("\t")
                    key, status, code = head.split(" ")
                    outcome = Outcome(
                        DeliveryStatus(status), None if code == "-" else int(code), detail
                    )
                    replay.outcomes[int(key)] = outcome
                    replay.handed.add(int(key))
            except ValueError:
                continue  # the last line of a killed process may be torn
    return replay
