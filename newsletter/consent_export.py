"""`subscribers export`: every subscriber as CSV, with status and the consent record.

The first four columns are what `subscribers import` reads, so an export can be re-imported
elsewhere; the rest is the evidence a mailbox provider or a regulator may ask for.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import TYPE_CHECKING, TextIO

from newsletter.csv_cells import guard_cell
from newsletter.models import REGION_ORDER, SubscriberStatus
from newsletter.store.consent import iter_consent

if TYPE_CHECKING:
    from newsletter.store import Store

COLUMNS = (
    "email",
    "name",
    "status",
    "regions",
    "consent_method",
    "consent_at",
    "confirmed_at",
    "consent_ip",
    "created_at",
    "unsubscribed_at",
    "complained_at",
    "bounce_count",
)


def _iso(value: dt.datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def write_csv(store: Store, out: TextIO, status: SubscriberStatus | None = None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in iter_consent(store, status):
        writer.writerow(
            (
                row.email,
                guard_cell(row.name or ""),
                row.status,
                ",".join(r.value for r in REGION_ORDER if r in row.regions),
                row.consent_method or "",
                _iso(row.consent_at),
                _iso(row.confirmed_at),
                row.consent_ip or "",
                _iso(row.created_at),
                _iso(row.unsubscribed_at),
                _iso(row.complained_at),
                row.bounce_count,
            )
        )
        count += 1
    return count
