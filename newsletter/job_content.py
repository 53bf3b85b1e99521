"""The runs that write no ledger row: the content stages (source, classify, assemble) that
every run starts with, and the preview, dry run and test send built on them.

They go through the same Personalizer and Renderer as a real send (newsletter/job.py), so what
they show is what a reader gets.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsletter.errors import InputError, NothingToSendError
from newsletter.models import Classified, DeliveryReport, Issue, Problem

if TYPE_CHECKING:
    from newsletter.mailers.base import Transport
    from newsletter.models import Override
    from newsletter.settings import Settings
    from newsletter.store import Store

log = logging.getLogger("newsletter.job")  # the run's logger, as before the split


@dataclass(frozen=True)
class SendOptions:
    source: str | None = None  # overrides NEWSLETTER_SOURCE for this run
    to: tuple[str, ...] = ()  # a test send to these addresses only; the ledger is untouched
    dry_run: bool = False  # build every message, send none
    resend_failed: bool = False  # give the failed rows of an issue another go
    force: bool = False  # start the issue over: reload the source, everyone gets it again


@dataclass(frozen=True)
class BuiltIssue:
    issue: Issue
    problems: list[Problem] = field(default_factory=list)
    location: str = ""


def build_issue(
    day: dt.date, settings: Settings, source: str | None = None, *, store: Store | None = None
) -> BuiltIssue:
    """Load, classify and assemble the day's summaries. Raises SourceError when the source
    cannot be read and NothingToSendError when it holds fewer than MIN_ITEMS summaries.
    `store`: the run's open store, for the review overrides (a send need not open the database
    a second time for them); without one they are read from settings.db_url."""
    return reviewed_issue(day, settings, classified_source(day, settings, source), store=store)


@dataclass(frozen=True)
class ClassifiedSource:
    """The first half of build_issue: the day's summaries loaded and classified."""

    classified: list[Classified]
    problems: list[Problem]
    location: str


def check_source_file(location: str | None, day: dt.date) -> None:
    """Raise the SourceError reading `location` would, when it names a local file that cannot
    be opened (missing, a folder, unreadable): a send checks this before it connects to the
    relay, which it does while the issue is built. URLs are only known when fetched."""
    if not location:
        return  # the bundled sample
    expanded = location.strip().replace("{date}", day.isoformat())  # sources.expand_location
    if "://" in expanded:
        return
    try:
        with Path(expanded).expanduser().open("rb"):
            return
    except OSError:
        from newsletter.sources.fetch import read_file

        read_file(expanded)  # raises, in the words a send's read would use


def classified_source(day: dt.date, settings: Settings, source: str | None) -> ClassifiedSource:
    """Load the day's summaries (their unusable lines logged) and classify them. The helper
    process of newsletter/prebuild.py runs this half before the review overrides are read."""
    from newsletter.classify import classify_all
    from newsletter.sources import load_summaries, sample_location

    location = source or settings.source or sample_location()
    loaded = load_summaries(location, day, settings.zone)
    for problem in loaded.problems:
        log.warning("%s", problem.line)
    return ClassifiedSource(
        classify_all(loaded.summaries), list(loaded.problems), loaded.location or location
    )


def reviewed_issue(
    day: dt.date,
    settings: Settings,
    got: ClassifiedSource,
    *,
    store: Store | None = None,
    overrides: dict[str, Override] | None = None,
) -> BuiltIssue:
    """The second half of build_issue: the editor's corrections applied (`overrides` when
    already read, else from `store` or settings.db_url), the issue assembled and checked."""
    from newsletter.assemble import assemble
    from newsletter.review import reviewed  # the editor's corrections, for every path

    issue = assemble(day, reviewed(day, settings, got.classified, store, overrides=overrides))
    if issue.item_count < settings.min_items:
        raise NothingToSendError(
            f"no e-mail for {day}: {got.location} has {issue.item_count} "
            f"usable summaries, fewer than NEWSLETTER_MIN_ITEMS={settings.min_items}"
        )
    return BuiltIssue(issue, got.problems, got.location)


def preview_issue(
    day: dt.date, settings: Settings, out_dir: Path, *, source: str | None = None
) -> list[Path]:
    """Write <day>.html (as the archive shows it), <day>.txt and <day>.eml (one reader's copy)."""
    from newsletter.deliver import Personalizer
    from newsletter.message import generic_html, generic_text
    from newsletter.render import Renderer
    from newsletter.tokens import PREVIEW_SALT

    built = build_issue(day, settings, source)
    renderer = Renderer(settings)
    rendered = renderer.render(built.issue)
    personalizer = Personalizer(built.issue, settings, renderer)
    template = personalizer.template_for(frozenset())
    assert template is not None
    eml = personalizer.message(
        template, subscriber_id=0, salt=PREVIEW_SALT, email="reader@example.com", name="Reader"
    )
    paths = [out_dir / f"{day.isoformat()}.{ext}" for ext in ("html", "txt", "eml")]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        paths[0].write_text(generic_html(rendered, settings), encoding="utf-8")
        paths[1].write_text(generic_text(rendered, settings), encoding="utf-8")
        paths[2].write_bytes(eml)
    except OSError as exc:
        raise InputError(f"--out {out_dir}: cannot write there ({exc.strerror})") from None
    return paths


def dry_run(
    day: dt.date, settings: Settings, options: SendOptions, store: Store, started: float
) -> DeliveryReport:
    """Build every reader's message exactly as a send would, and send none."""
    from newsletter.deliver import Personalizer
    from newsletter.render import Renderer

    built = build_issue(day, settings, options.source, store=store)
    personalizer = Personalizer(built.issue, settings, Renderer(settings))
    report = DeliveryReport(day=day, dry_run=True, problems=built.problems)
    from newsletter.models import SubscriberStatus

    for subscriber in store.iter_subscribers(SubscriberStatus.ACTIVE):
        template = personalizer.template_for(subscriber.regions)
        if template is None:
            report.skipped += 1
            continue
        salt = store.token_salt(subscriber.id) or "dry-run"
        personalizer.message(
            template,
            subscriber_id=subscriber.id,
            salt=salt,
            email=subscriber.email,
            name=subscriber.name,
        )
        report.built += 1  # would be sent; nothing was
    report.duration = time.monotonic() - started
    plural = "" if report.built == 1 else "s"
    report.message = f"dry run: {report.built} message{plural} built, none sent"
    return report


TEST_SEND_LIMIT = 50  # addresses per test send (CLI --to and the console alike)


def test_send(
    day: dt.date, settings: Settings, options: SendOptions, transport: Transport, started: float
) -> DeliveryReport:
    from email_validator import EmailNotValidError, validate_email

    from newsletter.deliver import Personalizer, send_to_addresses
    from newsletter.render import Renderer
    from newsletter.tokens import TEST_SALT

    if len(options.to) > TEST_SEND_LIMIT:
        raise InputError(
            f"{len(options.to)} addresses given for a test copy, which goes to at most"
            f" {TEST_SEND_LIMIT}: nothing was sent",
            hint="a test copy is for a few colleagues; add readers with `newsletter subscribers"
            " add` (or import) and send the issue to reach more",
        )
    addresses: list[str] = []
    first: dict[str, str] = {}  # the address as sent -> as first given
    repeated: list[Problem] = []
    for address in options.to:
        try:
            checked = validate_email(address, check_deliverability=False)
        except EmailNotValidError as exc:
            raise InputError(f"--to {address!r}: {exc}") from None
        if checked.smtputf8:
            # A non-ASCII domain is IDNA-encoded; a non-ASCII local part cannot be: it needs
            # SMTPUTF8 from every server on the way, which this newsletter does not use.
            raise InputError(
                f"--to {address}: the part before the @ is not ASCII, so this address cannot"
                " be sent to without SMTPUTF8 (not used here)",
                hint="check the address; the reader may have an ASCII one",
            )
        # normalized: the domain lower-cased (and IDNA), the part before the @ as given
        if checked.normalized in first:
            earlier = first[checked.normalized]
            said = (
                "given twice: one test copy goes to it" if earlier == address else
                f"the same address as {earlier} (a domain's case does not matter): one test"
                " copy goes to it"
            )
            repeated.append(Problem(address, said, kept=True))
            continue
        first[checked.normalized] = address
        addresses.append(checked.normalized)
    built = build_issue(day, settings, options.source)
    personalizer = Personalizer(built.issue, settings, Renderer(settings), test=True)
    report = DeliveryReport(day=day, test_send=True, problems=[*repeated, *built.problems])
    if options.dry_run:
        template = personalizer.template_for(frozenset())
        assert template is not None
        for address in addresses:
            personalizer.message(
                template, subscriber_id=0, salt=TEST_SALT, email=address, name=None
            )
        report.dry_run = True
        report.built = len(addresses)  # would be sent; nothing was
        plural = "" if len(addresses) == 1 else "s"
        report.message = f"dry run: {len(addresses)} test message{plural} built, none sent"
        report.duration = time.monotonic() - started
        return report
    for address, outcome in send_to_addresses(
        addresses, transport=transport, personalizer=personalizer, sender=settings.sender_address
    ):
        setattr(report, outcome.status.value, getattr(report, outcome.status.value) + 1)
        if not outcome.delivered:
            reply = f"{outcome.code or ''} {outcome.detail}".strip()
            report.problems.append(Problem(address, f"not delivered: {reply}"))
    report.duration = time.monotonic() - started
    return report
