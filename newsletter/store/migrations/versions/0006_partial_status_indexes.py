"""The deliveries' (day, status, id) index becomes partial indexes that leave out 'sent'.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Issue 12 (perf-db2): every message moved its row's entry in (day, status, id) twice, pending ->
sending -> sent, through a tree of a million entries a day. Now the claim walks the pending or
the deferred rows by id in their own index; rows in flight ('sending') and the rare ends
('failed', 'unknown', 'skipped') share one more, for recovery, the dead-worker takeover, the
console and the run's summary; a 'sent' row, the bulk of a day, is in none. Each index keeps
(day, status, id), so that counting a status reads index entries only. The definitions are
newsletter.store.tables.PARTIAL_STATUS_INDEXES, written out here so that this revision does not
change if that module does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_INDEXES: dict[str, tuple[list[str], str]] = {
    "ix_deliveries_pending": (["day", "status", "id"], "status = 'pending'"),
    "ix_deliveries_deferred": (["day", "status", "id"], "status = 'deferred'"),
    "ix_deliveries_rest": (
        ["day", "status", "id"],
        "status = 'sending' OR status = 'failed' OR status = 'unknown' OR status = 'skipped'",
    ),
}


def upgrade() -> None:
    op.drop_index("ix_deliveries_day_status_id", table_name="deliveries")
    for name, (columns, where) in _INDEXES.items():
        op.create_index(
            name,
            "deliveries",
            columns,
            sqlite_where=sa.text(where),
            postgresql_where=sa.text(where),
        )


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, table_name="deliveries")
    op.create_index("ix_deliveries_day_status_id", "deliveries", ["day", "status", "id"])
