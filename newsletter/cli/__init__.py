"""The `newsletter` command: a thin shell over the library.

Parse arguments, read settings once, call the library, print, and map errors to exit codes
in one place (`main`). Heavy modules are imported inside commands so `--help` stays instant.

Exit codes: 0 done, 1 some deliveries failed or are still owed (also: the database went away
mid-send), 2 bad configuration or input, 3 the issue is being sent by another run, 4 the relay
cannot be used at all or refuses the message itself. `status --date D` exits 0 done, 1 owed or
failed, 2 no database there (none is created), 3 a live run holds the issue.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsletter.cli import console, content, deliverability, running, sending, subscribers
    from newsletter.cli.app import cli
    from newsletter.cli.sending import STATUS_EXIT, issue_state

__all__ = [
    "STATUS_EXIT",
    "cli",
    "console",
    "content",
    "deliverability",
    "issue_state",
    "main",
    "running",
    "sending",
    "subscribers",
]

_COMMAND_MODULES = ("console", "content", "deliverability", "running", "sending", "subscribers")


def __getattr__(name: str) -> Any:
    """`cli` and the rest, on first use: importing this package is cheap, so `main` can start
    a send's helper process before click and the commands are imported
    (newsletter/prebuild_spawn.py)."""
    if name in __all__:
        _load_commands()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _load_commands() -> None:
    import importlib

    # The command modules register their commands on `cli` when imported.
    for module in _COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    from newsletter.cli.app import cli
    from newsletter.cli.sending import STATUS_EXIT, issue_state

    globals().update(cli=cli, STATUS_EXIT=STATUS_EXIT, issue_state=issue_state)


def main(argv: list[str] | None = None) -> None:
    """Entry point: the one place that turns a NewsletterError into one line and an exit code."""
    from newsletter.startup import pause_gc

    pause_gc()  # while the command imports and starts up; see newsletter/startup.py
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["send"]:
        from newsletter.prebuild_spawn import discard_early, start_early

        start_early(args[1:])  # before click and the commands are imported
        try:
            _run(args)
        finally:
            discard_early()
    else:
        _run(args)


def _run(args: list[str]) -> None:
    import atexit

    import click

    from newsletter.errors import NewsletterError

    _load_commands()
    atexit.register(_spare_the_teardown)
    try:
        cli.main(args=args, prog_name="newsletter", standalone_mode=False)
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


def _spare_the_teardown() -> None:
    """At interpreter exit, keep the cycle collector's hands off what is alive by then.

    The teardown after a command collects cycles over every object still alive (the imported
    SQLAlchemy, pydantic, lxml, premailer ... about 80,000 of them), several times, to free
    memory the kernel takes back at once anyway: 0.1-0.15 s of CPU and wall at the end of every
    `newsletter send` (bench/throughput.py's "not in a thread"), about 5 % of a run to 10,000
    readers. Frozen objects are still freed by reference count as the modules are cleared; what
    is skipped is finalisers on objects held only by a cycle, and nothing of ours relies on one
    at exit: stdout and stderr are flushed by the interpreter and the log handlers by
    logging's own exit handler, whatever their order with this one; the store, the journal
    and every connection are closed explicitly before the command returns; the journal is
    written unbuffered (os.write) and fsynced, the ledger committed.

    An exit handler, not a call at the end of main(): only the process's exit is affected,
    never a caller that goes on after main() returns."""
    import gc

    gc.freeze()
