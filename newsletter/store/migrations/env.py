"""Alembic environment for newsletter's schema.

Run only through newsletter.store.migrate, which hands over an open connection (inside a
transaction, and on PostgreSQL under an advisory lock) in ``config.attributes["connection"]``.
There is no alembic.ini: operators never run the alembic CLI; ``Store.open`` upgrades.
"""

from __future__ import annotations

from alembic import context

from newsletter.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through newsletter.store.migrate.upgrade(), not the CLI")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
