"""Sending commands: send, worker, status."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from newsletter.cli.app import (
    CONTEXT,
    _audit,
    _day,
    _print_report,
    _progress_bar,
    _settings,
    _stop_on_signals,
    _store,
    cli,
    date_option,
    source_option,
)

if TYPE_CHECKING:
    import datetime as dt

    from newsletter.job import SendOptions
    from newsletter.settings import Settings


@cli.command(context_settings=CONTEXT)
@date_option
@source_option
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="ADDR",
    # 50: newsletter.job_content.TEST_SEND_LIMIT, not imported here to keep startup light.
    help="Test send to ADDR only (repeatable, at most 50 addresses); the ledger is untouched.",
)
@click.option("--dry-run", is_flag=True, help="Build every message, send none.")
@click.option("--resend-failed", is_flag=True, help="Retry the deliveries that failed.")
@click.option("--force", is_flag=True, help="Start the issue over: everyone gets it again.")
def send(
    date_: str | None,
    source: str | None,
    to: tuple[str, ...],
    dry_run: bool,
    resend_failed: bool,
    force: bool,
) -> None:
    """Send (or resume) the issue to every active subscriber, exactly once each.

    \b
    Exit codes: 0 all delivered, 1 some failed or still owed, 2 bad configuration
    or input, 3 another run is sending this issue, 4 the relay cannot be used
    (or refuses the message itself).
    \b
    Example:
      newsletter send --to me@example.com     # a test, marked [TEST]
      newsletter send                         # the real thing
    """
    if resend_failed and force:
        raise click.UsageError("--resend-failed and --force contradict each other: pick one")
    if to and (resend_failed or force):
        raise click.UsageError(
            "--to is a test send outside the ledger: it takes no --resend-failed/--force"
        )
    prebuild = None
    if not (to or dry_run or resend_failed):
        from newsletter.prebuild import Prebuild

        # First thing: a new issue's content is built in a second process while this one
        # starts up (newsletter/prebuild.py); run_issue ends it, this finally if it never ran.
        prebuild = Prebuild.start()
    try:
        settings = _settings()
        day = _day(date_, settings)
        if prebuild is not None:
            prebuild.prepare(day, settings, source)  # before this process imports the store
        from newsletter.errors import NewsletterError
        from newsletter.job import SendOptions, run_issue

        options = SendOptions(
            source=source, to=to, dry_run=dry_run, resend_failed=resend_failed, force=force
        )
        try:
            with _stop_on_signals(settings) as stop, _progress_bar() as progress:
                report = run_issue(
                    day, settings, options, progress=progress, stop=stop, prebuild=prebuild
                )
        except NewsletterError as exc:
            if not dry_run:
                _audit_send(options, day, f"ended, exit {exc.exit_code}: {exc.message}")
            raise
    finally:
        if prebuild is not None:
            prebuild.close()
    # The report first: the audit log records the send, it never hides or changes it.
    _print_report(report)
    if not dry_run:
        notice = settings.outbox_notice(settings.outbox_path / day.isoformat())
        if notice:
            click.echo(f"note: {notice}")
        outcome = (
            f"sent {report.sent}, failed {report.failed}, deferred {report.deferred}, "
            f"unknown {report.unknown}, skipped {report.skipped}"
        )
        _audit_send(options, day, outcome)
    sys.exit(report.exit_code)


def _audit_send(options: SendOptions, day: dt.date, outcome: str) -> None:
    """A send from the CLI in the audit log, as the console logs its own: what, and how it
    ended. A store that cannot be opened or written is one warning line (see _audit): the
    send's own report and exit code are what the operator must see."""
    from newsletter.errors import NewsletterError

    if options.to:
        kind, detail = "test-send", ", ".join(options.to)
    else:
        kind = "resend failed" if options.resend_failed else "send"
        detail = ("--force (everyone again): " if options.force else "") + outcome
    try:
        store = _store()
    except NewsletterError as exc:
        click.echo(f"warning: could not write the audit log: {exc}", err=True)
        return
    try:
        _audit(store, kind, detail, day)
    finally:
        store.close()


@cli.command(context_settings=CONTEXT)
@date_option
@click.option(
    "--wait",
    type=click.FloatRange(0),
    default=0,
    metavar="SECONDS",
    help="Wait this long for the leader to start the issue (containers started together).",
)
def worker(date_: str | None, wait: float) -> None:
    """Join an issue already being sent, as one more sender (PostgreSQL).

    \b
    Example:
      newsletter worker --date 2025-02-11 --wait 120
    """
    from newsletter.job import run_worker

    settings = _settings()
    with _stop_on_signals(settings) as stop:
        report = run_worker(_day(date_, settings), settings, stop=stop, wait=wait)
    _print_report(report)
    sys.exit(report.exit_code)


@cli.command(context_settings=CONTEXT)
@date_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--show-addresses", is_flag=True, help="Show failed addresses in full (masked by default)."
)
def status(date_: str | None, as_json: bool, show_addresses: bool) -> None:
    """Show the ledger of an issue: its state, sent, failed, deferred, unknown, pending; and
    the failures. Never writes to the database, nor creates one.

    \b
    State: sending (a live run holds the issue, named), interrupted (rows in flight and no
    live run: a run died; `send` resumes at once), failed (nobody was sent it: the relay
    refused, say; why the last run stopped is shown), partial (some readers were sent it, or
    may have been: of unknown fate; others failed, were deferred or are still queued), done
    (every reader sent or skipped), not started. `claimed`: rows a run took to send and has
    no answer for yet (each waits its turn for one of the run's connections).
    Exit codes (for monitoring): 0 done, 1 not started, interrupted, failed or partial,
    2 no database where NEWSLETTER_DATA_DIR/DATABASE_URL points (none is created),
    3 a live run is sending it.
    \b
    Example:
      newsletter status --date 2025-02-11 --json
    """
    from newsletter.job import issue_holder
    from newsletter.logs import mask_addresses_in, mask_email
    from newsletter.mailers.outbox import count_eml
    from newsletter.schedule import STOPPED_INFO

    settings = _settings()
    day = _day(date_, settings)
    store = _store(create=False)
    try:
        holder = issue_holder(store, day)
        counts = store.counts(day)
        from newsletter.store.bounces import bounce_counts  # issue 14: after-the-fact bounces
        from newsletter.store.console import bounces, last_stop

        returned = bounce_counts(store, day)
        refused = bounces(store, day)  # at send time; the console's issue page shows both
        failures = store.failures(day)
        stored_state = store.issue_state(day)
        beat = store.last_beat("scheduler")
        stopped = last_stop(store, day)
    finally:
        store.close()
    next_run = _next_run(settings)
    state = issue_state(stored_state, counts, live=holder is not None)
    if state in ("sending", "done"):
        stopped = None  # an earlier run's stop is no news while one runs, nor once all is sent
    outbox = settings.outbox_path / day.isoformat()
    # "done" alone reads as delivered; files here were written for it, never mailed.
    # The [TEST] copies of `send --to` land there too; they are no reader's and counted apart.
    in_outbox, test_copies = count_eml(outbox)

    def shown(address: str) -> str:
        return address if show_addresses else mask_email(address)

    def reply(text: str) -> str:  # relays quote the address in their replies
        return text if show_addresses else mask_addresses_in(text)

    if as_json:
        record: dict[str, Any] = {"date": day.isoformat(), "state": state, **counts}
        record.update(refused_5xx=refused, **returned)
        record["holder"] = holder[0] if holder else None
        record["stopped"] = (
            {"at": stopped[0].isoformat(), "reason": reply(stopped[1])} if stopped else None
        )
        record["failures"] = [
            {
                "email": shown(f.email),
                "status": f.status,
                "code": f.code,
                "reply": reply(f.detail),
                "attempts": f.attempts,
            }
            for f in failures
        ]
        record["next_run"] = next_run
        record["outbox"] = in_outbox
        record["outbox_test_copies"] = test_copies
        record["scheduler_heartbeat"] = beat[0].isoformat() if beat else None
        record["scheduler_stopped"] = bool(beat and beat[1] == STOPPED_INFO)
        click.echo(json.dumps(record, ensure_ascii=False))
    else:
        shown_state = state
        if holder:
            since = f" since {holder[1]:%H:%M:%S} UTC" if holder[1] else ""
            shown_state = f"sending (by {holder[0]}{since})"
        elif state == "interrupted":
            shown_state = f"interrupted (no run is sending it: `newsletter send --date {day}`)"
        elif state == "failed":
            shown_state = "failed (nobody was sent it)"
        click.echo(f"issue {day}: {shown_state}")
        if stopped:
            at = f"{stopped[0]:%Y-%m-%d %H:%M:%S} UTC"
            click.echo(f"  a run stopped at {at}: {reply(stopped[1])}")
        if in_outbox:
            tests = f" (and {_copies(test_copies)}, test-*.eml)" if test_copies else ""
            written = f"{in_outbox} message{'' if in_outbox == 1 else 's'} written"
            click.echo(
                f"  outbox: {written}{tests} to {outbox.absolute()}, not"
                " mailed (the outbox transport: NEWSLETTER_SMTP__HOST was unset)"
            )
        elif test_copies:  # `send --to` copies only: no reader's, and no word of the transport
            click.echo(f"  outbox: {_copies(test_copies)} (test-*.eml) in {outbox.absolute()}")
        for key in ("sent", "failed", "deferred", "unknown", "pending", "sending", "skipped"):
            click.echo(f"  {_LABEL.get(key, key):<9}{counts.get(key, 0)}{_claimed(key, counts)}")
        click.echo(f"  refused at send (5xx, among failed) {refused}")
        click.echo(
            f"  reports received later: {returned['bounces']} hard bounces, "
            f"{returned['soft_bounces']} soft bounces, {returned['complaints']} complaints"
        )
        for f in failures:
            click.echo(
                f"  {f.status:<9}{shown(f.email)}  {f.code or ''} {reply(f.detail)}".rstrip()
            )
        click.echo(f"next scheduled run: {next_run or 'unknown'}")
        if beat and beat[1] == STOPPED_INFO:
            click.echo(f"scheduler: stopped at {beat[0].isoformat(timespec='seconds')}")
        elif beat:
            click.echo(f"scheduler heartbeat: {beat[0].isoformat(timespec='seconds')}")
    sys.exit(STATUS_EXIT[state])


STATUS_EXIT = {
    "done": 0,
    "not started": 1,
    "interrupted": 1,
    "failed": 1,
    "partial": 1,
    "sending": 3,
}
# The ledger's 'sending' rows are claimed by a run, most of them waiting their turn for one of
# its connections (a run claims in batches): "sending 276" read as 276 messages on the wire.
_LABEL = {"sending": "claimed"}


def _claimed(key: str, counts: dict[str, int]) -> str:
    if key != "sending" or not counts.get(key):
        return ""
    return "  (taken by a run, not yet answered: on one of its connections or waiting a turn)"


def issue_state(stored: str | None, counts: dict[str, int], *, live: bool) -> str:
    """What `status` says, from the ledger and whether a live run holds the issue."""
    if live:
        return "sending"
    if not any(counts.values()):
        # An issue row without a ledger: a run died while queueing it; `send` starts over.
        return "not started" if stored is None else "interrupted"
    if counts.get("sending", 0):
        return "interrupted"  # rows in flight and nobody holds them: a run died
    if counts.get("unknown", 0):
        # Handed over with no answer read: the relay may well have delivered it, so never
        # "nobody was sent it".
        return "partial"
    if any(counts.get(k, 0) for k in ("failed", "deferred", "pending")):
        return "partial" if counts.get("sent", 0) else "failed"
    return "done"


def _next_run(settings: Settings) -> str | None:
    from newsletter.schedule import next_run

    when = next_run(settings)
    return when.isoformat() if when else None


def _copies(count: int) -> str:
    return f"{count} [TEST] cop{'y' if count == 1 else 'ies'}"
