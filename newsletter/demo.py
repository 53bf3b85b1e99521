"""`newsletter demo`: the whole job once, on embedded defaults, where it cannot hurt anyone.

The bundled sample day goes to the bundled sample readers through the same `run_issue` as a
real send, into the outbox (.eml files). Everything lives in DATA_DIR/demo: its own SQLite
file, key and outbox. So a demo never mails anyone (no relay is ever contacted, whatever
NEWSLETTER_SMTP__HOST says), never reads or adds to the real subscriber list, and never seals
a real issue; and `send` on a deployment whose list is empty still refuses.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsletter.models import DeliveryReport
    from newsletter.settings import Settings

DEMO_FOLDER = "demo"
SAMPLE_READERS = "subscribers.csv"
# An address that cannot be delivered (RFC 2606's .invalid) marks every demo message as such.
DEMO_SENDER = "Morning Brief DEMO <demo@newsletter.invalid>"


@dataclass(frozen=True)
class DemoResult:
    report: DeliveryReport
    data_dir: Path
    outbox: Path
    messages: list[Path]


def demo_settings(settings: Settings) -> Settings:
    """The operator's settings with everything that could reach a real reader replaced:
    only the language, time zone and templates (how the mail looks) are kept."""
    from newsletter.render import LABELS
    from newsletter.settings import SmtpSettings

    return settings.model_copy(
        update={
            "data_dir": settings.data_dir / DEMO_FOLDER,
            "database_url": None,
            "source": None,  # the bundled sample day
            "transport": "outbox",
            "outbox_dir": None,
            "smtp": SmtpSettings(),
            "secret_key": None,  # one generated into the demo folder, not the real key
            "secret_key_file": None,
            "public_url": "http://localhost:8000",
            "sender": DEMO_SENDER,
            "reply_to": None,
            "list_id": None,
            "unsubscribe_mailto": None,
            "title": f"{settings.title or LABELS[settings.locale]['title']} DEMO",
            "min_items": 1,
        }
    )


def run_demo(settings: Settings, day: dt.date) -> DemoResult:
    """Send `day`'s sample issue to the sample readers, into DATA_DIR/demo/outbox/<day>/.
    Run again, it starts over: the folder then holds exactly this run's messages."""
    from newsletter.job import SendOptions, run_issue
    from newsletter.mailers.outbox import OutboxTransport
    from newsletter.store import Store

    demo = demo_settings(settings)
    outbox = OutboxTransport(demo.outbox_path, day=day).folder
    with Store.open(demo.db_url, hint_setting="NEWSLETTER_DATA_DIR") as store:
        readers = importlib.resources.files("newsletter.sample").joinpath(SAMPLE_READERS)
        with importlib.resources.as_file(readers) as path:
            store.import_csv(path)
        # A demo run again starts over, in its own database and folder only: last run's
        # ledger would say "already sent" and its files would read as this run's.
        store.delete_issue(day)
        for old in outbox.glob("*.eml") if outbox.is_dir() else ():
            with contextlib.suppress(FileNotFoundError):
                old.unlink()
        report = run_issue(day, demo, SendOptions(), store=store)
    return DemoResult(report, demo.data_dir, outbox, sorted(outbox.glob("*.eml")))


def describe(result: DemoResult) -> list[str]:
    """What the operator reads after a demo: where the mail is, how to look at it, what next."""
    count = len(result.messages)
    here = Path.cwd()

    def shown(path: Path) -> str:
        with contextlib.suppress(ValueError):
            return str(path.absolute().relative_to(here))
        return str(path.absolute())

    lines = [
        f"DEMO: the bundled sample day, sent to the {count} sample readers as .eml files. "
        "Nothing was mailed, and your own subscriber list was not read or changed.",
        f"  messages:  {shown(result.outbox)}/",
    ]
    if result.messages:
        first = shown(result.messages[0])
        lines += [
            f"  read one:  newsletter show {first}",
            "             (the file is what goes over SMTP: its parts are base64, which `less`"
            " shows as is; add --html for the HTML part)",
            "             or open it in a mail program (Thunderbird: File > Open > Saved"
            " Message; Apple Mail and Outlook open .eml files directly)",
        ]
    lines += [
        f"  demo data: {shown(result.data_dir)}/ (its own database; delete it when done)",
        "To send for real: `newsletter subscribers import FILE.csv`, set NEWSLETTER_SMTP__HOST"
        " (README, \"Sending for real\"), then `newsletter send`.",
    ]
    return lines
