"""Queueing while sending: when the leader finished queueing an issue's ledger rows.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

The leader queues the first readers, starts sending, and queues the rest in chunks while the
first messages are on the wire (issue 12: queueing a million rows took 2.3 s before the first
message could go). ``issues.queued_at`` is set when every active reader has a row: until then
a run that resumes the issue (after a crash) queues the rest first, and no sender concludes
that the issue is finished. Issues queued before this revision were queued whole at once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("issues") as batch:
        batch.add_column(sa.Column("queued_at", TS, nullable=True))
    # Every issue begun before this revision was queued whole, in one statement.
    op.execute("UPDATE issues SET queued_at = COALESCE(state_at, updated_at)")


def downgrade() -> None:
    with op.batch_alter_table("issues") as batch:
        batch.drop_column("queued_at")
