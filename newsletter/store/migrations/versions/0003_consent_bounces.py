"""Consent and deliverability: consent per subscriber, pending sign-ups, bounce events.

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-03

subscribers gains how and when each reader consented (form / import / operator) and when a
form sign-up was confirmed; deliveries gains the bounce or complaint that came back for it;
signups holds double opt-in requests until they are confirmed or expire; bounce_events is
one row per processed bounce, complaint or relay notification (its unique key makes a
replayed webhook or a re-read mailbox change nothing).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("subscribers") as batch:
        batch.add_column(sa.Column("consent_method", sa.String(16), nullable=True))
        batch.add_column(sa.Column("consent_at", TS, nullable=True))
        batch.add_column(sa.Column("confirmed_at", TS, nullable=True))
        batch.add_column(sa.Column("consent_ip", sa.String(64), nullable=True))
        batch.add_column(sa.Column("complained_at", TS, nullable=True))
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("bounce", sa.String(200), nullable=True))
        batch.add_column(sa.Column("bounced_at", TS, nullable=True))

    op.create_table(
        "signups",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("email_key", sa.String(320), nullable=False),
        sa.Column("name", sa.String(200), nullable=True),
        sa.Column("regions", sa.String(64), nullable=False, server_default=""),
        sa.Column("nonce", sa.String(32), nullable=False),
        sa.Column("client", sa.String(64), nullable=False, server_default=""),
        sa.Column("mailed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_signups"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_signups_email_key_created_at", "signups", ["email_key", "created_at"])

    op.create_table(
        "bounce_events",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("event_key", sa.String(200), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("day", sa.Date, nullable=True),
        sa.Column("subscriber_id", sa.Integer, nullable=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("status_code", sa.String(16), nullable=True),
        sa.Column("detail", sa.String(500), nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bounce_events"),
        sa.UniqueConstraint("event_key", name="uq_bounce_events_event_key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_bounce_events_day_kind", "bounce_events", ["day", "kind"])


def downgrade() -> None:
    op.drop_table("bounce_events")
    op.drop_table("signups")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("bounced_at")
        batch.drop_column("bounce")
    with op.batch_alter_table("subscribers") as batch:
        for name in ("complained_at", "consent_ip", "confirmed_at", "consent_at", "consent_method"):
            batch.drop_column(name)
