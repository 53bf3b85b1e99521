"""The operator console from the command line: review, operators."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsletter.cli.app import (
    CONTEXT,
    _actor,
    _day,
    _settings,
    _store,
    cli,
    date_option,
    missing_database,
    source_option,
)


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
    changing = move is not None or drop is not None or reset is not None
    # Only a correction is worth a new database: a listing without one has nothing stored,
    # and says so (a wrong DATA_DIR would otherwise hide the corrections made elsewhere).
    missing = None if changing else missing_database(settings)
    if missing is not None:
        click.echo(f"note: {missing}; listing the classifier's answers only", err=True)
    store = _store() if missing is None else None
    try:
        current = reviewing.load_review(day, settings, store, source)
        for problem in current.problems:
            click.echo(problem.line, err=True)  # "note …: kept;" or "skipped", as preview says
        if move is not None:
            number, name = move
            try:
                region = Region.parse(name)
            except ValueError as exc:
                raise InputError(f"--move {number} {name}: {exc}") from None
            if not reviewing.move(store, current, number, region, who, "cli"):
                click.echo(f"note: {reviewing.already_there(number, region)}", err=True)
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
        if store is not None:
            store.close()
    for warning in current.warnings:
        click.echo(f"warning: issue {day}: {warning}", err=True)
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
    from newsletter.store.console import add_operator, audit, operator_named

    check_name(name)
    password = _read_password(password_file)
    store = _store()
    try:
        if not add_operator(store, name, hash_password(password)):
            taken = operator_named(store, name) or name
            same = "" if taken == name else f" as {taken} (names are unique regardless of case)"
            raise InputError(
                f"operator {name} exists already{same}",
                hint=f"`operators passwd {taken}` changes a password",
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

    store = _store(create=False)
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
        removed = remove_operator(store, name)
        if removed is None:
            raise InputError(f"no operator {name}", hint="`newsletter operators list` names them")
        audit(store, _actor(None), "cli", "operator.remove", removed)
    finally:
        store.close()
    click.echo(f"removed operator {removed}")


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
    from newsletter.store.console import audit, operator_named, set_password_hash

    store = _store()
    try:
        # Before the password is asked for: a mistyped name must not cost a password typed
        # twice, nor be reported as a problem with the password. Any case finds them.
        if operator_named(store, name) is None:
            raise InputError(f"no operator {name}", hint="`newsletter operators add` adds one")
        password = _read_password(password_file)
        changed = set_password_hash(store, name, hash_password(password))
        if changed is None:
            raise InputError(f"no operator {name}", hint="`newsletter operators add` adds one")
        audit(store, _actor(None), "cli", "operator.passwd", changed)
    finally:
        store.close()
    click.echo(f"password changed for {changed}; their sessions are ended")
