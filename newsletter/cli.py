"""The `newsletter` command: a thin shell over the library.

Parse arguments, read settings once, call the library, print, and map errors to exit codes
in one place (`main`). Heavy modules are imported inside commands so `--help` stays instant.

Exit codes: 0 done, 1 some deliveries failed or are still owed (also: the database went away
mid-send), 2 bad configuration or input, 3 the issue is being sent by another run, 4 the relay
cannot be used at all or refuses the message itself. `status --date D` exits 0 done, 1 owed or
failed, 3 a live run holds the issue.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
        root.obj = settings
    return root.obj


def _warn_unknown_settings() -> None:
    """Once per process and name: a misspelt variable is otherwise ignored in silence."""
    import logging

    from newsletter.envcheck import unknown_settings

    for line in unknown_settings():
        logging.getLogger("newsletter.settings").warning(line, extra={"event": "unknown-setting"})


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


# ---- content -------------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@date_option
@source_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("preview"),
    show_default=True,
)
def preview(date_: str | None, source: str | None, out_dir: Path) -> None:
    """Write the issue as HTML, text and .eml files, and print their paths.

    \b
    Example:
      newsletter preview --date 2025-02-11 --source summaries.txt --out preview/
    """
    from newsletter.job import preview_issue

    settings = _settings()
    for path in preview_issue(_day(date_, settings), settings, out_dir, source=source):
        click.echo(path)


@cli.command(context_settings=CONTEXT)
@click.argument("file", metavar="FILE")
@date_option
def classify(file: str, date_: str | None) -> None:
    """Print the region of each summary in FILE as JSON lines (region, reason, text).

    \b
    Example:
      newsletter classify summaries.txt | jq -r .region | sort | uniq -c
    """
    from newsletter.classify import classify_all
    from newsletter.sources import load_summaries

    settings = _settings()
    loaded = load_summaries(file, _day(date_, settings), settings.zone)
    for problem in loaded.problems:
        click.echo(problem.line, err=True)
    for item in classify_all(loaded.summaries):
        record = {"region": item.region.value, "reason": item.reason, "text": item.summary.text}
        if item.summary.origin:
            record["origin"] = item.summary.origin
        click.echo(json.dumps(record, ensure_ascii=False))


# ---- subscribers ---------------------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def subscribers() -> None:
    """Add, import, list and remove subscribers.

    \b
    Example:
      newsletter subscribers import readers.csv
    """


def _store():  # type: ignore[no-untyped-def]
    from newsletter.store import Store

    return Store.open(_settings().db_url, hint_setting=_settings().db_url_setting)


@subscribers.command("add", context_settings=CONTEXT)
@click.argument("email")
@click.option("--name", help="The reader's name, shown in the To header.")
@click.option(
    "--regions", metavar="US,China", default="", help="Only these sections (default: all)."
)
@click.option(
    "--resubscribe",
    is_flag=True,
    help="Bring back a reader who unsubscribed or complained: only when they asked to.",
)
def subscribers_add(email: str, name: str | None, regions: str, resubscribe: bool) -> None:
    """Add one subscriber, or update the name and sections of an existing one.

    \b
    Example:
      newsletter subscribers add kim@example.com --name 김지수 --regions US,Japan
      newsletter subscribers add kim@example.com --resubscribe   # they asked to come back
    """
    from newsletter.errors import InputError
    from newsletter.models import Region, SubscriberStatus

    try:
        chosen = Region.parse_list(regions)
    except ValueError as exc:
        raise InputError(f"--regions: {exc}") from None
    store = _store()
    try:
        before = store.find_subscriber(email)
        was = before.status if before else None
        # Consent: an unsubscribe, or a spam complaint, is the reader's word; only their own
        # request undoes it. Saying "updated" and leaving them muted would mislead the operator.
        opted_out = was in (SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.COMPLAINED)
        if before is not None and opted_out and not resubscribe:
            what = "unsubscribed" if was is SubscriberStatus.UNSUBSCRIBED else "complained (spam)"
            raise InputError(
                f"{before.email} {what} and gets no mail; nothing was changed",
                hint="if they asked to come back, run again with --resubscribe",
            )
        # Only a change we mean: an active reader who unsubscribes meanwhile stays unsubscribed.
        reactivate = was is SubscriberStatus.BOUNCED or (opted_out and resubscribe)
        subscriber, created = store.add_subscriber(email, name, chosen, reactivate=reactivate)
    finally:
        store.close()
    if created:
        click.echo(f"added {subscriber.email}")
    elif was is SubscriberStatus.UNSUBSCRIBED:
        click.echo(f"re-subscribed {subscriber.email} (they had opted out)")
    elif was is SubscriberStatus.COMPLAINED:
        click.echo(f"re-subscribed {subscriber.email} (they had complained)")
    elif was is SubscriberStatus.BOUNCED:
        click.echo(f"re-activated {subscriber.email} (it was marked bounced; count reset)")
    else:
        click.echo(f"updated {subscriber.email}")


@subscribers.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def subscribers_import(file: Path) -> None:
    """Import a CSV with columns email,name,regions; bad rows are reported by line.

    \b
    Example:
      newsletter subscribers import readers.csv
    """
    store = _store()
    try:
        report = store.import_csv(file)
    finally:
        store.close()
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    click.echo(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.skipped} not re-activated (unsubscribed or bounced), "
        f"{len(report.problems)} rows with problems"
    )
    if report.problems:
        sys.exit(2)


@subscribers.command("list", context_settings=CONTEXT)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One JSON object per line: email, name, status, regions, consent.",
)
@click.option(
    "--status",
    type=click.Choice(["active", "unsubscribed", "bounced", "complained"]),
    help="Only this status.",
)
def subscribers_list(as_json: bool, status: str | None) -> None:
    """List subscribers (with --json: how and when each one consented).

    \b
    Example:
      newsletter subscribers list --json --status active
    """
    from newsletter.models import SubscriberStatus
    from newsletter.store.consent import iter_consent

    store = _store()
    try:
        wanted = SubscriberStatus(status) if status else None
        for sub in iter_consent(store, wanted):
            regions = sorted(r.value for r in sub.regions)
            if as_json:
                record = {
                    "email": sub.email,
                    "name": sub.name,
                    "status": sub.status,
                    "regions": regions,
                    "consent": sub.consent_record(),
                }
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                chosen = ",".join(regions) or "all"
                click.echo(f"{sub.email}\t{sub.name or ''}\t{sub.status}\t{chosen}")
    finally:
        store.close()


@subscribers.command("export", context_settings=CONTEXT)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the CSV here (default: standard output).",
)
@click.option(
    "--status",
    type=click.Choice(["active", "unsubscribed", "bounced", "complained"]),
    help="Only this status.",
)
def subscribers_export(out: Path | None, status: str | None) -> None:
    """Write every subscriber as CSV with status and consent (what, when, how confirmed).

    \b
    The first four columns are those `subscribers import` reads.
    Example:
      newsletter subscribers export --out readers.csv
    """
    from newsletter.consent_export import write_csv
    from newsletter.errors import InputError
    from newsletter.models import SubscriberStatus

    wanted = SubscriberStatus(status) if status else None
    store = _store()
    try:
        if out is None:
            count = write_csv(store, sys.stdout, wanted)
        else:
            try:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    count = write_csv(store, handle, wanted)
            except OSError as exc:
                raise InputError(f"--out {out}: {exc.strerror or exc}") from None
            click.echo(f"{count} subscribers written to {out}", err=True)
    finally:
        store.close()


@subscribers.command("remove", context_settings=CONTEXT)
@click.argument("email")
def subscribers_remove(email: str) -> None:
    """Remove a subscriber for good (the ledger keeps what was sent), opt-out included.

    \b
    Example:
      newsletter subscribers remove kim@example.com
    """
    from newsletter.errors import InputError
    from newsletter.models import SubscriberStatus

    store = _store()
    try:
        before = store.find_subscriber(email)
        removed = store.remove_subscriber(email)
    finally:
        store.close()
    if not removed:
        raise InputError(f"no subscriber {email}")
    click.echo(f"removed {email}")
    if before is not None and before.status is not SubscriberStatus.ACTIVE:
        # The row was the only record of their opt-out; nothing else stops a re-import.
        click.echo(
            f"warning: {email} was {before.status.value}; that record is gone too, so a later "
            "`subscribers import` or `add` would mail them again",
            err=True,
        )


# ---- sending -------------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@date_option
@source_option
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="ADDR",
    help="Test send to ADDR only (repeatable); the ledger is untouched.",
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
    from newsletter.job import SendOptions, run_issue

    if resend_failed and force:
        raise click.UsageError("--resend-failed and --force contradict each other: pick one")
    if to and (resend_failed or force):
        raise click.UsageError(
            "--to is a test send outside the ledger: it takes no --resend-failed/--force"
        )
    settings = _settings()
    day = _day(date_, settings)
    options = SendOptions(
        source=source, to=to, dry_run=dry_run, resend_failed=resend_failed, force=force
    )
    with _progress_bar() as progress:
        report = run_issue(day, settings, options, progress=progress, stop=_stop_on_signals())
    _print_report(report)
    sys.exit(report.exit_code)


@cli.command(context_settings=CONTEXT)
@date_option
def demo(date_: str | None) -> None:
    """Run the whole job once on the bundled sample: a demo that mails no one.

    The sample day goes to the sample readers as .eml files under NEWSLETTER_DATA_DIR/demo,
    a database of its own: your subscriber list and relay are never touched.

    \b
    Example:
      newsletter demo && less newsletter-data/demo/outbox/*/1-*.eml
    """
    from newsletter.demo import describe, run_demo

    settings = _settings()
    result = run_demo(settings, _day(date_, settings))
    _print_report(result.report)
    for line in describe(result):
        click.echo(line)
    sys.exit(result.report.exit_code)


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
    report = run_worker(_day(date_, settings), settings, stop=_stop_on_signals(), wait=wait)
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
    the failures. Never writes to the database.

    \b
    State: sending (a live run holds the issue, named), interrupted (rows in flight and no
    live run: a run died; `send` resumes at once), partial (some readers failed, deferred,
    of unknown fate or still queued), done (every reader sent or skipped), not started.
    Exit codes (for monitoring): 0 done, 1 not started, interrupted or partial,
    3 a live run is sending it.
    \b
    Example:
      newsletter status --date 2025-02-11 --json
    """
    from newsletter.job import issue_holder
    from newsletter.logs import mask_addresses_in, mask_email

    settings = _settings()
    day = _day(date_, settings)
    store = _store()
    try:
        holder = issue_holder(store, day)
        counts = store.counts(day)
        from newsletter.store.bounces import bounce_counts  # issue 14: after-the-fact bounces

        returned = bounce_counts(store, day)
        failures = store.failures(day)
        stored_state = store.issue_state(day)
        beat = store.last_beat("scheduler")
    finally:
        store.close()
    next_run = _next_run(settings)
    state = issue_state(stored_state, counts, live=holder is not None)

    def shown(address: str) -> str:
        return address if show_addresses else mask_email(address)

    def reply(text: str) -> str:  # relays quote the address in their replies
        return text if show_addresses else mask_addresses_in(text)

    if as_json:
        record: dict[str, Any] = {"date": day.isoformat(), "state": state, **counts, **returned}
        record["holder"] = holder[0] if holder else None
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
        record["scheduler_heartbeat"] = beat[0].isoformat() if beat else None
        click.echo(json.dumps(record, ensure_ascii=False))
    else:
        shown_state = state
        if holder:
            since = f" since {holder[1]:%H:%M:%S} UTC" if holder[1] else ""
            shown_state = f"sending (by {holder[0]}{since})"
        elif state == "interrupted":
            shown_state = f"interrupted (no run is sending it: `newsletter send --date {day}`)"
        click.echo(f"issue {day}: {shown_state}")
        for key in ("sent", "failed", "deferred", "unknown", "pending", "sending", "skipped"):
            click.echo(f"  {key:<9}{counts.get(key, 0)}")
        click.echo(
            f"  returned {returned['bounces']} bounces, {returned['soft_bounces']} soft bounces,"
            f" {returned['complaints']} complaints"
        )
        for f in failures:
            click.echo(
                f"  {f.status:<9}{shown(f.email)}  {f.code or ''} {reply(f.detail)}".rstrip()
            )
        click.echo(f"next scheduled run: {next_run or 'unknown'}")
        if beat:
            click.echo(f"scheduler heartbeat: {beat[0].isoformat(timespec='seconds')}")
    sys.exit(STATUS_EXIT[state])


STATUS_EXIT = {"done": 0, "not started": 1, "interrupted": 1, "partial": 1, "sending": 3}


def issue_state(stored: str | None, counts: dict[str, int], *, live: bool) -> str:
    """What `status` says, from the ledger and whether a live run holds the issue."""
    if live:
        return "sending"
    if not any(counts.values()):
        # An issue row without a ledger: a run died while queueing it; `send` starts over.
        return "not started" if stored is None else "interrupted"
    if counts.get("sending", 0):
        return "interrupted"  # rows in flight and nobody holds them: a run died
    if any(counts.get(k, 0) for k in ("failed", "deferred", "unknown", "pending")):
        return "partial"
    return "done"


def _next_run(settings: Settings) -> str | None:
    from newsletter.schedule import next_run

    when = next_run(settings)
    return when.isoformat() if when else None


# ---- running -------------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
def schedule() -> None:
    """Run the scheduler in the foreground (the container's command).

    \b
    Example:
      NEWSLETTER_SCHEDULE="0 7 * * *" NEWSLETTER_TIMEZONE=Asia/Seoul newsletter schedule
    """
    from newsletter.schedule import run_scheduler

    sys.exit(run_scheduler(_settings()))


@cli.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(host: str, port: int) -> None:
    """Serve unsubscribe, preferences and the issue archive over HTTP.

    \b
    Example:
      newsletter serve --host 0.0.0.0 --port 8000
    """
    from newsletter.web import serve as serve_app

    serve_app(_settings(), host=host, port=port)


@cli.command(context_settings=CONTEXT)
def health() -> None:
    """Exit 0 when the scheduler is alive and the database reachable (the HEALTHCHECK).

    \b
    Example:
      newsletter health && echo healthy
    """
    from newsletter.health import check_health

    ok, reason = check_health(_settings())
    click.echo(reason)
    sys.exit(0 if ok else 1)


# ---- the operator console: review, operators ----------------------------------------------


def _actor(given: str | None) -> str:
    """Who the audit log names for a CLI change: --as NAME, else the OS user."""
    if given:
        return given.strip()[:100] or "unknown"
    import getpass
    import os

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user with no passwd entry
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


@cli.command(context_settings=CONTEXT)
@date_option
@source_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per item.")
@click.option(
    "--move",
    nargs=2,
    type=(int, str),
    metavar="N REGION",
    help="File item N under REGION (US, China, Japan, Europe, Other).",
)
@click.option("--drop", type=int, metavar="N", help="Leave item N out of the issue.")
@click.option(
    "--reset",
    is_flag=False,
    flag_value="all",
    default=None,
    metavar="[N]",
    help="Put the classifier's answer back for item N, or for every item.",
)
@click.option("--as", "actor", metavar="NAME", help="Who the audit log names (default: you).")
def review(
    date_: str | None,
    source: str | None,
    as_json: bool,
    move: tuple[int, str] | None,
    drop: int | None,
    reset: str | None,
    actor: str | None,
) -> None:
    """List the day's items with region and reason, or correct one before it is sent.

    Corrections are kept per date and used by preview, send, the scheduler and the archive.

    \b
    Example:
      newsletter review --date 2025-02-11             # number, region, reason, headline
      newsletter review --date 2025-02-11 --move 3 Japan
      newsletter review --date 2025-02-11 --drop 5
      newsletter review --date 2025-02-11 --reset     # every item as the classifier filed it
    """
    from newsletter import review as reviewing
    from newsletter.errors import InputError
    from newsletter.models import Region

    if sum(x is not None for x in (move, drop, reset)) > 1:
        raise click.UsageError("--move, --drop and --reset are one change each: pick one")
    settings = _settings()
    day = _day(date_, settings)
    who = _actor(actor)
    store = _store()
    try:
        current = reviewing.load_review(day, settings, store, source)
        for problem in current.problems:
            click.echo(f"skipped {problem}", err=True)
        if move is not None:
            number, name = move
            try:
                region = Region.parse(name)
            except ValueError as exc:
                raise InputError(f"--move {number} {name}: {exc}") from None
            reviewing.move(store, current, number, region, who, "cli")
        elif drop is not None:
            reviewing.drop(store, current, drop, who, "cli")
        elif reset is not None:
            number = None
            if reset != "all":
                if not reset.isdigit():
                    raise InputError(f"--reset {reset!r}: give an item number, or nothing")
                number = int(reset)
            reviewing.reset(store, current, number, who, "cli")
        if move is not None or drop is not None or reset is not None:
            current = reviewing.load_review(day, settings, store, source)
    finally:
        store.close()
    if current.sealed and not as_json:
        state = "sent" if current.sealed == "done" else "being sent"
        click.echo(f"note: issue {day} is already {state}; changes would not reach it", err=True)
    for item in current.items:
        if as_json:
            click.echo(json.dumps(item.as_json(), ensure_ascii=False))
        else:
            region = item.region.value if item.region else "dropped"
            click.echo(f"{item.number}\t{region}\t{item.reason}\t{item.headline}")


@cli.group(context_settings=CONTEXT)
def operators() -> None:
    """Who may log in to the console (`newsletter serve`, /admin/).

    \b
    Example:
      newsletter operators add kim < password.txt
    """


def _read_password(password_file: Path | None, *, confirm: bool = True) -> str:
    from newsletter.errors import InputError
    from newsletter.operators import check_password

    if password_file is not None:
        try:
            text = password_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise InputError(
                f"--password-file {password_file}: cannot read it ({reason})"
            ) from None
        return check_password(text.split("\n", 1)[0], f"--password-file {password_file}")
    if sys.stdin.isatty():
        entered = click.prompt("password", hide_input=True, confirmation_prompt=confirm)
        return check_password(entered, "password")
    return check_password(sys.stdin.readline(), "standard input")


password_file_option = click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the password from this file's first line (default: standard input).",
)


@operators.command("add", context_settings=CONTEXT)
@click.argument("name")
@password_file_option
def operators_add(name: str, password_file: Path | None) -> None:
    """Add an operator; the password comes from standard input or --password-file.

    \b
    Example:
      newsletter operators add kim --password-file /run/secrets/kim
    """
    from newsletter.errors import InputError
    from newsletter.operators import check_name, hash_password
    from newsletter.store.console import add_operator, audit

    check_name(name)
    password = _read_password(password_file)
    store = _store()
    try:
        if not add_operator(store, name, hash_password(password)):
            raise InputError(
                f"operator {name} exists already", hint="`operators passwd` changes a password"
            )
        audit(store, _actor(None), "cli", "operator.add", name)
    finally:
        store.close()
    click.echo(f"added operator {name}")


@operators.command("list", context_settings=CONTEXT)
def operators_list() -> None:
    """List operators, when each was added and last seen in the console.

    \b
    Example:
      newsletter operators list
    """
    from newsletter.store.console import list_operators

    store = _store()
    try:
        rows = list_operators(store)
    finally:
        store.close()
    for name, created, seen in rows:
        last = seen.isoformat(timespec="seconds") if seen else "-"
        click.echo(f"{name}\tadded {created.isoformat(timespec='seconds')}\tlast seen {last}")


@operators.command("remove", context_settings=CONTEXT)
@click.argument("name")
def operators_remove(name: str) -> None:
    """Remove an operator and end their sessions at once.

    \b
    Example:
      newsletter operators remove kim
    """
    from newsletter.errors import InputError
    from newsletter.store.console import audit, remove_operator

    store = _store()
    try:
        if not remove_operator(store, name):
            raise InputError(f"no operator {name}", hint="`newsletter operators list` names them")
        audit(store, _actor(None), "cli", "operator.remove", name)
    finally:
        store.close()
    click.echo(f"removed operator {name}")


@operators.command("passwd", context_settings=CONTEXT)
@click.argument("name")
@password_file_option
def operators_passwd(name: str, password_file: Path | None) -> None:
    """Set an operator's password (standard input or --password-file); ends their sessions.

    \b
    Example:
      newsletter operators passwd kim < new-password.txt
    """
    from newsletter.errors import InputError
    from newsletter.operators import hash_password
    from newsletter.store.console import audit, set_password_hash

    password = _read_password(password_file)
    store = _store()
    try:
        if not set_password_hash(store, name, hash_password(password)):
            raise InputError(f"no operator {name}", hint="`newsletter operators add` adds one")
        audit(store, _actor(None), "cli", "operator.passwd", name)
    finally:
        store.close()
    click.echo(f"password changed for {name}; their sessions are ended")


# ---- helpers -------------------------------------------------------------------------------


def _stop_on_signals():  # type: ignore[no-untyped-def]
    """SIGTERM/SIGINT: stop claiming, let in-flight messages land and be recorded, exit."""
    import signal
    import threading

    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        click.echo(
            f"received {signal.Signals(signum).name}: finishing in-flight messages", err=True
        )
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    return stop


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
        text = str(problem) if report.test_send else mask_addresses_in(problem.line)
        click.echo(text, err=True)
    if report.dry_run or report.message:
        click.echo(report.message or "")
    kind = "test send" if report.test_send else "dry run" if report.dry_run else "issue"
    click.echo(
        f"{kind} {report.day}: sent {report.sent}, failed {report.failed}, "
        f"deferred {report.deferred}, unknown {report.unknown}, skipped {report.skipped} "
        f"in {report.duration:.1f}s ({report.rate:.0f}/s)"
    )
    if report.replayed or report.given_back:
        click.echo(
            f"  from the journal of a run that died: {report.replayed} outcomes recorded as the "
            f"relay gave them, {report.given_back} never handed to the relay (queued again)"
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


# ---- consent and deliverability (issue 14) ---------------------------------------------------


@cli.group(context_settings=CONTEXT)
def bounces() -> None:
    """Bounces and complaints: read the bounce mailbox and act on what it holds.

    \b
    Example:
      newsletter bounces process /var/mail/bounces/Maildir
    """


@bounces.command("process", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
def bounces_process(paths: tuple[Path, ...]) -> None:
    """Read DSN bounces, ARF complaints and auto-replies from a Maildir, an mbox or .eml files
    (or, with no PATH, the IMAP folder of NEWSLETTER_BOUNCE_IMAP__*), print each message's
    verdict, and act: hard bounces count toward NEWSLETTER_BOUNCE_LIMIT, complaints
    unsubscribe at once. Never deletes mail: recognised messages move to a `processed`
    folder, unrecognised ones stay.

    \b
    Example:
      newsletter bounces process ~/Maildir/.Bounces
      newsletter bounces process failed-1.eml failed-2.eml
      NEWSLETTER_BOUNCE_IMAP__HOST=imap.example.com newsletter bounces process
    """
    from newsletter.bounce_mailbox import process_paths

    settings = _settings()
    if not paths and not settings.bounce_imap.host:
        raise click.UsageError(
            "give a Maildir, an mbox or .eml files, or set NEWSLETTER_BOUNCE_IMAP__HOST"
        )
    store = _store()
    try:
        if paths:
            report = process_paths(store, settings, paths, echo=click.echo)
        else:
            from newsletter.bounce_imap import process_imap

            report = process_imap(store, settings, echo=click.echo)
    finally:
        store.close()
    click.echo(report.summary())


@cli.group(context_settings=CONTEXT)
def dkim() -> None:
    """DKIM signing keys.

    \b
    Example:
      newsletter dkim keygen --selector nl2026 --domain news.example.com
    """


@dkim.command("keygen", context_settings=CONTEXT)
@click.option("--selector", required=True, help="The DKIM selector (s=), e.g. nl2026.")
@click.option("--domain", required=True, help="The signing domain (d=), the From domain.")
@click.option(
    "--algorithm",
    type=click.Choice(["rsa", "ed25519"]),
    default="rsa",
    show_default=True,
    help="RSA 2048 (every verifier) or Ed25519 (RFC 8463; sign with both for now).",
)
@click.option("--bits", type=click.IntRange(2048, 4096), default=2048, show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the private key (default: SELECTOR.DOMAIN.key here); never overwritten.",
)
def dkim_keygen(selector: str, domain: str, algorithm: str, bits: int, out: Path | None) -> None:
    """Make a key pair, write the private key (mode 600) and print the DNS TXT record.

    \b
    Example:
      newsletter dkim keygen --selector nl2026 --domain news.example.com
      export NEWSLETTER_DKIM__DOMAIN=news.example.com NEWSLETTER_DKIM__SELECTOR=nl2026
      export NEWSLETTER_DKIM__PRIVATE_KEY_FILE=$PWD/nl2026.news.example.com.key
    """
    from newsletter.dkim import keygen

    key_path, record_name, record = keygen(selector, domain, algorithm, bits, out)
    click.echo(f"private key written to {key_path} (keep it secret; mode 600)", err=True)
    click.echo(f"{record_name} IN TXT {record}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: the one place that turns a NewsletterError into one line and an exit code."""
    from newsletter.errors import NewsletterError

    try:
        cli.main(args=argv, prog_name="newsletter", standalone_mode=False)
    except NewsletterError as exc:
        for problem in getattr(exc, "problems", ()):  # e.g. why every line of a source was skipped
            click.echo(problem.line, err=True)
        if exc.exit_code == 0:
            click.echo(str(exc))
        else:
            click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code == 2 else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
