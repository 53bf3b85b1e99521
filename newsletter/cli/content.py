"""Content commands: preview, classify, show."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsletter.cli.app import CONTEXT, _day, _settings, cli, date_option, source_option


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


# What a reader's mail program shows above the text, and what an operator checks in a copy.
_SHOWN_HEADERS = ("From", "To", "Subject", "Date", "List-Unsubscribe")


@cli.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--html", "as_html", is_flag=True, help="Print the HTML part instead of the text.")
def show(file: Path, as_html: bool) -> None:
    """Show an .eml file readable: its headers decoded and its text part, as a reader sees it.

    The outbox and preview .eml files are exactly what goes over SMTP, where both parts are
    base64; `less` shows only that.

    \b
    Example:
      newsletter show newsletter-data/demo/outbox/2025-02-11/1-minji.kim@example.com.eml
      newsletter show preview/2025-02-11.eml --html > issue.html
    """
    from email import message_from_bytes, policy

    from newsletter.errors import InputError

    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: cannot read it ({exc.strerror or exc})") from None
    message = message_from_bytes(raw, policy=policy.default)
    part = message.get_body(("html",) if as_html else ("plain",))
    if part is None or not message.keys():
        kind = "an HTML" if as_html else "a text"
        raise InputError(f"{file}: not an e-mail message with {kind} part")
    try:
        content = part.get_content()
    except (LookupError, ValueError) as exc:
        what = part.get_content_type()
        raise InputError(f"{file}: its {what} part cannot be decoded ({exc})") from None
    if not as_html:
        for name in _SHOWN_HEADERS:
            if message[name] is not None:
                click.echo(f"{name}: {message[name]}")
        click.echo()
    # The part is CRLF as SMTP wants it; a terminal's lines end in \n, and a URL cut from the
    # output must not carry a \r (the file on disk stays as it is).
    click.echo(content.replace("\r\n", "\n").rstrip("\n"))
