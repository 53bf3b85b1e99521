"""Consent and deliverability (issue 14): bounces, dkim."""

from __future__ import annotations

from pathlib import Path

import click

from newsletter.cli.app import CONTEXT, _audit, _settings, _store, cli


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
    """Read DSN bounces, ARF complaints, auto-replies and unsubscribe requests (the
    List-Unsubscribe mailto:, Subject "unsubscribe <token>") from a Maildir, an mbox or .eml
    files (or, with no PATH, the IMAP folder of NEWSLETTER_BOUNCE_IMAP__*), print each
    message's verdict, and act: hard bounces count toward NEWSLETTER_BOUNCE_LIMIT, complaints
    unsubscribe at once, and so does a request whose token verifies (else it is refused).
    Never deletes mail: recognised messages move to a `processed` folder (mail read from one
    stays there), unrecognised ones and refused requests stay.

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
        click.echo(report.summary())
        missing = report.missing_setting()
        if missing:
            click.echo(f"note: {missing}")
        # It changes readers (a hard bounce counts, a complaint unsubscribes): say who ran it.
        where = ", ".join(map(str, paths)) or f"IMAP {settings.bounce_imap.host}"
        _audit(store, "bounces.process", f"{where}: {report.summary()}")
    finally:
        store.close()


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
