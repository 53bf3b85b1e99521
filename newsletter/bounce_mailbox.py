"""`newsletter bounces process PATH…`: read bounce mail, act on it, never delete it.

PATH may be a Maildir (a folder with cur/ new/ tmp/), an mbox file, or single .eml files.
Each message gets a verdict (newsletter.bounces). Recognised messages (bounces, complaints,
auto-replies, unsubscribe requests by mail, and reports already applied) move to a
``processed`` folder: the Maildir++
sub-folder ``.processed`` of a Maildir, ``PATH.processed`` next to an mbox, a ``processed/``
folder next to .eml files. Unrecognised messages, and unsubscribe requests refused (their
token did not verify), stay where they were and are counted. Mail
read from one of those processed places is judged but stays where it is.
A message is written to its new place before it is removed from the old one, and the
database is updated before either, so a crash at any point loses nothing and a second run
applies nothing twice.
"""

from __future__ import annotations

import logging
import mailbox
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsletter.bounces import REFUSED, UNRECOGNISED, UNSUBSCRIBE, Verdict, apply_verdict, classify
from newsletter.errors import InputError

if TYPE_CHECKING:
    from newsletter.settings import Settings
    from newsletter.store import Store

log = logging.getLogger(__name__)

PROCESSED = "processed"


@dataclass
class BounceReport:
    counts: Counter[str] = field(default_factory=Counter)
    replays: int = 0
    lines: list[str] = field(default_factory=list)
    # Unrecognised only because NEWSLETTER_BOUNCE_ADDRESS is unset: addressed to a VERP sender.
    verp_unread: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        order = ("hard", "soft", "complaint", "feedback", "auto-reply", "unrecognised")
        parts = [f"{self.counts.get(k, 0)} {k}" for k in order]
        if self.counts.get(UNSUBSCRIBE) or self.counts.get(REFUSED):  # the mailto: requests
            parts += [
                f"{self.counts.get(UNSUBSCRIBE, 0)} unsubscribed by mail",
                f"{self.counts.get(REFUSED, 0)} refused",
            ]
        again = f"; {self.replays} already applied before" if self.replays else ""
        return f"{self.total} messages: " + ", ".join(parts) + again

    def missing_setting(self) -> str | None:
        """The line that names the setting when VERP bounces went unread for want of it."""
        if not self.verp_unread:
            return None
        return (
            f"{self.verp_unread} unrecognised messages are addressed to VERP senders"
            f" (bounces+<date>-<reader>-…@…), but {VERP_SETTING} is not set: set it to the"
            " bounce address the issues were sent with and process this mail again"
        )


VERP_SETTING = "NEWSLETTER_BOUNCE_ADDRESS"
# A VERP sender as newsletter/verp.py writes it: local+YYYYMMDD-<base36 id>-<20 hex>@domain.
_VERP_SHAPE = re.compile(rb"[A-Za-z0-9._-]+\+\d{8}-[0-9a-z]{1,13}-[0-9a-f]{20}@", re.IGNORECASE)


def _verp_shaped(raw: bytes) -> bool:
    return _VERP_SHAPE.search(raw) is not None


class Judge:
    """Classifies and applies; shared by the file, mbox, Maildir and IMAP readers."""

    def __init__(self, store: Store, settings: Settings, report: BounceReport) -> None:
        self.store = store
        self.settings = settings
        self.keys = settings.secret_keys()
        self.report = report

    def __call__(self, where: str, raw: bytes) -> Verdict:
        verdict = classify(
            raw,
            keys=self.keys,
            bounce_address=self.settings.bounce_address,
            salts=self.store.token_salt,
        )
        recorded = apply_verdict(self.store, verdict, bounce_limit=self.settings.bounce_limit)
        applied = bool(recorded)
        self.report.counts[verdict.kind] += 1
        note = "" if applied else " (applied before: nothing changed)"
        if verdict.kind == UNRECOGNISED and not self.settings.bounce_address and _verp_shaped(raw):
            self.report.verp_unread += 1
            note += f" (addressed to a VERP sender: set {VERP_SETTING})"
        if not applied:
            self.report.replays += 1
        line = f"{where}: {verdict.describe(recorded)}{note}"
        self.report.lines.append(line)
        log.info("bounce mail %s", line)
        if applied and verdict.kind == UNSUBSCRIBE:  # logged as the web page logs it
            sid = verdict.subscriber_id
            log.info("subscriber %d unsubscribed (by mail)", sid, extra={"subscriber": sid})
        return verdict


def stays(verdict: Verdict) -> bool:
    """Mail left where it was for the operator to read: unrecognised, or an unsubscribe
    request refused (its token did not verify)."""
    return verdict.kind in (UNRECOGNISED, REFUSED)


def process_paths(
    store: Store,
    settings: Settings,
    paths: Iterable[Path],
    echo: Callable[[str], None] | None = None,
) -> BounceReport:
    report = BounceReport()
    judge = Judge(store, settings, report)
    paths = list(paths)
    for path in paths:  # every PATH checked before any mail moves
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
    for path in paths:
        before = len(report.lines)
        # Where processed mail ends: read again, it is judged (a replay changes nothing) but
        # not moved on into processed/processed/.
        final = in_processed_place(path)
        try:
            if final:
                _judge_only(path, judge)
            elif path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir():
                _maildir(path, judge)
            elif path.is_dir():
                raise InputError(
                    f"{path}: a folder but not a Maildir (no cur/ and new/);"
                    " give .eml files or an mbox"
                )
            elif _looks_like_mbox(path):
                _mbox(path, judge)
            else:
                _eml(path, judge)
        except mailbox.ExternalClashError:
            raise InputError(f"{path}: locked by another program; try again later") from None
        except OSError as exc:
            where = exc.filename or path
            raise InputError(f"{where}: {exc.strerror or exc}") from None
        if final:
            report.lines.append(f"{path}: already in a processed folder: left where it is")
        if echo:
            for line in report.lines[before:]:
                echo(line)
    return report


def in_processed_place(path: Path) -> bool:
    """A `processed/` .eml, a `FILE.processed` mbox or a Maildir++ `.processed` folder: what
    this module moves mail into."""
    if path.is_dir():
        return path.name == "." + PROCESSED
    return path.parent.name == PROCESSED or path.name.endswith("." + PROCESSED)


def _judge_only(path: Path, judge: Judge) -> None:
    if path.is_dir():
        if not ((path / "cur").is_dir() and (path / "new").is_dir()):
            raise InputError(f"{path}: a folder but not a Maildir (no cur/ and new/)")
        box = mailbox.Maildir(path, factory=None, create=False)
        for key in list(box.iterkeys()):
            try:
                judge(f"{path}/{key}", box.get_bytes(key))
            except KeyError:  # moved by another reader meanwhile
                continue
    elif _looks_like_mbox(path):
        mbox = mailbox.mbox(path, create=False)
        try:
            for key in mbox.iterkeys():
                judge(f"{path}#{int(key) + 1}", mbox.get_bytes(key))
        finally:
            mbox.close()
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
        judge(str(path), raw)


def _looks_like_mbox(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _eml(path: Path, judge: Judge) -> None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    verdict = judge(str(path), raw)
    if stays(verdict):
        return
    target_dir = path.parent / PROCESSED
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists():
        target = target_dir / f"{path.stem}.{n}{path.suffix}"
        n += 1
    shutil.copy2(path, target)  # a copy first: the original goes only once the copy exists
    os.unlink(path)


def _maildir(path: Path, judge: Judge) -> None:
    box = mailbox.Maildir(path, factory=None, create=False)
    processed = box.add_folder(PROCESSED) if PROCESSED not in box.list_folders() else None
    processed = processed or box.get_folder(PROCESSED)
    for key in list(box.iterkeys()):
        try:
            raw = box.get_bytes(key)
        except KeyError:  # moved by another reader meanwhile
            continue
        verdict = judge(f"{path}/{key}", raw)
        if stays(verdict):
            continue
        processed.add(raw)  # the bytes as they were, into .processed/new
        box.discard(key)


def _mbox(path: Path, judge: Judge) -> None:
    box = mailbox.mbox(path, create=False)
    target = mailbox.mbox(path.with_name(path.name + "." + PROCESSED), create=True)
    box.lock()
    target.lock()
    try:
        done: list[str] = []
        for key, message in list(_items(box)):
            verdict = judge(f"{path}#{int(key) + 1}", box.get_bytes(key))
            if not stays(verdict):
                target.add(message)
                done.append(key)
        target.flush()  # the copies are on disk before anything leaves the original
        for key in done:
            box.remove(key)
        box.flush()
    finally:
        target.unlock()
        target.close()
        box.unlock()
        box.close()


def _items(box: mailbox.mbox) -> Iterator[tuple[str, mailbox.mboxMessage]]:
    for key in box.iterkeys():
        yield key, box[key]
