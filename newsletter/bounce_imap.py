"""The bounce mailbox over IMAP (issue 14): NEWSLETTER_BOUNCE_IMAP__HOST/PORT/USERNAME/
PASSWORD_FILE/FOLDER.

Implicit TLS (port 993), the server's certificate verified against the system's CAs or
NEWSLETTER_BOUNCE_IMAP__CA_FILE, as for SMTP; nothing is ever sent in the clear. Each message
in FOLDER gets a verdict (newsletter.bounces); recognised ones move to the ``processed``
sub-folder (created when missing) with UID MOVE, or COPY then delete where the server has no
MOVE; unrecognised ones and refused unsubscribe requests stay, unread flags untouched
(BODY.PEEK). Nothing is ever expunged that was not copied first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import imaplib
import logging
import re
import ssl
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsletter.bounce_mailbox import PROCESSED, BounceReport, Judge, stays
from newsletter.errors import ConfigError, NewsletterError, TransportError

if TYPE_CHECKING:
    from newsletter.settings import Settings
    from newsletter.store import Store

log = logging.getLogger(__name__)

_LIST = re.compile(rb'\((?P<flags>[^)]*)\) (?P<delim>"[^"]*"|NIL) (?P<name>.+)$')


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _connect(settings: Settings) -> imaplib.IMAP4_SSL:
    imap = settings.bounce_imap
    where = f"{imap.host}:{imap.port}"
    if not imap.username or imap.password is None:
        raise ConfigError(
            "NEWSLETTER_BOUNCE_IMAP__USERNAME and NEWSLETTER_BOUNCE_IMAP__PASSWORD_FILE are"
            " needed with NEWSLETTER_BOUNCE_IMAP__HOST"
        )
    try:
        context = ssl.create_default_context(cafile=str(imap.ca_file) if imap.ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            f"NEWSLETTER_BOUNCE_IMAP__CA_FILE: cannot use {imap.ca_file}: {exc}"
        ) from None
    try:
        client = imaplib.IMAP4_SSL(imap.host, imap.port, ssl_context=context, timeout=30)
    except ssl.SSLCertVerificationError as exc:
        raise TransportError(
            f"IMAP {where}: the server's certificate is not trusted ({exc.verify_message})",
            hint="set NEWSLETTER_BOUNCE_IMAP__CA_FILE for a private CA",
        ) from None
    except (OSError, ssl.SSLError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise TransportError(
            f"IMAP {where}: cannot connect: {reason}", hint="check NEWSLETTER_BOUNCE_IMAP__HOST"
        ) from None
    try:
        client.login(imap.username, imap.password.get_secret_value())
    except imaplib.IMAP4.error:
        client.logout()
        raise TransportError(
            f"IMAP {where}: login refused for {imap.username}",
            hint="check NEWSLETTER_BOUNCE_IMAP__USERNAME and __PASSWORD_FILE",
        ) from None
    return client


def _delimiter(client: imaplib.IMAP4_SSL, folder: str) -> str:
    status, data = client.list('""', _quote(folder))
    if status == "OK":
        for line in data:
            if isinstance(line, bytes):
                match = _LIST.match(line)
                if match and match["delim"] != b"NIL":
                    return match["delim"].strip(b'"').decode() or "/"
    return "/"


def process_imap(
    store: Store, settings: Settings, echo: Callable[[str], None] | None = None
) -> BounceReport:
    imap = settings.bounce_imap
    report = BounceReport()
    judge = Judge(store, settings, report)
    client = _connect(settings)
    try:
        status, _ = client.select(_quote(imap.folder))
        if status != "OK":
            raise ConfigError(f"NEWSLETTER_BOUNCE_IMAP__FOLDER: no folder {imap.folder!r}")
        target = f"{imap.folder}{_delimiter(client, imap.folder)}{PROCESSED}"
        client.create(_quote(target))  # NO when it exists already: fine
        can_move = "MOVE" in client.capabilities
        status, data = client.uid("SEARCH", None, "ALL")  # type: ignore[arg-type]
        uids = data[0].split() if status == "OK" and data and data[0] else []
        moved: list[bytes] = []
        for uid in uids:
            status, fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")  # type: ignore[arg-type]
            raw = next(
                (part[1] for part in fetched if isinstance(part, tuple) and len(part) > 1), None
            )
            if status != "OK" or not isinstance(raw, bytes):
                continue
            verdict = judge(f"imap:{imap.folder}/{uid.decode()}", raw)
            if echo:
                echo(report.lines[-1])
            if stays(verdict):
                continue
            if can_move:
                status, _ = client.uid("MOVE", uid, _quote(target))  # type: ignore[arg-type]
            else:
                status, _ = client.uid("COPY", uid, _quote(target))  # type: ignore[arg-type]
                if status == "OK":
                    client.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)")  # type: ignore[arg-type]
                    moved.append(uid)
            if status != "OK":
                log.warning("IMAP: could not move message %s to %s", uid.decode(), target)
        if moved:
            if "UIDPLUS" in client.capabilities:
                client.uid("EXPUNGE", b",".join(moved))  # type: ignore[arg-type]
            else:
                client.expunge()
        client.close()
    except (imaplib.IMAP4.error, OSError) as exc:  # OSError covers timeouts
        raise TransportError(f"IMAP {imap.host}:{imap.port}: {exc}") from None
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return report


BOUNCE_JOB_ID = "bounce-mailbox"


def add_bounce_job(scheduler: Any, settings: Settings, store: Store) -> None:
    """With NEWSLETTER_BOUNCE_IMAP__HOST set, `newsletter schedule` reads the bounce folder
    every NEWSLETTER_BOUNCE_IMAP__INTERVAL seconds (default 300). A failure is logged and
    tried again next time: it must never stop the morning send."""
    if not settings.bounce_imap.host:
        return

    def run_once() -> None:
        try:
            report = process_imap(store, settings)
        except NewsletterError as exc:
            log.error("bounce mailbox: %s", exc)
            return
        if report.total:
            log.info("bounce mailbox: %s", report.summary())
        missing = report.missing_setting()
        if missing:
            log.warning("bounce mailbox: %s", missing, extra={"event": "bounce-address-unset"})

    scheduler.add_job(
        run_once,
        trigger="interval",
        seconds=settings.bounce_imap.interval,
        id=BOUNCE_JOB_ID,
        name="process the bounce mailbox",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        next_run_time=dt.datetime.now(dt.UTC),  # once at start-up, then every interval
    )
