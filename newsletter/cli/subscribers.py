"""Subscriber commands: add, import, list, export, remove."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsletter.cli.app import CONTEXT, _audit, _store, cli

if TYPE_CHECKING:
    from newsletter.models import SubscriberStatus


@cli.group(context_settings=CONTEXT)
def subscribers() -> None:
    """Add, import, list and remove subscribers.

    \b
    Example:
      newsletter subscribers import readers.csv
    """


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
        click.echo(_added(subscriber.email, created, was))
        _audit(store, f"subscriber.{'add' if created else 'update'}", subscriber.email)
    finally:
        store.close()


def _added(email: str, created: bool, was: SubscriberStatus | None) -> str:
    """What `subscribers add` did, from whether the row is new and the status it had."""
    from newsletter.models import SubscriberStatus

    if created:
        return f"added {email}"
    if was is SubscriberStatus.UNSUBSCRIBED:
        return f"re-subscribed {email} (they had opted out)"
    if was is SubscriberStatus.COMPLAINED:
        return f"re-subscribed {email} (they had complained)"
    if was is SubscriberStatus.BOUNCED:
        return f"re-activated {email} (it was marked bounced; count reset)"
    return f"updated {email}"


@subscribers.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def subscribers_import(file: Path) -> None:
    """Import a CSV with columns email,name,regions[,status]; bad rows are reported by line.

    \b
    A status of unsubscribed, complained or bounced (as `export` writes it) is kept:
    those readers are stored as left and never mailed. No import re-activates anyone.
    Example:
      newsletter subscribers import readers.csv
    """
    store = _store()
    try:
        report = store.import_csv(file)
        summary = report.summary()
        note = report.ignored_note(str(file))
        if note:
            click.echo(f"note: {note}", err=True)
        for problem in report.problems:
            click.echo(f"skipped {problem}", err=True)
        for repeated in report.notes:
            click.echo(f"note: {repeated}", err=True)
        click.echo(summary)
        _audit(store, "subscriber.import", f"{file}: {summary}")
    finally:
        store.close()
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

    store = _store(create=False)
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
    store = _store(create=False)
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
        # Personal data leaving the database: who took it, where, and how much.
        where = "standard output" if out is None else str(out)
        only = f" ({status} only)" if status else ""
        _audit(store, "subscriber.export", f"to {where}: {count} subscribers{only}")
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
        if before is None or not store.remove_subscriber(email):
            raise InputError(f"no subscriber {email}")
        click.echo(f"removed {email}")
        gone = before.status is not SubscriberStatus.ACTIVE
        if gone:
            # The row was the only record of their opt-out; nothing else stops a re-import.
            click.echo(
                f"warning: {email} was {before.status.value}; that record is gone too, so a "
                "later `subscribers import` or `add` would mail them again",
                err=True,
            )
        # Erasure: an audit log kept for ever must not keep the address it erased.
        detail = f" (was {before.status.value}: the record of that is gone too)" if gone else ""
        _audit(store, "subscriber.remove", f"subscriber {before.id}, address erased{detail}")
    finally:
        store.close()
