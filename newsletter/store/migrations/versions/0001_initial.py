"""Initial schema: subscribers, issues, archive, the delivery ledger, locks, heartbeats.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out by hand rather than from the live metadata, so that this revision keeps creating
exactly this schema whatever newsletter/store/tables.py says later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "subscribers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("email_key", sa.String(320), nullable=False),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="active"),
        sa.Column("regions", sa.String(64), nullable=False, server_default=""),
        sa.Column("token_salt", sa.String(32), nullable=False),
        sa.Column("bounce_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("unsubscribed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_subscribers"),
        sa.UniqueConstraint("email_key", name="uq_subscribers_email_key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_subscribers_status_id", "subscribers", ["status", "id"])

    op.create_table(
        "issues",
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("subject", sa.String(500), nullable=False, server_default=""),
        sa.Column("payload", sa.JSON, nullable=True),
        sa.Column("state", sa.String(16), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("state_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("day", name="pk_issues"),
    )

    op.create_table(
        "archive",
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("html", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("day", name="pk_archive"),
    )

    op.create_table(
        "deliveries",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("subscriber_id", sa.Integer, nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("tries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("requeued", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TS, nullable=True),
        sa.Column("lease_until", TS, nullable=True),
        sa.Column("worker", sa.String(200), nullable=True),
        sa.Column("code", sa.Integer, nullable=True),
        sa.Column("detail", sa.String(500), nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.UniqueConstraint("day", "subscriber_id", name="uq_deliveries_day_subscriber_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_deliveries_day_status_id", "deliveries", ["day", "status", "id"])

    op.create_table(
        "locks",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("acquired_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_locks"),
    )

    op.create_table(
        "heartbeats",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("beat_at", TS, nullable=False),
        sa.Column("info", sa.Text, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("name", name="pk_heartbeats"),
    )


def downgrade() -> None:
    for table in ("heartbeats", "locks", "deliveries", "archive", "issues", "subscribers"):
        op.drop_table(table)
