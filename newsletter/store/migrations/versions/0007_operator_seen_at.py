"""When each operator was last seen in the console, kept past the end of their sessions.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

`operators list` read "last seen" from the operator's sessions only, so an operator who logged
in, worked and logged out (which deletes the session) was listed as never seen. The login and
every authenticated request now set ``operators.seen_at``. Operators from before this revision
start with the newest of their live sessions, if any.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.add_column(sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE operators SET seen_at = (SELECT MAX(s.seen_at) FROM operator_sessions s"
        " WHERE s.operator = operators.name)"
    )


def downgrade() -> None:
    with op.batch_alter_table("operators") as batch:
        batch.drop_column("seen_at")
