"""The tables, as SQLAlchemy Core metadata: what the store's queries are written against.

The schema itself is created and changed only by the Alembic migrations in ``migrations/``;
this module must describe the same columns as the newest migration (a test checks that).

Every timestamp is stored in UTC: ``timestamptz`` on PostgreSQL, ISO text on SQLite, where it
comes back naive and ``UTCDateTime`` puts the zone back. Comparisons in SQL (lease and lock
expiry) are then correct on both: SQLite compares the text, whose format is fixed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    literal_column,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator

from newsletter.models import DeliveryStatus

UTC = dt.UTC

# Constraint names are fixed so that later migrations can refer to them on both databases.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC in, aware UTC out; a naive value is a bug in the caller, not a guess."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} (use timezone-aware UTC)")
        value = value.astimezone(UTC)
        # SQLite keeps text without an offset; every stored value is UTC, so drop it.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# 64-bit ids on PostgreSQL (a year of a million-reader list is 365 M ledger rows);
# on SQLite only a plain INTEGER PRIMARY KEY is the rowid.
BigId = BigInteger().with_variant(Integer(), "sqlite")

subscribers = Table(
    "subscribers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(320), nullable=False),  # as normalised by email-validator
    Column("email_key", String(320), nullable=False),  # lower-cased: the identity
    Column("name", String(200), nullable=True),
    Column("status", String(16), nullable=False, server_default="active"),
    Column("regions", String(64), nullable=False, server_default=""),  # "" = every region
    Column("token_salt", String(32), nullable=False),
    Column("bounce_count", Integer, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("unsubscribed_at", UTCDateTime, nullable=True),
    # Consent (issue 14): how ("form", "import", "operator"), when, and for the form the
    # confirmation time and the client address that confirmed.
    Column("consent_method", String(16), nullable=True),
    Column("consent_at", UTCDateTime, nullable=True),
    Column("confirmed_at", UTCDateTime, nullable=True),
    Column("consent_ip", String(64), nullable=True),
    Column("complained_at", UTCDateTime, nullable=True),
    UniqueConstraint("email_key"),
    Index(None, "status", "id"),
    # Ids are never reused, so a ledger row of a removed reader never names a newcomer.
    sqlite_autoincrement=True,
)

issues = Table(
    "issues",
    metadata,
    Column("day", Date, primary_key=True),
    Column("subject", String(500), nullable=False, server_default=""),
    Column("payload", JSON, nullable=True),  # None: only the state is known (mark_issue)
    Column("state", String(16), nullable=True),  # None | "sending" | "done"
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("state_at", UTCDateTime, nullable=True),
    # When every active reader had a ledger row (migration 0005): the leader queues while it
    # sends; until this is set, the issue is not finished whatever the ledger says.
    Column("queued_at", UTCDateTime, nullable=True),
)

archive = Table(
    "archive",
    metadata,
    Column("day", Date, primary_key=True),
    Column("subject", String(500), nullable=False),
    Column("html", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# No foreign key to subscribers: the ledger is a record of what was sent to which address and
# outlives the reader; it carries its own copy of the address. (A foreign key would also make
# every subscriber removal scan the ledger.)
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("day", Date, nullable=False),
    Column("subscriber_id", Integer, nullable=False),
    Column("email", String(320), nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),  # over all runs
    Column("tries", Integer, nullable=False, server_default="0"),  # in this run
    Column("requeued", Integer, nullable=False, server_default="0"),  # unknown -> pending, once
    Column("next_attempt_at", UTCDateTime, nullable=True),
    Column("lease_until", UTCDateTime, nullable=True),
    Column("worker", String(200), nullable=True),
    Column("code", Integer, nullable=True),
    Column("detail", String(500), nullable=False, server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("bounce", String(200), nullable=True),  # a later bounce or complaint (issue 14)
    Column("bounced_at", UTCDateTime, nullable=True),
    UniqueConstraint("day", "subscriber_id"),
    sqlite_autoincrement=True,
)

# The deliveries' status indexes are partial (issue 12, perf-db2; docs/scale.md). One
# (day, status, id) index moved each row's entry twice, pending -> sending -> sent, and each move
# is a B-tree delete and insert (~4k instructions in callgrind). Now a row leaves the pending
# index when claimed, passes through the small 'rest' one while in flight and has no entry once
# sent (the bulk of a day): its count is the day's rows less the others. 'sending' shares the
# index of the rare ends because an index of its own cost ~2k instructions a message more in
# SQLite evaluating one more index's WHERE on every update; without any (measured: another ~6k
# a message less) recovery and the dead-worker takeover would read every row of the day.
# Each keeps (day, status, id) so that a count of a status reads index entries only. A query
# must name the status as a constant (`status_is`), or the planner cannot use them.
# migrations/versions/0006_partial_status_indexes.py makes the same indexes, with the same WHERE
# on PostgreSQL too. Here only `sqlite_where`: a `postgresql_where` would make SQLAlchemy import
# its PostgreSQL dialect in every process, SQLite's too (19 modules, +3.5 MB of RSS at the start
# of a send: bench/throughput.py at 1,000,000 put the tree at 99.0 MB against 96.7).
PARTIAL_STATUS_INDEXES: dict[str, tuple[tuple[str, ...], str]] = {
    "ix_deliveries_pending": (("day", "status", "id"), "status = 'pending'"),
    "ix_deliveries_deferred": (("day", "status", "id"), "status = 'deferred'"),
    # In flight and the rare ends, one index: `status = 'failed'` in a query implies this OR on
    # both databases (SQLite's planner would not match an IN list). 'sending' first: the
    # common updates (pending -> sending -> sent) stop at the first term that matches.
    "ix_deliveries_rest": (
        ("day", "status", "id"),
        "status = 'sending' OR status = 'failed' OR status = 'unknown' OR status = 'skipped'",
    ),
}
for _name, (_columns, _where) in PARTIAL_STATUS_INDEXES.items():
    Index(
        _name,
        *(deliveries.c[c] for c in _columns),
        sqlite_where=text(_where),
    )


def status_is(status: str) -> ColumnElement[bool]:
    """`deliveries.status = '<status>'` with the status as a constant in the statement's text
    (a bound parameter would hide from the planner which partial index applies). Only the
    ledger's own status names, never a value from outside."""
    value = DeliveryStatus(status).value
    return deliveries.c.status == literal_column(f"'{value}'", String)


locks = Table(
    "locks",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("acquired_at", UTCDateTime, nullable=False),
)

heartbeats = Table(
    "heartbeats",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("beat_at", UTCDateTime, nullable=False),
    Column("info", Text, nullable=False, server_default=""),
)

# ---- the operator console (migration 0004) ---------------------------------------------------

# An editor's correction of one item of one day's issue. The item is named by a hash of its
# URL, else of its text (see newsletter.review.item_key), not by its position, so a source that
# gains a line later in the morning does not move a correction onto another story.
review_overrides = Table(
    "review_overrides",
    metadata,
    Column("day", Date, primary_key=True),
    Column("item_key", String(32), primary_key=True),
    Column("action", String(8), nullable=False),  # "move" | "drop"
    Column("region", String(16), nullable=True),  # the new region of a move
    Column("headline", String(300), nullable=False, server_default=""),  # for people reading
    Column("actor", String(100), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

operators = Table(
    "operators",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("password_hash", String(200), nullable=False),  # Argon2id, PHC string
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Their last login or authenticated console request; kept when the session ends (0007).
    Column("seen_at", UTCDateTime, nullable=True),
)

# Only a SHA-256 of each session id is kept: a copy of the database logs nobody in.
operator_sessions = Table(
    "operator_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("operator", String(100), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Index(None, "operator"),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index(None, "at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    # "cli" | "console" | "ledger" (resend.replies: the relay's replies kept before a resend)
    # | "job" (send.stopped: why a run stopped, for `status`)
    Column("via", String(16), nullable=False),
    Column("action", String(40), nullable=False),
    Column("day", Date, nullable=True),
    Column("detail", Text, nullable=False, server_default=""),
    Index(None, "at"),
    sqlite_autoincrement=True,
)

# ---- issue 14: consent and deliverability ----------------------------------------------------

# A double opt-in request, until it is confirmed (used_at) or expires. Kept afterwards as the
# record of what was asked for, and counted for the per-address rate limit.
signups = Table(
    "signups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(320), nullable=False),
    Column("email_key", String(320), nullable=False),
    Column("name", String(200), nullable=True),
    Column("regions", String(64), nullable=False, server_default=""),
    Column("nonce", String(32), nullable=False),
    Column("client", String(64), nullable=False, server_default=""),
    Column("mailed", Boolean, nullable=False, server_default=false()),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime, nullable=True),
    Index(None, "email_key", "created_at"),
    sqlite_autoincrement=True,
)

# One row per bounce, complaint or relay notification acted on; event_key (the report's
# Message-ID, the SNS MessageId, the Mailgun token) makes a replay change nothing.
bounce_events = Table(
    "bounce_events",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("event_key", String(200), nullable=False),
    Column("source", String(16), nullable=False),  # dsn, arf, ses, mailgun, mailto
    Column("kind", String(16), nullable=False),  # hard, soft, complaint, feedback, unsubscribe
    Column("day", Date, nullable=True),
    Column("subscriber_id", Integer, nullable=True),
    Column("email", String(320), nullable=True),
    Column("status_code", String(16), nullable=True),
    Column("detail", String(500), nullable=False, server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("event_key"),
    Index(None, "day", "kind"),
    sqlite_autoincrement=True,
)
