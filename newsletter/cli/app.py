"""The `newsletter` group and what its commands share: settings, options, the store,
signals, the progress bar and the delivery report.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from newsletter.models import DeliveryReport
    from newsletter.settings import Settings


# Commands that run as services and log to stdout; the others keep stdout for their output.
_SERVICES = frozenset({"schedule", "serve", "worker", "send"})
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _settings() -> Settings:
    from newsletter.logs import configure_logging
    from newsletter.settings import load_settings

    ctx = click.get_current_context()
    root = ctx.find_root()
    if root.obj is None:
        settings = load_settings()
        service = ctx.info_name in _SERVICES or (ctx.parent and ctx.parent.info_name in _SERVICES)
        configure_logging(settings.log_level, settings.log_format, to_stderr=not service)
        _warn_unknown_settings()
        if service:
            _warn_unaligned_dkim(settings)
        root.obj = settings
    return root.obj


def _warn_unknown_settings() -> None:
    """Once per process and name: a misspelt variable is otherwise ignored in silence."""
    import logging

    from newsletter.envcheck import unknown_settings

    for line in unknown_settings():
        logging.getLogger("newsletter.settings").warning(line, extra={"event": "unknown-setting"})


def _warn_unaligned_dkim(settings: Settings) -> None:
    """Once, at the start of a command that sends: a d= of another organisation than the
    From address signs every message uselessly for DMARC, and nothing else would say so."""
    if not settings.dkim.enabled or settings.dkim.domain is None:
        return
    import logging

    from newsletter.dkim import alignment_problem

    sender_domain = settings.sender_address.rpartition("@")[2]
    problem = alignment_problem(settings.dkim.domain, sender_domain) if sender_domain else None
    if problem:
        logging.getLogger("newsletter.dkim").warning(problem, extra={"event": "dkim-unaligned"})


def _day(value: str | None, settings: Settings) -> dt.date:
    if value is None:
        return settings.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from newsletter.errors import InputError

        raise InputError(f"--date {value!r} is not a date like 2025-02-11") from None


date_option = click.option(
    "--date",
    "date_",
    metavar="YYYY-MM-DD",
    help="The issue date (default: today in NEWSLETTER_TIMEZONE).",
)
source_option = click.option(
    "--source",
    metavar="PATH|URL",
    help="Summaries to use instead of NEWSLETTER_SOURCE ({date} expands).",
)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="newsletter")
def cli() -> None:
    """A morning e-mail newsletter: the day's news summaries, filed by region, sent once to
    every reader.

    \b
    Example:
      newsletter preview --out preview/     # look at today's issue
      newsletter send                       # send it to every active subscriber
    """


def _store(*, create: bool = True):  # type: ignore[no-untyped-def]
    """The store. ``create=False`` for a command that only reads: a wrong DATA_DIR or
    DATABASE_URL must not leave a new, empty database behind to answer "not started"."""
    from newsletter.store import Store

    settings = _settings()
    if not create:
        missing = missing_database(settings)
        if missing is not None:
            from newsletter.errors import ConfigError

            raise ConfigError(missing)
    return Store.open(settings.db_url, hint_setting=settings.db_url_setting)


def missing_database(settings: Settings) -> str | None:
    """Why there is no database to read, naming where and the setting that points there;
    None when there is one (or it is not a SQLite file, which nothing here would create)."""
    from newsletter.settings import sqlite_file

    path = sqlite_file(settings.db_url)
    if path is None or path.exists():
        return None
    setting = settings.db_url_setting
    value = settings.database_url or str(settings.data_dir)
    if not settings.database_url and "data_dir" not in settings.model_fields_set:
        value += " (the default)"
    return (
        f"no database at {path.absolute()}: nothing has been imported or sent with"
        f" {setting}={value}; check {setting}, or run `newsletter subscribers import` or"
        " `newsletter send` to start one there"
    )


def _actor(given: str | None = None) -> str:
    """Who the audit log names for a CLI change: --as NAME, else the OS user."""
    if given:
        return given.strip()[:100] or "unknown"
    import getpass
    import os

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user with no passwd entry
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


# How long an audit write waits for another process's write lock: the command's own work
# is done and reported by then; holding the operator for the store's 30 s would add nothing.
_AUDIT_WAIT_MS = 2000


def _audit(store, action: str, detail: str = "", day: dt.date | None = None) -> None:  # type: ignore[no-untyped-def]
    """Log a CLI change (or an export of personal data) as the console logs its own: the
    console's audit page promises every change, "in the console or with the CLI".

    Called after the command printed its outcome. The log never stops or changes what the
    command did: a write that fails is one warning line, and the exit code stays the
    command's."""
    from newsletter.errors import NewsletterError
    from newsletter.store.console import audit

    try:
        audit(store, _actor(), "cli", action, detail, day, wait_ms=_AUDIT_WAIT_MS)
    except NewsletterError as exc:
        click.echo(f"warning: could not write the audit log: {exc}", err=True)


@contextmanager
def _stop_on_signals(settings: Settings) -> Iterator[threading.Event]:
    """SIGTERM/SIGINT: stop claiming, let in-flight messages land and be recorded, exit.

    Later signals change nothing (a message handed to the relay is waited for, so that it is
    recorded once and never sent twice); they say how long the wait may still be, and that
    only a kill ends it sooner, at the price a crash pays. The previous handlers are back
    when the block ends: a signal after the run must not be swallowed by a stale handler."""
    import os
    import signal
    import time

    stop = threading.Event()
    smtp = settings.smtp
    # Each connection waits for the reply to its message in flight, and to one more whose
    # commands pipelining had already written, NEWSLETTER_SMTP__TIMEOUT each at most, then
    # up to 2 s for QUIT's reply (newsletter/mailers/wire.py); connections wait together.
    bound = 2 * smtp.timeout + 2 if smtp.host else None
    first: list[float] = []
    # What a kill costs depends on NEWSLETTER_RESEND_UNKNOWN: say what this configuration does.
    if settings.resend_unknown:
        price = (
            "the next `newsletter send` sends them again once (NEWSLETTER_RESEND_UNKNOWN), "
            "so a reader may get one twice"
        )
    else:
        price = (
            "NEWSLETTER_RESEND_UNKNOWN is off, so the next `newsletter send` leaves them "
            "unsent (`newsletter status` counts them as unknown): a reader may get none"
        )

    def handler(signum: int, frame: object) -> None:
        name = signal.Signals(signum).name
        limit = f"at most about {bound:.0f} s in all" if bound else "the outbox: a moment"
        if not first:
            first.append(time.monotonic())
            why = f", NEWSLETTER_SMTP__TIMEOUT {smtp.timeout:g} s a reply" if bound else ""
            click.echo(
                f"received {name}: sending no more; waiting for the relay's replies to the "
                f"messages in flight so each is recorded once ({limit}{why})",
                err=True,
            )
        else:
            waited = time.monotonic() - first[0]
            click.echo(
                f"received {name} again: still waiting ({waited:.0f} s so far, {limit}); "
                f"more signals change nothing. To stop now: kill -9 {os.getpid()}: the messages "
                f"in flight are then of unknown fate, and {price}",
                err=True,
            )
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


class _progress_bar:
    """A progress bar on a terminal; nothing when piped or in a container log."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = None
        if not sys.stderr.isatty():
            return None

        def progress(done: int, total: int) -> None:
            if self._bar is None:
                self._bar = click.progressbar(
                    length=max(total, 1), label="sending", file=sys.stderr
                )
                self._bar.__enter__()
                self._last = 0
            self._bar.update(done - self._last)
            self._last = done

        return progress

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _print_report(report: DeliveryReport) -> None:
    from newsletter.logs import mask_addresses_in

    for problem in report.problems:
        # A source's unusable lines are skipped; a test send names its own recipients.
        text = mask_addresses_in(problem.line)
        if report.test_send:
            text = f"note: {problem}" if problem.kept else str(problem)
        click.echo(text, err=True)
    if report.dry_run:  # nothing went out: no "sent N" (built N: what a send would send)
        click.echo(
            f"dry run {report.day}: {report.built} message{'' if report.built == 1 else 's'}"
            f" built, none sent; skipped "
            f"{report.skipped} in {report.duration:.1f}s"
        )
        return
    if report.message:
        click.echo(report.message)
    kind = "test send" if report.test_send else "issue"
    click.echo(
        f"{kind} {report.day}: sent {report.sent}, failed {report.failed}, "
        f"deferred {report.deferred}, unknown {report.unknown}, skipped {report.skipped} "
        f"in {report.duration:.1f}s ({report.rate:.0f}/s)"
    )
    if report.replayed or report.given_back:
        click.echo(
            f"  from the journal of an earlier run that did not finish: {report.replayed} "
            f"outcomes recorded as the relay gave them, {report.given_back} never handed to "
            "the relay (queued again)"
        )
    if report.recovered or report.resent_unknown:
        click.echo(
            f"  {report.recovered} found in flight after a crash; "
            f"{report.resent_unknown} of unknown fate sent again once"
        )
    if report.ledger:
        owed = {k: report.ledger.get(k, 0) for k in ("failed", "deferred", "unknown", "pending")}
        click.echo(
            f"  ledger: sent {report.ledger.get('sent', 0)}, "
            + ", ".join(f"{k} {v}" for k, v in owed.items())
        )
