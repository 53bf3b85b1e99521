"""Service commands: schedule, serve, health; and the demo."""

from __future__ import annotations

import sys

import click

from newsletter.cli.app import CONTEXT, _day, _print_report, _settings, cli, date_option


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
