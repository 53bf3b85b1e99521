"""Content commands: preview, classify."""

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
